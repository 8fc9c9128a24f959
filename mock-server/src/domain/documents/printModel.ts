/**
 * What a document PDF draws: the readable rendering of a document (title, number, sections of
 * labelled rows, paragraphs, tables, numbered lists, questions and answers, signature lines, the
 * 落款) as plain data, every string final display text.
 *
 * This is the ONE place the PDFs meet the rendering model of the app's document screens (one
 * renderer per kind, `RenderedDocument` / `renderSealedBody` in domain/documents/renderers): the
 * types below have the same shape, so once that model is on the branch `PrintRendering` becomes
 * an alias of `RenderedDocument` and `renderForPrint` becomes `renderSealedBody`, and the
 * interim rendering below goes. Until then the interim rendering gives every kind Chinese labels,
 * 元 amounts, Beijing time and masking for anyone who is not the person. Pure.
 */
import { maskName } from '../masking';

export interface PrintRow {
  label: string;
  value: string;
  wide?: boolean;
}

export type PrintBlock =
  | { type: 'rows'; rows: PrintRow[] }
  | { type: 'paragraph'; text: string; emphasis?: boolean }
  | { type: 'table'; caption?: string; columns: string[]; rows: string[][] }
  | { type: 'list'; items: string[] }
  | { type: 'qa'; items: { question: string; answer: string; answeredBy: string }[] }
  | { type: 'signatures'; lines: { role: string; name: string; status: string }[] };

export interface PrintRendering {
  kind: string;
  rendererVersion: number;
  title: string;
  number?: string;
  subtitle?: string;
  sections: { heading?: string; blocks: PrintBlock[] }[];
  closing?: { issuer: string; date: string };
  footnote?: string;
}

export interface PrintViewer {
  personId?: string;
  name?: string;
  staff?: boolean;
}

// ------------------------------------------------------------------ interim rendering

const ROLE_NAMES: Record<string, string> = {
  rightHolder: '权利人',
  obligor: '义务人',
  mortgagee: '抵押权人',
  mortgagor: '抵押人',
  coOwner: '共有人',
  consentingSpouse: '配偶（同意）',
  agent: '代理人',
};
const roleName = (r: unknown) => ROLE_NAMES[String(r)] ?? '申请人';

/** 2026-12-07T07:40:34Z → 2026年12月7日 15:40 (Beijing) */
const beijing = (instant: string) => {
  const t = Date.parse(instant);
  if (!Number.isFinite(t)) return instant;
  const d = new Date(t + 8 * 3600_000);
  const hm = d.toISOString().slice(11, 16);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hm}`;
};
const chineseDate = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso;
};
const yuan = (n: number) =>
  `${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;
const pct = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;

interface Person {
  partyId?: string;
  personId?: string;
  name?: string;
  idNumber?: string;
}
/** A person's name: in full for the person (and staff), masked for anyone else. */
const nameFor = (p: Person, v: PrintViewer) =>
  v.staff || (v.personId && (p.partyId ?? p.personId) === v.personId)
    ? (p.name ?? '')
    : maskName(p.name ?? '');
/** Names listed without ids (notices, certificates): the viewer's own in full, others masked. */
const listedName = (n: string, v: PrintViewer) => (v.staff || n === v.name ? n : maskName(n));

type Body = Record<string, unknown>;
const s = (x: unknown) => (x === null || x === undefined ? '' : String(x));

const NOTICE_KINDS = [
  'acceptanceReceipt',
  'correctionNotice',
  'nonAcceptanceNotice',
  'refusalNotice',
];

function noticeRendering(b: Body, v: PrintViewer): PrintRendering {
  const reasons = (b.reasons as { code: string; explanation: string }[] | undefined) ?? [];
  const blocks: PrintBlock[] = [
    {
      type: 'rows',
      rows: [
        {
          label: '申请人',
          value: ((b.addressees as string[]) ?? []).map((n) => listedName(n, v)).join('、'),
        },
        { label: '业务号', value: s(b.caseNumber) },
        { label: '登记类型', value: s(b.businessTypeName) },
        { label: '不动产单元号', value: s(b.unitCode) },
        { label: '坐落', value: s(b.location), wide: true },
        ...(b.promisedDueOn
          ? [{ label: '承诺办结日期', value: chineseDate(s(b.promisedDueOn)) }]
          : []),
        ...(b.statutoryDueOn
          ? [{ label: '法定办结期限', value: chineseDate(s(b.statutoryDueOn)) }]
          : []),
      ],
    },
    { type: 'paragraph', text: s(b.text) },
  ];
  if (reasons.length) blocks.push({ type: 'list', items: reasons.map((r) => r.explanation) });
  const basis = (b.basis as string[] | undefined) ?? [];
  const sections: PrintRendering['sections'] = [{ blocks }];
  if (basis.length) sections.push({ heading: '依据', blocks: [{ type: 'list', items: basis }] });
  if (b.remedy)
    sections.push({ heading: '救济途径', blocks: [{ type: 'paragraph', text: s(b.remedy) }] });
  return {
    kind: s(b.documentType),
    rendererVersion: 0,
    title: s(b.title),
    number: s(b.number),
    sections,
    closing: { issuer: s(b.issuer), date: chineseDate(s(b.issuedOn)) },
  };
}

function applicationRendering(b: Body, v: PrintViewer): PrintRendering {
  const bt = (b.businessType as { name?: string } | undefined) ?? {};
  const parties = (b.parties as (Person & { role?: string; shareBasisPoints?: number })[]) ?? [];
  const materials = (b.materials as { name: string; files: string[]; committed: boolean }[]) ?? [];
  return {
    kind: 'applicationForm',
    rendererVersion: 0,
    title: s(b.title) || '不动产登记申请书',
    sections: [
      {
        heading: '申请登记事项',
        blocks: [{ type: 'rows', rows: [{ label: '登记类型', value: s(bt.name) }] }],
      },
      {
        heading: '不动产情况',
        blocks: [
          {
            type: 'rows',
            rows: [
              { label: '不动产单元号', value: s(b.unitCode) },
              { label: '坐落', value: s(b.location), wide: true },
              ...(typeof b.priceYuan === 'number'
                ? [{ label: '成交价格', value: yuan(b.priceYuan) }]
                : []),
            ],
          },
        ],
      },
      {
        heading: '申请人',
        blocks: [
          {
            type: 'table',
            columns: ['身份', '姓名/名称', '份额'],
            rows: parties.map((p) => [
              roleName(p.role),
              nameFor(p, v),
              p.shareBasisPoints !== undefined ? pct(p.shareBasisPoints) : '—',
            ]),
          },
        ],
      },
      {
        heading: '申请材料',
        blocks: [
          {
            type: 'table',
            columns: ['材料', '提交方式'],
            rows: materials.map((m) => [
              m.name,
              m.files.length ? `已上传 ${m.files.length} 份` : m.committed ? '告知承诺' : '未提交',
            ]),
          },
        ],
      },
      {
        heading: '申请人签章',
        blocks: [
          {
            type: 'signatures',
            lines: parties.map((p) => ({
              role: roleName(p.role),
              name: nameFor(p, v),
              status: '见电子签名记录',
            })),
          },
        ],
      },
    ],
  };
}

function inquiryRendering(b: Body, v: PrintViewer): PrintRendering {
  const party = (b.party as Person) ?? {};
  const name = nameFor(party, v);
  const items = (b.items as { question: string; answer: unknown }[]) ?? [];
  const answer = (a: unknown) =>
    a === true ? '是' : a === false ? '否' : a === null || a === undefined ? '（未作答）' : s(a);
  return {
    kind: 'inquiry',
    rendererVersion: 0,
    title: '不动产登记询问笔录',
    subtitle: `被询问人：${name}`,
    sections: [
      {
        blocks: [
          {
            type: 'qa',
            items: items.map((i) => ({
              question: i.question,
              answer: answer(i.answer),
              answeredBy: name,
            })),
          },
        ],
      },
    ],
  };
}

function contractRendering(b: Body, v: PrintViewer): PrintRendering {
  const names = (xs: unknown) => ((xs as string[]) ?? []).map((n) => listedName(n, v)).join('、');
  const rows: PrintRow[] = [
    { label: '出卖人', value: names(b.sellers) },
    { label: '买受人', value: names(b.buyers) },
    { label: '不动产单元号', value: s(b.unitCode) },
  ];
  if (typeof b.priceYuan === 'number') rows.push({ label: '成交价格', value: yuan(b.priceYuan) });
  return {
    kind: 'contract',
    rendererVersion: 0,
    title: b.terms ? '存量房买卖合同（网签）' : '买卖合同（网签）摘要',
    sections: [{ blocks: [{ type: 'rows', rows }] }],
  };
}

function commitmentRendering(b: Body, v: PrintViewer): PrintRendering {
  const party = (b.party as Person | undefined) ?? undefined;
  const marital = b.documentType === 'maritalCommitment';
  const rows: PrintRow[] = [];
  if (party) rows.push({ label: '承诺人', value: nameFor(party, v) });
  if (b.material)
    rows.push({ label: '承诺事项', value: s((b.material as { name?: string }).name) });
  if (b.committedAt) rows.push({ label: '承诺时间', value: beijing(s(b.committedAt)) });
  return {
    kind: s(b.documentType),
    rendererVersion: 0,
    title: marital ? '婚姻状况承诺书' : '承诺书',
    sections: [
      {
        blocks: [
          ...(rows.length ? [{ type: 'rows' as const, rows }] : []),
          { type: 'paragraph', text: s(b.text) },
        ],
      },
    ],
  };
}

function certificateRendering(b: Body, v: PrintViewer): PrintRendering {
  const proof = b.documentType === 'registrationProof';
  const holders = ((b.rightHolders as string[]) ?? []).map((n) => listedName(n, v)).join('、');
  const rows: PrintRow[] = proof
    ? [
        { label: '证明权利或事项', value: s(b.proves) },
        { label: '权利人', value: holders },
        {
          label: '义务人',
          value: ((b.obligors as string[]) ?? []).map((n) => listedName(n, v)).join('、'),
        },
        { label: '坐落', value: s(b.location), wide: true },
        { label: '不动产单元号', value: s(b.unitCode) },
        { label: '其他', value: s(b.other), wide: true },
        { label: '附记', value: s(b.remarks), wide: true },
      ]
    : [
        { label: '权利人', value: holders },
        { label: '共有情况', value: s(b.coOwnership) },
        { label: '坐落', value: s(b.location), wide: true },
        { label: '不动产单元号', value: s(b.unitCode) },
        { label: '权利类型', value: s(b.rightType) },
        { label: '面积', value: s(b.area) },
        { label: '附记', value: s(b.remarks), wide: true },
      ];
  return {
    kind: s(b.documentType),
    rendererVersion: 0,
    title: s(b.title),
    number: s(b.number),
    sections: [{ blocks: [{ type: 'rows', rows }] }],
    closing: { issuer: s(b.issuer), date: chineseDate(s(b.registeredOn)) },
  };
}

/** Any other sealed body (receipts, query results): its title and its plain-text fields. */
function genericRendering(b: Body): PrintRendering {
  return {
    kind: s(b.documentType) || 'document',
    rendererVersion: 0,
    title: s(b.title) || '登记文书',
    ...(b.number ? { number: s(b.number) } : {}),
    sections: [
      {
        blocks: [
          {
            type: 'rows',
            rows: Object.entries(b)
              .filter(
                ([k, x]) => typeof x === 'string' && /[\u4e00-\u9fff]/.test(x) && k !== 'title',
              )
              .map(([, x]) => ({ label: '内容', value: String(x), wide: true })),
          },
        ],
      },
    ],
  };
}

/** The readable rendering of a bundle document or a sealed body, for `viewer`; null if none. */
export function renderForPrint(body: unknown, viewer: PrintViewer): PrintRendering | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Body;
  const t = s(b.documentType);
  if (NOTICE_KINDS.includes(t)) return noticeRendering(b, viewer);
  switch (t) {
    case 'applicationForm':
      return applicationRendering(b, viewer);
    case 'inquiry':
      return inquiryRendering(b, viewer);
    case 'contract':
      return contractRendering(b, viewer);
    case 'commitment':
    case 'maritalCommitment':
      return commitmentRendering(b, viewer);
    case 'titleCertificate':
    case 'registrationProof':
      return certificateRendering(b, viewer);
    default:
      return genericRendering(b);
  }
}

/** Every string a rendering shows, in reading order (what a copy's text must contain). */
export function renderingTexts(r: PrintRendering): string[] {
  const out = [r.title, r.number ?? '', r.subtitle ?? ''];
  for (const sec of r.sections) {
    out.push(sec.heading ?? '');
    for (const b of sec.blocks) {
      if (b.type === 'rows') for (const x of b.rows) out.push(x.label, x.value);
      else if (b.type === 'paragraph') out.push(b.text);
      else if (b.type === 'table') out.push(b.caption ?? '', ...b.columns, ...b.rows.flat());
      else if (b.type === 'list') out.push(...b.items);
      else if (b.type === 'qa')
        for (const q of b.items) out.push(q.question, q.answer, q.answeredBy);
      else for (const l of b.lines) out.push(l.role, l.name, l.status);
    }
  }
  if (r.closing) out.push(r.closing.issuer, r.closing.date);
  out.push(r.footnote ?? '');
  return out.filter(Boolean);
}
