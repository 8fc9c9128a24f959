/**
 * Renderers of the payment documents: the tax department's 完税证明 (契税法 §11; sealed by the
 * department, domain/tax/receipt.ts) and the registry's 登记费 receipt (per case, 民法典 §223). Amounts
 * in 元 with the total in 大写, as on the paper 票据. Pure.
 */
import { TAX_NAMES, PAYER_NAMES } from '../../tax/assess';
import type { TaxReceiptBody } from '../../tax/receipt';
import { formatUnitCode } from '../../identifiers';
import type { RenderedDocument, RenderViewer } from '../rendering';
import { RENDERER_VERSIONS } from '../rendering';
import { dateText, dateTimeText, nameFor, yuanText, yuanUpper } from './format';

const rateText = (rate: number) => `${Number((rate * 100).toFixed(4))}%`;

export function renderTaxCertificate(b: TaxReceiptBody, _viewer: RenderViewer): RenderedDocument {
  return {
    kind: 'taxCertificate',
    rendererVersion: RENDERER_VERSIONS.taxCertificate,
    title: '税收完税证明',
    number: b.receiptNo,
    sections: [
      {
        blocks: [
          {
            type: 'rows',
            rows: [
              ...(b.unitCode ? [{ label: '不动产单元号', value: formatUnitCode(b.unitCode) }] : []),
              { label: '缴款时间', value: dateTimeText(b.paidAt) },
              { label: '开具时间', value: dateTimeText(b.issuedAt) },
            ],
          },
        ],
      },
      {
        heading: '税款明细',
        blocks: [
          {
            type: 'table',
            columns: ['税种', '纳税方', '计税依据', '税率', '实缴金额'],
            rows: b.lines.map((l) => [
              TAX_NAMES[l.tax],
              PAYER_NAMES[l.payer],
              yuanText(l.baseFen),
              rateText(l.rate),
              yuanText(l.amountFen),
            ]),
          },
          {
            type: 'rows',
            rows: [
              { label: '金额合计（小写）', value: yuanText(b.totalFen) },
              { label: '金额合计（大写）', value: `人民币${yuanUpper(b.totalFen)}` },
            ],
          },
        ],
      },
    ],
    closing: { issuer: b.issuer, date: dateText(b.issuedAt) },
  };
}

/** The registry's receipt for its 登记费 (charged per case, never as a share of price or area). */
export interface FeeReceiptData {
  receiptNo: string;
  caseNumber: string;
  payer: { personId?: string; name: string; organisation?: boolean };
  lines: { name: string; amountFen: number; basis?: string }[];
  totalFen: number;
  paidAt: string;
  issuer: string;
}

export function renderFeeReceipt(d: FeeReceiptData, viewer: RenderViewer): RenderedDocument {
  return {
    kind: 'feeReceipt',
    rendererVersion: RENDERER_VERSIONS.feeReceipt,
    title: '不动产登记费收费票据',
    number: d.receiptNo,
    sections: [
      {
        blocks: [
          {
            type: 'rows',
            rows: [
              { label: '交款人', value: nameFor(viewer, d.payer) },
              { label: '业务号', value: d.caseNumber },
              { label: '交款时间', value: dateTimeText(d.paidAt) },
            ],
          },
          {
            type: 'table',
            columns: ['收费项目', '金额', '收费依据'],
            rows: d.lines.map((l) => [l.name, yuanText(l.amountFen), l.basis || '—']),
          },
          {
            type: 'rows',
            rows: [
              { label: '合计（小写）', value: yuanText(d.totalFen) },
              { label: '合计（大写）', value: `人民币${yuanUpper(d.totalFen)}` },
            ],
          },
        ],
      },
    ],
    closing: { issuer: d.issuer, date: dateText(d.paidAt) },
  };
}
