/**
 * Wires applying from a phone: the signing store (migration 0007), the signature CA simulator (own
 * key), the archive's content-addressed blob store (files next to the database) and the case use
 * cases.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { blobDirFor, FsBlobStore } from '../archive/blobStore';
import { loadOrCreateSignatureAuthority } from '../signature-ca';
import type { Clock } from '../../ports';
import type { CaseService } from '../../usecases/cases/service';
import { SigningService, type SigningConfig } from '../../usecases/signing/service';
import { SqliteCaseStore } from './caseStore';
import { SqliteSigningStore } from './signingStore';
import type { Db } from './database';

const systemClock: Clock = { now: () => new Date() };

export function wireSigning(
  db: Db,
  cases: CaseService,
  opts: SigningConfig & { databasePath: string; clock?: Clock },
) {
  const clock = opts.clock ?? systemClock;
  const signing = new SigningService({
    cases,
    caseStore: new SqliteCaseStore(db),
    store: new SqliteSigningStore(db),
    blobs: new FsBlobStore(blobDirFor(opts.databasePath, os.tmpdir())),
    ca: loadOrCreateSignatureAuthority(db, () => clock.now()),
    clock,
    newId: (prefix) => `${prefix}-${randomUUID()}`,
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    config: {
      invitationTtlDays: opts.invitationTtlDays,
      uploadMaxBytes: opts.uploadMaxBytes,
      uploadMaxPixels: opts.uploadMaxPixels,
    },
  });
  cases.extendActions((c, personId, base) => signing.extraActions(c, personId, base));
  return { signing, uploadMaxBytes: opts.uploadMaxBytes };
}
