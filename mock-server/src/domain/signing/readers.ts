/**
 * Who may read each document of the signing bundle in full, and what everybody else receives
 * instead: the document's digest (docs/adr/0012-digest-only-bundle-documents.md). Pure.
 *
 * A document is read in full by its own parties, and only by them (docs/registry-facts.md §8:
 * nobody learns another person's identity or marital status beyond what their own part in the
 * case gives them):
 * - the 不动产登记申请书 and the contract (网签 sale contract, 赠与合同): every party of the case.
 *   Both sides apply together (条例 §14) and sign the one form that names them; the contract
 *   names its sides, and a consenting spouse consents to this very contract.
 * - a party's 询问笔录: that party (their own statement to the registry).
 * - a material's 告知承诺书: the party who made it.
 * - a holder's 婚姻状况承诺书: the holder and the spouse it names. Nobody else reads a person's
 *   marital status (the masking policy, domain/masking.ts), a co-seller and the buyer included.
 *
 * Everybody else receives the document's id, title (names masked), renderer and digest, and a
 * note why. A signature covers the documents' digests only (`bundleDigestOf` over {id, digest}),
 * so each signature still verifies from what every reader receives and from the filed package.
 */
import { maskName } from '../masking';
import type { BundleDoc } from './bundle';

/** Shown in place of a document its reader is not a party of. */
export const DIGEST_ONLY_NOTE = '该文件仅对其当事人可见，您可核对其摘要';

/** A bundle document as a reader who is not one of its parties receives it: no data. */
export type DigestOnlyDoc = Omit<BundleDoc, 'body'> & { withheld: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The persons who read the document in full, or 'everyParty' for the documents every party of
 * the case signs as theirs. A document of a kind not listed here is read by nobody but staff.
 */
export function readersOf(
  d: Pick<BundleDoc, 'body'> & Partial<Pick<BundleDoc, 'kind' | 'partyId'>>,
): 'everyParty' | string[] {
  const body = (d.body ?? {}) as Record<string, unknown>;
  const type = str(body.documentType) ?? d.kind ?? '';
  switch (type) {
    case 'applicationForm':
    case 'contract':
    case 'giftContract':
      return 'everyParty';
    case 'inquiry': {
      const party = d.partyId ?? str((body.party as { partyId?: unknown } | null)?.partyId);
      return party ? [party] : [];
    }
    case 'commitment':
      return [str(body.partyId)].filter((x): x is string => x !== undefined);
    case 'maritalCommitment': {
      const party = str((body.party as { partyId?: unknown } | null)?.partyId);
      const spouse = str((body.spouse as { partyId?: unknown } | null)?.partyId);
      return [party, spouse].filter((x): x is string => x !== undefined);
    }
    default:
      return [];
  }
}

/** May this party of the case read the document in full? */
export const readableBy = (
  d: Pick<BundleDoc, 'body'> & Partial<Pick<BundleDoc, 'kind' | 'partyId'>>,
  personId: string,
): boolean => {
  const readers = readersOf(d);
  return readers === 'everyParty' || readers.includes(personId);
};

/** The document as its digest: what a reader who is not one of its parties receives. */
export function digestOnly(d: BundleDoc, title: string = d.title): DigestOnlyDoc {
  return {
    id: d.id,
    kind: d.kind,
    title,
    ...(d.partyId ? { partyId: d.partyId } : {}),
    renderer: d.renderer,
    digest: d.digest,
    withheld: DIGEST_ONLY_NOTE,
  };
}

/** Shown in place of another person's signer certificate. */
export const CERTIFICATE_WITHHELD_NOTE =
  '签名证书载有签署人的身份信息，仅签署人本人可查看；完整证书随办件归档，由登记机构核验';

/**
 * A signature record as a reader who is not its signer receives it: the signer's name masked,
 * no certificate (it names the signer in full with the digest of their ID number, which the
 * certificate's serial salts but cannot hide from a search over the ID number's few unknown
 * digits) and no face-check reference. The digests and the signature value stay, so the reader
 * still sees which documents it covers; the certificate chain is checked by the registry from
 * the filed package (archive:check). An organisation's e-seal (its name and certificate are
 * public) and the reader's own signature are given in full.
 */
export function signatureAsReadBy<
  S extends {
    partyId: string;
    signerName: string;
    certificate?: { body: { subject: { kind: string } } };
    faceCheck?: unknown;
  },
>(s: S, personId: string): S | (Omit<S, 'certificate' | 'faceCheck'> & { withheld: string }) {
  if (s.partyId === personId || s.certificate?.body.subject.kind === 'organisation') return s;
  const { certificate: _c, faceCheck: _f, ...rest } = s;
  void _c;
  void _f;
  return { ...rest, signerName: maskName(s.signerName), withheld: CERTIFICATE_WITHHELD_NOTE };
}

/**
 * The archive's signature proofs (domain/archive/signatureProofs.ts) as one party of the case
 * reads them in their copy of the package: the signed documents they are not a party of as
 * their digests, the others' signatures without certificate. The package as filed keeps all of
 * it, for the registry's check. Anything that is not a proofs body is returned as it is.
 */
export function signatureProofsAsReadBy(json: unknown, personId: string): unknown {
  const body = json as {
    documentType?: unknown;
    signedDocuments?: unknown;
    signatures?: unknown;
  } | null;
  if (body === null || typeof body !== 'object' || body.documentType !== 'signatureProofs')
    return json;
  const docs = Array.isArray(body.signedDocuments) ? (body.signedDocuments as BundleDoc[]) : [];
  const sigs = Array.isArray(body.signatures)
    ? (body.signatures as Parameters<typeof signatureAsReadBy>[0][])
    : [];
  return {
    ...body,
    signedDocuments: docs.map((d) => (readableBy(d, personId) ? d : digestOnly(d))),
    signatures: sigs.map((s) => signatureAsReadBy(s, personId)),
  };
}
