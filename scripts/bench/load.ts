/**
 * The benchmarks' load generator, in a process of its own (started by harness.ts, never measured
 * in the process it measures). It reads jobs as JSON lines on stdin and answers each with one
 * JSON line on stdout:
 *
 * - `requests`: the given HTTP requests, `concurrency` at a time over keep-alive connections
 *   (node:http Agent), every response read to its end; answers the count, the failures, the
 *   throughput and latency percentiles, and optionally one field of each JSON answer (`collect`).
 * - `sales`: complete second-hand sales (draft → certificate) through the HTTP API, the way the
 *   server tests drive them (tests/server/support/nodes.ts), `concurrency` at a time, every
 *   request to the next of `targets` in turn (fetch keeps connections alive).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import {
  citizen,
  completeSale,
  Rotation,
  type PlainUnit,
  type Who,
} from '../../tests/server/support/nodes';

export interface RequestSpec {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Job =
  | { kind: 'requests'; concurrency: number; requests: RequestSpec[]; collect?: string }
  | {
      kind: 'sales';
      concurrency: number;
      targets: string[];
      sales: { buyer: Who; unit: PlainUnit }[];
    };

export interface JobResult {
  n: number;
  errors: number;
  firstError?: string;
  seconds: number;
  /** requests per second, or complete cases per minute for sales */
  rate: number;
  /** latency percentiles, ms (a whole case for sales) */
  p50: number;
  p95: number;
  p99: number;
  collected?: string[];
  /** sales: the submit requests' latency percentiles, ms */
  submit?: { p50: number; p95: number };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function send(spec: RequestSpec): Promise<{ status: number; text: string }> {
  const body = spec.body === undefined ? undefined : Buffer.from(JSON.stringify(spec.body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      spec.url,
      {
        agent,
        method: spec.method ?? (body ? 'POST' : 'GET'),
        headers: {
          ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}),
          ...spec.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `count` jobs `concurrency` at a time; `job(i)` returns an error message or undefined. */
async function pool(
  count: number,
  concurrency: number,
  job: (i: number) => Promise<string | undefined>,
): Promise<Omit<JobResult, 'rate'> & { latencies: number[] }> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t = performance.now();
      let failure: string | undefined;
      try {
        failure = await job(i);
      } catch (e) {
        failure = e instanceof Error ? e.message : String(e);
      }
      if (failure) {
        errors += 1;
        firstError ??= failure.slice(0, 500);
      } else {
        latencies.push(performance.now() - t);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    latencies.length
      ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]
      : 0;
  return {
    n: latencies.length,
    errors,
    ...(firstError ? { firstError } : {}),
    seconds,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    latencies,
  };
}

async function requests(job: Extract<Job, { kind: 'requests' }>): Promise<JobResult> {
  const collected: string[] = [];
  const r = await pool(job.requests.length, job.concurrency, async (i) => {
    const res = await send(job.requests[i]);
    if (res.status < 200 || res.status >= 300) return `${res.status} ${res.text}`;
    if (job.collect)
      collected.push(String((JSON.parse(res.text) as Record<string, unknown>)[job.collect]));
    return undefined;
  });
  const { latencies: _l, ...rest } = r;
  return {
    ...rest,
    rate: r.n / r.seconds,
    ...(job.collect ? { collected } : {}),
  };
}

async function sales(job: Extract<Job, { kind: 'sales' }>): Promise<JobResult> {
  const lb = new Rotation(job.targets.map((url) => ({ url })));
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (who: Who) => {
    let t = tokens.get(who.idNumber);
    if (!t) tokens.set(who.idNumber, (t = citizen(lb, who)));
    return t;
  };
  const submits: number[] = [];
  const r = await pool(job.sales.length, job.concurrency, async (i) => {
    const { buyer, unit } = job.sales[i];
    const c = await completeSale(lb, { ...buyer, token: await tokenOf(buyer) }, unit, (ms) =>
      submits.push(ms),
    );
    return ['issued', 'archived'].includes(c.status) ? undefined : `case ${c.caseId}: ${c.status}`;
  });
  const { latencies: _l, ...rest } = r;
  submits.sort((a, b) => a - b);
  const q = (p: number) =>
    submits[Math.min(submits.length - 1, Math.floor(p * submits.length))] ?? 0;
  return { ...rest, rate: (r.n / r.seconds) * 60, submit: { p50: q(0.5), p95: q(0.95) } };
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const job = JSON.parse(line) as Job;
  (job.kind === 'requests' ? requests(job) : sales(job))
    .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`load generator failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    });
});
lines.on('close', () => agent.destroy());
