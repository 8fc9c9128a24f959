/**
 * The one benchmark harness every `bench:*` request benchmark runs on, so that their figures
 * are taken the same way and can be compared:
 *
 * - the system under test and each baseline are separate processes, started the same way
 *   (tests/server/support/nodes.ts: tsx, own process group, `listening at` line);
 * - the load comes from a load generator in its own process (load.ts: keep-alive connections);
 * - every phase runs once first as a warm-up that is not measured;
 * - the phases are interleaved over several rounds (the order rotating each round), so a burst of
 *   load from something else on the machine spreads over all of them instead of one;
 * - each figure is printed as min / median / max over the rounds, under the machine's load
 *   average at the start (the machine is shared: a high load average explains low figures).
 *
 * Sizes and rounds are flags (`--rounds 3 --requests 5000 …`), so a run fits the time at hand.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Job, JobResult } from './load';

const ROOT = path.resolve(__dirname, '../..');

/** `--name value` flags over defaults; a number default makes the flag a number. */
export function flags<T extends Record<string, string | number>>(defaults: T): T {
  const out: Record<string, string | number> = { ...defaults };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-zA-Z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unknown argument ${argv[i]}`);
    const key = m[1].replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
    if (!(key in defaults)) {
      throw new Error(`unknown flag --${m[1]} (flags: ${Object.keys(defaults).join(', ')})`);
    }
    const raw = m[2] ?? argv[++i];
    if (raw === undefined) throw new Error(`--${m[1]} needs a value`);
    const value = typeof defaults[key] === 'number' ? Number(raw) : raw;
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`--${m[1]}: ${raw}`);
    out[key] = value;
  }
  return out as T;
}

/** The machine, as the figures should be read against it. */
export function machineLine(): string {
  const [one, five, fifteen] = os.loadavg().map((x) => x.toFixed(2));
  return `${os.cpus().length} 核 · 开始时负载 load average ${one} ${five} ${fifteen} · Node ${process.version}`;
}

/** The load generator: one process, jobs one at a time. */
export class LoadGenerator {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly answers: ((line: string) => void)[] = [];
  private readonly exited: Promise<void>;

  constructor() {
    this.child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/bench/load.ts'], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr.pipe(process.stderr);
    readline
      .createInterface({ input: this.child.stdout })
      .on('line', (line) => this.answers.shift()?.(line));
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    void this.exited.then(() => {
      for (const a of this.answers.splice(0)) a('');
    });
  }

  run(job: Job): Promise<JobResult> {
    return new Promise((resolve, reject) => {
      this.answers.push((line) =>
        line ? resolve(JSON.parse(line) as JobResult) : reject(new Error('load generator exited')),
      );
      this.child.stdin.write(`${JSON.stringify(job)}\n`);
    });
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    await this.exited;
  }
}

/** One measured thing: `run` takes one sample (a warm-up is a run whose sample is dropped). */
export interface Phase {
  name: string;
  run(round: number): Promise<JobResult>;
}

export type Samples = Map<string, JobResult[]>;

/**
 * A warm-up of every phase, then `rounds` rounds of every phase, the order rotating each round.
 * A phase whose run failed outright, or whose requests failed, stops the benchmark: a figure
 * taken over errors would not mean what it says.
 */
export async function interleave(
  phases: Phase[],
  rounds: number,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<Samples> {
  const samples: Samples = new Map(phases.map((p) => [p.name, []]));
  const checked = async (p: Phase, round: number) => {
    const r = await p.run(round);
    if (r.errors > 0) {
      throw new Error(`${p.name}: ${r.errors} of ${r.n + r.errors} failed: ${r.firstError}`);
    }
    return r;
  };
  for (const p of phases) {
    log(`预热 warm-up: ${p.name}`);
    await checked(p, 0);
  }
  for (let round = 1; round <= rounds; round++) {
    for (let k = 0; k < phases.length; k++) {
      const p = phases[(k + round - 1) % phases.length];
      const r = await checked(p, round);
      log(`第 ${round}/${rounds} 轮 ${p.name}: ${r.n} 次 ${r.rate.toFixed(1)}`);
      samples.get(p.name)!.push(r);
    }
  }
  return samples;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { min: v[0], median, max: v[v.length - 1] };
}

/** "median (min–max)" with `digits` decimals */
export function showSpread(s: Spread, digits = 0): string {
  const f = (x: number) => x.toFixed(digits);
  return `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

/** Pads for a table whose cells may be Chinese (two columns wide per character). */
export function pad(text: string, width: number, right = false): string {
  const w = [...text].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const fill = ' '.repeat(Math.max(0, width - w));
  return right ? fill + text : text + fill;
}

/**
 * Once the benchmark is over (or failed): runs every stop in order, whatever happens (register
 * them with `unshift`, like deferred calls: the last started is stopped first), then exits with
 * the benchmark's outcome.
 */
export async function finish(
  stops: (() => Promise<unknown>)[],
  outcome: Promise<unknown>,
): Promise<void> {
  let failed: unknown;
  try {
    await outcome;
  } catch (e) {
    failed = e;
  }
  for (const stop of stops) await stop().catch(() => undefined);
  if (failed) {
    process.stderr.write(`基准测试失败 / benchmark failed: ${(failed as Error).stack ?? failed}\n`);
    process.exit(1);
  }
}
