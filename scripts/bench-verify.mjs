#!/usr/bin/env node
// Verification throughput (issue 7): `npm run bench:verify`.
//
// Starts the real registry (tsx mock-server/src/main.ts, fresh SQLite in a temp folder, PORT=0,
// loopback only), logs a holder in through the 浙里办 simulator with a step-up, creates
// presentations, then POSTs /api/v1/verify (seal check with the public key + status now + use
// count + log entry, i.e. a full status check) with a few concurrent connections. In the same
// run it measures a plain Fastify route (GET /ping → {ok:true}) in this process, same client,
// same concurrency, so the two figures can be compared on this machine.
// Bounded: a fixed number of requests and a time cap per phase. Prints req/s and p50/p99.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONCURRENCY = 8;
const PRESENTATIONS = Number(process.env.BENCH_PRESENTATIONS ?? 150);
const USES = 3; // allowance of each presentation
const PLAIN_REQUESTS = 6000;
const PHASE_CAP_MS = 30_000;
const HOLDER = { idNumber: '33100419820825953X', name: '杨永明' };

async function startRegistry() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-verify-'));
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['mock-server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: path.join(dir, 'registry.sqlite'),
      STATIC_DIR: path.join(dir, 'none'),
      LOG_LEVEL: 'warn',
      SIMULATORS_ENABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`registry did not start:\n${out}`)), 60_000);
    const on = (c) => {
      out += c;
      const m = /listening at (http:\/\/[^\s/]+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    };
    child.stdout.setEncoding('utf8').on('data', on);
    child.stderr.setEncoding('utf8').on('data', on);
    child.once('exit', (code) => reject(new Error(`registry exited ${code}:\n${out}`)));
  });
  return {
    url,
    stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function json(url, method = 'GET', body, token) {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** Runs `jobs` (functions returning a promise) with CONCURRENCY workers; returns latencies. */
async function run(jobs) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < jobs.length && performance.now() - started < PHASE_CAP_MS) {
      const job = jobs[next++];
      const t = performance.now();
      await job();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { n: latencies.length, rps: latencies.length / seconds, p50: q(0.5), p99: q(0.99) };
}

const line = (name, r) =>
  `  ${name.padEnd(34)} ${String(r.n).padStart(6)}  ${r.rps.toFixed(0).padStart(8)}  ${r.p50
    .toFixed(2)
    .padStart(8)}  ${r.p99.toFixed(2).padStart(8)}`;

const registry = await startRegistry();
const plain = Fastify({ logger: false });
plain.get('/ping', async () => ({ ok: true }));
await plain.listen({ port: 0, host: '127.0.0.1' });
const plainUrl = `http://127.0.0.1:${plain.server.address().port}/ping`;
try {
  const api = `${registry.url}/api/v1`;
  const { ticketId } = await json(`${api}/sim/zlb/tickets`, 'POST', { idNumber: HOLDER.idNumber });
  const login = await json(`${api}/auth/zlb/ticket`, 'POST', { ticketId });
  const token = login.session.token;
  const { passId } = await json(`${api}/sim/zlb/zm-auth`, 'POST', {
    certNo: HOLDER.idNumber,
    certName: HOLDER.name,
  });
  await json(`${api}/auth/zlb/step-up`, 'POST', { passId }, token);
  const wallet = await json(`${api}/me/wallet`, 'GET', undefined, token);
  const item = wallet.items.find((i) => i.presentable);

  const tokens = [];
  const present = await run(
    Array.from({ length: PRESENTATIONS }, () => async () => {
      const p = await json(
        `${api}/me/wallet/${item.id}/presentations`,
        'POST',
        { view: 'minimal' },
        token,
      );
      tokens.push(p.token);
    }),
  );
  const verifyJobs = [];
  for (let u = 0; u < USES; u++)
    for (const t of tokens) verifyJobs.push(() => json(`${api}/verify`, 'POST', { token: t }));
  const verify = await run(verifyJobs);
  const plainResult = await run(Array.from({ length: PLAIN_REQUESTS }, () => () => json(plainUrl)));

  console.log(`验证吞吐（回环地址，并发 ${CONCURRENCY}，${os.cpus().length} 核）`);
  console.log(
    `  ${'路由'.padEnd(32)} ${'请求数'.padStart(5)}  ${'req/s'.padStart(8)}  ${'p50 ms'.padStart(8)}  ${'p99 ms'.padStart(8)}`,
  );
  console.log(line('POST /api/v1/verify（状态核验）', verify));
  console.log(line('POST /me/wallet/:id/presentations', present));
  console.log(line('plain Fastify GET /ping', plainResult));
  console.log(
    `  状态核验吞吐约为空路由的 ${((verify.rps / plainResult.rps) * 100).toFixed(1)}%（每次核验含 SM2 验签、登记簿状态查询、计数和核验记录写入）`,
  );
} finally {
  await plain.close();
  registry.stop();
}
