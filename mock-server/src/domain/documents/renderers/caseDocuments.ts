/**
 * Renderers of the documents a party reads and signs on the phone (待签署文书): the
 * 不动产登记申请书, each party's 询问笔录, the 网签合同, the 婚姻状况承诺书 and the 告知承诺书.
 * Input: the document's data exactly as the signing bundle holds it (its digest is what is
 * signed, together with RENDERER_VERSIONS[kind]). Pure.
 */
import { formatUnitCode } from '../../identifiers';
import type { RenderedDocument, RenderedSection, RenderViewer } from '../rendering';
import { RENDERER_VERSIONS } from '../rendering';
import {
  dateText,
  dateTimeText,
  fenOfYuan,
  nameFor,
  orDash,
  roleName,
  ROLE_NAMES,
  shareText,
  yuanText,
  yuanWithUpper,
} from './format';

export interface PartyRef {
  partyId: string;
  name: string;
  /** the agent or guardian acting for the party (absent: the party acts themself) */
  agent?: ActingPerson;
}

/** An agent or guardian as the documents name them: by name and capacity (委托代理人 / 监护人). */
export interface ActingPerson {
  name: string;
  capacity: string;
}

/** A contract's 代理人 row: who acts for which of its parties (absent when nobody does). */
export function actingRows(
  viewer: RenderViewer,
  actingFor: { name: string; agent: ActingPerson }[] | undefined,
): { label: string; value: string; wide: true }[] {
  if (!actingFor?.length) return [];
  const value = actingFor
    .map((x) => signerText(viewer, x, nameFor(viewer, { name: x.name })))
    .join('；');
  return [{ label: '代理人', value, wide: true }];
}

/**
 * `委托代理人 许*芳 代 委托人 叶美华`: whoever signs the line for the party, and on whose behalf
 * (names as this viewer may see them).
 */
export function signerText(
  viewer: RenderViewer,
  p: { name: string; agent?: ActingPerson },
  name: string,
) {
  if (!p.agent) return name;
  const principal = p.agent.capacity === '监护人' ? '被监护人' : '委托人';
  return `${p.agent.capacity} ${nameFor(viewer, { name: p.agent.name })} 代 ${principal} ${name}`;
}

/** Who has signed what, to fill the 申请人签章 lines (not part of the signed data). */
export type SignedAt = Record<string, string | undefined>;

// ---------------------------------------------------------------- 不动产登记申请书

export interface ApplicationFormData {
  documentType: 'applicationForm';
  title: string;
  businessType: { code: string; name: string; version: number };
  unitCode: string;
  location: string;
  parties: {
    partyId: string;
    name: string;
    role: string;
    shareBasisPoints?: number;
    /** a bank or developer: its name is public */
    organisation?: boolean;
    /** the agent or guardian acting for this party (the form's 代理人 columns) */
    agent?: ActingPerson;
  }[];
  newCoOwnership: 'sole' | 'joint' | 'shares' | null;
  priceYuan: number | null;
  materials: { code: string; name: string; files: string[]; committed: boolean }[];
  /** registration kind of the business type */
  registrationKind?: string;
  /** the business type's own names of roles (a mortgage's 抵押人), from the catalogue */
  roleLabels?: Partial<Record<string, string>>;
}

const CO_OWNERSHIP_NAMES = { sole: '单独所有', joint: '共同共有', shares: '按份共有' } as const;

/** The order of the national form: 权利人 first, then 义务人, then everyone else. */
const ROLE_ORDER = ['rightHolder', 'mortgagee', 'obligor', 'coOwner', 'consentingSpouse', 'agent'];

/**
 * A signature line's status: 已签署 with the time, or 待签署, when who signed is known (the
 * bundle a party reads); without it (a copy, the archive) the electronic signature record is
 * what counts.
 */
function signatureStatus(signedAt: SignedAt | undefined, partyId: string): string {
  if (signedAt === undefined) return '以电子签名记录为准';
  const at = signedAt[partyId];
  return at ? `已签署 ${dateTimeText(at)}` : '待签署';
}

export function renderApplicationForm(
  d: ApplicationFormData,
  viewer: RenderViewer,
  signedAt?: SignedAt,
): RenderedDocument {
  const kind = d.registrationKind;
  const roles = [...new Set(d.parties.map((p) => p.role))].sort(
    (a, b) => ((ROLE_ORDER.indexOf(a) + 99) % 99) - ((ROLE_ORDER.indexOf(b) + 99) % 99),
  );
  const partySections: RenderedSection[] = roles.map((role) => {
    const ps = d.parties.filter((p) => p.role === role);
    const withShares = ps.some((p) => p.shareBasisPoints !== undefined);
    // the national form's 代理人 columns, drawn only where someone acts for a party
    const withAgents = ps.some((p) => p.agent !== undefined);
    return {
      heading: `${roleName(role, kind, d.roleLabels)}情况`,
      blocks: [
        {
          type: 'table',
          caption: roleName(role, kind, d.roleLabels),
          columns: [
            '姓名/名称',
            '申请人类别',
            ...(withShares ? ['份额'] : []),
            ...(withAgents ? ['代理人'] : []),
          ],
          rows: ps.map((p) => {
            const row = [nameFor(viewer, p), p.organisation ? '法人或其他组织' : '自然人'];
            if (withShares)
              row.push(p.shareBasisPoints !== undefined ? shareText(p.shareBasisPoints) : '—');
            if (withAgents)
              row.push(
                p.agent ? `${nameFor(viewer, { name: p.agent.name })}（${p.agent.capacity}）` : '—',
              );
            return row;
          }),
        },
      ],
    };
  });
  const property: RenderedSection = {
    heading: '不动产情况',
    blocks: [
      {
        type: 'rows',
        rows: [
          { label: '坐落', value: orDash(d.location), wide: true },
          { label: '不动产单元号', value: formatUnitCode(d.unitCode) },
          ...(d.newCoOwnership
            ? [{ label: '共有方式', value: CO_OWNERSHIP_NAMES[d.newCoOwnership] }]
            : []),
          ...(d.priceYuan !== null && d.priceYuan !== undefined
            ? [{ label: '成交价格', value: yuanWithUpper(fenOfYuan(d.priceYuan)), wide: true }]
            : []),
        ],
      },
    ],
  };
  return {
    kind: 'applicationForm',
    rendererVersion: RENDERER_VERSIONS.applicationForm,
    title: '不动产登记申请书',
    sections: [
      {
        heading: '申请登记事项',
        blocks: [
          {
            type: 'rows',
            rows: [
              { label: '登记类型', value: d.businessType.name },
              { label: '申请方式', value: '线上申请（掌上不动产）' },
            ],
          },
        ],
      },
      property,
      ...partySections,
      {
        heading: '申请材料',
        blocks: [
          {
            type: 'table',
            columns: ['材料名称', '提交方式'],
            rows: d.materials.map((m) => [
              m.name,
              m.files.length
                ? `已上传 ${m.files.length} 份`
                : m.committed
                  ? '告知承诺'
                  : '部门共享核验',
            ]),
          },
        ],
      },
      {
        heading: '申请人签章',
        blocks: [
          {
            type: 'paragraph',
            text: '本申请人对填写的上述内容及提交的申请材料的真实性负责。如有不实，申请人愿承担法律责任。',
            emphasis: true,
          },
          {
            type: 'signatures',
            lines: d.parties.map((p) => ({
              role: roleName(p.role, kind, d.roleLabels),
              name: signerText(viewer, p, nameFor(viewer, p)),
              status: signatureStatus(signedAt, p.partyId),
            })),
          },
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------- 询问笔录

export interface InquiryData {
  documentType: 'inquiry';
  party: PartyRef;
  items: { code: string; question: string; answer: string | null }[];
}

export function renderInquiry(
  d: InquiryData,
  viewer: RenderViewer,
  signedAt?: SignedAt,
): RenderedDocument {
  const name = nameFor(viewer, d.party);
  return {
    kind: 'inquiry',
    rendererVersion: RENDERER_VERSIONS.inquiry,
    title: '不动产登记询问笔录',
    subtitle: `被询问人：${name}`,
    sections: [
      {
        blocks: [
          {
            type: 'paragraph',
            text: '询问人：台州市不动产登记机构（在线询问）。被询问人应当如实回答下列问题，并对回答内容的真实性负责（《不动产登记暂行条例实施细则》第十六条）。',
          },
        ],
      },
      {
        heading: '询问内容',
        blocks: [
          {
            type: 'qa',
            items: d.items.map((i) => ({
              question: i.question,
              answer: i.answer ?? '（尚未回答）',
              answeredBy: signerText(viewer, d.party, name),
            })),
          },
        ],
      },
      {
        heading: '被询问人签名',
        blocks: [
          { type: 'paragraph', text: '以上笔录本人已阅读，与本人回答一致。' },
          {
            type: 'signatures',
            lines: [
              {
                role: '被询问人',
                name: signerText(viewer, d.party, name),
                status: signatureStatus(signedAt, d.party.partyId),
              },
            ],
          },
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------- 网签合同

export interface ContractData {
  documentType: 'contract';
  sellers: string[];
  buyers: string[];
  unitCode: string;
  location?: string;
  priceYuan: number | null;
  /** the parties acting through an agent or guardian (absent when nobody does) */
  actingFor?: { name: string; agent: ActingPerson }[];
  terms?: {
    priceFen: number;
    paymentMethodName: string;
    handoverDate: string;
    fixtures: string;
  };
}

export function renderContract(d: ContractData, viewer: RenderViewer): RenderedDocument {
  const names = (ns: string[]) => ns.map((n) => nameFor(viewer, { name: n })).join('、') || '—';
  const priceFen = d.terms
    ? d.terms.priceFen
    : d.priceYuan !== null
      ? fenOfYuan(d.priceYuan)
      : null;
  const clauses: string[] = [
    `出卖人（甲方）：${names(d.sellers)}；买受人（乙方）：${names(d.buyers)}。`,
    `房屋基本情况：${d.location ? `坐落于${d.location}，` : ''}不动产单元号${formatUnitCode(d.unitCode)}。`,
    priceFen !== null ? `成交价格：${yuanWithUpper(priceFen)}。` : '成交价格：双方尚未填写。',
  ];
  if (d.terms) {
    clauses.push(
      `付款方式：${d.terms.paymentMethodName}。`,
      `房屋交付：甲方应于${dateText(d.terms.handoverDate)}前将房屋交付乙方。`,
      `附属设施：${d.terms.fixtures.trim() || '无'}。`,
    );
  }
  clauses.push(
    '不动产登记：双方应共同向不动产登记机构申请办理转移登记；税费按国家规定各自承担。',
    '本合同经双方电子签名后生效，与纸质合同具有同等法律效力（《中华人民共和国电子签名法》第十四条）。',
  );
  return {
    kind: 'contract',
    rendererVersion: RENDERER_VERSIONS.contract,
    title: d.terms ? '存量房买卖合同（网签）' : '存量房买卖合同（网签）摘要',
    sections: [
      {
        heading: '约定条款',
        blocks: [{ type: 'list', items: clauses.map((c, i) => `第${CLAUSE_NUMBERS[i]}条 ${c}`) }],
      },
      {
        heading: '主要约定',
        blocks: [
          {
            type: 'rows',
            rows: [
              { label: '出卖人', value: names(d.sellers) },
              { label: '买受人', value: names(d.buyers) },
              ...actingRows(viewer, d.actingFor),
              { label: '成交价格', value: priceFen !== null ? yuanText(priceFen) : '—' },
              ...(d.terms
                ? [
                    { label: '付款方式', value: d.terms.paymentMethodName },
                    { label: '交付日期', value: dateText(d.terms.handoverDate) },
                  ]
                : []),
            ],
          },
        ],
      },
    ],
  };
}

const CLAUSE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

// ---------------------------------------------------------------- 承诺书

export interface MaritalCommitmentData {
  documentType: 'maritalCommitment';
  party: PartyRef;
  maritalStatus: string;
  spouse: PartyRef | null;
  text: string;
  committedAt: string;
}

export function renderMaritalCommitment(
  d: MaritalCommitmentData,
  viewer: RenderViewer,
): RenderedDocument {
  const name = nameFor(viewer, d.party);
  return {
    kind: 'maritalCommitment',
    rendererVersion: RENDERER_VERSIONS.maritalCommitment,
    title: '婚姻状况承诺书',
    subtitle: `承诺人：${name}`,
    sections: [
      {
        blocks: [
          {
            type: 'rows',
            rows: [
              { label: '承诺人', value: name },
              { label: '婚姻状况', value: d.maritalStatus },
              ...(d.spouse ? [{ label: '配偶', value: nameFor(viewer, d.spouse) }] : []),
              { label: '承诺时间', value: dateTimeText(d.committedAt) },
            ],
          },
          { type: 'paragraph', text: d.text, emphasis: true },
          {
            type: 'paragraph',
            text: '承诺人知悉：作出不实承诺的，应承担相应法律责任，登记机构可依法撤销相应登记。',
          },
        ],
      },
    ],
  };
}

export interface CommitmentData {
  documentType: 'commitment';
  material: { code: string; name: string };
  text: string;
  partyId: string;
  party?: PartyRef;
}

export function renderCommitment(d: CommitmentData, viewer: RenderViewer): RenderedDocument {
  return {
    kind: 'commitment',
    rendererVersion: RENDERER_VERSIONS.commitment,
    title: '告知承诺书',
    subtitle: `承诺事项：${d.material.name}`,
    sections: [
      {
        blocks: [
          {
            type: 'rows',
            rows: [
              { label: '承诺事项', value: d.material.name },
              ...(d.party ? [{ label: '承诺人', value: nameFor(viewer, d.party) }] : []),
            ],
          },
          { type: 'paragraph', text: d.text, emphasis: true },
        ],
      },
    ],
  };
}

export { ROLE_NAMES };
