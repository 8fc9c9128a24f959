/** Console script, section 人工审核队列: cases handed to a person, in the order handed over. */
export const QUEUE_JS = String.raw`
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
`;
