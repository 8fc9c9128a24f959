/**
 * Electronic twins made on first sight: a current certificate issued on paper before the reform
 * gets an electronic one (same fields, licence id, the registry's seal) the first time its
 * holder opens the wallet, stored as the certificate's document. Old-style certificates
 * (房屋所有权证, 土地使用权证, 他项权证) get none (细则 三(六)).
 */
import { twinCertificateBody } from '../../domain/certificates';
import type { SealedDocument } from '../../domain/documents';
import { isOldStyle, type CertificateKind } from '../../domain/register';
import type {
  CaseStore,
  Clock,
  HeldCertificate,
  PartyDirectory,
  RegisterRepository,
} from '../../ports';
import type { CertificateStore, PresentationSigner } from '../../ports/certificates';

export interface ElectronicTwinsDeps {
  cases: Pick<CaseStore, 'documentOfCertificate' | 'saveDocument'>;
  /** its transaction is the registry's: the twin is made once however many nodes look at once */
  store: Pick<CertificateStore, 'rightOfCertificate' | 'transaction'>;
  register: Pick<RegisterRepository, 'unit'>;
  parties: Pick<PartyDirectory, 'person'>;
  signer: Pick<PresentationSigner, 'seal'>;
  clock: Clock;
  newId: (prefix: string) => string;
}

export class ElectronicTwins {
  constructor(private readonly deps: ElectronicTwinsDeps) {}

  /** The sealed document of a certificate, making the electronic twin when there is none yet. */
  async documentOf(c: HeldCertificate): Promise<SealedDocument | undefined> {
    const { deps } = this;
    const existing = await deps.cases.documentOfCertificate(c.certificateId);
    if (existing) return existing.document;
    if (c.status !== 'current' || isOldStyle(c.kind as CertificateKind)) return undefined;
    const right = await deps.store.rightOfCertificate(c.certificateId);
    const view = await deps.register.unit(c.unitCode);
    if (!right || !view) return undefined;
    const names = new Map<string, string>();
    for (const h of right.holders) {
      names.set(h.personId, (await deps.parties.person(h.personId))?.name ?? h.personId);
    }
    return deps.store.transaction(async () => {
      const again = await deps.cases.documentOfCertificate(c.certificateId);
      if (again) return again.document;
      const at = deps.clock.now().toISOString();
      const body = twinCertificateBody({
        certificate: {
          certificateId: c.certificateId,
          kind: c.kind as CertificateKind,
          number: c.number,
          unitCode: c.unitCode,
          issuedOn: c.issuedOn,
          form: c.form as 'paper' | 'electronic',
          ...(c.licenceId ? { licenceId: c.licenceId } : {}),
          status: 'current',
        },
        unit: view.unit,
        rightType: right.rightType,
        coOwnership: right.coOwnership,
        holders: right.holders,
        nameOf: (id) => names.get(id) ?? id,
        madeAt: at,
      });
      if (!body) return undefined;
      const document = deps.signer.seal(body) as unknown as SealedDocument;
      await deps.cases.saveDocument({
        documentId: deps.newId('DOC'),
        kind: 'titleCertificate',
        number: c.number,
        certificateId: c.certificateId,
        issuedAt: at,
        document,
      });
      return document;
    });
  }
}
