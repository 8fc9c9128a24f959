/** The archive tables' rows (alike on SQLite and PostgreSQL), read into the domain's records. */
import type { SealedDocument } from '../../domain/documents';
import type {
  AuditEntry,
  LeafKind,
  LeafRow,
  ManifestBody,
  ManifestItem,
  PackageSnapshot,
  StoredQueryRecord,
  TreeHeadBody,
  TreeHeadRow,
} from '../../domain/archive';

export interface PackageRow {
  package_id: string;
  serial: number;
  archive_number: string;
  case_id: string;
  certificate_number: string | null;
  filed_at: string;
  manifest_json: string;
  seal_json: string;
  leaf_index: number;
}
export interface ItemRow {
  item_no: number;
  kind: ManifestItem['kind'];
  title: string;
  media_type: ManifestItem['mediaType'];
  digest: string;
  size: number;
}
export interface LeafDbRow {
  leaf_index: number;
  kind: LeafKind;
  ref: string;
  leaf_data: string;
  leaf_hash: string;
}
export interface HeadRow {
  tree_size: number;
  root_hash: string;
  hash_algorithm: string;
  body_json: string;
  seal_json: string;
}
export interface AuditRow {
  seq: number;
  at: string;
  actor_id: string;
  actor_role: string;
  purpose: string;
  action: string;
  target: string;
  outcome: string;
}
export interface QueryRow {
  query_id: string;
  person_id: string;
  role: string;
  purpose: string;
  unit_code: string | null;
  outcome: 'answered' | 'refused';
  proof_media_type: string | null;
  proof_digest: string | null;
  proof_size: number | null;
  result_json: string;
  at: string;
}

export const parse = <T>(s: string): T => {
  try {
    return JSON.parse(s) as T;
  } catch {
    return {} as T;
  }
};

export const toLeaf = (r: LeafDbRow): LeafRow => ({
  leafIndex: r.leaf_index,
  kind: r.kind,
  ref: r.ref,
  leafData: r.leaf_data,
  leafHash: r.leaf_hash,
});
export const toHead = (r: HeadRow): TreeHeadRow => ({
  treeSize: r.tree_size,
  rootHash: r.root_hash,
  hashAlgorithm: r.hash_algorithm,
  head: {
    body: parse<TreeHeadBody>(r.body_json),
    seal: parse<SealedDocument['seal']>(r.seal_json),
  },
});
export const toAudit = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorRole: r.actor_role,
  purpose: r.purpose,
  action: r.action,
  target: r.target,
  outcome: r.outcome,
});
export const toQuery = (r: QueryRow): StoredQueryRecord => ({
  queryId: r.query_id,
  personId: r.person_id,
  role: r.role,
  purpose: r.purpose,
  ...(r.unit_code ? { unitCode: r.unit_code } : {}),
  outcome: r.outcome,
  ...(r.proof_digest
    ? {
        proof: {
          mediaType: r.proof_media_type ?? '',
          digest: r.proof_digest,
          size: r.proof_size ?? 0,
        },
      }
    : {}),
  resultJson: r.result_json,
  at: r.at,
});

export const toItem = (i: ItemRow): ManifestItem => ({
  no: i.item_no,
  kind: i.kind,
  title: i.title,
  mediaType: i.media_type,
  digest: i.digest,
  size: i.size,
});
/** A package row with its item rows (in item order). */
export const toPackage = (r: PackageRow, items: ManifestItem[]): PackageSnapshot => ({
  packageId: r.package_id,
  serial: r.serial,
  archiveNumber: r.archive_number,
  caseId: r.case_id,
  ...(r.certificate_number ? { certificateNumber: r.certificate_number } : {}),
  filedAt: r.filed_at,
  manifest: {
    body: parse<ManifestBody>(r.manifest_json),
    seal: parse<SealedDocument['seal']>(r.seal_json),
  },
  leafIndex: r.leaf_index,
  items,
});
