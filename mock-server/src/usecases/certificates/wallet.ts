/**
 * The holder's wallet (电子证照): the certificates they hold alone or jointly, each with its
 * status now, whether it can be presented (current, with an electronic document) and why not;
 * pre-reform paper certificates with their electronic twin; old-style certificates explained;
 * and the holdings proofs they requested. One item opens with its history and verification log.
 */
import { beijingDate } from '../../domain/cases';
import type { SealedDocument } from '../../domain/documents';
import { notFound } from '../../domain/errors';
import { isOldStyle, type CertificateKind } from '../../domain/register';
import type { CaseStore, HeldCertificate, RegisterRepository } from '../../ports';
import type { CertificateStore } from '../../ports/certificates';
import { unitHistory } from './history';
import type { VerificationLog } from './verificationLog';
import { holdingsProofStatus, type Person, type StatusNowView, type WalletItemView } from './views';

export const OLD_STYLE_EXPLANATION =
  '旧版房屋所有权证、土地使用权证和他项权证不制作电子证照（改革细则）。纸质证书继续有效；办理转移、变更等登记后将换发电子不动产权证书。';

const OLD_STYLE_TITLES: Partial<Record<CertificateKind, string>> = {
  oldHouseOwnershipCertificate: '房屋所有权证（旧版）',
  oldLandUseCertificate: '土地使用权证（旧版）',
  oldOtherRightsCertificate: '他项权证（旧版）',
};

export interface WalletDeps {
  cases: Pick<CaseStore, 'certificatesOf'>;
  store: Pick<CertificateStore, 'rightOfCertificate' | 'holdingsProofsOf'>;
  register: Pick<RegisterRepository, 'events'>;
  statusOf: (certificateId: string) => Promise<StatusNowView>;
  /** the certificate's sealed document, its electronic twin made when there is none yet */
  documentOf: (c: HeldCertificate) => Promise<SealedDocument | undefined>;
  verificationLog: Pick<VerificationLog, 'of'>;
}

export class Wallet {
  constructor(private readonly deps: WalletDeps) {}

  async list(caller: Person): Promise<WalletItemView[]> {
    const held = await this.deps.cases.certificatesOf(caller.personId);
    const certificates = await Promise.all(held.map((c) => this.certificateItem(c)));
    const stored = await this.deps.store.holdingsProofsOf(caller.personId);
    const proofs = stored.map((p): WalletItemView => ({
      id: p.proofId,
      kind: 'holdingsProof',
      title: '不动产权属查询证明',
      number: p.number,
      issuedOn: beijingDate(p.issuedAt),
      form: 'electronic',
      status: holdingsProofStatus(),
      coOwned: false,
      presentable: true,
      document: p.document,
    }));
    return [...certificates, ...proofs];
  }

  /** One item of the caller's wallet (404 unless they hold it). */
  async item(caller: Person, itemId: string): Promise<WalletItemView> {
    const item = (await this.list(caller)).find((i) => i.id === itemId);
    if (!item) throw notFound('证照不存在');
    return item;
  }

  /** One item with its history in the register and its verification log. */
  async detail(caller: Person, itemId: string) {
    const item = await this.item(caller, itemId);
    return {
      item,
      history: item.kind === 'holdingsProof' ? [] : await unitHistory(this.deps.register, item),
      verifications: await this.deps.verificationLog.of(caller, itemId),
    };
  }

  private async certificateItem(c: HeldCertificate): Promise<WalletItemView> {
    const right = await this.deps.store.rightOfCertificate(c.certificateId);
    const coOwned = (right?.holders.length ?? 1) > 1;
    const base = {
      id: c.certificateId,
      number: c.number,
      issuedOn: c.issuedOn,
      location: c.location,
      unitCode: c.unitCode,
      coOwned,
      status: await this.deps.statusOf(c.certificateId),
    };
    if (isOldStyle(c.kind as CertificateKind)) {
      return {
        ...base,
        kind: 'oldStyle',
        title: OLD_STYLE_TITLES[c.kind as CertificateKind] ?? '旧版权属证书',
        form: 'paper',
        presentable: false,
        explanation: OLD_STYLE_EXPLANATION,
      };
    }
    const document = await this.deps.documentOf(c);
    const body = (document?.body ?? {}) as { licenceId?: string };
    const current = base.status.certificate === 'current';
    return {
      ...base,
      kind: 'titleCertificate',
      title: '不动产权证书',
      form: document && c.form === 'paper' ? 'paper+electronic' : c.form,
      ...((c.licenceId ?? body.licenceId) ? { licenceId: c.licenceId ?? body.licenceId } : {}),
      presentable: current && Boolean(document),
      ...(current
        ? c.form === 'paper' && document
          ? { explanation: '改革前核发的纸质证书，登记机构已制作电子证照，可出示和核验。' }
          : {}
        : {
            explanation:
              base.status.certificate === 'void'
                ? '该纸质证书已公告作废，不能再使用。'
                : '该证书已注销（权利已转移或变更），不能再出示。',
          }),
      ...(document ? { document } : {}),
    };
  }
}
