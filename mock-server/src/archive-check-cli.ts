/**
 * npm run archive:check [-- --json] [-- --package <archive number | package id | case id>]
 *
 * 四性检测 (authenticity, integrity, usability, security) of the electronic archive in the
 * database at DATABASE_PATH and its blob folder (<data>/blobs). Reads only. Prints every problem,
 * one per line, and exits 1 when there is any (2 when the archive cannot be opened).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { runArchiveCheck } from './adapters/archive/check';
import { ASPECTS, ASPECT_NAMES, describeProblem } from './domain/archive';
import { ConfigError, loadConfig } from './config';

function main(): number {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const at = argv.indexOf('--package');
  const packageRef = at >= 0 ? argv[at + 1] : undefined;
  let databasePath: string;
  try {
    databasePath = loadConfig(process.env).databasePath;
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`配置错误 / configuration error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (databasePath === ':memory:' || !fs.existsSync(databasePath)) {
    process.stderr.write(`archive:check: no database at ${databasePath} (DATABASE_PATH)\n`);
    return 2;
  }
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    const hasArchive = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'archive_packages'")
      .get();
    if (!hasArchive) {
      process.stderr.write('archive:check: this database has no archive (migration 0006)\n');
      return 2;
    }
    const report = runArchiveCheck(db, databasePath, new Date(), packageRef);
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
    db.close();
  }
}

process.exitCode = main();
