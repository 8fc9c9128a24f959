/** Console script, first part: labels, DOM helpers, the API call, signing in and out, routing. */
export const SHELL_JS = String.raw`
  var API = '/api/v1/staff';
  var csrf = '';
  var me = null;
  var STATUS = { draft: '草稿', signing: '签名中', submitted: '已提交', accepted: '已受理', notAccepted: '不予受理',
    correctionRequested: '待补正', corrected: '已补正', review: '审核中', taxPending: '待缴税', approved: '已核准',
    refused: '不予登记', recorded: '已登簿', issued: '已发证', archived: '已归档', withdrawn: '已撤回' };
  var ROLE = { rightHolder: '权利人', obligor: '义务人', mortgagor: '抵押人', mortgagee: '抵押权人', releasingMortgagee: '原抵押权人', coOwner: '共有人',
    consentingSpouse: '同意的配偶', agent: '代理人', applicant: '申请人',
    renouncingHeir: '放弃继承的继承人' };
  var DECISION = { accept: '受理', requestCorrection: '要求补正', notAccept: '不予受理', approve: '审核通过（核准）', refuse: '不予登记' };
  var DONE = { accept: '已受理', requestCorrection: '已要求补正', notAccept: '已决定不予受理', approve: '已审核通过', refuse: '已决定不予登记' };
  var NEEDS_REASONS = { requestCorrection: true, notAccept: true, refuse: true };
  /** Console sections: add one entry and a render function to extend the console. */
  var SECTIONS = [
    { id: 'queue', title: '人工审核队列', render: renderQueue },
    { id: 'counter', title: '窗口受理', render: renderCounter },
    { id: 'consult', title: '咨询答复', render: renderConsultation },
    { id: 'survey', title: '权籍调查成果', render: renderSurvey },
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
`;

/** Console script, last part: wires the login form, logout and routing once the page has loaded. */
export const START_JS = String.raw`
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
`;
