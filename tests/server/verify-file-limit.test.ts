/**
 * POST /documents/verify-file is public and costs up to 6 MB of base64 and an SM2 verification:
 * each client address gets FILE_CHECKS_PER_WINDOW checks a minute, then 429 RATE_LIMITED with a
 * Chinese message and Retry-After; another address is not affected.
 */
import { createApp, openRegistry } from '../../mock-server/src/bootstrap';
import { createLogger } from '../../mock-server/src/logger';
import { FILE_CHECKS_PER_WINDOW } from '../../mock-server/src/http/routes/verify';
import { startHarness, type Harness } from './support/registry';

describe('verify-file rate limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const check = (ip: string, app: Harness['app'] = h.app) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/documents/verify-file',
      remoteAddress: ip,
      payload: {
        file: Buffer.from('%PDF-1.7 not a certificate').toString('base64'),
        signature: {
          algorithm: 'SM2-with-SM3',
          userId: '1234567812345678',
          publicKey: '04' + '11'.repeat(64),
          digest: '22'.repeat(32),
          signature: '33'.repeat(64),
        },
      },
    });

  it('answers every check up to the limit, then refuses with RATE_LIMITED', async () => {
    const first = await check('10.0.0.1');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ valid: false });
    for (let i = 1; i < FILE_CHECKS_PER_WINDOW; i++) {
      expect((await check('10.0.0.1')).statusCode).toBe(200);
    }
    const limited = await check('10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.json().message).toMatch(/文件核验过于频繁/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // another verifier is still served
    expect((await check('10.0.0.2')).statusCode).toBe(200);
  });

  it('counts checks in the store, so the limit holds across two nodes on one database', async () => {
    // a second node: its own process state, the same database
    const logger = createLogger('silent');
    const registry = await openRegistry(h.config, logger);
    const node2 = await createApp(h.config, registry, logger);
    try {
      for (let i = 0; i < FILE_CHECKS_PER_WINDOW; i++) {
        expect((await check('10.0.0.3', i % 2 ? node2 : h.app)).statusCode).toBe(200);
      }
      expect((await check('10.0.0.3', node2)).statusCode).toBe(429);
      expect((await check('10.0.0.3', h.app)).statusCode).toBe(429);
    } finally {
      await node2.close();
      await registry.close();
    }
  });
});
