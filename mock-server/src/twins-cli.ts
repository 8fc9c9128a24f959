/**
 * `npm run twins`: gives each pre-reform paper-only certificate of the register at
 * DATABASE_PATH (or DATABASE_URL) an electronic twin (sealed, licence id, same fields) through
 * the wallet's own use case, so a twin the wallet made already is counted, never made twice.
 * Idempotent. Old-style certificates get none and are listed with the reason (细则 三(六)).
 */
import { randomUUID } from 'node:crypto';
import { openRegistry } from './bootstrap';
import { loadStoreConfig } from './config';
import { openPresentationSigner } from './adapters/keys/presentationSigner';
import { FileKeyStore } from './adapters/keys/fileKeyStore';
import { SqlCaseStore } from './adapters/sqlite/caseStore';
import { composeElectronicTwins } from './composition/certificates';

async function main(): Promise<void> {
  const config = loadStoreConfig(process.env);
  const registry = await openRegistry({ ...config, seedOnEmpty: false });
  try {
    const clock = { now: () => new Date() };
    const twins = composeElectronicTwins({
      sql: registry.sql,
      // the registry's key from the key files (KEY_DIR), as the server seals with it
      signer: await openPresentationSigner(registry.sql, new FileKeyStore(config.keyDir)),
      cases: new SqlCaseStore(registry.sql),
      register: registry.register,
      parties: registry.parties,
      clock,
      newId: (prefix) => `${prefix}-${randomUUID()}`,
    });
    const r = await twins.twinAll();
    const out = process.stdout;
    out.write(
      `电子证照补发：新增 ${r.created.length} 本，已有 ${r.alreadyHad} 本，未生成 ${r.none.length} 本\n`,
    );
    for (const c of r.created) out.write(`  + ${c.certificateNumber}  证照标识 ${c.licenceId}\n`);
    for (const n of r.none) out.write(`  - ${n.certificateNumber}：${n.reason}\n`);
  } finally {
    await registry.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`电子证照补发失败：${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
