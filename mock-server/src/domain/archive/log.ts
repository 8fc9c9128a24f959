/**
 * What goes into the archive's Merkle log: one leaf per filed package, register event, audit
 * entry and records query. A leaf's data is the canonical JSON of a small record naming the thing
 * and the SM3 digest of its stored form, so the 四性检测 can recompute it from the rows. Pure.
 */
import { canonicalJson } from '../crypto';
import { sm3Hex } from './manifest';
import { utf8 } from '../crypto';

export type LeafKind = 'archivePackage' | 'registerEvent' | 'audit' | 'recordsQuery';

export const LOG_ID = '台州市不动产登记电子档案日志';

export const packageLeaf = (p: {
  packageId: string;
  archiveNumber: string;
  manifestDigest: string;
}): string =>
  canonicalJson({
    t: 'archivePackage',
    id: p.packageId,
    archiveNumber: p.archiveNumber,
    manifestDigest: p.manifestDigest,
  });

export const registerEventLeaf = (e: { seq: number; eventId: string; payloadJson: string }) =>
  canonicalJson({
    t: 'registerEvent',
    seq: e.seq,
    eventId: e.eventId,
    digest: sm3Hex(utf8(e.payloadJson)),
  });

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string;
  actorRole: string;
  purpose: string;
  action: string;
  target: string;
  outcome: string;
}

export const auditLeaf = (a: AuditEntry): string =>
  canonicalJson({ t: 'audit', seq: a.seq, digest: sm3Hex(utf8(canonicalJson(a))) });

export interface StoredQueryRecord {
  queryId: string;
  personId: string;
  role: string;
  purpose: string;
  unitCode?: string;
  outcome: 'answered' | 'refused';
  proof?: { mediaType: string; digest: string; size: number };
  resultJson: string;
  at: string;
}

export const queryLeaf = (q: StoredQueryRecord): string =>
  canonicalJson({ t: 'recordsQuery', id: q.queryId, digest: sm3Hex(utf8(canonicalJson(q))) });

/** The body of a signed tree head (sealed with the registry's SM2 key). */
export interface TreeHeadBody {
  documentType: 'signedTreeHead';
  logId: string;
  treeSize: number;
  /** hex */
  rootHash: string;
  hashAlgorithm: string;
  timestamp: string;
}
