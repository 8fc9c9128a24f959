/**
 * Renderers of the registry's notices (docs/registry-facts.md §3): 受理凭证, 补正材料通知书,
 * 不予受理通知书 and 不予登记通知书. Input: the sealed body (bodies.ts). The addressees are other
 * people to every viewer but themselves, so their names are masked unless the viewer is them or
 * staff. Pure.
 */
import type { NoticeBody } from '../bodies';
import type { NoticeKind } from '../numbering';
import type { RenderedBlock, RenderedDocument, RenderViewer } from '../rendering';
import { RENDERER_VERSIONS } from '../rendering';
import { dateText, dateTimeText, nameFor } from './format';

const REASONS_HEADING: Record<NoticeKind, string | undefined> = {
  acceptanceReceipt: undefined,
  correctionNotice: '需要补正的内容',
  nonAcceptanceNotice: '不予受理的理由',
  refusalNotice: '不予登记的理由',
};

function renderNotice(kind: NoticeKind, b: NoticeBody, viewer: RenderViewer): RenderedDocument {
  const facts: RenderedBlock = {
    type: 'rows',
    rows: [
      { label: '业务号', value: b.caseNumber },
      { label: '登记类型', value: b.businessTypeName },
      { label: '申请人', value: b.addressees.map((n) => nameFor(viewer, { name: n })).join('、') },
      { label: '不动产单元号', value: b.unitCode },
      { label: '坐落', value: b.location, wide: true },
      {
        label: kind === 'acceptanceReceipt' ? '受理时间' : '出具时间',
        value: dateTimeText(b.issuedAt),
      },
      ...(b.promisedDueOn ? [{ label: '承诺办结日期', value: dateText(b.promisedDueOn) }] : []),
      ...(b.statutoryDueOn ? [{ label: '法定办结期限', value: dateText(b.statutoryDueOn) }] : []),
      ...(b.correctionDueOn
        ? [{ label: '补正期限', value: `${dateText(b.correctionDueOn)}前（含当日）` }]
        : []),
    ],
  };
  const sections: RenderedDocument['sections'] = [
    { blocks: [{ type: 'paragraph', text: b.text }, facts] },
  ];
  const heading = REASONS_HEADING[kind];
  if (heading && b.reasons.length) {
    sections.push({
      heading,
      blocks: [{ type: 'list', items: b.reasons.map((r) => r.explanation) }],
    });
  }
  if (b.basis.length) {
    sections.push({ heading: '依据', blocks: [{ type: 'list', items: b.basis }] });
  }
  if (b.remedy) {
    sections.push({ heading: '救济途径', blocks: [{ type: 'paragraph', text: b.remedy }] });
  }
  return {
    kind,
    rendererVersion: RENDERER_VERSIONS[kind],
    title: b.title,
    number: b.number,
    sections,
    closing: { issuer: b.issuer, date: dateText(b.issuedOn || b.issuedAt) },
  };
}

export const renderAcceptanceReceipt = (b: NoticeBody, v: RenderViewer) =>
  renderNotice('acceptanceReceipt', b, v);
export const renderCorrectionNotice = (b: NoticeBody, v: RenderViewer) =>
  renderNotice('correctionNotice', b, v);
export const renderNonAcceptanceNotice = (b: NoticeBody, v: RenderViewer) =>
  renderNotice('nonAcceptanceNotice', b, v);
export const renderRefusalNotice = (b: NoticeBody, v: RenderViewer) =>
  renderNotice('refusalNotice', b, v);
