/**
 * Copies for the people involved: document PDFs of a case and of the notices a person received,
 * drawn with pdfkit and signed with the registry's key (ADR 0006); the paid 登记费's 财政电子票据
 * among them (ADR 0010).
 */
import { documentPdfRenderer } from '../adapters/pdf/documentPdf';
import { renderForPrint } from '../domain/documents/printModel';
import type { CaseStore, Clock } from '../ports';
import type { PresentationSigner } from '../ports/certificates';
import type { CaseAccess } from '../usecases/cases/access';
import { DocumentCopies, type DocumentCopiesDeps } from '../usecases/cases/documentCopies';

export function composeDocumentCopies(infra: {
  access: Pick<CaseAccess, 'load' | 'loadForParty' | 'businessType'>;
  store: Pick<CaseStore, 'documentsOfCase' | 'messagesOf'>;
  bundle: DocumentCopiesDeps['bundle'];
  signer: Pick<PresentationSigner, 'signFile'>;
  clock: Clock;
  feeReceipt?: DocumentCopiesDeps['feeReceipt'];
}): DocumentCopies {
  return new DocumentCopies({
    ...infra,
    render: renderForPrint,
    pdf: documentPdfRenderer(),
  });
}
