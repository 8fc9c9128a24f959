/**
 * The security headers come from @fastify/helmet with one configuration
 * (mock-server/src/http/securityHeaders.ts): the same set on every kind of answer (API, error,
 * page, the H5 app's files, the staff console), each page keeping its own
 * Content-Security-Policy also when HSTS is added over TLS, and no header sent twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, type Harness } from './support/registry';

const withApp = (dir: string) => {
  const root = path.join(dir, 'h5');
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><html><head><script>window.x=1</script></head><body></body></html>',
  );
  return { STATIC_DIR: root };
};

const COMMON = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=(self)',
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ TRUST_PROXY: '127.0.0.1' }, withApp);
});
afterAll(() => h.close());

const frameAncestors = (csp: unknown) => /frame-ancestors ([^;]+)/.exec(String(csp))?.[1].trim();

it.each([
  ['/healthz', "'none'"],
  ['/api/v1/catalogue', "'none'"],
  ['/api/v1/no-such-route', "'none'"],
  ['/', "'self'"],
  ['/verify', "'none'"],
  ['/staff', "'none'"],
])('%s: helmet’s headers, its own CSP, HSTS only over TLS', async (url, ancestors) => {
  for (const tls of [false, true]) {
    const r = await h.app.inject({
      method: 'GET',
      url,
      headers: tls ? { 'x-forwarded-proto': 'https' } : {},
    });
    expect(r.headers).toMatchObject(COMMON);
    for (const v of Object.values(r.headers)) expect(Array.isArray(v) ? v : [v]).toHaveLength(1);
    expect(frameAncestors(r.headers['content-security-policy'])).toBe(ancestors);
    expect(r.headers['strict-transport-security']).toBe(
      tls ? 'max-age=31536000; includeSubDomains' : undefined,
    );
  }
});
