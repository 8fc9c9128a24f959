/**
 * The staff console at /staff: one small HTML page, a stylesheet and a script (no framework),
 * talking to /api/v1/staff/*. Sections are listed in SECTIONS in the script (人工审核队列,
 * 窗口受理, 咨询答复); a new section adds one entry there and one render function.
 * Everything user-supplied is put on the page with textContent, never as HTML.
 */
export const STAFF_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>工作人员控制台 · 台州市不动产登记服务中心</title>
<link rel="stylesheet" href="/staff/console.css">
<script src="/staff/console.js" defer></script>
</head>
<body>
<a class="skip" href="#main">跳到主要内容</a>
<header class="top">
  <p class="org">台州市不动产登记服务中心</p>
  <h1>工作人员控制台</h1>
  <div id="who" class="who" hidden>
    <span id="who-name"></span>
    <button type="button" id="logout">退出登录</button>
  </div>
</header>
<nav id="nav" aria-label="控制台栏目" hidden><ul id="nav-list"></ul></nav>
<main id="main" tabindex="-1">
  <section id="login-section" aria-labelledby="login-title">
    <h2 id="login-title">工作人员登录</h2>
    <form id="login-form" novalidate>
      <p><label for="username">用户名</label>
        <input id="username" name="username" autocomplete="username" required></p>
      <p><label for="password">密码</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
      <p><button type="submit">登录</button></p>
    </form>
  </section>
  <div id="view"></div>
  <p id="status" role="status" aria-live="polite"></p>
</main>
</body>
</html>
`;

export const STAFF_CSS = `
*{box-sizing:border-box}
[hidden]{display:none !important}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;font-size:16px;line-height:1.6;color:#1a1a1a;background:#f5f6f8}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
.top{background:#0b4f8a;color:#fff;padding:12px 20px;display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px}
.top h1{font-size:20px;margin:0}.org{margin:0;font-size:14px}
.who{margin-left:auto;display:flex;gap:12px;align-items:center}
nav ul{list-style:none;margin:0;padding:0 20px;display:flex;gap:4px;background:#fff;border-bottom:1px solid #ccd}
nav a{display:inline-block;padding:10px 14px;color:#0b4f8a;text-decoration:none}
nav a[aria-current="page"]{border-bottom:3px solid #0b4f8a;font-weight:600}
main{padding:16px 20px;max-width:1100px}
section{background:#fff;border:1px solid #dde;border-radius:6px;padding:12px 16px;margin-bottom:16px}
h2{font-size:18px;margin:4px 0 12px}h3{font-size:16px;margin:12px 0 8px}
label{display:inline-block;min-width:7em}
input,select,textarea{font:inherit;padding:6px 8px;border:1px solid #667;border-radius:4px;min-width:16em}
textarea{width:100%;min-height:5em}
button{font:inherit;padding:6px 16px;border-radius:4px;border:1px solid #0b4f8a;background:#0b4f8a;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b4f8a}
button.danger{background:#a4262c;border-color:#a4262c}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #dde;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5}
.pass{color:#1d6b2f}.fail{color:#a4262c;font-weight:600}
ol.timeline{padding-left:1.5em}ol.timeline li{margin-bottom:6px}
.actor{font-weight:600}
#status{min-height:1.6em;font-weight:600}
.error{color:#a4262c}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dt{color:#444}dd{margin:0}
fieldset{border:1px solid #dde;margin:8px 0;padding:8px 12px}
.hint{color:#444;font-size:14px}
`;

export const STAFF_JS = String.raw`'use strict';
(function () {
  var API = '/api/v1/staff';
  var csrf = '';
  var me = null;
  var STATUS = { draft: '草稿', signing: '签名中', submitted: '已提交', accepted: '已受理', notAccepted: '不予受理',
    correctionRequested: '待补正', corrected: '已补正', review: '审核中', taxPending: '待缴税', approved: '已核准',
    refused: '不予登记', recorded: '已登簿', issued: '已发证', archived: '已归档', withdrawn: '已撤回' };
  var ROLE = { rightHolder: '权利人', obligor: '义务人', mortgagee: '抵押权人', coOwner: '共有人',
    consentingSpouse: '同意的配偶', agent: '代理人', applicant: '申请人' };
  var DECISION = { accept: '受理', requestCorrection: '要求补正', notAccept: '不予受理', approve: '审核通过（核准）', refuse: '不予登记' };
  var DONE = { accept: '已受理', requestCorrection: '已要求补正', notAccept: '已决定不予受理', approve: '已审核通过', refuse: '已决定不予登记' };
  var NEEDS_REASONS = { requestCorrection: true, notAccept: true, refuse: true };
  /** Console sections: add one entry and a render function to extend the console. */
  var SECTIONS = [
    { id: 'queue', title: '人工审核队列', render: renderQueue },
    { id: 'counter', title: '窗口受理', render: renderCounter },
    { id: 'consult', title: '咨询答复', render: renderConsultation },
  ];

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') n.textContent = attrs[k];
      else if (k === 'hidden') n.hidden = attrs[k];
      else n.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return n;
  }
  function say(text, isError) { var s = $('status'); s.textContent = text; s.className = isError ? 'error' : ''; }
  function when(iso) { try { return new Date(iso).toLocaleString('zh-CN', { hour12: false }); } catch (e) { return iso; } }

  function call(method, path, body) {
    var headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = csrf;
    return fetch(API + path, { method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) }).then(function (res) {
      if (res.status === 204) return null;
      return res.json().then(function (j) {
        if (res.status === 401 && path !== '/session') { showLogin(); }
        if (!res.ok) { var e = new Error(j.message || '操作失败'); e.status = res.status; throw e; }
        return j;
      });
    });
  }

  function showLogin() {
    me = null; csrf = '';
    $('who').hidden = true; $('nav').hidden = true; $('view').textContent = '';
    $('login-section').hidden = false;
  }
  function signedIn(s) {
    me = s.staff; csrf = s.csrfToken;
    $('who-name').textContent = me.displayName + '（' + me.post + '）';
    $('who').hidden = false; $('login-section').hidden = true; $('nav').hidden = false;
    var list = $('nav-list'); list.textContent = '';
    SECTIONS.forEach(function (s) { list.appendChild(el('li', {}, [el('a', { href: '#' + s.id, text: s.title })])); });
    route();
  }

  function route() {
    if (!me) return;
    var hash = location.hash.replace(/^#/, '') || 'queue';
    var parts = hash.split('/');
    Array.prototype.forEach.call(document.querySelectorAll('#nav a'), function (a) {
      if (a.getAttribute('href') === '#' + parts[0]) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    var view = $('view'); view.textContent = '';
    if (parts[0] === 'case' && parts[1]) return renderCase(view, decodeURIComponent(parts[1]));
    var section = SECTIONS.filter(function (s) { return s.id === parts[0]; })[0] || SECTIONS[0];
    section.render(view);
  }

  // ---------------------------------------------------------------- 人工审核队列
  function renderQueue(view) {
    var sec = el('section', { 'aria-labelledby': 'queue-title' }, [el('h2', { id: 'queue-title', text: '人工审核队列' })]);
    view.appendChild(sec);
    call('GET', '/queue').then(function (q) {
      if (!q.items.length) { sec.appendChild(el('p', { text: '队列中没有待处理的办件。' })); return; }
      var rows = q.items.map(function (it) {
        return el('tr', {}, [
          el('td', {}, [el('a', { href: '#case/' + encodeURIComponent(it.caseId), text: it.caseNumber || it.caseId })]),
          el('td', { text: it.businessTypeName }),
          el('td', { text: it.location || it.unitCode }),
          el('td', { text: it.parties.map(function (p) { return p.name; }).join('、') }),
          el('td', { text: (it.stage === 'intake' ? '受理' : '审核') + '：' + it.reasons.map(function (r) { return r.explanation; }).join('；') }),
          el('td', { text: when(it.since) }),
        ]);
      });
      sec.appendChild(el('table', {}, [
        el('caption', { text: '共 ' + q.items.length + ' 件，按转人工时间排列' }),
        el('thead', {}, [el('tr', {}, ['业务号', '业务', '坐落', '当事人', '转人工原因', '转人工时间'].map(function (h) { return el('th', { scope: 'col', text: h }); }))]),
        el('tbody', {}, rows),
      ]));
    }).catch(function (e) { say(e.message, true); });
  }

  // ---------------------------------------------------------------- 办件详情
  function renderCase(view, caseId) {
    call('GET', '/cases/' + encodeURIComponent(caseId)).then(function (d) {
      var c = d.case;
      view.textContent = '';
      var head = el('section', { 'aria-labelledby': 'case-title' }, [
        el('h2', { id: 'case-title', text: c.businessTypeName + ' · ' + (c.caseNumber || c.caseId) }),
        el('dl', { class: 'facts' }, [
          el('dt', { text: '状态' }), el('dd', { id: 'case-status', text: STATUS[c.status] || c.status }),
          el('dt', { text: '坐落' }), el('dd', { text: c.location || '' }),
          el('dt', { text: '不动产单元号' }), el('dd', { text: c.unitCode }),
          el('dt', { text: '当事人' }), el('dd', { text: c.parties.map(function (p) { return p.name + '（' + (ROLE[p.role] || p.role) + '）'; }).join('、') }),
          el('dt', { text: '转人工原因' }), el('dd', { text: c.manualQueue ? c.manualQueue.reasons.map(function (r) { return r.explanation; }).join('；') : '不在人工队列中' }),
        ]),
      ]);
      var rules = el('section', { 'aria-labelledby': 'rules-title' }, [el('h2', { id: 'rules-title', text: '规则检查结果' }),
        el('table', {}, [
          el('thead', {}, [el('tr', {}, ['规则', '阶段', '结果', '说明'].map(function (h) { return el('th', { scope: 'col', text: h }); }))]),
          el('tbody', {}, d.ruleResults.map(function (r) {
            return el('tr', {}, [el('td', { text: r.title }), el('td', { text: r.stage === 'intake' ? '受理' : '审核' }),
              el('td', { class: r.passed ? 'pass' : 'fail', text: r.passed ? '通过' : '未通过' }), el('td', { text: r.explanation })]);
          })),
        ])]);
      var materials = el('section', { 'aria-labelledby': 'materials-title' }, [el('h2', { id: 'materials-title', text: '申请材料' }),
        el('ul', {}, c.materials.map(function (m) {
          var src = { sharedData: '共享获取', scan: '上传', commitment: '承诺' }[m.source] || m.source;
          var st = { provided: '已提供', missing: '缺少', unclear: '不清晰' }[m.status] || m.status;
          return el('li', { text: m.code + '：' + src + '，' + st });
        }))]);
      var timeline = el('section', { 'aria-labelledby': 'timeline-title' }, [el('h2', { id: 'timeline-title', text: '办理过程' }),
        el('ol', { class: 'timeline', id: 'timeline' }, c.timeline.map(function (t) {
          return el('li', {}, [el('span', { text: when(t.at) + ' ' + t.step + ' ' }), el('span', { class: 'actor', text: t.actor.displayName }),
            el('span', { text: ' → ' + (STATUS[t.to] || t.to) + (t.note ? '（' + t.note + '）' : '') })]);
        }))]);
      view.appendChild(head);
      if (d.decisions.length) view.appendChild(decisionForm(c, d));
      view.appendChild(rules); view.appendChild(materials);
      view.appendChild(sharedDataSection(c)); view.appendChild(timeline);
      if (c.documents.length) {
        view.appendChild(el('section', { 'aria-labelledby': 'docs-title' }, [el('h2', { id: 'docs-title', text: '文书' }),
          el('ul', {}, c.documents.map(function (x) { return el('li', { text: x.title + ' ' + x.number }); }))]));
      }
      $('main').focus();
    }).catch(function (e) { say(e.message, true); });
  }

  // ---------------------------------------------------------------- 共享数据
  var SOURCE_STATUS = { current: '有效', underRecheck: '校核中', wrong: '经校核有误', superseded: '已替换' };
  var FAULT = { ok: '正常', slow: '响应慢（超时）', unavailable: '不可用', wrong: '返回错误数据' };
  function sharedDataSection(c) {
    var box = el('section', { 'aria-labelledby': 'shared-title' }, [el('h2', { id: 'shared-title', text: '共享数据' })]);
    call('GET', '/cases/' + encodeURIComponent(c.caseId) + '/shared-data').then(function (d) {
      box.appendChild(el('ul', {}, d.records.map(function (r) {
        var reason = el('input', { 'aria-label': '退回校核理由（' + r.sourceName + '）', placeholder: '退回校核理由' });
        var b = el('button', { type: 'button', 'data-recheck': r.recordId, text: '退回校核' });
        b.addEventListener('click', function () {
          if (!reason.value.trim()) { say('请写明退回校核的理由', true); reason.focus(); return; }
          b.disabled = true;
          call('POST', '/cases/' + encodeURIComponent(c.caseId) + '/shared-data/' + encodeURIComponent(r.recordId) + '/recheck', { reason: reason.value.trim() })
            .then(function (x) { say('已退回校核，校核期限 ' + x.dueOn + '（1个工作日）'); renderCase($('view'), c.caseId); })
            .catch(function (e) { b.disabled = false; say(e.message, true); });
        });
        return el('li', {}, [
          el('span', { text: r.sourceName + ' · ' + r.kind + ' · ' + when(r.retrievedAt) + ' · ' + (r.sealValid ? '印章有效' : '印章无效') + ' · ' + (SOURCE_STATUS[r.status] || r.status) + ' ' }),
          el('code', { text: JSON.stringify(r.data) }),
          r.status === 'current' ? el('span', {}, [' ', reason, ' ', b]) : null,
        ]);
      })));
      if (d.rechecks.length) box.appendChild(el('ul', {}, d.rechecks.map(function (x) {
        return el('li', { text: '校核：' + x.reason + '，期限 ' + x.dueOn + '，' + ({ pending: '等待答复', errorConfirmed: '数源单位确认有误', upheld: '维持原数据' }[x.status] || x.status) });
      })));
    }).catch(function (e) { box.appendChild(el('p', { text: e.message })); });
    call('GET', '/data-sources/faults').then(function (f) {
      var source = el('select', { 'aria-label': '数据源' }, Object.keys(f.faults).map(function (k) { return el('option', { value: k, text: k + '（' + FAULT[f.faults[k]] + '）' }); }));
      var mode = el('select', { 'aria-label': '故障模式' }, Object.keys(FAULT).map(function (k) { return el('option', { value: k, text: FAULT[k] }); }));
      var b = el('button', { type: 'button', text: '设置（演示）' });
      b.addEventListener('click', function () {
        call('PUT', '/data-sources/faults', { source: source.value, mode: mode.value })
          .then(function () { say('数据源 ' + source.value + ' 已设为“' + FAULT[mode.value] + '”'); renderCase($('view'), c.caseId); })
          .catch(function (e) { say(e.message, true); });
      });
      box.appendChild(el('p', {}, ['数据源故障演示：', source, ' ', mode, ' ', b]));
    }).catch(function () { /* simulators disabled: no demo switch */ });
    return box;
  }

  function decisionForm(c, d) {
    var reasons = el('textarea', { id: 'reasons', name: 'reasons', 'aria-describedby': 'reasons-hint' });
    var note = el('input', { id: 'note', name: 'note' });
    var buttons = d.decisions.map(function (k) {
      var label = DECISION[k] + (k === 'approve' && d.taxOutstanding ? '（尚未完税：转待缴税）' : '');
      var b = el('button', { type: 'button', 'data-decision': k, class: k === 'refuse' || k === 'notAccept' ? 'danger' : '', text: label });
      b.addEventListener('click', function () {
        var list = reasons.value.split('\n').map(function (s) { return s.trim(); }).filter(Boolean);
        if (NEEDS_REASONS[k] && !list.length) { say('“' + DECISION[k] + '”必须写明理由', true); reasons.focus(); return; }
        b.disabled = true;
        call('POST', '/cases/' + encodeURIComponent(c.caseId) + '/decisions', { decision: k, reasons: list, note: note.value || undefined, version: c.version })
          .then(function (r) { say(DONE[k] + '。办件状态：' + (STATUS[r.case.status] || r.case.status)); renderCase($('view'), c.caseId); })
          .catch(function (e) { b.disabled = false; say(e.message, true); });
      });
      return b;
    });
    return el('section', { 'aria-labelledby': 'decide-title' }, [el('h2', { id: 'decide-title', text: '办理决定' }),
      el('p', {}, [el('label', { for: 'reasons', text: '理由' })]), reasons,
      el('p', { id: 'reasons-hint', text: '每行一条。要求补正、不予受理、不予登记必须写明理由，理由将写入加盖电子印章的通知书并送达各方当事人。' }),
      el('p', {}, [el('label', { for: 'note', text: '备注' }), note]),
      el('p', { class: 'actions' }, buttons.reduce(function (a, b) { a.push(b, ' '); return a; }, []))]);
  }

  // ---------------------------------------------------------------- 窗口受理
  /**
   * The intake form adapts to the business type: each group of fields carries data-records (the
   * catalogue's application.records values it applies to, or a business type code), and only the
   * groups of the chosen type are shown (hidden fields are out of the tab order and not sent).
   */
  var COUNTER_QUESTIONS = {
    transfer: '如实申报：是；单独或共有：按所选共有方式；有无争议或查封：否',
    mortgage: '如实申报：是；自愿签订抵押合同：是；有无其他共有人：否',
    mortgageCancellation: '（注销登记无询问事项）',
    holderIdentityChange: '如实申报：是',
  };
  function renderCounter(view) {
    var form = el('form', { id: 'counter-form', novalidate: '' });
    var types = {};
    function field(id, label, input, hint) {
      input.id = id; input.name = id;
      if (hint) input.setAttribute('aria-describedby', id + '-hint');
      return el('p', {}, [el('label', { for: id, text: label }), input, hint ? el('span', { id: id + '-hint', class: 'hint', text: ' ' + hint }) : null]);
    }
    function group(records, legend, children) {
      return el('fieldset', { 'data-records': records }, [el('legend', { text: legend })].concat(children));
    }
    function person(prefix, nameLabel, idLabel) {
      return [field(prefix + '-name', nameLabel || '姓名', el('input', { autocomplete: 'off' })),
        field(prefix + '-id', idLabel || '公民身份号码', el('input', { autocomplete: 'off', inputmode: 'text' }))];
    }
    var bt = el('select', {});
    var coOwn = el('select', {}, [el('option', { value: 'sole', text: '单独所有' }), el('option', { value: 'joint', text: '共同共有' })]);
    var mType = el('select', {}, [el('option', { value: '一般抵押', text: '一般抵押' }), el('option', { value: '最高额抵押', text: '最高额抵押' })]);
    var cancelRole = el('select', {}, [el('option', { value: 'rightHolder', text: '抵押人（不动产权利人）' }), el('option', { value: 'mortgagee', text: '抵押权人（银行等）' })]);
    var questions = el('p', { id: 'c-questions' });
    form.appendChild(field('c-bt', '业务类型', bt));
    form.appendChild(group('transfer mortgage holderIdentityChange', '不动产', [
      field('c-unit', '不动产单元号', el('input', { autocomplete: 'off' }), '28位；或填写下方证书号'),
      field('c-cert', '证书号', el('input', { autocomplete: 'off' }), '不动产权证书号；预告转本填写预告登记证明号'),
    ]));
    form.appendChild(group('mortgageCancellation', '要注销的抵押权', [
      field('c-proof', '不动产登记证明号', el('input', { autocomplete: 'off' }), '如“浙(2026)台州市不动产证明第0001234号”'),
    ]));
    form.appendChild(group('transfer.secondHandSale', '卖方（义务人，登记簿上的全部权利人一并列入）', person('c-seller')));
    form.appendChild(group('transfer', '买方（权利人）', person('c-buyer').concat([
      field('c-coown', '共有方式', coOwn), field('c-price', '成交价（元）', el('input', { inputmode: 'numeric' }))])));
    form.appendChild(group('mortgage', '抵押人（不动产的权利人）', person('c-mortgagor')));
    form.appendChild(group('mortgage', '抵押权人（银行等金融机构）', person('c-bank', '名称', '统一社会信用代码')));
    form.appendChild(group('mortgage', '抵押信息', [
      field('c-mtype', '抵押方式', mType),
      field('c-amount', '被担保债权数额（元）', el('input', { inputmode: 'numeric' })),
      field('c-start', '债务履行期限起', el('input', { type: 'date' })),
      field('c-end', '债务履行期限止', el('input', { type: 'date' })),
    ]));
    form.appendChild(group('mortgageCancellation', '申请人', person('c-applicant', '姓名或名称', '证件号码').concat([field('c-role', '身份', cancelRole)])));
    form.appendChild(group('holderIdentityChange', '权利人（按登记簿记载的原姓名、原身份证号）', person('c-holder')));
    form.appendChild(group('holderIdentityChange', '变更后（以公安机关证明为准）', [
      field('c-newname', '变更后姓名', el('input', { autocomplete: 'off' })),
      field('c-newid', '变更后公民身份号码', el('input', { autocomplete: 'off' })),
    ]));
    form.appendChild(field('c-note', '备注', el('input', {})));
    form.appendChild(el('p', { text: '登记簿上的其他当事人（如卖方共有人、抵押权人）以及婚姻信息显示已婚、须同意的配偶，由系统自动列入，并须到窗口当面签字。' }));
    form.appendChild(el('p', {}, ['申请人已在窗口当面核验身份、确认询问笔录（', questions, '）并签字。']));
    form.appendChild(el('p', {}, [el('button', { type: 'submit', text: '录入并提交' })]));

    function records() { var b = types[bt.value]; return b && b.application ? b.application.records : ''; }
    function adapt() {
      var r = records();
      Array.prototype.forEach.call(form.querySelectorAll('fieldset[data-records]'), function (f) {
        var list = f.getAttribute('data-records').split(' ');
        f.hidden = !(list.indexOf(r) >= 0 || list.indexOf(bt.value) >= 0);
        f.disabled = f.hidden;
      });
      questions.textContent = COUNTER_QUESTIONS[r] || '';
    }
    bt.addEventListener('change', adapt);
    fetch('/api/v1/catalogue').then(function (r) { return r.json(); }).catch(function () { return { items: [] }; }).then(function (cat) {
      (cat.items || []).filter(function (b) { return b.application && b.application.records; }).forEach(function (b) {
        types[b.code] = b;
        bt.appendChild(el('option', { value: b.code, text: b.name }));
      });
      if (!bt.options.length) say('业务目录暂时无法读取，请刷新重试', true);
      adapt();
    });

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var v = function (id) { return $(id).value.trim(); };
      var who = function (prefix, role) { return { name: v(prefix + '-name'), idNumber: v(prefix + '-id').toUpperCase(), role: role }; };
      var r = records();
      var body = { businessTypeCode: bt.value, parties: [] };
      if (r !== 'mortgageCancellation') {
        if (v('c-unit')) body.unitCode = v('c-unit');
        if (v('c-cert')) body.certificateNumber = v('c-cert');
      }
      if (r === 'transfer') {
        body.parties.push(who('c-buyer', 'rightHolder'));
        if (bt.value === 'transfer.secondHandSale' && v('c-seller-name')) body.parties.push(who('c-seller', 'obligor'));
        body.newCoOwnership = coOwn.value;
        body.answers = { truthful: '是', soleOrCoOwned: coOwn.value === 'sole' ? '单独所有' : '共同共有' };
        if (bt.value === 'transfer.secondHandSale') body.answers.disputeOrSeizure = '否';
        if (v('c-price')) {
          if (!/^\d{1,11}$/.test(v('c-price'))) { say('成交价请填写整数（元）', true); $('c-price').focus(); return; }
          body.priceYuan = Number(v('c-price'));
        }
      } else if (r === 'mortgage') {
        body.parties.push(who('c-mortgagor', 'rightHolder'), who('c-bank', 'mortgagee'));
        if (!/^\d{1,11}$/.test(v('c-amount')) || Number(v('c-amount')) < 1) { say('被担保债权数额请填写大于0的整数（元）', true); $('c-amount').focus(); return; }
        if (!v('c-start') || !v('c-end')) { say('请填写债务履行期限', true); $(v('c-start') ? 'c-end' : 'c-start').focus(); return; }
        body.mortgage = { mortgageType: mType.value, securedAmountYuan: Number(v('c-amount')), debtStartsOn: v('c-start'), debtEndsOn: v('c-end') };
        body.answers = { truthful: '是', signedVoluntarily: '是', otherCoOwners: '否' };
      } else if (r === 'mortgageCancellation') {
        body.certificateNumber = v('c-proof');
        body.parties.push(who('c-applicant', cancelRole.value));
      } else if (r === 'holderIdentityChange') {
        body.parties.push(who('c-holder', 'rightHolder'));
        body.identityChange = { newName: v('c-newname'), newIdNumber: v('c-newid').toUpperCase() };
        body.answers = { truthful: '是' };
      }
      if (v('c-note')) body.note = v('c-note');
      call('POST', '/counter-intake', body).then(function (res) {
        say('已受理：业务号 ' + (res.case.caseNumber || res.case.caseId) + '，状态：' + (STATUS[res.case.status] || res.case.status));
        location.hash = '#case/' + encodeURIComponent(res.case.caseId);
      }).catch(function (e) { say(e.message, true); });
    });
    view.appendChild(el('section', { 'aria-labelledby': 'counter-title' }, [el('h2', { id: 'counter-title', text: '窗口受理（为不能在线申请的群众录入）' }), form]));
  }

  // ---------------------------------------------------------------- 咨询答复
  function renderConsultation(view) {
    var sec = el('section', { 'aria-labelledby': 'consult-title' }, [el('h2', { id: 'consult-title', text: '咨询答复（待答复的群众提问）' })]);
    view.appendChild(sec);
    call('GET', '/consultation/questions?status=open').then(function (q) {
      if (!q.items.length) { sec.appendChild(el('p', { id: 'consult-empty', text: '没有待答复的提问。' })); return; }
      sec.appendChild(el('p', { text: '共 ' + q.items.length + ' 条，按提问时间排列。答复将发送到提问人的消息中。' }));
      var list = el('ol', { class: 'questions' });
      q.items.forEach(function (it, i) {
        var id = 'answer-' + i;
        var answer = el('textarea', { id: id, name: id, maxlength: '2000' });
        var send = el('button', { type: 'button', text: '发送答复' });
        var about = it.topic === 'case' ? '办件咨询（' + (it.caseNumber || it.caseId) + '）' : '一般咨询';
        send.addEventListener('click', function () {
          var text = answer.value.trim();
          if (!text) { say('请填写答复内容', true); answer.focus(); return; }
          send.disabled = true;
          call('POST', '/consultation/questions/' + encodeURIComponent(it.questionId) + '/answer', { answer: text })
            .then(function () { say('已答复 ' + it.askerName + ' 的提问，答复已发送到其消息中'); view.textContent = ''; renderConsultation(view); })
            .catch(function (e) { send.disabled = false; say(e.message, true); });
        });
        list.appendChild(el('li', { class: 'question' }, [
          el('h3', { text: it.askerName + ' · ' + about }),
          el('p', { class: 'asked', text: '提问时间：' + when(it.askedAt) }),
          el('p', { class: 'question-text', text: it.text }),
          el('p', {}, [el('label', { for: id, text: '答复' })]), answer,
          el('p', {}, [send]),
        ]));
      });
      sec.appendChild(list);
    }).catch(function (e) { say(e.message, true); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('login-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      call('POST', '/session', { username: $('username').value.trim(), password: $('password').value })
        .then(function (s) { $('password').value = ''; say(''); signedIn(s); })
        .catch(function (e) { say(e.message, true); });
    });
    $('logout').addEventListener('click', function () {
      call('POST', '/session/end').then(function () { say('已退出登录'); showLogin(); }).catch(function (e) { say(e.message, true); });
    });
    window.addEventListener('hashchange', function () { say(''); route(); });
    call('GET', '/session').then(signedIn).catch(function () { showLogin(); });
  });
})();
`;
