/** The case page: facts, rule results, materials, shared data, timeline, documents, decisions. */
import type {
  CaseDetail,
  RenderedDocument,
  SharedDataResponse,
  StaffCaseDecisionResponse,
  StaffCaseResponse,
  StaffDecision,
} from '../../../contract';
import { $, call, el, headRow, messageOf, roleText, say, statusText, when } from './shell';

const DECISION: Record<StaffDecision, string> = {
  accept: '受理',
  requestCorrection: '要求补正',
  notAccept: '不予受理',
  approve: '审核通过（核准）',
  refuse: '不予登记',
};
const DONE: Record<StaffDecision, string> = {
  accept: '已受理',
  requestCorrection: '已要求补正',
  notAccept: '已决定不予受理',
  approve: '已审核通过',
  refuse: '已决定不予登记',
};
const NEEDS_REASONS: ReadonlySet<StaffDecision> = new Set([
  'requestCorrection',
  'notAccept',
  'refuse',
]);
const MATERIAL_SOURCE: Record<CaseDetail['materials'][number]['source'], string> = {
  sharedData: '共享获取',
  scan: '上传',
  commitment: '承诺',
};
const MATERIAL_STATUS: Record<CaseDetail['materials'][number]['status'], string> = {
  provided: '已提供',
  missing: '缺少',
  unclear: '不清晰',
};

// ---------------------------------------------------------------- 办件详情
export function renderCase(view: HTMLElement, caseId: string): void {
  call<StaffCaseResponse>('GET', `/cases/${encodeURIComponent(caseId)}`)
    .then((d) => {
      const c = d.case;
      view.textContent = '';
      const head = el('section', { 'aria-labelledby': 'case-title' }, [
        el('h2', { id: 'case-title', text: `${c.businessTypeName} · ${c.caseNumber || c.caseId}` }),
        el('dl', { class: 'facts' }, [
          el('dt', { text: '状态' }),
          el('dd', { id: 'case-status', text: statusText(c.status) }),
          el('dt', { text: '坐落' }),
          el('dd', { text: c.location || '' }),
          el('dt', { text: '不动产单元号' }),
          el('dd', { text: c.unitCode }),
          el('dt', { text: '当事人' }),
          el('dd', {
            text: c.parties.map((p) => `${p.name}（${roleText(p.role, p.roleLabel)}）`).join('、'),
          }),
          el('dt', { text: '转人工原因' }),
          el('dd', {
            text: c.manualQueue
              ? c.manualQueue.reasons.map((r) => r.explanation).join('；')
              : '不在人工队列中',
          }),
        ]),
      ]);
      const rules = el('section', { 'aria-labelledby': 'rules-title' }, [
        el('h2', { id: 'rules-title', text: '规则检查结果' }),
        el('table', {}, [
          headRow(['规则', '阶段', '结果', '说明']),
          el(
            'tbody',
            {},
            d.ruleResults.map((r) =>
              el('tr', {}, [
                el('td', { text: r.title }),
                el('td', { text: r.stage === 'intake' ? '受理' : '审核' }),
                el('td', { class: r.passed ? 'pass' : 'fail', text: r.passed ? '通过' : '未通过' }),
                el('td', { text: r.explanation }),
              ]),
            ),
          ),
        ]),
      ]);
      const materials = el('section', { 'aria-labelledby': 'materials-title' }, [
        el('h2', { id: 'materials-title', text: '申请材料' }),
        el(
          'ul',
          {},
          c.materials.map((m) =>
            el('li', {
              text: `${d.materialNames?.[m.code] ?? m.code}：${MATERIAL_SOURCE[m.source] ?? m.source}，${MATERIAL_STATUS[m.status] ?? m.status}`,
            }),
          ),
        ),
      ]);
      const timeline = el('section', { 'aria-labelledby': 'timeline-title' }, [
        el('h2', { id: 'timeline-title', text: '办理过程' }),
        el(
          'ol',
          { class: 'timeline', id: 'timeline' },
          c.timeline.map((t) =>
            el('li', {}, [
              el('span', { text: `${when(t.at)} ${t.step} ` }),
              el('span', { class: 'actor', text: t.actor.displayName }),
              el('span', { text: ` → ${statusText(t.to)}${t.note ? `（${t.note}）` : ''}` }),
            ]),
          ),
        ),
      ]);
      view.appendChild(head);
      if (d.decisions.length) view.appendChild(decisionForm(c, d));
      view.appendChild(rules);
      view.appendChild(materials);
      view.appendChild(sharedDataSection(c));
      view.appendChild(timeline);
      if (c.documents.length) {
        const renderings = new Map<string, RenderedDocument>();
        for (const x of d.documentRenderings ?? []) renderings.set(x.documentId, x.rendering);
        view.appendChild(
          el('section', { 'aria-labelledby': 'docs-title' }, [
            el('h2', { id: 'docs-title', text: '文书' }),
            el(
              'ul',
              {},
              c.documents.map((x) => {
                const r = renderings.get(x.documentId);
                return el('li', {}, [
                  el('span', { text: `${x.title} ${x.number}` }),
                  r
                    ? el('details', { class: 'doc', 'data-document': x.documentId }, [
                        el('summary', { text: '查看全文' }),
                        drawRendering(r),
                      ])
                    : null,
                ]);
              }),
            ),
          ]),
        );
      }
      $('main').focus();
    })
    .catch((e: unknown) => say(messageOf(e), true));
}

// ---------------------------------------------------------------- 文书（服务端的同一呈现）
/** Draws the server's rendering model (domain/documents/rendering.ts): it only lays out. */
function drawRendering(r: RenderedDocument): HTMLElement {
  const parts: (HTMLElement | null)[] = [
    el('h3', { text: r.title }),
    r.number ? el('p', { text: r.number }) : null,
    r.subtitle ? el('p', { text: r.subtitle }) : null,
  ];
  for (const s of r.sections) {
    if (s.heading) parts.push(el('h4', { text: s.heading }));
    for (const b of s.blocks) {
      if (b.type === 'rows')
        parts.push(
          el(
            'dl',
            { class: 'facts' },
            b.rows.flatMap((row) => [el('dt', { text: row.label }), el('dd', { text: row.value })]),
          ),
        );
      else if (b.type === 'paragraph') parts.push(el('p', { text: b.text }));
      else if (b.type === 'table')
        parts.push(
          el('table', {}, [
            headRow(b.columns),
            el(
              'tbody',
              {},
              b.rows.map((row) =>
                el(
                  'tr',
                  {},
                  row.map((cell) => el('td', { text: cell })),
                ),
              ),
            ),
          ]),
        );
      else if (b.type === 'list')
        parts.push(
          el(
            'ol',
            {},
            b.items.map((i) => el('li', { text: i })),
          ),
        );
      else if (b.type === 'qa')
        parts.push(
          el(
            'dl',
            {},
            b.items.flatMap((q) => [
              el('dt', { text: `问：${q.question}` }),
              el('dd', { text: `答（${q.answeredBy}）：${q.answer}` }),
            ]),
          ),
        );
      else if (b.type === 'signatures')
        parts.push(
          el(
            'ul',
            {},
            b.lines.map((l) => el('li', { text: `${l.role}：${l.name}（${l.status}）` })),
          ),
        );
    }
  }
  if (r.closing) parts.push(el('p', { text: `${r.closing.issuer} ${r.closing.date}` }));
  return el('div', { class: 'rendering' }, parts);
}

// ---------------------------------------------------------------- 共享数据
type SharedRecord = SharedDataResponse['records'][number];
type Recheck = SharedDataResponse['rechecks'][number];
type FaultMode = 'ok' | 'slow' | 'unavailable' | 'wrong';

const SOURCE_STATUS: Record<SharedRecord['status'], string> = {
  current: '有效',
  underRecheck: '校核中',
  wrong: '经校核有误',
  superseded: '已替换',
};
const RECHECK_STATUS: Record<Recheck['status'], string> = {
  pending: '等待答复',
  errorConfirmed: '数源单位确认有误',
  upheld: '维持原数据',
};
const FAULT: Record<FaultMode, string> = {
  ok: '正常',
  slow: '响应慢（超时）',
  unavailable: '不可用',
  wrong: '返回错误数据',
};

/** A value of shared data in words (是/否, lists joined), never as JSON text. */
function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map(valueText).join('、');
  return String(v);
}

/** The data a department sent, as a list of its fields (nested fields indented). */
function dataList(data: unknown): HTMLElement {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return el('span', { text: valueText(data) });
  return el(
    'dl',
    { class: 'facts shared-data' },
    Object.entries(data as Record<string, unknown>).flatMap(([k, v]) => [
      el('dt', { text: k }),
      el('dd', {}, [
        v !== null && typeof v === 'object' && !Array.isArray(v)
          ? dataList(v)
          : Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object')
            ? el(
                'ol',
                {},
                v.map((x) => el('li', {}, [dataList(x)])),
              )
            : valueText(v),
      ]),
    ]),
  );
}

function sharedDataSection(c: CaseDetail): HTMLElement {
  const box = el('section', { 'aria-labelledby': 'shared-title' }, [
    el('h2', { id: 'shared-title', text: '共享数据' }),
  ]);
  const names = new Map<string, string>();
  call<SharedDataResponse>('GET', `/cases/${encodeURIComponent(c.caseId)}/shared-data`)
    .then((d) => {
      box.appendChild(
        el(
          'ul',
          {},
          d.records.map((r) => {
            names.set(r.source, r.sourceName);
            const reason = el('input', {
              'aria-label': `退回校核理由（${r.sourceName}）`,
              placeholder: '退回校核理由',
            });
            const b = el('button', {
              type: 'button',
              'data-recheck': r.recordId,
              text: '退回校核',
            });
            b.addEventListener('click', () => {
              if (!reason.value.trim()) {
                say('请写明退回校核的理由', true);
                reason.focus();
                return;
              }
              b.disabled = true;
              call<Recheck>(
                'POST',
                `/cases/${encodeURIComponent(c.caseId)}/shared-data/${encodeURIComponent(r.recordId)}/recheck`,
                { reason: reason.value.trim() },
              )
                .then((x) => {
                  say(`已退回校核，校核期限 ${x.dueOn}（1个工作日）`);
                  renderCase($('view'), c.caseId);
                })
                .catch((e: unknown) => {
                  b.disabled = false;
                  say(messageOf(e), true);
                });
            });
            return el('li', {}, [
              el('span', {
                text: `${r.sourceName} · ${when(r.retrievedAt)} · ${r.sealValid ? '印章有效' : '印章无效'} · ${SOURCE_STATUS[r.status] ?? r.status} `,
              }),
              r.data === undefined
                ? null
                : el('details', {}, [el('summary', { text: '查看数据' }), dataList(r.data)]),
              r.status === 'current' ? el('span', {}, [' ', reason, ' ', b]) : null,
            ]);
          }),
        ),
      );
      if (d.rechecks.length)
        box.appendChild(
          el(
            'ul',
            {},
            d.rechecks.map((x) =>
              el('li', {
                text: `校核：${x.reason}，期限 ${x.dueOn}，${RECHECK_STATUS[x.status] ?? x.status}`,
              }),
            ),
          ),
        );
    })
    .catch((e: unknown) => box.appendChild(el('p', { text: messageOf(e) })));
  call<{ faults: Record<string, FaultMode> }>('GET', '/data-sources/faults')
    .then((f) => {
      const sourceName = (k: string) => names.get(k) ?? k;
      const source = el(
        'select',
        { 'aria-label': '数据源' },
        Object.keys(f.faults).map((k) =>
          el('option', {
            value: k,
            text: `${sourceName(k)}（${FAULT[f.faults[k]] ?? f.faults[k]}）`,
          }),
        ),
      );
      const mode = el(
        'select',
        { 'aria-label': '故障模式' },
        (Object.keys(FAULT) as FaultMode[]).map((k) => el('option', { value: k, text: FAULT[k] })),
      );
      const b = el('button', { type: 'button', text: '设置（演示）' });
      b.addEventListener('click', () => {
        call('PUT', '/data-sources/faults', { source: source.value, mode: mode.value })
          .then(() => {
            say(`数据源 ${sourceName(source.value)} 已设为“${FAULT[mode.value as FaultMode]}”`);
            renderCase($('view'), c.caseId);
          })
          .catch((e: unknown) => say(messageOf(e), true));
      });
      box.appendChild(el('p', {}, ['数据源故障演示：', source, ' ', mode, ' ', b]));
    })
    .catch(() => {
      /* simulators disabled: no demo switch */
    });
  return box;
}

function decisionForm(c: CaseDetail, d: StaffCaseResponse): HTMLElement {
  const reasons = el('textarea', {
    id: 'reasons',
    name: 'reasons',
    'aria-describedby': 'reasons-hint',
  });
  const note = el('input', { id: 'note', name: 'note' });
  const buttons = d.decisions.map((k) => {
    const label =
      DECISION[k] + (k === 'approve' && d.taxOutstanding ? '（尚未完税：转待缴税）' : '');
    const b = el('button', {
      type: 'button',
      'data-decision': k,
      class: k === 'refuse' || k === 'notAccept' ? 'danger' : '',
      text: label,
    });
    b.addEventListener('click', () => {
      const list = reasons.value
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
      if (NEEDS_REASONS.has(k) && !list.length) {
        say(`“${DECISION[k]}”必须写明理由`, true);
        reasons.focus();
        return;
      }
      b.disabled = true;
      call<StaffCaseDecisionResponse>('POST', `/cases/${encodeURIComponent(c.caseId)}/decisions`, {
        decision: k,
        reasons: list,
        note: note.value || undefined,
        version: c.version,
      })
        .then((r) => {
          say(`${DONE[k]}。办件状态：${statusText(r.case.status)}`);
          renderCase($('view'), c.caseId);
        })
        .catch((e: unknown) => {
          b.disabled = false;
          say(messageOf(e), true);
        });
    });
    return b;
  });
  return el('section', { 'aria-labelledby': 'decide-title' }, [
    el('h2', { id: 'decide-title', text: '办理决定' }),
    el('p', {}, [el('label', { for: 'reasons', text: '理由' })]),
    reasons,
    el('p', {
      id: 'reasons-hint',
      text: '每行一条。要求补正、不予受理、不予登记必须写明理由，理由将写入加盖电子印章的通知书并送达各方当事人。',
    }),
    el('p', {}, [el('label', { for: 'note', text: '备注' }), note]),
    el(
      'p',
      { class: 'actions' },
      buttons.flatMap((b) => [b, ' ']),
    ),
  ]);
}
