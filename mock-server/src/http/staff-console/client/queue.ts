/** Section 人工审核队列: cases handed to a person, in the order handed over. */
import type { StaffQueueResponse } from '../../../contract';
import { call, el, headRow, messageOf, say, when } from './shell';

export function renderQueue(view: HTMLElement): void {
  const sec = el('section', { 'aria-labelledby': 'queue-title' }, [
    el('h2', { id: 'queue-title', text: '人工审核队列' }),
  ]);
  view.appendChild(sec);
  call<StaffQueueResponse>('GET', '/queue')
    .then((q) => {
      if (!q.items.length) {
        sec.appendChild(el('p', { text: '队列中没有待处理的办件。' }));
        return;
      }
      const rows = q.items.map((it) =>
        el('tr', {}, [
          el('td', {}, [
            el('a', {
              href: `#case/${encodeURIComponent(it.caseId)}`,
              text: it.caseNumber || it.caseId,
            }),
          ]),
          el('td', { text: it.businessTypeName }),
          el('td', { text: it.location || it.unitCode }),
          el('td', { text: it.parties.map((p) => p.name).join('、') }),
          el('td', {
            text: `${it.stage === 'intake' ? '受理' : '审核'}：${it.reasons.map((r) => r.explanation).join('；')}`,
          }),
          el('td', { text: when(it.since) }),
        ]),
      );
      sec.appendChild(
        el('table', {}, [
          el('caption', { text: `共 ${q.items.length} 件，按转人工时间排列` }),
          headRow(['业务号', '业务', '坐落', '当事人', '转人工原因', '转人工时间']),
          el('tbody', {}, rows),
        ]),
      );
    })
    .catch((e: unknown) => say(messageOf(e), true));
}
