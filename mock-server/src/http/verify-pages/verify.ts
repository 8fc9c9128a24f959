/**
 * The /verify page for verifiers without the app: paste a token or verify URL, scan with the
 * camera, pick a photo of the QR code, or type the 6-digit code; no login. The seal is checked
 * in the browser first (sm2.ts), then the registry answers with the status now. The QR decoder
 * (jsQR) loads only when the camera or a photo is used.
 */
import { page } from './layout';

export const VERIFY_PAGE = page(
  '电子证照核验',
  '台州市不动产登记 · 无需登录，任何人都可核验',
  `<section aria-labelledby="scan-title">
  <h2 id="scan-title">扫描亮证码</h2>
  <p class="hint">请持证人在“掌上不动产”中点“亮证”，对准二维码扫描；也可以选择一张二维码照片。</p>
  <button type="button" id="scan-start">打开摄像头扫码</button>
  <button type="button" id="scan-stop" class="secondary" hidden>停止扫码</button>
  <label class="file-label" for="scan-file">选择二维码图片<input type="file" id="scan-file" accept="image/*"></label>
  <video id="scan-video" playsinline muted hidden aria-label="摄像头画面"></video>
  <p id="scan-status" class="hint" role="status" aria-live="polite"></p>
</section>
<section aria-labelledby="code-title">
  <h2 id="code-title">输入6位核验码</h2>
  <form id="code-form">
    <label for="code-input">核验码（持证人亮证页面上的6位数字）</label>
    <input type="text" id="code-input" inputmode="numeric" autocomplete="off" maxlength="6" pattern="[0-9]{6}">
    <button type="submit">核验</button>
  </form>
</section>
<section aria-labelledby="token-title">
  <h2 id="token-title">粘贴亮证码</h2>
  <form id="token-form">
    <label for="token-input">亮证码或核验链接</label>
    <textarea id="token-input" rows="3" autocomplete="off" spellcheck="false"></textarea>
    <button type="submit">核验</button>
  </form>
</section>
<section id="result" class="result" aria-labelledby="result-title" tabindex="-1" hidden>
  <h2 id="result-title">核验结果</h2>
  <p id="verdict" class="verdict" role="alert"></p>
  <p id="result-message"></p>
  <dl id="result-fields"></dl>
</section>
<p class="hint">核验以登记机构实时状态为准。亮证码有效期最长5分钟，截图或过期的码不能通过核验。
<a href="/void-announcements">查询公告作废的纸质证书</a></p>`,
  '/verify/app.js',
);

export const VERIFY_SCRIPT = String.raw`(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var busy = false;
  function show(kind, verdict, message, rows) {
    var box = $('result');
    box.hidden = false;
    box.className = 'result ' + kind;
    $('verdict').textContent = verdict;
    $('result-message').textContent = message || '';
    var dl = $('result-fields');
    dl.textContent = '';
    (rows || []).forEach(function (r) {
      var dt = document.createElement('dt'); dt.textContent = r[0];
      var dd = document.createElement('dd'); dd.textContent = r[1];
      dl.appendChild(dt); dl.appendChild(dd);
    });
    box.focus();
  }
  // Beijing time from the server's time module (verify-pages/time.ts, sent ahead of this script)
  function time(iso) { return window.beijingTime.second(iso) || iso; }
  // the seal is checked here first with the registry's public key (fetched once): a forged token
  // is refused without asking the registry; then the registry answers with the status now
  var cryptoP, keyP;
  function loadCrypto() {
    if (cryptoP) return cryptoP;
    cryptoP = new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = '/verify/sm2.js';
      s.onload = function () { resolve(window.HeSm2); };
      s.onerror = function () { cryptoP = undefined; reject(new Error('sm2')); };
      document.head.appendChild(s);
    });
    return cryptoP;
  }
  function registryKey() {
    if (!keyP) {
      keyP = fetch('/api/v1/registry/public-key').then(function (r) {
        if (!r.ok) throw new Error('key');
        return r.json();
      });
      keyP.catch(function () { keyP = undefined; });
    }
    return keyP;
  }
  function verify(payload) {
    if (busy) return;
    var m = payload.token && /HE1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(payload.token);
    if (!m) { send(payload, false); return; }
    busy = true;
    show('', '正在核验…', '正在用登记机构公钥核验电子印章', []);
    Promise.all([loadCrypto(), registryKey()]).then(function (r) {
      var seal = r[0].checkToken(m[0], r[1].publicKey);
      busy = false;
      if (seal === 'sealed') { send(payload, true); return; }
      show('bad', '核验不通过', seal === 'forged'
        ? '亮证码的电子签章无效，内容可能被篡改或不是登记机构签发的（已在本机用登记机构公钥核验，未向登记机构查询）'
        : '无法识别的亮证码：内容不完整或格式不正确，请重新扫码',
        [['原因代码', seal === 'forged' ? 'TOKEN_SEAL_INVALID' : 'TOKEN_MALFORMED'], ['核验时间', time(new Date().toISOString())]]);
    }, function () { busy = false; send(payload, false); });
  }
  function send(payload, sealCheckedHere) {
    if (busy) return;
    busy = true;
    show('', '正在核验…', '', []);
    fetch('/api/v1/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok, body: body }; });
    }).then(function (r) {
      var b = r.body;
      if (!r.ok) {
        show('bad', '核验不通过', b.message || '核验失败', [['原因代码', b.code || ''], ['核验时间', time(new Date().toISOString())]]);
        return;
      }
      var current = b.status.certificate === 'current';
      var rows = [['证照', b.document.title], ['当前状态', b.status.summary]];
      b.fields.forEach(function (f) { rows.push([f.label, f.value]); });
      rows.push(['出示方式', b.view === 'minimal' ? '最小披露（部分信息已隐藏）' : '完整信息']);
      rows.push(['核验时间', time(b.verifiedAt)]);
      rows.push(['亮证码有效至', time(b.presentation.expiresAt)]);
      rows.push(['电子印章', '有效（SM2，密钥 ' + b.seal.keyId + '）' + (sealCheckedHere ? '，已在本机用登记机构公钥核验' : '')]);
      show(current && b.status.restrictions.length === 0 ? 'ok' : current ? 'warn' : 'bad',
        current ? '核验通过：' + b.status.summary : '证照' + b.status.summary, b.message, rows);
    }).catch(function () {
      show('bad', '网络异常', '无法连接登记机构，请检查网络后重试', []);
    }).then(function () { busy = false; });
  }
  var jsqr;
  function loadDecoder() {
    if (jsqr) return jsqr;
    jsqr = new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = '/verify/jsqr.js';
      s.onload = function () { resolve(window.jsQR); };
      s.onerror = function () { jsqr = undefined; reject(new Error('decoder')); };
      document.head.appendChild(s);
    });
    return jsqr;
  }
  function decodeCanvas(canvas, decode) {
    var ctx = canvas.getContext('2d', { willReadFrequently: true });
    var img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    var found = decode(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' });
    return found && found.data;
  }
  function onScanned(text) {
    stopCamera();
    $('scan-status').textContent = '已识别二维码，正在核验';
    var p = /[?&]c=([^&#]+)&check=([0-9a-f]{32})/.exec(text);
    var q = /[?&]d=([^&#]+)&check=([0-9a-f]{32})/.exec(text);
    if (p && !/HE1\./.test(text)) printCheck(decodeURIComponent(p[1]), p[2]);
    else if (q && !/HE1\./.test(text)) copyCheck(decodeURIComponent(q[1]), q[2]);
    else verify({ token: text });
  }
  var stream, timer;
  function stopCamera() {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = undefined;
    $('scan-video').hidden = true;
    $('scan-stop').hidden = true;
    $('scan-start').hidden = false;
  }
  $('scan-start').addEventListener('click', function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      $('scan-status').textContent = '当前浏览器无法使用摄像头，请选择二维码图片或输入核验码';
      return;
    }
    Promise.all([loadDecoder(), navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })])
      .then(function (r) {
        var decode = r[0]; stream = r[1];
        var video = $('scan-video');
        video.srcObject = stream; video.hidden = false;
        $('scan-stop').hidden = false; $('scan-start').hidden = true;
        $('scan-status').textContent = '请将二维码放入画面中';
        return video.play().then(function () {
          var canvas = document.createElement('canvas');
          timer = setInterval(function () {
            if (!video.videoWidth) return;
            canvas.width = video.videoWidth; canvas.height = video.videoHeight;
            canvas.getContext('2d').drawImage(video, 0, 0);
            var text = decodeCanvas(canvas, decode);
            if (text) onScanned(text);
          }, 250);
        });
      })
      .catch(function () {
        stopCamera();
        $('scan-status').textContent = '无法打开摄像头（可能未授权），请选择二维码图片或输入核验码';
      });
  });
  $('scan-stop').addEventListener('click', function () {
    stopCamera();
    $('scan-status').textContent = '已停止扫码';
  });
  $('scan-file').addEventListener('change', function (e) {
    var file = e.target.files && e.target.files[0];
    if (!file) return;
    $('scan-status').textContent = '正在识别图片中的二维码';
    loadDecoder().then(function (decode) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () {
        var canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
        canvas.getContext('2d').drawImage(img, 0, 0);
        URL.revokeObjectURL(url);
        var text = decodeCanvas(canvas, decode);
        e.target.value = '';
        if (text) onScanned(text);
        else $('scan-status').textContent = '图片中没有识别到二维码，请换一张更清晰的图片';
      };
      img.onerror = function () { $('scan-status').textContent = '无法读取该图片'; };
      img.src = url;
    }, function () { $('scan-status').textContent = '二维码识别组件加载失败，请刷新重试'; });
  });
  $('code-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var code = $('code-input').value.replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) { show('bad', '请输入6位数字核验码', '', []); return; }
    verify({ code: code });
  });
  $('token-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var t = $('token-input').value.trim();
    if (!t) { show('bad', '请粘贴亮证码或核验链接', '', []); return; }
    verify({ token: t });
  });
  // the QR printed on a downloaded PDF: ?c=<certificate>&check=<value> — status now, number only
  function printCheck(c, check) {
    show('', '正在核验…', '', []);
    fetch('/api/v1/print-checks?c=' + encodeURIComponent(c) + '&check=' + encodeURIComponent(check))
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
      .then(function (r) {
        var b = r.body;
        if (!r.ok) {
          show('bad', '核验不通过', b.message || '核验失败', [['原因代码', b.code || ''], ['核验时间', time(new Date().toISOString())]]);
          return;
        }
        var current = b.status.certificate === 'current';
        show(current && b.status.restrictions.length === 0 ? 'ok' : current ? 'warn' : 'bad',
          current ? '核验通过：' + b.status.summary : '证书' + b.status.summary, b.message,
          [['证照', b.title + '（打印版）'], ['证号', b.number], ['当前状态', b.status.summary], ['核验时间', time(b.checkedAt)]]);
      })
      .catch(function () { show('bad', '网络异常', '无法连接登记机构，请检查网络后重试', []); });
  }
  // the QR printed on a document copy: ?d=<case>~<document>&check=<value> — title and number only
  function copyCheck(d, check) {
    show('', '正在核验…', '', []);
    fetch('/api/v1/document-checks?d=' + encodeURIComponent(d) + '&check=' + encodeURIComponent(check))
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
      .then(function (r) {
        var b = r.body;
        if (!r.ok) {
          show('bad', '核验不通过', b.message || '核验失败', [['原因代码', b.code || ''], ['核验时间', time(new Date().toISOString())]]);
          return;
        }
        show('ok', '核验通过：文书副本与登记机构留存一致', b.message,
          [['文书', b.title + '（副本）'], ['编号', b.number], ['核验时间', time(b.checkedAt)]]);
      })
      .catch(function () { show('bad', '网络异常', '无法连接登记机构，请检查网络后重试', []); });
  }
  var printed = /[?&]c=([^&#]+)&check=([0-9a-f]{32})/.exec(location.search);
  if (printed) { printCheck(decodeURIComponent(printed[1]), printed[2]); return; }
  var copied = /[?&]d=([^&#]+)&check=([0-9a-f]{32})/.exec(location.search);
  if (copied) { copyCheck(decodeURIComponent(copied[1]), copied[2]); return; }
  var hash = decodeURIComponent(location.hash.replace(/^#/, ''));
  if (/HE1\./.test(hash)) verify({ token: hash });
})();
`;
