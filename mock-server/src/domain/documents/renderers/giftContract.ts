/**
 * 赠与合同 (民法典 §657–§666): generated from the case and signed in-app by the donor and the
 * donee with the application (电子签名法 §13–14: a reliable e-signature equals a handwritten one;
 * a gift is not among the §3 exclusions). Pure.
 */
import { RENDERER_VERSIONS, type RenderedDocument, type RenderViewer } from '../rendering';
import { formatUnitCode } from '../../identifiers';
import { nameFor } from './format';
import { actingRows, type ActingPerson } from './caseDocuments';

export interface GiftContractData {
  documentType: 'giftContract';
  donors: string[];
  donees: string[];
  unitCode: string;
  location: string;
  /** 单独所有 / 共同共有 / 按份共有 of the donees */
  newCoOwnership: string | null;
  /** the parties acting through an agent or guardian (absent when nobody does) */
  actingFor?: { name: string; agent: ActingPerson }[];
}

const CO_OWNERSHIP: Record<string, string> = {
  sole: '单独所有',
  joint: '共同共有',
  shares: '按份共有',
};

/** The wording both sides sign; `text` is also kept in the body the digest covers. */
export function giftContractText(d: Omit<GiftContractData, 'documentType'>): string {
  const held = d.newCoOwnership ? `，由受赠人${CO_OWNERSHIP[d.newCoOwnership] ?? ''}` : '';
  return (
    `赠与人${d.donors.join('、')}自愿将其所有的坐落于${d.location || '（见不动产单元号）'}的不动产` +
    `（不动产单元号${d.unitCode}）无偿赠与受赠人${d.donees.join('、')}${held}，受赠人同意接受赠与。` +
    '赠与不附任何条件，受赠人不支付任何对价；双方共同向不动产登记机构申请转移登记，赠与自登记之日起发生物权效力（《民法典》第二百零九条）；税费由双方按国家规定各自承担。'
  );
}

export function renderGiftContract(
  d: GiftContractData & { text?: string },
  viewer: RenderViewer,
): RenderedDocument {
  const names = (ns: string[]) => ns.map((n) => nameFor(viewer, { name: n })).join('、') || '—';
  return {
    kind: 'giftContract',
    rendererVersion: RENDERER_VERSIONS.giftContract,
    title: '赠与合同',
    sections: [
      {
        heading: '当事人',
        blocks: [
          {
            type: 'rows',
            rows: [
              { label: '赠与人', value: names(d.donors) },
              { label: '受赠人', value: names(d.donees) },
              ...actingRows(viewer, d.actingFor),
              { label: '不动产单元号', value: formatUnitCode(d.unitCode) },
              ...(d.location ? [{ label: '坐落', value: d.location, wide: true }] : []),
            ],
          },
        ],
      },
      {
        heading: '约定条款',
        blocks: [
          {
            type: 'list',
            items: [
              '赠与人将上述不动产无偿赠与受赠人，受赠人同意接受（《民法典》第六百五十七条）。',
              '赠与不附任何条件，受赠人无需支付任何对价。',
              '双方共同申请不动产转移登记，赠与的不动产自记载于不动产登记簿时转移（《民法典》第二百零九条）。',
              '税费由双方按国家规定各自承担。',
              '本合同经双方电子签名后生效，与手写签名具有同等法律效力（《中华人民共和国电子签名法》第十四条）。',
            ],
          },
        ],
      },
    ],
  };
}
