/**
 * npm run archive:check [-- --json] [-- --package <archive number | package id | case id>]
 *
 * 四性检测 (authenticity, integrity, usability, security) of the electronic archive in the
 * database at DATABASE_PATH and its blob folder (<data>/blobs), or, with DATABASE_URL=postgres://…,
 * in that PostgreSQL database and its `blobs` table; for the whole archive also the batches
 * transferred to the archives department (each list, the archives' sealed receipt, the batch on
 * the log, every transferred package unchanged since: composition/archiveTransfer.ts). Reads only. Prints every problem,
 * one per line, and exits 1 when there is any (2 when the archive cannot be opened).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { hasArchive, runArchiveCheck } from './adapters/archive/check';
import { isPostgresUrl, openSqlDb, SqliteSqlDb, type SqlDb } from './adapters/sql';
import { hasTransferRecord } from './adapters/archive/sqlTransferStore';
import { transferCheckOn } from './composition/archiveTransfer';
import { ASPECTS, ASPECT_NAMES, describeProblem } from './domain/archive';
import { summarise } from './domain/archive/checkReport';
import { ConfigError, loadStoreConfig, type StoreConfig } from './config';

/** The registry's database, read only: PostgreSQL at DATABASE_URL, else the file at DATABASE_PATH. */
async function openForCheck(config: StoreConfig): Promise<SqlDb | undefined> {
  if (isPostgresUrl(config.databaseUrl)) return openSqlDb(config);
  const file = config.databasePath;
  if (file === ':memory:' || !fs.existsSync(file)) {
    process.stderr.write(`archive:check: no database at ${file} (DATABASE_PATH)\n`);
    return undefined;
  }
  return SqliteSqlDb.wrap(new Database(file, { fileMustExist: true }));
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const at = argv.indexOf('--package');
  const packageRef = at >= 0 ? argv[at + 1] : undefined;
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
  let db: SqlDb | undefined;
  try {
    db = await openForCheck(config);
    if (!db) return 2;
    if (!(await hasArchive(db))) {
      process.stderr.write('archive:check: this database has no archive (migration 0006)\n');
      return 2;
    }
    const now = new Date();
    let report = await runArchiveCheck(db, config.databasePath, now, packageRef);
    if (!packageRef && (await hasTransferRecord(db))) {
      const transfers = await transferCheckOn(db, config.databasePath, now);
      report = summarise('archive', report.checkedAt, [...report.results, ...transfers.results]);
    }
    if (json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      const counts = ASPECTS.map(
        (a) =>
          `${ASPECT_NAMES[a]} ${report.summary[a].passed} 项通过${report.summary[a].failed ? `、${report.summary[a].failed} 项不通过` : ''}`,
      ).join('；');
      process.stdout.write(`四性检测 (${report.scope}) ${report.checkedAt}: ${counts}\n`);
      for (const p of report.problems) process.stdout.write(`PROBLEM ${describeProblem(p)}\n`);
      process.stdout.write(
        report.ok
          ? '结果：通过 / OK\n'
          : `结果：不通过，${report.problems.length} 个问题 / FAILED\n`,
      );
    }
    return report.ok ? 0 : 1;
  } catch (e) {
    process.stderr.write(`archive:check: ${(e as Error).message}\n`);
    return 2;
  } finally {
    await db?.close();
  }
}

void main().then((code) => {
  process.exitCode = code;
});
