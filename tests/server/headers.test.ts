/**
 * Headers and error bodies at the edge: a Content-Security-Policy on the H5 app (its inline
 * scripts allowed by hash only), the verify pages and the staff console, each saying who may
 * frame it; HSTS and the Secure staff cookie over TLS, also behind a proxy TRUST_PROXY believes;
 * malformed URLs and methods Node refuses answered with the uniform error body, never echoing
 * the input.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startHarness, type Harness } from './support/registry';

const INLINE = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
const INDEX = `<!doctype html><html><head><script>${INLINE}</script>
<script defer="defer" src="/js/app.1a2b3c4d.js"></script></head><body><div id="app"></div></body></html>`;

const withApp = (dir: string) => {
  const root = path.join(dir, 'h5');
  fs.mkdirSync(path.join(root, 'js'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), INDEX);
  fs.writeFileSync(path.join(root, 'js', 'app.1a2b3c4d.js'), 'console.log(1)');
  return { STATIC_DIR: root };
};

const cspOf = (headers: Record<string, unknown>) =>
  Object.fromEntries(
    String(headers['content-security-policy'] ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  ) as Record<string, string[]>;

describe('Content-Security-Policy', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, withApp);
  });
  afterAll(() => h.close());

  it('on the H5 app: own scripts, the inline one by its hash, framed by its own pages only', async () => {
    const hash = createHash('sha256').update(INLINE, 'utf8').digest('base64');
    for (const url of ['/', '/js/app.1a2b3c4d.js']) {
      const r = await h.app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      const csp = cspOf(r.headers);
      expect(csp['script-src']).toEqual(["'self'", `'sha256-${hash}'`]);
      expect(csp['script-src']).not.toContain("'unsafe-inline'");
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'self'"]);
      expect(csp['connect-src']).toEqual(["'self'"]);
      expect(csp['media-src']).toEqual(["'self'", 'blob:', 'mediastream:']);
    }
  });

  it.each(['/verify', '/void-announcements', '/staff', '/api/v1/catalogue'])(
    'on %s, which nobody may frame',
    async (url) => {
      const r = await h.app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      expect(cspOf(r.headers)['frame-ancestors']).toEqual(["'none'"]);
      expect(cspOf(r.headers)['script-src'] ?? []).not.toContain("'unsafe-inline'");
    },
  );
});

describe('TLS: HSTS and the Secure staff cookie', () => {
  const login = (h: Harness, headers: Record<string, string>) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/staff/session',
      payload: { username: 'wangfang', password: 'Taizhou-staff-2026' },
      headers,
    });

  it('behind a TLS proxy that TRUST_PROXY believes: HSTS, and the cookie is Secure', async () => {
    const h = await startHarness({ TRUST_PROXY: '127.0.0.1' });
    try {
      const proxied = { 'x-forwarded-proto': 'https' };
      const r = await h.app.inject({ method: 'GET', url: '/healthz', headers: proxied });
      expect(r.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const s = await login(h, proxied);
      expect(s.statusCode).toBe(200);
      expect(String(s.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await h.close();
    }
  });

  it('without TRUST_PROXY a forwarded header changes nothing (plain http: no HSTS, no Secure)', async () => {
    const h = await startHarness();
    try {
      const proxied = { 'x-forwarded-proto': 'https' };
      const r = await h.app.inject({ method: 'GET', url: '/healthz', headers: proxied });
      expect(r.headers['strict-transport-security']).toBeUndefined();
      const s = await login(h, proxied);
      expect(s.statusCode).toBe(200);
      expect(String(s.headers['set-cookie'])).not.toMatch(/Secure/);
    } finally {
      await h.close();
    }
  });
});

describe('every error body is the uniform one', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it.each(['/api/v1/cases/%E0%A4%A', '/%zz%3Cscript%3Ealert(1)%3C/script%3E'])(
    'a URL that does not decode (%s): 400 BAD_REQUEST, the URL not echoed',
    async (url) => {
      const r = await h.app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(400);
      const body = r.json() as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['code', 'message', 'requestId']);
      expect(body.code).toBe('BAD_REQUEST');
      expect(body.requestId).toBe(r.headers['x-request-id']);
      expect(r.body).not.toContain('script');
      expect(r.body).not.toContain('%E0');
    },
  );

  it('a method Node refuses: 400 in the uniform body, nothing echoed', async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.app.server.address() as { port: number };
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.write('BREW /<script> HTTP/1.1\r\nHost: x\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<
      string,
      unknown
    >;
    expect(body).toMatchObject({ code: 'BAD_REQUEST', message: '请求格式不正确' });
    expect(answer).not.toContain('script');
    expect(answer).not.toContain('BREW');
  });
});
