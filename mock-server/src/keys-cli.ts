/**
 * The key files (KEY_DIR, default `keys/` beside the SQLite file):
 *   npm run keys:list                      each key name, its current key id and its retired ones
 *   npm run keys:rotate [-- <name> …]      a new random key for each name (all names with a key
 *                                          file when none is given); the old key is retired: its
 *                                          private half destroyed, its public half kept published,
 *                                          so what it sealed still verifies. The organisations'
 *                                          e-seal keys (`organisation.<party id>`, held for their
 *                                          simulated systems) are listed and rotated alike: the
 *                                          CA certifies the new key at its next seal, and each
 *                                          earlier signature carries its own certificate
 * Restart the server (every node, after copying the key folder to it) to sign with the new keys.
 */
import { openRegistry } from './bootstrap';
import { loadStoreConfig } from './config';
import { KEY_TABLES, publishInDatabase } from './adapters/keys/databaseKeys';
import { FileKeyStore } from './adapters/keys/fileKeyStore';
import { isKeyName, KEY_NAMES } from './adapters/keys/keyNames';

async function main(): Promise<number> {
  const [command, ...names] = process.argv.slice(2);
  const config = loadStoreConfig(process.env);
  const keys = new FileKeyStore(config.keyDir);
  if (command === 'list') {
    for (const name of keys.names()) {
      for (const k of await keys.published(name)) {
        process.stdout.write(
          `${name}\t${k.keyId}\t${k.retiredAt ? `已停用 ${k.retiredAt}` : `当前 自 ${k.createdAt}`}\n`,
        );
      }
    }
    return 0;
  }
  if (command !== 'rotate') {
    process.stderr.write('用法：npm run keys:list | npm run keys:rotate [-- <密钥名> …]\n');
    return 2;
  }
  const unknown = names.filter((n) => !isKeyName(n));
  if (unknown.length > 0) {
    process.stderr.write(
      `未知的密钥名：${unknown.join(' ')}（可用：${KEY_NAMES.join(' ')}，或 organisation.<机构编号>）\n`,
    );
    return 2;
  }
  const chosen = names.length > 0 ? names : keys.names().filter(isKeyName);
  if (chosen.length === 0) {
    process.stderr.write(`${config.keyDir} 中还没有密钥：服务首次启动时生成\n`);
    return 1;
  }
  const rotated = [];
  for (const name of chosen) {
    const before = (await keys.published(name))[0];
    const after = await keys.rotate(name);
    rotated.push(name);
    process.stdout.write(`${name}: ${before.keyId} → ${after.keyId}（旧密钥保留公布）\n`);
  }
  // the public halves in the database tables that publish them (the archive check reads them)
  const withTable = rotated.filter((n) => KEY_TABLES[n]);
  if (withTable.length > 0) {
    const registry = await openRegistry({ ...config, seedOnEmpty: false });
    try {
      for (const name of withTable) await publishInDatabase(registry.sql, name, keys);
    } finally {
      await registry.close();
    }
  }
  process.stdout.write('请重启每个登记服务节点（先把密钥目录复制到各节点），新密钥随之生效\n');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`密钥操作失败：${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
