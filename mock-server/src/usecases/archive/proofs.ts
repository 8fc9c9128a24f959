/** Inclusion proofs: a leaf of the Merkle log found by index, package id or certificate number. */
import { notFound } from '../../domain/errors';
import type { ArchiveStore } from '../../ports';
import type { MerkleLog } from './merkleLog';

export interface ProofDeps {
  store: Pick<ArchiveStore, 'package' | 'packageByCertificateNumber'>;
  log: Pick<MerkleLog, 'inclusion'>;
}

/** Inclusion proof of a leaf: by index, package id, case id or certificate number. */
export async function inclusionProofOf(
  deps: ProofDeps,
  q: { leaf?: number; packageId?: string; certificateNumber?: string },
) {
  let index = q.leaf;
  if (index === undefined) {
    const p = q.packageId
      ? await deps.store.package(q.packageId)
      : q.certificateNumber
        ? await deps.store.packageByCertificateNumber(q.certificateNumber)
        : undefined;
    if (!p) throw notFound('没有找到对应的档案');
    index = p.leafIndex;
  }
  return deps.log.inclusion(index);
}
