/**
 * The printable PDF of a certificate the caller holds (co-owners included), with a QR that
 * checks its status now, and `certificate.pdf.sig`: the registry's detached signature over
 * those exact bytes. The same certificate, status and print minute give the same bytes, so the
 * .pdf and its .sig can be fetched apart by naming the print time.
 */
import {
  certificatePrint,
  printVerifyUrl,
  qrCheckOf,
  type DetachedSignature,
} from '../../domain/certificates';
import type { SealedDocument, TitleCertificateBody } from '../../domain/documents';
import type { Clock } from '../../ports';
import type { CertificatePdfRenderer, PresentationSigner } from '../../ports/certificates';
import type { Wallet } from './wallet';
import { presentationError, type Person } from './views';

/** how far back a print time may be named (so the .pdf and its .sig can be fetched apart) */
export const PRINT_TIME_WINDOW_MS = 15 * 60_000;
export const PDF_FILE_NAME = 'certificate.pdf';

export interface CertificatePdfDeps {
  wallet: Pick<Wallet, 'item'>;
  pdf: CertificatePdfRenderer;
  signer: Pick<PresentationSigner, 'signFile'>;
  clock: Clock;
}

export class CertificatePdf {
  constructor(private readonly deps: CertificatePdfDeps) {}

  /** `origin` is where the QR's check page is (the registry's public address). */
  async pdf(
    caller: Person,
    itemId: string,
    origin: string,
    at?: string,
  ): Promise<{ bytes: Uint8Array; printedAt: string; fileName: string }> {
    const item = await this.deps.wallet.item(caller, itemId);
    if (item.kind !== 'titleCertificate' || !item.document)
      throw presentationError('NOT_PRINTABLE');
    const printedAt = this.printTime(at);
    const doc = item.document as unknown as SealedDocument<TitleCertificateBody>;
    // the same address as the QR field inside the sealed certificate
    const check = qrCheckOf(doc, item.id);
    const bytes = await this.deps.pdf.render(
      certificatePrint({
        body: doc.body,
        sealDigest: doc.seal.digest,
        status: item.status,
        verifyUrl: printVerifyUrl(origin, item.id, check),
        printedAt,
      }),
    );
    return { bytes, printedAt, fileName: PDF_FILE_NAME };
  }

  /** `certificate.pdf.sig`: the registry's detached signature over those exact bytes. */
  async signature(
    caller: Person,
    itemId: string,
    origin: string,
    at?: string,
  ): Promise<DetachedSignature & { printedAt: string }> {
    const pdf = await this.pdf(caller, itemId, origin, at);
    return { ...this.deps.signer.signFile(pdf.bytes, pdf.fileName), printedAt: pdf.printedAt };
  }

  /** The print time: the minute named (within the last 15 minutes) or this minute. */
  private printTime(at: string | undefined): string {
    const now = this.deps.clock.now().getTime();
    const minute = (t: number) => new Date(Math.floor(t / 60_000) * 60_000).toISOString();
    if (at === undefined) return minute(now);
    const t = Date.parse(at);
    if (!Number.isFinite(t) || t > now || t < now - PRINT_TIME_WINDOW_MS) {
      throw presentationError('PRINT_TIME_INVALID');
    }
    return minute(t);
  }
}
