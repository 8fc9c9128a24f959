/** The hash a Merkle tree is built with: SHA-256 for RFC 6962 interop, SM3 for GB/T use. */
import { sm3 } from '../crypto/sm3';

export interface MerkleHash {
  /** e.g. 'sha256', 'sm3'; recorded with every root so a verifier knows what to use. */
  readonly name: string;
  digest(bytes: Uint8Array): Uint8Array;
}

/** The pure-TypeScript SM3 (GB/T 32905) as a Merkle hash. */
export const sm3MerkleHash: MerkleHash = { name: 'sm3', digest: (bytes) => sm3(bytes) };
