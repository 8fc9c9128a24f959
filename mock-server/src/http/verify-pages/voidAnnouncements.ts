/** The /void-announcements page: paper certificates announced void (公告作废), searchable by number. */
import { page } from './layout';

export const VOID_PAGE = page(
  '纸质证书公告作废查询',
  '台州市不动产登记 · 改革后办理登记的原纸质证书不再收回，一律公告作废',
  `<section aria-labelledby="search-title">
  <h2 id="search-title">按证书号查询</h2>
  <form id="void-form">
    <label for="void-input">不动产权证书号（例如 浙(2020)台州市不动产权第0006488号，可只输入部分）</label>
    <input type="text" id="void-input" autocomplete="off">
    <button type="submit">查询</button>
  </form>
  <p id="void-status" class="hint" role="status" aria-live="polite"></p>
</section>
<section aria-labelledby="list-title">
  <h2 id="list-title">公告作废的证书</h2>
  <table>
    <caption class="hint" style="text-align:left">公告作废后，原纸质证书不能再用于办理任何业务</caption>
    <thead><tr><th scope="col">证书号</th><th scope="col">坐落</th><th scope="col">公告时间</th></tr></thead>
    <tbody id="void-list"></tbody>
  </table>
</section>
<p class="hint"><a href="/verify">核验电子证照</a></p>`,
  '/void-announcements/app.js',
);

export const VOID_SCRIPT = String.raw`(function () {
  'use strict';
  var items = [];
  var norm = function (s) { return String(s).replace(/（/g, '(').replace(/）/g, ')').replace(/\s/g, ''); };
  function render(q) {
    var list = document.getElementById('void-list');
    list.textContent = '';
    var shown = items.filter(function (x) { return !q || norm(x.certificateNumber).indexOf(norm(q)) >= 0; });
    shown.forEach(function (x) {
      var tr = document.createElement('tr');
      [x.certificateNumber, x.location, window.beijingTime.date(x.announcedAt)].forEach(function (t) {
        var td = document.createElement('td'); td.textContent = t; tr.appendChild(td);
      });
      list.appendChild(tr);
    });
    document.getElementById('void-status').textContent = q
      ? (shown.length ? '找到 ' + shown.length + ' 条公告作废记录' : '没有找到该证书号的作废公告')
      : '共 ' + items.length + ' 条公告作废记录';
  }
  fetch('/api/v1/void-announcements').then(function (r) { return r.json(); }).then(function (b) {
    items = b.items || [];
    render(document.getElementById('void-input').value.trim());
  }).catch(function () {
    document.getElementById('void-status').textContent = '无法加载公告，请稍后重试';
  });
  document.getElementById('void-form').addEventListener('submit', function (e) {
    e.preventDefault();
    render(document.getElementById('void-input').value.trim());
  });
})();
`;
