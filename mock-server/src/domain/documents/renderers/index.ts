/**
 * One renderer per document kind (rendering.ts): `renderDocument` is the single entry point the
 * server's use cases, the PDFs, the staff console and the archive call. Pure.
 */
import type { NoticeBody, RegistrationProofBody, TitleCertificateBody } from '../bodies';
import type { TaxReceiptBody } from '../../tax/receipt';
import type { RenderedDocument, RenderViewer } from '../rendering';
import {
  renderApplicationForm,
  renderCommitment,
  renderContract,
  renderInquiry,
  renderMaritalCommitment,
  type ApplicationFormData,
  type CommitmentData,
  type ContractData,
  type InquiryData,
  type MaritalCommitmentData,
  type SignedAt,
} from './caseDocuments';
import {
  renderAcceptanceReceipt,
  renderCorrectionNotice,
  renderNonAcceptanceNotice,
  renderRefusalNotice,
} from './notices';
import { renderGiftContract, type GiftContractData } from './giftContract';
import { renderFeeReceipt, renderTaxCertificate, type FeeReceiptData } from './receipts';
import {
  renderQueryResult,
  renderRegistrationProof,
  renderTitleCertificate,
  type QueryResultData,
} from './registryDocuments';

export * from './format';
export * from './caseDocuments';
export * from './notices';
export * from './receipts';
export * from './registryDocuments';
export * from './giftContract';

/** A document's data tagged with its kind: what `renderDocument` reads. */
export type RenderInput =
  | { kind: 'applicationForm'; data: ApplicationFormData; signedAt?: SignedAt }
  | { kind: 'inquiry'; data: InquiryData; signedAt?: SignedAt }
  | { kind: 'contract'; data: ContractData }
  | { kind: 'maritalCommitment'; data: MaritalCommitmentData }
  | { kind: 'commitment'; data: CommitmentData }
  | { kind: 'giftContract'; data: GiftContractData }
  | { kind: 'acceptanceReceipt'; data: NoticeBody }
  | { kind: 'correctionNotice'; data: NoticeBody }
  | { kind: 'nonAcceptanceNotice'; data: NoticeBody }
  | { kind: 'refusalNotice'; data: NoticeBody }
  | { kind: 'taxCertificate'; data: TaxReceiptBody }
  | { kind: 'feeReceipt'; data: FeeReceiptData }
  | { kind: 'queryResult'; data: QueryResultData }
  | { kind: 'registrationProof'; data: RegistrationProofBody }
  | { kind: 'titleCertificate'; data: TitleCertificateBody };

export function renderDocument(input: RenderInput, viewer: RenderViewer): RenderedDocument {
  switch (input.kind) {
    case 'applicationForm':
      return renderApplicationForm(input.data, viewer, input.signedAt);
    case 'inquiry':
      return renderInquiry(input.data, viewer, input.signedAt);
    case 'contract':
      return renderContract(input.data, viewer);
    case 'maritalCommitment':
      return renderMaritalCommitment(input.data, viewer);
    case 'commitment':
      return renderCommitment(input.data, viewer);
    case 'giftContract':
      return renderGiftContract(input.data, viewer);
    case 'acceptanceReceipt':
      return renderAcceptanceReceipt(input.data, viewer);
    case 'correctionNotice':
      return renderCorrectionNotice(input.data, viewer);
    case 'nonAcceptanceNotice':
      return renderNonAcceptanceNotice(input.data, viewer);
    case 'refusalNotice':
      return renderRefusalNotice(input.data, viewer);
    case 'taxCertificate':
      return renderTaxCertificate(input.data, viewer);
    case 'feeReceipt':
      return renderFeeReceipt(input.data, viewer);
    case 'queryResult':
      return renderQueryResult(input.data, viewer);
    case 'registrationProof':
      return renderRegistrationProof(input.data, viewer);
    case 'titleCertificate':
      return renderTitleCertificate(input.data, viewer);
  }
}

/**
 * The kind of renderer for a sealed or bundled body, read from its documentType (bundle
 * documents, notices, certificates, query results) or its shape (a tax receipt has none).
 * `signedAt` (partyId → signing time) fills the signature lines of the documents parties sign.
 */
export function renderSealedBody(
  body: unknown,
  viewer: RenderViewer,
  signedAt?: SignedAt,
): RenderedDocument | null {
  if (!body || typeof body !== 'object') return null;
  const t = (body as { documentType?: unknown }).documentType;
  const b = body as never;
  switch (t) {
    case 'applicationForm':
    case 'inquiry':
      // the 申请人签章 lines: who signed the current version, and when (Beijing)
      return renderDocument({ kind: t, data: b, signedAt } as RenderInput, viewer);
    case 'contract':
    case 'maritalCommitment':
    case 'commitment':
    case 'giftContract':
    case 'acceptanceReceipt':
    case 'correctionNotice':
    case 'nonAcceptanceNotice':
    case 'refusalNotice':
    case 'registrationProof':
    case 'titleCertificate':
    case 'feeReceipt':
      return renderDocument({ kind: t, data: b } as RenderInput, viewer);
    case 'recordsQueryResult':
      return renderQueryResult(b, viewer);
    case undefined:
      if (
        'receiptNo' in (body as object) &&
        'lines' in (body as object) &&
        'totalFen' in (body as object)
      )
        return renderTaxCertificate(b, viewer);
      return null;
    default:
      return null;
  }
}
