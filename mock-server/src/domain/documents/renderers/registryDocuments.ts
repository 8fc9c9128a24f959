/**
 * Renderers of what the register issues: the 不动产登记资料查询结果证明 (令第80号), the
 * 不动产登记证明 and the 不动产权证书 (docs/registry-facts.md §2–§3). Input: the sealed body. Pure.
 */
import type { RegistrationProofBody, TitleCertificateBody } from '../bodies';
import type { RenderedBlock, RenderedDocument, RenderedRow, RenderViewer } from '../rendering';
import { RENDERER_VERSIONS } from '../rendering';
import { dateText, dateTimeText, nameFor, orDash, shareText } from './format';
import { formatUnitCode } from '../../identifiers';

// ---------------------------------------------------------------- 查询结果证明

/** The sealed body of a records query (usecases/records-query/service.ts). */
export interface QueryResultData {
  documentType: 'recordsQueryResult';
  title: string;
  number: string;
  queriedAt: string;
  requester: { name: string; role: string; organ?: string };
  purpose: string;
  purposeName: string;
  caseReference?: string;
  unit: { unitCode: string; location: string };
  items: { item: string; name: string }[];
  facts: {
    naturalState?: {
      location: string;
      use: string;
      nature: string;
      buildingArea: number;
      structure: string;
      floor: number | string;
      totalFloors: number;
      landUseEndsOn: string;
    };
    coOwnership?: { coOwned: boolean; kind: string | null };
    encumbrances?: { mortgage: boolean; advanceNotice: boolean; objection: boolean };
    restrictions?: { seized: boolean };
    holders?: {
      name: string;
      idNumber?: string;
      idNumberMasked?: string;
      shareBasisPoints?: number;
    }[];
    certificateNumber?: string | null;
    registerHistory?: { seq: number; type: string; recordedAt: string }[];
    originalFiles?: {
      archiveNumber: string;
      filedAt: string;
      items: { no: number; title: string }[];
    }[];
  };
  usage: string;
}

const REQUESTER_ROLE_NAMES: Record<string, string> = {
  rightHolder: '权利人',
  interestedParty: '利害关系人',
  stateOrgan: '国家机关',
};

const EVENT_NAMES: Record<string, string> = {
  unitRegistered: '不动产单元设立',
  rightRecorded: '权利登记（登簿）',
  restrictionRecorded: '限制或抵押登记',
  restrictionCancelled: '限制或抵押注销',
};

const CO_OWNERSHIP_NAMES: Record<string, string> = {
  sole: '单独所有',
  joint: '共同共有',
  shares: '按份共有',
};

const yesNo = (b: boolean) => (b ? '是' : '否');

export function renderQueryResult(d: QueryResultData, _viewer: RenderViewer): RenderedDocument {
  // the service already masked the holders for this requester (令第80号: 利害关系人 sees no identities)
  const f = d.facts;
  const blocks: { heading: string; blocks: RenderedBlock[] }[] = [];
  if (f.naturalState) {
    const n = f.naturalState;
    blocks.push({
      heading: '不动产自然状况',
      blocks: [
        {
          type: 'rows',
          rows: [
            { label: '坐落', value: n.location, wide: true },
            { label: '用途', value: n.use },
            { label: '权利性质', value: n.nature },
            { label: '建筑面积', value: `${n.buildingArea.toFixed(2)}平方米` },
            { label: '结构', value: n.structure },
            { label: '所在层/总层数', value: `${n.floor}/${n.totalFloors}` },
            { label: '土地使用期限', value: `${dateText(n.landUseEndsOn)}止` },
          ],
        },
      ],
    });
  }
  const answers: RenderedRow[] = [];
  if (f.coOwnership) {
    answers.push({
      label: '是否共有',
      value: f.coOwnership.coOwned
        ? `是（${CO_OWNERSHIP_NAMES[f.coOwnership.kind ?? ''] ?? '共有'}）`
        : '否',
    });
  }
  if (f.encumbrances) {
    answers.push(
      { label: '是否存在抵押登记', value: yesNo(f.encumbrances.mortgage) },
      { label: '是否存在预告登记', value: yesNo(f.encumbrances.advanceNotice) },
      { label: '是否存在异议登记', value: yesNo(f.encumbrances.objection) },
    );
  }
  if (f.restrictions) answers.push({ label: '是否查封', value: yesNo(f.restrictions.seized) });
  if (answers.length)
    blocks.push({ heading: '查询事项', blocks: [{ type: 'rows', rows: answers }] });
  if (f.holders) {
    blocks.push({
      heading: '权利人信息',
      blocks: [
        {
          type: 'table',
          columns: ['权利人', '证件号码', '份额'],
          rows: f.holders.map((h) => [
            h.name,
            h.idNumber ?? h.idNumberMasked ?? '—',
            h.shareBasisPoints ? shareText(h.shareBasisPoints) : '—',
          ]),
        },
        { type: 'rows', rows: [{ label: '不动产权证书号', value: orDash(f.certificateNumber) }] },
      ],
    });
  }
  if (f.registerHistory) {
    blocks.push({
      heading: '登记簿记载事项',
      blocks: [
        {
          type: 'table',
          columns: ['序号', '事项', '登簿时间'],
          rows: f.registerHistory.map((e) => [
            String(e.seq),
            EVENT_NAMES[e.type] ?? '登记事项',
            dateTimeText(e.recordedAt),
          ]),
        },
      ],
    });
  }
  if (f.originalFiles) {
    blocks.push({
      heading: '登记原始资料',
      blocks: [
        {
          type: 'table',
          columns: ['档案号', '归档时间', '案卷内容'],
          rows: f.originalFiles.map((p) => [
            p.archiveNumber,
            dateTimeText(p.filedAt),
            p.items.map((i) => `${i.no}. ${i.title}`).join('；'),
          ]),
        },
      ],
    });
  }
  return {
    kind: 'queryResult',
    rendererVersion: RENDERER_VERSIONS.queryResult,
    title: '不动产登记资料查询结果证明',
    number: d.number,
    sections: [
      {
        blocks: [
          {
            type: 'rows',
            rows: [
              {
                label: '查询人',
                value: `${d.requester.name}（${REQUESTER_ROLE_NAMES[d.requester.role] ?? '查询人'}${d.requester.organ ? `，${d.requester.organ}` : ''}）`,
              },
              { label: '查询目的', value: d.purposeName },
              { label: '查询时间', value: dateTimeText(d.queriedAt) },
              { label: '不动产单元号', value: formatUnitCode(d.unit.unitCode) },
              { label: '坐落', value: d.unit.location, wide: true },
              { label: '查询内容', value: d.items.map((i) => i.name).join('、') },
            ],
          },
        ],
      },
      ...blocks,
      { heading: '使用限制', blocks: [{ type: 'paragraph', text: d.usage, emphasis: true }] },
    ],
    closing: { issuer: '台州市不动产登记机构', date: dateText(d.queriedAt) },
  };
}

// ---------------------------------------------------------------- certificates

const names = (ns: string[], viewer: RenderViewer, organisations: boolean) =>
  ns.map((n) => nameFor(viewer, { name: n, organisation: organisations })).join('、');

export function renderRegistrationProof(
  b: RegistrationProofBody,
  viewer: RenderViewer,
): RenderedDocument {
  return {
    kind: 'registrationProof',
    rendererVersion: RENDERER_VERSIONS.registrationProof,
    title: '不动产登记证明',
    number: b.number,
    sections: [
      {
        blocks: [
          {
            type: 'rows',
            rows: [
              { label: '证明权利或事项', value: b.proves },
              // the 权利人 of a mortgage is the mortgagee (a bank): public
              { label: '权利人（抵押权人）', value: names(b.rightHolders, viewer, true) },
              { label: '义务人（抵押人）', value: names(b.obligors, viewer, false) },
              { label: '坐落', value: b.location, wide: true },
              { label: '不动产单元号', value: b.unitCode },
              { label: '其他', value: b.other, wide: true },
              { label: '附记', value: b.remarks, wide: true },
              { label: '登记日期', value: dateText(b.registeredOn) },
              { label: '证照标识', value: b.licenceId },
            ],
          },
        ],
      },
    ],
    closing: { issuer: b.issuer, date: dateText(b.registeredOn) },
  };
}

export function renderTitleCertificate(
  b: TitleCertificateBody,
  viewer: RenderViewer,
): RenderedDocument {
  return {
    kind: 'titleCertificate',
    rendererVersion: RENDERER_VERSIONS.titleCertificate,
    title: '不动产权证书',
    number: b.number,
    sections: [
      {
        blocks: [
          {
            type: 'rows',
            rows: [
              { label: '权利人', value: names(b.rightHolders, viewer, false) },
              // 共有情况 lists names with shares: mask each name this viewer may not see
              {
                label: '共有情况',
                value: b.rightHolders.reduce(
                  (text, n) => text.split(n).join(nameFor(viewer, { name: n })),
                  b.coOwnership,
                ),
              },
              { label: '坐落', value: b.location, wide: true },
              { label: '不动产单元号', value: b.unitCode },
              { label: '权利类型', value: b.rightType },
              { label: '权利性质', value: b.rightNature },
              { label: '用途', value: b.use },
              { label: '面积', value: b.area, wide: true },
              { label: '使用期限', value: b.term, wide: true },
              { label: '权利其他状况', value: b.otherState, wide: true },
              { label: '附记', value: b.remarks, wide: true },
              { label: '登记日期', value: dateText(b.registeredOn) },
              { label: '证照标识', value: b.licenceId },
            ],
          },
        ],
      },
    ],
    closing: { issuer: b.issuer, date: dateText(b.registeredOn) },
  };
}
