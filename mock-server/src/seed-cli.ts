/**
 * npm run seed [-- --force] [-- --seed N]   (re)create the registry's database with demo data:
 *                                           the SQLite file at DATABASE_PATH, or the PostgreSQL
 *                                           database at DATABASE_URL (its tables dropped and made
 *                                           again by the migrations)
 * npm run seed -- --personas                print docs/personas.md for the seed to stdout
 *
 * Refuses to wipe a database that already holds data unless --force is given.
 */
import fs from 'node:fs';
import { openRegistry } from './bootstrap';
import {
  CATALOGUE_V1,
  DEFAULT_SEED,
  generateSeed,
  isRegisterEmpty,
  mulberry32,
  seedIfEmpty,
} from './adapters/seed';
import { renderPersonas } from './adapters/seed/personas';
import { isPostgresUrl, migrateSql, openSqlDb, type SqlDb } from './adapters/sql';
import { ConfigError, loadStoreConfig, type StoreConfig } from './config';

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

/** Every table (and the trigger function) of the registry in the PostgreSQL database's schema. */
async function dropPostgresTables(db: SqlDb): Promise<void> {
  const tables = await db.all<{ name: string }>(
    'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()',
  );
  const functions = await db.all<{ signature: string }>(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()`,
  );
  await db.transaction(async (tx) => {
    if (tables.length) {
      await tx.exec(`DROP TABLE IF EXISTS ${tables.map((t) => `"${t.name}"`).join(', ')} CASCADE`);
    }
    for (const f of functions) await tx.exec(`DROP FUNCTION IF EXISTS ${f.signature} CASCADE`);
  });
}

/** Whether the database may be (re)seeded; wipes it when it holds data and --force was given. */
async function makeRoom(config: StoreConfig, force: boolean): Promise<boolean> {
  const postgres = isPostgresUrl(config.databaseUrl);
  const where = postgres ? 'DATABASE_URL' : config.databasePath;
  if (!postgres && !fs.existsSync(config.databasePath)) return true;
  const db = await openSqlDb(config);
  try {
    await migrateSql(db, undefined, { keyDir: config.keyDir });
    if (await isRegisterEmpty(db)) return true;
    if (!force) {
      process.stderr.write(
        `数据库 ${where} 已有数据，未做任何改动。要删除并重建，请运行：npm run seed -- --force\n`,
      );
      return false;
    }
    if (postgres) await dropPostgresTables(db);
  } finally {
    await db.close();
  }
  if (!postgres) {
    const file = config.databasePath;
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  return true;
}

async function main(): Promise<number> {
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

  const config = loadStoreConfig(process.env);
  if (!config.demo) {
    // the demo register's people and the demo staff passwords are public (docs/personas.md)
    process.stderr.write(
      '演示数据只能写入演示模式的数据库（DEMO=true 或 NODE_ENV=development）。' +
        ' Demo data is seeded in demo mode only.\n',
    );
    return 1;
  }
  const postgres = isPostgresUrl(config.databaseUrl);
  if (!postgres && config.databasePath === ':memory:') {
    process.stderr.write('DATABASE_PATH=:memory: cannot be seeded from the command line\n');
    return 1;
  }
  if (!(await makeRoom(config, args.force))) return 1;
  // migrated, the catalogue published, then the demo register of this seed
  const registry = await openRegistry({ ...config, seedOnEmpty: false });
  try {
    await seedIfEmpty(registry.sql, registry, args.seed);
    const units = await registry.sql.get<{ n: number }>('SELECT count(*) AS n FROM units');
    process.stdout.write(
      `已生成演示数据：${postgres ? 'DATABASE_URL' : config.databasePath}（种子 ${args.seed}，` +
        `${Number(units?.n ?? 0)} 个不动产单元，${data.persons.length} 个当事人）\n`,
    );
  } finally {
    await registry.close();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof ConfigError) {
      process.stderr.write(`配置错误 / configuration error: ${e.message}\n`);
    } else {
      process.stderr.write(`seed: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    process.exitCode = 1;
  },
);
