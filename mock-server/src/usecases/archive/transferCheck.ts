/**
 * The registry's check of its transfers (part of `npm run archive:check`): each batch's sealed
 * list, the archives' receipt (sealed with their published key and answering that list), the
 * batch on the tamper-evident log, and every transferred package unchanged since it was sent.
 * Read only; each problem names the batch, the receipt or the package.
 */
import { Results, summarise, type CheckReport } from '../../domain/archive/checkReport';
import { checkTransfersInto, TRANSFER_AUDIT_ACTION } from '../../domain/archive/transfer';
import type { ArchiveStore, BlobStore } from '../../ports';
import type { ArchiveTransferStore } from '../../ports/archiveTransfer';

export interface TransferCheckDeps {
  archive: Pick<ArchiveStore, 'packages' | 'audits' | 'registryPublicKeys'>;
  blobs: Pick<BlobStore, 'get'>;
  transfers: Pick<ArchiveTransferStore, 'batches' | 'archivesPublicKeys'>;
}

export async function checkTransfers(
  deps: TransferCheckDeps,
  checkedAt: string,
): Promise<CheckReport> {
  const packages = new Map((await deps.archive.packages()).map((p) => [p.packageId, p]));
  const logged = new Map<string, string[]>();
  for (const a of await deps.archive.audits()) {
    if (a.action !== TRANSFER_AUDIT_ACTION) continue;
    logged.set(a.target, [...(logged.get(a.target) ?? []), a.outcome]);
  }
  const r = new Results();
  await checkTransfersInto(r, {
    batches: await deps.transfers.batches(),
    registryKeys: await deps.archive.registryPublicKeys(),
    archivesKeys: await deps.transfers.archivesPublicKeys(),
    packageOf: (id) => packages.get(id),
    blob: (d) => deps.blobs.get(d),
    loggedOutcomes: (batchId) => logged.get(batchId) ?? [],
  });
  return summarise('archive', checkedAt, r.list);
}
