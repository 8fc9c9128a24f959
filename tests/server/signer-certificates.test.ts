/**
 * Signatures that name their signer, checked by a party who trusts only the signature CA's
 * published root key: each party's signature of an issued sale verifies CA → event certificate →
 * signer → digest → documents, and fails with another person's certificate, a changed document or
 * a changed rendering version; and every party signature verifies from the case's archive package
 * alone.
 */
import type {
  CaseDetail,
  SignatureAuthorityResponse,
  SignatureRecord,
} from '../../mock-server/src/contract';
import { checkSignatureProofs, signedDocumentDigest } from '../../mock-server/src/domain/archive';
import type { SignatureProofsBody } from '../../mock-server/src/domain/archive';
import {
  bundleDigestOf,
  signedDigestOf,
  verifySignerSignature,
  type BundleDoc,
  type CaRootKey,
  type SignerCertificate,
} from '../../mock-server/src/domain/signing';
import { blobStoreFor } from '../../mock-server/src/adapters/archive/blobStore';
import { maskName } from '../../mock-server/src/domain/masking';
import { startHarness, type Harness } from './support/registry';
import { BUYER, issuedSale, SELLER_A, SELLER_B } from './support/archive-fixture';

let h: Harness;
let roots: CaRootKey[];
let c: CaseDetail;
let signatures: SignatureRecord[];
let proofs: SignatureProofsBody;

beforeAll(async () => {
  h = await startHarness();
  const sale = await issuedSale(h);
  c = sale.c;
  // the only trust anchor: the CA's published root key, by its key id
  const ca = (
    await h.app.inject({ method: 'GET', url: '/api/v1/signature-ca/certificate' })
  ).json() as SignatureAuthorityResponse;
  roots = [{ keyId: ca.keyId ?? ca.certificateId, publicKeyHex: ca.publicKey }];
  signatures = (await sale.buyer.get<{ items: SignatureRecord[] }>(`/cases/${c.caseId}/signatures`))
    .items;
  // the package as filed (a party's own copy masks the others' names, so it no longer matches the
  // signed documents): the signatures item read from the archive's blob store
  const item = await h.registry.sql.get<{ digest: string }>(
    `SELECT i.digest FROM archive_items i JOIN archive_packages p ON p.package_id = i.package_id
      WHERE p.case_id = ? AND i.kind = 'signatures'`,
    [c.caseId],
  );
  const blobs = blobStoreFor(h.registry.sql, h.config.databasePath);
  proofs = JSON.parse(
    Buffer.from((await blobs.get(item!.digest))!).toString('utf8'),
  ) as SignatureProofsBody;
});
afterAll(() => h.close());

/** Recomputes a signature's digest from the documents, then checks it up to the root key. */
function verifyFrom(
  sig: Pick<SignatureRecord, 'handwritingDigest' | 'signature' | 'signedAt'> & {
    documentIds: string[];
  },
  docs: readonly BundleDoc[],
  certificate: SignerCertificate,
  expected?: { name?: string; idNumber?: string },
) {
  const covered = docs
    .filter((d) => sig.documentIds.includes(d.id))
    .map((d) => ({ ...d, digest: signedDocumentDigest(d) }));
  const bundleDigest = bundleDigestOf(covered);
  return verifySignerSignature(
    {
      signedDigest: signedDigestOf(bundleDigest, sig.handwritingDigest),
      signature: sig.signature,
      signedAt: sig.signedAt,
      certificate,
    },
    roots,
    expected,
  );
}

const people = [BUYER, SELLER_A, SELLER_B];

describe('a party signature names its signer (event certificate from the CA)', () => {
  it('each party signed with a one-time key certified for them after a face check', () => {
    const current = signatures.filter((s) => s.current);
    // the buyer reads her own record in full and the others' names masked, as the case shows them
    expect(current.map((s) => maskName(s.signerName)).sort()).toEqual(
      c.parties
        .map((p) => maskName(p.name))
        .filter((n, i, all) => all.indexOf(n) === i)
        .sort(),
    );
    // another person's record comes without their certificate and face check: the certificate
    // names them in full with the digest of their ID number (domain/signing/readers.ts)
    for (const s of current.filter((x) => x.signerName !== BUYER.name)) {
      expect(people.map((p) => maskName(p.name))).toContain(s.signerName);
      expect(s.certificate).toBeUndefined();
      expect(s.faceCheck).toBeUndefined();
      expect(s.withheld).toMatch(/仅签署人本人可查看/);
    }
    expect(current.find((x) => x.signerName === BUYER.name)?.certificate).toBeDefined();
    // the certificates as filed, which the registry checks (archive:check)
    const filed = proofs.signatures.filter((s) => s.current);
    expect(filed.length).toBe(current.length);
    const keys = new Set<string>();
    for (const s of filed) {
      const cert = s.certificate!;
      expect(cert.body).toMatchObject({
        certificateType: 'event',
        issuer: { keyId: roots[0].keyId },
        subject: { kind: 'person', name: s.signerName },
      });
      expect(cert.body.faceCheck?.reference).toBeTruthy();
      expect(s.faceCheck).toEqual(cert.body.faceCheck);
      // validity of minutes, signed within it
      const life = Date.parse(cert.body.notAfter) - Date.parse(cert.body.notBefore);
      expect(life).toBeGreaterThan(0);
      expect(life).toBeLessThanOrEqual(30 * 60_000);
      // no ID number in the certificate, only its salted digest
      const person = people.find((p) => p.name === s.signerName);
      if (person) expect(JSON.stringify(cert)).not.toContain(person.idNumber);
      keys.add(cert.body.subjectPublicKey);
    }
    expect(keys.size).toBe(filed.length);
  });

  it('verifies with only the root key and the certificate; fails with another person’s, a changed document or rendering', () => {
    const docs = proofs.signedDocuments;
    // the buyer's own record as she received it, and another party's as filed
    const [mine] = signatures.filter((s) => s.current && s.certificate);
    expect(mine.signerName).toBe(BUYER.name);
    const other = proofs.signatures.find((s) => s.current && s.partyId !== mine.partyId)!;
    const person = people.find((p) => p.name === mine.signerName)!;
    const sig = {
      ...mine,
      documentIds: Object.keys(
        proofs.signatures.find((p) => p.signatureId === mine.signatureId)!.documents,
      ),
    };
    expect(
      verifyFrom(sig, docs, mine.certificate!, { name: person.name, idNumber: person.idNumber }),
    ).toEqual({ valid: true });

    // another person's certificate: their key did not make this signature (and its minutes of
    // validity are another signing act's), and it names them
    expect(verifyFrom(sig, docs, other.certificate!).valid).toBe(false);
    expect(verifyFrom({ ...sig, signedAt: other.signedAt }, docs, other.certificate!)).toEqual({
      valid: false,
      reason: 'badSignature',
    });
    expect(verifyFrom(sig, docs, other.certificate!, { name: person.name })).toEqual({
      valid: false,
      reason: 'wrongSigner',
    });
    // the right certificate but for another person's ID number
    expect(
      verifyFrom(sig, docs, mine.certificate!, {
        idNumber: people.find((p) => p !== person)!.idNumber,
      }),
    ).toEqual({ valid: false, reason: 'wrongSigner' });

    // a changed document (the application form's price)
    const changedDoc = docs.map((d) =>
      d.kind === 'applicationForm'
        ? { ...d, body: { ...(d.body as object), priceYuan: 999_999 } }
        : d,
    );
    expect(verifyFrom(sig, changedDoc, mine.certificate!)).toEqual({
      valid: false,
      reason: 'badSignature',
    });

    // a changed rendering version of the same data
    const changedRendering = docs.map((d) => {
      if (d.kind !== 'applicationForm') return d;
      const r = (d as { renderer?: { kind: string; version: number } }).renderer;
      const kind = (r?.kind ?? d.kind) as (typeof d)['renderer']['kind'];
      return { ...d, renderer: { kind, version: (r?.version ?? 1) + 1 } };
    });
    expect(verifyFrom(sig, changedRendering, mine.certificate!)).toEqual({
      valid: false,
      reason: 'badSignature',
    });

    // a certificate not issued by the CA (its body changed to name the other key)
    const forged = {
      ...mine.certificate!,
      body: {
        ...mine.certificate!.body,
        subjectPublicKey: other.certificate!.body.subjectPublicKey,
      },
    };
    expect(verifyFrom(sig, docs, forged)).toEqual({ valid: false, reason: 'badCertificate' });
    // and nothing verifies under a root key that is not the CA's
    expect(
      verifySignerSignature(
        {
          signedDigest: mine.signedDigest,
          signature: mine.signature,
          signedAt: mine.signedAt,
          certificate: mine.certificate!,
        },
        [{ keyId: roots[0].keyId, publicKeyHex: mine.certificate!.body.subjectPublicKey }],
      ),
    ).toEqual({ valid: false, reason: 'badCertificate' });
  });
});

describe('the archive package proves every party signature by itself', () => {
  it('holds per signature the digests, value, certificate, time and face check; all verify', () => {
    const signedParties = c.parties.filter((p) => p.signedAt).map((p) => p.personId);
    const current = proofs.signatures.filter((s) => s.current);
    expect(new Set(current.map((s) => s.partyId))).toEqual(new Set(signedParties));
    for (const s of current) {
      expect(s).toMatchObject({
        bundleDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
        signedDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
        signature: expect.stringMatching(/^[0-9a-f]{128}$/),
        signedAt: expect.any(String),
        faceCheck: { reference: expect.any(String), checkedAt: expect.any(String) },
      });
      expect(s.certificate?.body.subject.name).toBe(s.signerName);
    }
    const results = checkSignatureProofs(proofs, roots)!;
    expect(results.length).toBe(proofs.signatures.length);
    expect(results.filter((r) => !r.valid)).toEqual([]);
  });

  it('a changed signature value, document or certificate in the package fails by name', () => {
    const victim = proofs.signatures.find((s) => s.current)!;
    const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
    const withSig = (change: (s: (typeof proofs.signatures)[number]) => object) => ({
      ...proofs,
      signatures: proofs.signatures.map((s) =>
        s.signatureId === victim.signatureId ? { ...s, ...change(s) } : s,
      ),
    });
    const failing = (body: object) =>
      checkSignatureProofs(body, roots)!
        .filter((r) => !r.valid)
        .map((r) => r.signatureId);
    expect(failing(withSig((s) => ({ signature: flip(s.signature) })))).toEqual([
      victim.signatureId,
    ]);
    const other = proofs.signatures.find((s) => s.current && s.partyId !== victim.partyId)!;
    expect(failing(withSig(() => ({ certificate: other.certificate })))).toEqual([
      victim.signatureId,
    ]);
    // a changed document fails every signature that covers it
    const docsChanged = {
      ...proofs,
      signedDocuments: proofs.signedDocuments.map((d) =>
        d.kind === 'applicationForm' ? { ...d, body: { ...(d.body as object), unitCode: 'X' } } : d,
      ),
    };
    expect(failing(docsChanged).sort()).toEqual(
      proofs.signatures
        .filter((s) => s.current)
        .map((s) => s.signatureId)
        .sort(),
    );
    // and nothing verifies for a checker holding another root key
    expect(
      checkSignatureProofs(proofs, [
        { keyId: roots[0].keyId, publicKeyHex: other.certificate!.body.subjectPublicKey },
      ])!.every((r) => !r.valid),
    ).toBe(true);
  });
});
