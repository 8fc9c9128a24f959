/**
 * Starts the REAL registry server (mock-server/src/main.ts through tsx) on a free port with a
 * fresh SQLite file in a temp folder, serving dist/h5, and reads its URL from the line it prints:
 *   掌上不动产 registry listening at http://HOST:PORT/
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { H5_DIR, ROOT } from './env';

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const LISTENING = /掌上不动产 registry listening at (http:\/\/[^\s/]+)\/?/;
const START_TIMEOUT_MS = 45_000;

export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handheld-estate-e2e-'));
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  let log = '';
  const child: ChildProcess = spawn(tsx, ['mock-server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      // demo mode: the simulators the browser tests sign in through, and the demo register
      DEMO: 'true',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: path.join(dataDir, 'registry.sqlite'),
      STATIC_DIR: H5_DIR,
      LOG_LEVEL: 'warn',
      // the simulated identity platform's prompt pace: each face check holds a prompt 0.6 s, not
      // 1.8 s (the prompts, frames and checks are the same)
      FACE_SIM_PROMPT_MS: '600',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: tsx runs the server in a child node process; stop() signals both.
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`服务器 ${START_TIMEOUT_MS / 1000} 秒内没有打印监听地址。`)),
        START_TIMEOUT_MS,
      );
      child.stdout?.setEncoding('utf8');
      child.stderr?.setEncoding('utf8');
      child.stdout?.on('data', (chunk: string) => {
        log += chunk;
        const match = LISTENING.exec(log);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.stderr?.on('data', (chunk: string) => {
        log += chunk;
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`服务器启动失败（退出码 ${code}）。`));
      });
    });
    return { url, dataDir, output: () => log, stop };
  } catch (err) {
    await stop();
    throw new Error(
      `无法启动登记服务（tsx mock-server/src/main.ts）：${(err as Error).message}\n--- 服务器输出 ---\n${log}`,
    );
  }
}
