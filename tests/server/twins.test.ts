/**
 * Electronic twins: `npm run twins` gives every current pre-reform paper
 * certificate an electronic one (sealed, licence id, same fields), idempotently; old-style
 * certificates get none and are reported with the reason (细则 三(六)).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { CertificatesResponse } from '../../mock-server/src/contract';
import { verifySeal } from '../../mock-server/src/domain/documents';
import { checkLicenceId } from '../../mock-server/src/domain/identifiers';
import { startHarness, type Harness } from './support/registry';
import { client, login } from './support/cases-client';

const ROOT = path.resolve(__dirname, '../..');
/** docs/personas.md: 郑静 holds 海韵花园6幢1单元1203室 with a pre-reform paper certificate. */
const ZHENG = { idNumber: '331004198603249569', name: '郑静' };

describe('npm run twins', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const run = () =>
    execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['mock-server/src/twins-cli.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_PATH: h.config.databasePath,
        DATABASE_URL: h.config.databaseUrl,
        LOG_LEVEL: 'silent',
      },
      encoding: 'utf8',
    });

  it('twins each pre-reform paper certificate once, sealed with a valid licence id; old-style ones get a reason', async () => {
    const paper = (await h.registry.sql.all(`SELECT certificate_id, number, kind FROM certificates
          WHERE form = 'paper' AND status = 'current' AND issued_on < '2021-06-15'`)) as {
      certificate_id: string;
      number: string;
      kind: string;
    }[];
    const modern = paper.filter((p) => !p.kind.startsWith('old'));
    const oldStyle = paper.filter((p) => p.kind.startsWith('old'));
    expect(modern.length).toBeGreaterThan(0);
    expect(oldStyle.length).toBeGreaterThan(0);

    const first = run();
    expect(first).toContain(`新增 ${modern.length} 本，已有 0 本，未生成 ${oldStyle.length} 本`);
    for (const o of oldStyle) expect(first).toContain(`${o.number}：旧版权属证书`);
    expect(first).toMatch(/细则 三\(六\)/);

    const twins = (await h.registry.sql
      .all(`SELECT t.certificate_id, t.licence_id, d.number, d.body_json, d.seal_json
           FROM electronic_twins t JOIN documents d ON d.document_id = t.document_id`)) as {
      certificate_id: string;
      licence_id: string;
      number: string;
      body_json: string;
      seal_json: string;
    }[];
    expect(twins.map((t) => t.certificate_id).sort()).toEqual(
      modern.map((m) => m.certificate_id).sort(),
    );
    const key = (await h.registry.sql.get('SELECT public_key_hex FROM registry_keys')) as {
      public_key_hex: string;
    };
    for (const t of twins) {
      expect(checkLicenceId(t.licence_id).ok).toBe(true);
      const body = JSON.parse(t.body_json) as { number: string; licenceId: string };
      expect(body).toMatchObject({
        number: t.number,
        licenceId: t.licence_id,
        electronicTwinOf: t.number,
      });
      const doc = { body, seal: JSON.parse(t.seal_json) };
      expect(verifySeal(doc as never, key.public_key_hex)).toEqual({ valid: true });
    }
    // the paper certificate stays as it was
    const still = (await h.registry.sql.get(
      "SELECT count(*) AS n FROM certificates WHERE form = 'paper' AND status = 'current'",
    )) as { n: number };
    expect(still.n).toBeGreaterThanOrEqual(paper.length);

    const second = run();
    expect(second).toContain(`新增 0 本，已有 ${modern.length} 本，未生成 ${oldStyle.length} 本`);
    expect(
      ((await h.registry.sql.get('SELECT count(*) AS n FROM electronic_twins')) as { n: number }).n,
    ).toBe(modern.length);
  });

  it('the holder finds the sealed electronic twin with their paper certificate', async () => {
    const api = client(h, await login(h, ZHENG));
    const mine = await api.get<CertificatesResponse>('/me/certificates');
    const paper = mine.items.find((c) => c.unitCode === '331022002008GB00162F00060001')!;
    expect(paper.form).toBe('paper');
    const body = paper.document?.body as {
      number: string;
      rightHolders: string[];
      location: string;
    };
    expect(body).toMatchObject({ number: paper.number, rightHolders: ['郑静'] });
    expect(body.location).toBe(paper.location);
  });
});
