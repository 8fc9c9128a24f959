/**
 * Checking a printed or downloaded copy, by anyone: does a file match the registry's detached
 * signature (the downloaded PDF and its .sig), and what does the QR on a printed certificate say
 * now — its status, and only what the paper already shows publicly (number and status), no
 * names, areas or ID numbers.
 */
import { checkDetached, DETACHED_CHECK_MESSAGES, isQrCheckOf } from '../../domain/certificates';
import type { CaseStore, Clock } from '../../ports';
import type { PresentationSigner } from '../../ports/certificates';
import { presentationError, type StatusNowView } from './views';

export interface PrintedCopiesDeps {
  cases: Pick<CaseStore, 'documentOfCertificate'>;
  signer: Pick<PresentationSigner, 'publicKeyHex'>;
  statusOf: (certificateId: string) => Promise<StatusNowView>;
  clock: Clock;
}

export class PrintedCopies {
  constructor(private readonly deps: PrintedCopiesDeps) {}

  /** Does this file match the registry's detached signature? */
  verifyFile(file: Uint8Array, signature: unknown) {
    const check = checkDetached(file, signature, this.deps.signer.publicKeyHex);
    return check.valid
      ? {
          valid: true,
          digest: check.digest,
          message:
            '签名有效：文件与登记机构签发时完全一致。证书当前状态请扫描文件上的二维码在线核验，以在线核验结果为准',
        }
      : {
          valid: false,
          digest: check.digest,
          reason: check.reason,
          message: DETACHED_CHECK_MESSAGES[check.reason],
        };
  }

  /** The QR of a certificate (its sealed QR field, its PDF): its status now, number only. */
  async printCheck(certificateId: string, check: string) {
    const d = /^[0-9a-f]{32}$/.test(check)
      ? await this.deps.cases.documentOfCertificate(certificateId)
      : undefined;
    if (!d || !isQrCheckOf(d.document, certificateId, check)) {
      throw presentationError('PRINT_CHECK_INVALID');
    }
    const status = await this.deps.statusOf(certificateId);
    const body = d.document.body as { number?: string; title?: string };
    return {
      outcome: 'valid' as const,
      checkedAt: this.deps.clock.now().toISOString(),
      title: body.title ?? '不动产权证书',
      number: body.number ?? '',
      status,
      message:
        status.certificate === 'current'
          ? `该打印版对应的证书真实有效。当前状态：${status.summary}`
          : `该打印版对应的证书${status.summary}，不能作为现势权利的证明`,
    };
  }
}
