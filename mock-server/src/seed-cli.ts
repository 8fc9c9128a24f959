/**
 * npm run seed [-- --force] [-- --seed N]   (re)create the database at DATABASE_PATH with demo data
 * npm run seed -- --personas                print docs/personas.md for the seed to stdout
 *
 * Refuses to wipe a database that already holds data unless --force is given.
 */
import fs from 'node:fs';
import {
  CATALOGUE_V1,
  DEFAULT_SEED,
  ensureCatalogue,
  generateSeed,
  isRegisterEmpty,
  mulberry32,
  writeSeed,
} from './adapters/seed';
import { renderPersonas } from './adapters/seed/personas';
import { migrate, openDatabase } from './adapters/sqlite/database';
import { ConfigError, loadConfig } from './config';

function parseArgs(argv: string[]) {
  const args = { force: false, personas: false, seed: DEFAULT_SEED };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--force') args.force = true;
    else if (a === '--personas') args.personas = true;
    else if (a === '--seed') {
      const v = argv[++i];
      if (!v || !/^\d+$/.test(v)) throw new Error('--seed needs a non-negative integer');
      args.seed = Number(v);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

function main(): number {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(
      `${(e as Error).message}\nusage: seed-cli [--force] [--seed N] [--personas]\n`,
    );
    return 2;
  }
  const data = generateSeed(mulberry32(args.seed), args.seed);
  if (args.personas) {
    process.stdout.write(renderPersonas(data, CATALOGUE_V1));
    return 0;
  }

  const config = loadConfig(process.env);
  const file = config.databasePath;
  if (file === ':memory:') {
    process.stderr.write('DATABASE_PATH=:memory: cannot be seeded from the command line\n');
    return 1;
  }
  if (fs.existsSync(file)) {
    const db = openDatabase(file);
    let empty: boolean;
    try {
      migrate(db);
      empty = isRegisterEmpty(db);
    } finally {
      db.close();
    }
    if (!empty && !args.force) {
      process.stderr.write(
        `数据库 ${file} 已有数据，未做任何改动。要删除并重建，请运行：npm run seed -- --force\n`,
      );
      return 1;
    }
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  const db = openDatabase(file);
  try {
    migrate(db);
    ensureCatalogue(db);
    writeSeed(db, data);
    const units = (db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n;
    process.stdout.write(
      `已生成演示数据：${file}（种子 ${args.seed}，${units} 个不动产单元，${data.persons.length} 个当事人）\n`,
    );
  } finally {
    db.close();
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`配置错误 / configuration error: ${e.message}\n`);
    process.exitCode = 1;
  } else {
    throw e;
  }
}
