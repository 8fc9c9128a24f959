/** The hashes the archive's Merkle log may be built with, by the name its tree heads record. */
import { createHash } from 'node:crypto';
import { sm3MerkleHash, type MerkleHash } from '../../domain/merkle';

export const sha256MerkleHash: MerkleHash = {
  name: 'sha256',
  digest: (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()),
};

export const MERKLE_HASHES: Readonly<Record<string, MerkleHash>> = {
  sm3: sm3MerkleHash,
  sha256: sha256MerkleHash,
};
