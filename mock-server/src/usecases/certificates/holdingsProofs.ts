/**
 * 不动产权属查询证明: the holder asks for a sealed proof of what they hold now (each current
 * certificate's location, number and form of ownership). It is numbered per year, kept in the
 * wallet and presented like a certificate; it reflects the register when it was issued.
 */
import { beijingDate } from '../../domain/cases';
import { formatHoldingsProofNumber, holdingsProofBody } from '../../domain/certificates';
import type { SealedDocument } from '../../domain/documents';
import type { CaseStore, Clock } from '../../ports';
import type { CertificateStore, PresentationSigner } from '../../ports/certificates';
import type { Wallet } from './wallet';
import type { Person, WalletItemView } from './views';

export interface HoldingsProofsDeps {
  cases: Pick<CaseStore, 'certificatesOf' | 'nextSerial'>;
  store: Pick<CertificateStore, 'transaction' | 'rightOfCertificate' | 'saveHoldingsProof'>;
  signer: Pick<PresentationSigner, 'seal'>;
  wallet: Pick<Wallet, 'item'>;
  clock: Clock;
  newId: (prefix: string) => string;
}

export class HoldingsProofs {
  constructor(private readonly deps: HoldingsProofsDeps) {}

  async request(caller: Person & { idNumber: string }): Promise<WalletItemView> {
    const { deps } = this;
    const held = (await deps.cases.certificatesOf(caller.personId)).filter(
      (c) => c.status === 'current',
    );
    const at = deps.clock.now().toISOString();
    const year = Number(beijingDate(at).slice(0, 4));
    const proofId = deps.newId('PROOF');
    // the rights are read first: the transaction holds the registry's write lock for the number
    const rights = await Promise.all(
      held.map((c) => deps.store.rightOfCertificate(c.certificateId)),
    );
    await deps.store.transaction(async () => {
      const number = formatHoldingsProofNumber(
        year,
        await deps.cases.nextSerial(`holdingsProof||${year}`),
      );
      const body = holdingsProofBody({
        number,
        issuedAt: at,
        subjectName: caller.name,
        subjectIdNumber: caller.idNumber,
        holdings: held.map((c, i) => {
          const right = rights[i];
          return {
            location: c.location,
            certificateNumber: c.number,
            coOwnership:
              right?.coOwnership === 'joint'
                ? '共同共有'
                : right?.coOwnership === 'shares'
                  ? '按份共有'
                  : '单独所有',
          };
        }),
      });
      await deps.store.saveHoldingsProof({
        proofId,
        personId: caller.personId,
        number,
        issuedAt: at,
        document: deps.signer.seal(body) as unknown as SealedDocument,
      });
    });
    return await deps.wallet.item(caller, proofId);
  }
}
