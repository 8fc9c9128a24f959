/**
 * The holder told of a verification of their certificate (核验): a message in their 消息 box that
 * opens the certificate, and on the channels the `certificateVerified` template (the number
 * only; who verified stays in the app, masked). A holder whose certificate is verified often is
 * protected from a flood by the per-person limit of the channels.
 */
import { dateTimeText } from '../../domain/time';
import type { CaseStore } from '../../ports';
import type { VerificationRecord } from '../../ports/certificates';
import type { MessageBox } from './raiseMessages';

export function verificationMessage(
  box: MessageBox,
  cases: Pick<CaseStore, 'documentOfCertificate'>,
  newId: (prefix: string) => string,
): (v: VerificationRecord) => Promise<void> {
  return async (v) => {
    const number = (await cases.documentOfCertificate(v.itemId))?.number ?? '';
    await box.deliver([
      {
        messageId: newId('MSG'),
        personId: v.holderPersonId,
        certificateId: v.itemId,
        title: `您的不动产权证书已被核验${number ? `（${number}）` : ''}`,
        body: `${dateTimeText(v.verifiedAt)}，${v.verifierDisplay}通过${
          v.via === 'qr' ? '扫描二维码' : '核验码'
        }核验了您出示的电子证照。如非您本人出示，请在证照详情的核验记录中查看。`,
        deliveredAt: v.verifiedAt,
        event: 'certificateVerified',
        facts: number ? { certificateNumber: number } : {},
      },
    ]);
  };
}
