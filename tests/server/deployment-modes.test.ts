/**
 * The real process in a real deployment (NODE_ENV=production, HOST=0.0.0.0): it refuses to start
 * with the simulators on (they let anyone sign in as anyone) unless told so explicitly, refuses to
 * start without a real identity platform, and starts with one: no /sim/* route, no demo staff
 * password, the database and key files readable by the server alone.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './support/registry';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const LINE = /^掌上不动产 registry listening at http:\/\/0\.0\.0\.0:(\d+)\/$/m;

/** the real identity platform's configuration (its gateway is not asked anything at start) */
const REAL_IDENTITY = {
  IDENTITY_PLATFORM_URL: 'https://idp.example.gov.cn/registry',
  // the platform's published SM2 public key (a point of the curve)
  IDENTITY_PLATFORM_PUBLIC_KEY:
    '04cb79bea697a5f90c00fd7d6bb8eb74f78c0b94542f9eb082f626d07b3cb7c2cecbb70aded5cb7124695bf72de3e85c7587bcfc9db97852dcfd514ef252001f5e',
  IDENTITY_PLATFORM_APP_KEY: 'registry-app-key-0001',
};

interface Run {
  /** the port, once listening */
  port: Promise<number>;
  /** exit code (null after a signal) and everything written to stderr */
  exited: Promise<{ code: number | null; stderr: string }>;
  stop(): void;
}

function run(dir: string, env: Record<string, string>): Run {
  const child = spawn(TSX, ['mock-server/src/main.ts'], {
    cwd: ROOT,
    // a minimal environment: nothing of the developer's (or jest's NODE_ENV=test) leaks in
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '0',
      DATABASE_PATH: path.join(dir, 'data', 'registry.sqlite'),
      STATIC_DIR: path.join(dir, 'no-h5'),
      LOG_LEVEL: 'warn',
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr })),
  );
  const port = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = LINE.exec(stdout);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error(`exited before listening: ${stderr}`)));
  });
  port.catch(() => undefined);
  return { port, exited, stop: () => child.kill('SIGTERM') };
}

const at = (port: number, p: string, init?: RequestInit) =>
  fetch(`http://127.0.0.1:${port}${p}`, init);
const post = (port: number, p: string, body: unknown) =>
  at(port, p, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('NODE_ENV=production, HOST=0.0.0.0', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('registry-deploy-');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses to start with the simulators on, and says why', async () => {
    const r = await run(dir, { DEMO: 'true' }).exited;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('HOST=0.0.0.0 不是本机回环地址，而模拟器已开启');
    expect(r.stderr).toContain('DEMO_ALLOW_PUBLIC_HOST=true');
    expect(fs.existsSync(path.join(dir, 'data', 'registry.sqlite'))).toBe(false);
  });

  it('refuses to start without a real identity platform when the simulators are off', async () => {
    const r = await run(dir, {}).exited;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('IDENTITY_PLATFORM_URL 未设置');
  });

  it('refuses SIMULATORS_ENABLED=true outside demo mode', async () => {
    const r = await run(dir, { ...REAL_IDENTITY, SIMULATORS_ENABLED: 'true' }).exited;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SIMULATORS_ENABLED=true 只能用于演示模式');
  });

  it('starts with the real identity platform configured: no simulator, no demo password, files 0600', async () => {
    const server = run(dir, REAL_IDENTITY);
    try {
      const port = await server.port;
      expect((await at(port, '/healthz')).status).toBe(200);
      // every simulator route is absent: nobody signs in as anyone, writes a mortgage or lists charges
      for (const [method, p, body] of [
        ['POST', '/api/v1/sim/zlb/tickets', { idNumber: '33100419820825953X' }],
        ['POST', '/api/v1/sim/zlb/zm-auth', { certNo: '33100419820825953X', certName: '杨永明' }],
        ['POST', '/api/v1/sim/register/mortgages', { unitCode: '331023001004GB06142F00040001' }],
        ['POST', '/api/v1/sim/payment/faults', { faults: ['transient'] }],
        ['GET', '/api/v1/sim/payment/charges', undefined],
        ['POST', '/api/v1/sim/utilities/faults', { kind: 'water', faults: ['unavailable'] }],
        ['GET', '/api/v1/sim/messaging/deliveries', undefined],
        ['POST', '/api/v1/sim/messaging/channels', { channel: 'sms', down: true }],
      ] as const) {
        const r = body === undefined ? await at(port, p) : await post(port, p, body);
        expect([method, p, r.status]).toEqual([method, p, 404]);
        expect(((await r.json()) as { code: string }).code).toBe('NOT_FOUND');
      }
      // no demo register and no demo staff account with the published password
      const login = await post(port, '/api/v1/staff/session', {
        username: 'wangfang',
        password: 'Taizhou-staff-2026',
      });
      expect(login.status).toBe(401);
      // the face check goes to the configured platform (unreachable here: 503, nothing recorded)
      const face = await post(port, '/api/v1/auth/face/start', {
        name: '杨永明',
        idNumber: '33100419820825953X',
      });
      expect(face.status).toBe(503);
      expect(((await face.json()) as { code: string }).code).toBe('IDENTITY_PLATFORM_UNAVAILABLE');
      // the identity platform simulator's key is not made: only the registry's own keys
      const keys = (
        (await (await at(port, '/api/v1/keys')).json()) as { items: { name: string }[] }
      ).items;
      expect(keys.map((k) => k.name)).toContain('registry');
      expect(keys.map((k) => k.name)).not.toContain('identity-platform');
      // the database and the key files are the server's alone
      const mode = (f: string) => fs.statSync(f).mode & 0o777;
      expect(mode(path.join(dir, 'data', 'registry.sqlite'))).toBe(0o600);
      const keyDir = path.join(dir, 'data', 'keys');
      expect(mode(keyDir)).toBe(0o700);
      const files = fs.readdirSync(keyDir);
      expect(files).toContain('registry.json');
      for (const f of files) expect([f, mode(path.join(keyDir, f))]).toEqual([f, 0o600]);
    } finally {
      server.stop();
      await server.exited;
    }
  });

  it('starts with the simulators given the explicit demo override', async () => {
    const server = run(dir, { DEMO: 'true', DEMO_ALLOW_PUBLIC_HOST: 'true' });
    try {
      const port = await server.port;
      const r = await post(port, '/api/v1/sim/zlb/tickets', { idNumber: '33100419820825953X' });
      expect(r.status).toBe(200);
    } finally {
      server.stop();
      await server.exited;
    }
  });
});
