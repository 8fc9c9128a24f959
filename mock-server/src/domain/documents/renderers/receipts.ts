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
import type { FiscalReceiptBody } from '../../fees/fiscalReceipt';
import { dateText, dateTimeText, nameFor, orDash, yuanText, yuanUpper } from './format';

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

/**
 * The receipt for the registry's 登记费 (charged per case, never as a share of price or area): the
 * 财政电子票据 the finance department issues and seals (domain/fees/fiscalReceipt.ts), with its
 * 票据代码, 校验码 and 收款单位 when it is one.
 */
export interface FeeReceiptData {
  receiptNo: string;
  /** 票据代码 of a 财政电子票据 */
  billCode?: string;
  /** 校验码 printed on a 财政电子票据 */
  checkCode?: string;
  caseNumber: string;
  payer: { personId?: string; name: string; organisation?: boolean };
  /** 收款单位 (the registry) */
  payee?: string;
  lines: { name: string; amountFen: number; basis?: string }[];
  totalFen: number;
  paidAt: string;
  issuer: string;
}

/** The readable data of a sealed 财政电子票据 of a case (its 业务号 when the case has one). */
export function feeReceiptData(b: FiscalReceiptBody, caseNumber?: string): FeeReceiptData {
  return {
    receiptNo: b.billNo,
    billCode: b.billCode,
    checkCode: b.checkCode,
    caseNumber: caseNumber ?? '',
    payer: { personId: b.payerId, name: b.payerName },
    payee: b.payee,
    lines: b.items.map((i) => ({ name: i.name, amountFen: i.amountFen })),
    totalFen: b.totalFen,
    paidAt: b.paidAt,
    issuer: b.issuer,
  };
}

export function renderFeeReceipt(d: FeeReceiptData, viewer: RenderViewer): RenderedDocument {
  // the 收费依据 column only when the lines name one (a 财政电子票据 lists item and amount)
  const withBasis = d.lines.some((l) => l.basis);
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
              ...(d.billCode ? [{ label: '票据代码', value: d.billCode }] : []),
              ...(d.checkCode ? [{ label: '校验码', value: d.checkCode }] : []),
              { label: '交款人', value: nameFor(viewer, d.payer) },
              ...(d.payee ? [{ label: '收款单位', value: d.payee }] : []),
              { label: '业务号', value: orDash(d.caseNumber) },
              { label: '交款时间', value: dateTimeText(d.paidAt) },
            ],
          },
          {
            type: 'table',
            columns: withBasis ? ['收费项目', '金额', '收费依据'] : ['收费项目', '金额'],
            rows: d.lines.map((l) =>
              withBasis
                ? [l.name, yuanText(l.amountFen), l.basis || '—']
                : [l.name, yuanText(l.amountFen)],
            ),
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
