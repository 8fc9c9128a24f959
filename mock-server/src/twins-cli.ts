/**
 * `npm run twins`: gives each pre-reform paper-only certificate of the register at
 * DATABASE_PATH an electronic twin (sealed, licence id, same fields); idempotent. Old-style
 * certificates get none and are listed with the reason (细则 三(六)).
 */
import { randomUUID } from 'node:crypto';
import { openRegistry } from './bootstrap';
import { loadConfig } from './config';
import { openRegistrySealer } from './adapters/keys/registryKey';
import { issueElectronicTwins } from './adapters/sqlite/twins';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const registry = await openRegistry(config);
  try {
    const sealer = await openRegistrySealer(registry.sql, () => new Date());
    const r = await issueElectronicTwins({
      db: registry.sql,
      register: registry.register,
      parties: registry.parties,
      sealer,
      now: () => new Date(),
      newId: randomUUID,
    });
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
