/**
 * Electronic twins (细则 三(六)): a current certificate issued on paper before the reform gets an
 * electronic one (same fields, licence id, the registry's seal), stored as the certificate's
 * document. It is made the first time its holder opens the wallet, or by `npm run twins` for the
 * whole register, through this one use case: either way the certificate gets exactly one twin
 * (one document per certificate, looked for again inside the write transaction, so the wallet
 * and the job, on any number of nodes at once, never make two). Old-style certificates
 * (房屋所有权证, 土地使用权证, 他项权证) get none and the job says why.
 */
import { twinCertificateBody, twinProofBody } from '../../domain/certificates';
import { qrCheckFrom, type SealedDocument } from '../../domain/documents';
import {
  isOldStyle,
  isPreReform,
  type CertificateKind,
  type CertificateState,
} from '../../domain/register';
import type {
  CaseStore,
  Clock,
  HeldCertificate,
  PartyDirectory,
  RegisterRepository,
} from '../../ports';
import type { CertificateStore, PresentationSigner } from '../../ports/certificates';

export const OLD_STYLE_REASON =
  '旧版权属证书（房屋所有权证、土地使用权证、他项权证）不生成电子证照（细则 三(六)）；' +
  '权利人可申请换发不动产权证书后取得电子证照';

/** What `npm run twins` did: twins made now, twins there already, certificates given none. */
export interface TwinsReport {
  created: { certificateNumber: string; licenceId: string }[];
  alreadyHad: number;
  none: { certificateNumber: string; kind: CertificateKind; reason: string }[];
}

export interface ElectronicTwinsDeps {
  cases: Pick<CaseStore, 'documentOfCertificate' | 'saveDocument'>;
  /** its transaction is the registry's: the twin is made once however many nodes look at once */
  store: Pick<
    CertificateStore,
    'rightOfCertificate' | 'transaction' | 'currentPaperCertificates' | 'saveTwin'
  >;
  register: Pick<RegisterRepository, 'unit'>;
  parties: Pick<PartyDirectory, 'person'>;
  signer: Pick<PresentationSigner, 'seal'>;
  clock: Clock;
  newId: (prefix: string) => string;
}

/** The certificate's document: there already, or made now. */
type Twin = { document: SealedDocument; created: boolean };

export class ElectronicTwins {
  constructor(private readonly deps: ElectronicTwinsDeps) {}

  /** The sealed document of a certificate, making the electronic twin when there is none yet. */
  async documentOf(c: HeldCertificate): Promise<SealedDocument | undefined> {
    const existing = await this.deps.cases.documentOfCertificate(c.certificateId);
    if (existing) return existing.document;
    if (c.status !== 'current' || isOldStyle(c.kind as CertificateKind)) return undefined;
    const twin = await this.twinOf({
      certificateId: c.certificateId,
      kind: c.kind as CertificateKind,
      number: c.number,
      unitCode: c.unitCode,
      issuedOn: c.issuedOn,
      form: c.form as 'paper' | 'electronic',
      ...(c.licenceId ? { licenceId: c.licenceId } : {}),
      status: 'current',
    });
    return twin?.document;
  }

  /**
   * `npm run twins`: every current pre-reform paper certificate of the register gets its twin
   * unless it has one (made by the wallet or an earlier run); the ones that cannot get one are
   * reported with the reason, never skipped silently.
   */
  async twinAll(): Promise<TwinsReport> {
    const report: TwinsReport = { created: [], alreadyHad: 0, none: [] };
    for (const c of await this.deps.store.currentPaperCertificates()) {
      if (isOldStyle(c.kind)) {
        report.none.push({ certificateNumber: c.number, kind: c.kind, reason: OLD_STYLE_REASON });
        continue;
      }
      if (!isPreReform(c.issuedOn)) continue; // issued under the reform: never paper-only
      const twin = await this.twinOf(c);
      if (!twin) {
        report.none.push({
          certificateNumber: c.number,
          kind: c.kind,
          reason: '证书号无法识别或登记簿中没有对应的权利，未生成电子证照，请核查登记簿',
        });
      } else if (twin.created) {
        const licenceId = (twin.document.body as { licenceId?: string }).licenceId ?? '';
        report.created.push({ certificateNumber: c.number, licenceId });
      } else report.alreadyHad += 1;
    }
    return report;
  }

  /** The certificate's document, the twin made (and noted) in one transaction when none yet. */
  private async twinOf(c: CertificateState): Promise<Twin | undefined> {
    const { deps } = this;
    const existing = await deps.cases.documentOfCertificate(c.certificateId);
    if (existing) return { document: existing.document, created: false };
    const view = await deps.register.unit(c.unitCode);
    if (!view) return undefined;
    // the holders' names, read before the pure body is built
    const right =
      c.kind === 'titleCertificate'
        ? await deps.store.rightOfCertificate(c.certificateId)
        : undefined;
    if (c.kind === 'titleCertificate' && !right) return undefined;
    const names = new Map<string, string>();
    for (const h of right?.holders ?? [])
      names.set(h.personId, (await deps.parties.person(h.personId))?.name ?? h.personId);
    return deps.store.transaction(async (): Promise<Twin | undefined> => {
      // the wallet, the job or another node may have made it since it was looked for
      const again = await deps.cases.documentOfCertificate(c.certificateId);
      if (again) return { document: again.document, created: false };
      const at = deps.clock.now().toISOString();
      const qrCheck = qrCheckFrom(deps.newId('QR'));
      const body = right
        ? twinCertificateBody({
            certificate: c,
            unit: view.unit,
            rightType: right.rightType,
            coOwnership: right.coOwnership,
            holders: right.holders,
            nameOf: (id) => names.get(id) ?? id,
            madeAt: at,
            qrCheck,
          })
        : twinProofBody({ certificate: c, unit: view.unit, madeAt: at, qrCheck });
      if (!body) return undefined;
      const document = deps.signer.seal(body) as unknown as SealedDocument;
      const documentId = deps.newId('DOC');
      await deps.cases.saveDocument({
        documentId,
        kind: body.documentType,
        number: c.number,
        certificateId: c.certificateId,
        issuedAt: at,
        document,
      });
      if (c.form === 'paper')
        await deps.store.saveTwin({
          certificateId: c.certificateId,
          licenceId: body.licenceId,
          documentId,
          createdAt: at,
        });
      return { document, created: true };
    });
  }
}
