/** Console script, the case page: facts, rule results, materials, shared data, timeline, decisions. */
export const CASE_JS = String.raw`
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
          el('dt', { text: '当事人' }), el('dd', { text: c.parties.map(function (p) { return p.name + '（' + (p.roleLabel || ROLE[p.role] || p.role) + '）'; }).join('、') }),
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
        var renderings = {};
        (d.documentRenderings || []).forEach(function (x) { renderings[x.documentId] = x.rendering; });
        view.appendChild(el('section', { 'aria-labelledby': 'docs-title' }, [el('h2', { id: 'docs-title', text: '文书' }),
          el('ul', {}, c.documents.map(function (x) {
            var r = renderings[x.documentId];
            return el('li', {}, [el('span', { text: x.title + ' ' + x.number }),
              r ? el('details', { class: 'doc', 'data-document': x.documentId }, [el('summary', { text: '查看全文' }), drawRendering(r)]) : null]);
          }))]));
      }
      $('main').focus();
    }).catch(function (e) { say(e.message, true); });
  }

  // ---------------------------------------------------------------- 文书（服务端的同一呈现）
  // draws the server's rendering model (domain/documents/rendering.ts): it only lays out
  function drawRendering(r) {
    var parts = [el('h3', { text: r.title }), r.number ? el('p', { text: r.number }) : null, r.subtitle ? el('p', { text: r.subtitle }) : null];
    r.sections.forEach(function (s) {
      if (s.heading) parts.push(el('h4', { text: s.heading }));
      s.blocks.forEach(function (b) {
        if (b.type === 'rows') parts.push(el('dl', { class: 'facts' }, b.rows.reduce(function (a, row) { return a.concat([el('dt', { text: row.label }), el('dd', { text: row.value })]); }, [])));
        else if (b.type === 'paragraph') parts.push(el('p', { text: b.text }));
        else if (b.type === 'table') parts.push(el('table', {}, [
          el('thead', {}, [el('tr', {}, b.columns.map(function (h) { return el('th', { scope: 'col', text: h }); }))]),
          el('tbody', {}, b.rows.map(function (row) { return el('tr', {}, row.map(function (cell) { return el('td', { text: cell }); })); }))]));
        else if (b.type === 'list') parts.push(el('ol', {}, b.items.map(function (i) { return el('li', { text: i }); })));
        else if (b.type === 'qa') parts.push(el('dl', {}, b.items.reduce(function (a, q) { return a.concat([el('dt', { text: '问：' + q.question }), el('dd', { text: '答（' + q.answeredBy + '）：' + q.answer })]); }, [])));
        else if (b.type === 'signatures') parts.push(el('ul', {}, b.lines.map(function (l) { return el('li', { text: l.role + '：' + l.name + '（' + l.status + '）' }); })));
      });
    });
    if (r.closing) parts.push(el('p', { text: r.closing.issuer + ' ' + r.closing.date }));
    return el('div', { class: 'rendering' }, parts);
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
`;
