/**
 * npm run archive:transfer [-- --json] [-- --resend <batch id>]
 *
 * 档案移交 (docs/registry-facts.md §16): transfers one batch of filed archive packages not yet
 * transferred to the archives department (台州市档案馆, the simulator) — the 四性检测 before
 * sending, the sealed transfer list, the archives' check on receipt and their sealed receipt,
 * kept with the batch and logged on the tamper-evident log. A batch left pending (the archives
 * unavailable) is sent again first. `--resend` sends a batch again: a received one gets the same
 * receipt and nothing changes (a package changed since is named by the archives, exit 1). Database: DATABASE_URL (PostgreSQL) or DATABASE_PATH; keys: KEY_DIR.
 * Exits 0 when the batch was received (or nothing was left to transfer), 1 when refused or
 * unavailable, 2 when the database cannot be opened.
 */
import { openRegistry } from './bootstrap';
import { openArchiveTransfer } from './composition/archiveTransfer';
import { ConfigError, loadStoreConfig, type StoreConfig } from './config';
import type { TransferRunResult } from './usecases/archive/transfer';

const OUTCOME_NAMES: Record<TransferRunResult['outcome'], string> = {
  received: '档案馆已接收，回执已验证并保存',
  alreadyReceived: '该批次此前已接收，未作任何改动',
  refused: '档案馆退回',
  unavailable: '档案馆接收系统暂不可用，批次待下次重新移交',
  nothingToTransfer: '没有待移交的档案',
};

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const at = argv.indexOf('--resend');
  const resend = at >= 0 ? argv[at + 1] : undefined;
  let config: StoreConfig;
  try {
    config = loadStoreConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`配置错误 / configuration error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  let registry;
  try {
    registry = await openRegistry({ ...config, seedOnEmpty: false });
  } catch (e) {
    process.stderr.write(`archive:transfer: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    const { transfer } = await openArchiveTransfer(registry, config);
    const r = resend ? await transfer.resend(resend) : await transfer.run();
    if (json) {
      process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    } else {
      process.stdout.write(
        `档案移交${r.batchNumber ? ` ${r.batchNumber}（${r.batchId}）` : ''}：${OUTCOME_NAMES[r.outcome]}\n`,
      );
      for (const n of r.packages) process.stdout.write(`  ${n}\n`);
      for (const reason of r.reasons) process.stdout.write(`REASON ${reason}\n`);
      for (const h of r.heldBack) {
        process.stdout.write(`HELD BACK ${h.archiveNumber}（移交前四性检测不通过）\n`);
        for (const p of h.problems) process.stdout.write(`  ${p}\n`);
      }
    }
    // a resent batch the archives no longer match (a package changed since) exits 1 too
    return ['received', 'alreadyReceived', 'nothingToTransfer'].includes(r.outcome) &&
      r.reasons.length === 0
      ? 0
      : 1;
  } catch (e) {
    process.stderr.write(`archive:transfer: ${(e as Error).message}\n`);
    return 2;
  } finally {
    await registry.close();
  }
}

void main().then((code) => {
  process.exitCode = code;
});
