// The real registry server and Debian chromium, started the same way by the H5 benchmarks
// (bench-h5-size.mjs, bench-lcp.mjs): tsx mock-server/src/main.ts on a fresh SQLite file in a
// temp folder, serving `staticDir`, in its own process group.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function findChromium() {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    fs.accessSync(candidate, fs.constants.X_OK);
    return candidate;
  } catch {
    return null;
  }
}

/** The real registry server serving `staticDir`. Resolves { url, stop, kind }. */
export function startRealServer({ staticDir, tmpPrefix }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['mock-server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      // demo mode: the simulators and the seeded demo register
      DEMO: 'true',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: path.join(dataDir, 'registry.sqlite'),
      STATIC_DIR: staticDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error('60 秒内没有打印监听地址')), 60_000);
    const fail = (err) => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${err.message}\n${log}`)));
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      log += chunk;
      const m = /掌上不动产 registry listening at (http:\/\/[^\s/]+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop, kind: '登记服务（mock-server）' });
      }
    });
    child.stderr.on('data', (chunk) => (log += chunk));
    void exited.then((code) => fail(new Error(`服务器退出（${code}）`)));
  });
}
