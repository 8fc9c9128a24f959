/**
 * The document bundle a party signs: the application form, each party's 询问笔录,
 * commitments and (for sales) the contract summary, each as structured data with the SM3 digest
 * of its canonical JSON. A party's bundle digest covers the common documents and that party's own
 * 询问笔录 (another party's answers are that party's statement, signed by them), so a change to
 * anything a party signed — and only that — voids their signature. Pure.
 */
import { bytesToHex, canonicalJsonBytes, concatBytes, hexToBytes, sm3 } from '../crypto';

export interface BundleDoc {
  id: string;
  kind: 'applicationForm' | 'inquiry' | 'commitment' | 'contract';
  title: string;
  partyId?: string;
  body: unknown;
  digest: string;
}

export const digestOf = (body: unknown): string => bytesToHex(sm3(canonicalJsonBytes(body)));

export function doc(
  id: string,
  kind: BundleDoc['kind'],
  title: string,
  body: unknown,
  partyId?: string,
): BundleDoc {
  return { id, kind, title, ...(partyId ? { partyId } : {}), body, digest: digestOf(body) };
}

/** The documents a party's signature covers: every common one and their own 询问笔录. */
export const coveredBy = (docs: BundleDoc[], partyId: string): BundleDoc[] =>
  docs.filter((d) => d.kind !== 'inquiry' || d.partyId === partyId);

export const bundleDigestOf = (docs: BundleDoc[]): string =>
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
