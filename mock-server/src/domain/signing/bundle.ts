/**
 * The document bundle a party signs: the application form, each party's 询问笔录,
 * commitments and (for sales) the contract summary, each as structured data with the SM3 digest
 * of its canonical JSON. A party's bundle digest covers the common documents and that party's own
 * 询问笔录 (another party's answers are that party's statement, signed by them), so a change to
 * anything a party signed — and only that — voids their signature. Pure.
 *
 * What you see is what you sign: a document's digest covers its data AND the version of the
 * renderer that shows it (domain/documents/rendering.ts), so a changed rendering voids the
 * signatures over it just as changed data does.
 */
import { bytesToHex, canonicalJsonBytes, concatBytes, hexToBytes, sm3 } from '../crypto';
import { RENDERER_VERSIONS, type RenderedKind } from '../documents/rendering';

export interface BundleDoc {
  id: string;
  kind: 'applicationForm' | 'inquiry' | 'commitment' | 'contract';
  title: string;
  partyId?: string;
  body: unknown;
  /** the renderer that shows this document to the signer, and its version */
  renderer: { kind: RenderedKind; version: number };
  /** SM3 of canonicalJson({ body, renderer }): the data and the version of its rendering */
  digest: string;
}

export const digestOf = (body: unknown): string => bytesToHex(sm3(canonicalJsonBytes(body)));

/** The renderer of a bundle document: its body's documentType (a bundle kind by default). */
export function rendererOf(kind: BundleDoc['kind'], body: unknown): BundleDoc['renderer'] {
  const t = (body as { documentType?: unknown } | null)?.documentType;
  const rk: RenderedKind =
    t === 'maritalCommitment' ? 'maritalCommitment' : t === 'giftContract' ? 'giftContract' : kind;
  return { kind: rk, version: RENDERER_VERSIONS[rk] };
}

/** The one place a signed document's digest is computed: data and rendering version together. */
export const documentDigestOf = (body: unknown, renderer: BundleDoc['renderer']): string =>
  digestOf({ body, renderer });

export function doc(
  id: string,
  kind: BundleDoc['kind'],
  title: string,
  body: unknown,
  partyId?: string,
): BundleDoc {
  const renderer = rendererOf(kind, body);
  return {
    id,
    kind,
    title,
    ...(partyId ? { partyId } : {}),
    body,
    renderer,
    digest: documentDigestOf(body, renderer),
  };
}

/** The documents a party's signature covers: every common one and their own 询问笔录. */
export const coveredBy = (docs: BundleDoc[], partyId: string): BundleDoc[] =>
  docs.filter((d) => d.kind !== 'inquiry' || d.partyId === partyId);

/**
 * A bundle's digest: SM3 of the canonical JSON of its manifest [{id, digest}…]. It is computed
 * from the documents' digests alone, so a reader who receives a document as its digest only
 * (domain/signing/readers.ts) recomputes it as well as one who reads it in full.
 */
export const bundleDigestOf = (docs: readonly Pick<BundleDoc, 'id' | 'digest'>[]): string =>
  digestOf(docs.map((d) => ({ id: d.id, digest: d.digest })));

/** What the CA signs: SM3(bundle digest ‖ handwriting digest), over the raw digest bytes. */
export const signedDigestOf = (bundleDigestHex: string, handwritingDigestHex: string): string =>
  bytesToHex(sm3(concatBytes(hexToBytes(bundleDigestHex), hexToBytes(handwritingDigestHex))));

/** Titles of the documents whose digest differs between two {id → digest} maps. */
export function changedDocuments(
  before: Record<string, string>,
  after: BundleDoc[],
  titles: Record<string, string>,
): string[] {
  const now = new Map(after.map((d) => [d.id, d.digest]));
  const ids = new Set([...Object.keys(before), ...now.keys()]);
  const out: string[] = [];
  for (const id of ids) {
    if (before[id] !== now.get(id)) {
      const title = titles[id] ?? after.find((d) => d.id === id)?.title ?? id;
      out.push(
        before[id] === undefined
          ? `新增：${title}`
          : now.has(id)
            ? `修改：${title}`
            : `删除：${title}`,
      );
    }
  }
  return out;
}
