/**
 * Electronic twins: `npm run twins` gives every current pre-reform paper
 * certificate an electronic one (sealed, licence id, same fields), idempotently; old-style
 * certificates get none and are reported with the reason (细则 三(六)).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { CertificatesResponse } from '../../mock-server/src/contract';
import { verifySeal } from '../../mock-server/src/domain/documents';
import { checkLicenceId } from '../../mock-server/src/domain/identifiers';
import { startHarness, type Harness } from './support/registry';
import { client, login } from './support/cases-client';

const ROOT = path.resolve(__dirname, '../..');
/** docs/personas.md: 郑静 holds 海韵花园6幢1单元1203室 with a pre-reform paper certificate. */
const ZHENG = { idNumber: '331004198603249569', name: '郑静' };
/** docs/personas.md: 郑立新 holds 和园花园3幢2单元2401室 with a pre-reform paper certificate. */
const ZHENG_LIXIN = { idNumber: '33102419720209873X', name: '郑立新' };

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

describe('npm run twins after the wallet made twins', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  /** the real script as a process: its exit code and what it printed */
  const run = () => {
    const r = spawnSync(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['mock-server/src/twins-cli.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_PATH: h.config.databasePath,
          DATABASE_URL: h.config.databaseUrl,
          LOG_LEVEL: 'silent',
        },
        encoding: 'utf8',
      },
    );
    return { status: r.status, out: r.stdout, err: r.stderr };
  };

  /** every current pre-reform paper certificate that may get a twin, with its documents and twins */
  const twinCounts = async () =>
    (await h.registry.sql.all(
      `SELECT c.certificate_id, c.number,
              (SELECT count(*) FROM documents d WHERE d.certificate_id = c.certificate_id) AS docs,
              (SELECT count(*) FROM electronic_twins t WHERE t.certificate_id = c.certificate_id) AS twins
         FROM certificates c
        WHERE c.form = 'paper' AND c.status = 'current' AND c.issued_on < '2021-06-15'
          AND c.kind IN ('titleCertificate', 'registrationProof')
        ORDER BY c.number`,
    )) as { certificate_id: string; number: string; docs: number; twins: number }[];

  const wallet = async (who: { idNumber: string; name: string }) => {
    const r = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me/wallet',
      headers: { authorization: `Bearer ${await login(h, who)}` },
    });
    expect(r.statusCode).toBe(200);
    return r.json() as { items: { number: string; document?: { body: unknown } }[] };
  };

  it('counts the wallet’s twins, leaves every pre-reform certificate exactly one and exits 0, twice', async () => {
    const before = await twinCounts();
    expect(before.length).toBeGreaterThan(1);
    // the holder opens the wallet first: the twin of 和园花园3幢2单元2401室 is made there
    const first = await wallet(ZHENG_LIXIN);
    const made = first.items.find((i) => i.number === '浙(2018)三门县不动产权第0028275号');
    expect(made?.document).toBeDefined();

    const one = run();
    expect(one.err).not.toMatch(/UNIQUE|失败/);
    expect(one.status).toBe(0);
    expect(one.out).toContain(`新增 ${before.length - 1} 本，已有 1 本`);
    for (const c of await twinCounts())
      expect([c.number, c.docs, c.twins]).toEqual([c.number, 1, 1]);

    // more wallet views (a twin the job made is the one shown), then the job again
    const second = await wallet(ZHENG);
    expect(second.items.some((i) => i.document)).toBe(true);
    await wallet(ZHENG_LIXIN);
    const two = run();
    expect(two.status).toBe(0);
    expect(two.out).toContain(`新增 0 本，已有 ${before.length} 本`);
    for (const c of await twinCounts())
      expect([c.number, c.docs, c.twins]).toEqual([c.number, 1, 1]);

    // a twin names no case: its 附记 has no 业务号 label at all, never an empty one
    const bodies = (await h.registry.sql.all(
      `SELECT d.body_json FROM documents d JOIN electronic_twins t ON t.document_id = d.document_id`,
    )) as { body_json: string }[];
    expect(bodies.length).toBe(before.length);
    for (const b of bodies) {
      const body = JSON.parse(b.body_json) as { remarks: string };
      expect(body.remarks).not.toContain('业务号');
      expect(body.remarks).toContain('改革前核发的纸质证书');
    }
  });
});
