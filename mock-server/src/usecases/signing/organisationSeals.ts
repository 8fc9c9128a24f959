/**
 * Organisations sign by their own system's e-seal (机构电子签章): a bank or developer that is a
 * party signs the bundle it is shown through its system, not on a citizen's phone. Simulated:
 * the organisation's system signs as soon as the case is in signing (and again after a change
 * voided its signature) — ASSUMPTION, documented in docs/architecture.md. Its e-seal key,
 * certified by the signature CA (机构电子签章证书), signs SM3(bundle ‖ SM3 of the seal text) as a
 * person's event key signs for a handwritten signature. The CA is
 * asked before the store transaction; the store keeps one current signature per party, so a
 * seal raced by another node's (after the same change) is not recorded twice.
 */
import type { BusinessType } from '../../domain/catalogue';
import type { CaseRecord } from '../../domain/cases';
import { isCollectingSignatures } from '../../domain/cases/status';
import { bytesToHex, sm3 } from '../../domain/crypto';
import { bundleDigestOf, signedDigestOf, type BundleDoc } from '../../domain/signing';
import type {
  CaseStore,
  Clock,
  PartyDirectory,
  SignatureAuthority,
  SigningStore,
  StoredSignature,
} from '../../ports';
import { isOrganisation, type RecordSigned } from './caseAccess';

export interface OrganisationSealsDeps {
  caseStore: Pick<CaseStore, 'get'>;
  store: Pick<SigningStore, 'transaction' | 'signaturesOf' | 'saveSignature'>;
  businessType: (code: string) => Promise<BusinessType>;
  /** the documents a party's signature covers */
  coveredFor: (c: CaseRecord, bt: BusinessType, personId: string) => Promise<BundleDoc[]>;
  parties: Pick<PartyDirectory, 'person'>;
  ca: SignatureAuthority;
  recordSigned: RecordSigned;
  clock: Clock;
  newId: (prefix: string) => string;
}

export class OrganisationSeals {
  constructor(private readonly deps: OrganisationSealsDeps) {}

  /** Every organisation party without a current signature seals the bundle now. */
  async sealAll(caseId: string): Promise<void> {
    const { deps } = this;
    const c = await deps.caseStore.get(caseId);
    if (!c || !isCollectingSignatures(c)) return;
    const bt = await deps.businessType(c.businessTypeCode);
    const current = new Set(
      (await deps.store.signaturesOf(caseId)).filter((s) => s.current).map((s) => s.partyId),
    );
    const seen = new Set<string>();
    for (const p of c.parties) {
      if (
        seen.has(p.personId) ||
        current.has(p.personId) ||
        !(await isOrganisation(deps.parties, p.personId))
      )
        continue;
      seen.add(p.personId);
      const fresh = (await deps.caseStore.get(caseId)) as CaseRecord;
      const docs = await deps.coveredFor(fresh, bt, p.personId);
      const bundleDigest = bundleDigestOf(docs);
      const seal = new TextEncoder().encode(`机构电子签章|${p.personId}|${p.name}`);
      const handwritingDigest = bytesToHex(sm3(seal));
      const signedDigest = signedDigestOf(bundleDigest, handwritingDigest);
      const signer = { personId: p.personId, name: p.name };
      const org = await deps.parties.person(p.personId);
      const signed = await deps.ca.sealAsOrganisation(signedDigest, {
        ...signer,
        idNumber: org?.idNumber ?? '',
      });
      const record: StoredSignature = {
        signatureId: deps.newId('SIG'),
        caseId,
        partyId: p.personId,
        signerName: p.name,
        signedAt: signed.signedAt,
        bundleDigest,
        handwritingDigest,
        signedDigest,
        signature: signed.signature,
        caCertificateId: signed.root.keyId,
        caPublicKey: signed.root.publicKeyHex,
        certificate: signed.certificate,
        documents: Object.fromEntries(docs.map((d) => [d.id, d.digest])),
        current: true,
      };
      await deps.store.transaction(async () => {
        if (await deps.store.saveSignature(record))
          await deps.recordSigned(signer, caseId, `机构电子签章（${record.signatureId}）`);
      });
    }
  }
}
