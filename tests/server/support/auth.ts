/**
 * Harness for the identity tests: a real, seeded store (the SQLite file, or PostgreSQL with
 * TEST_REGISTRY_DB=postgres: support/registry.ts); an injected manual clock; log lines
 * captured (level trace) so tests can assert no full ID number is ever written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openRegistry, createApp } from '../../../mock-server/src/bootstrap';
import { createLogger } from '../../../mock-server/src/logger';
import type { IdentityOverrides } from '../../../mock-server/src/bootstrap';
import type { Person } from '../../../mock-server/src/domain/register';
import { base64, tinyJpeg } from './jpeg';
import { harnessStore, tempDir } from './registry';

export const API = '/api/v1';
export const T0 = Date.parse('2026-03-02T01:00:00.000Z');

export class ManualClock {
  constructor(public ms: number = T0) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Every log line written by every harness of this test process. */
export const capturedLogs: string[] = [];

export async function startAuthHarness(
  opts: { env?: Record<string, string>; overrides?: IdentityOverrides } = {},
) {
  const dir = tempDir('registry-auth-');
  const { store, config } = await harnessStore(dir, path.join(dir, 'registry.sqlite'), {
    STATIC_DIR: path.join(dir, 'no-such-dir'),
    LOG_LEVEL: 'trace',
    ...opts.env,
  });
  const logger = createLogger('trace', { write: (line: string) => capturedLogs.push(line) });
  const registry = await openRegistry(config, logger);
  const clock = new ManualClock();
  const app = await createApp(config, registry, logger, { clock, ...opts.overrides });
  const naturalPersons = await registry.sql.all<{ person_id: string }>(
    "SELECT person_id FROM persons WHERE kind = 'natural' ORDER BY person_id",
  );
  const persons: Person[] = [];
  for (const r of naturalPersons) persons.push((await registry.parties.person(r.person_id))!);
  const person = (id: string) => persons.find((p) => p.personId === id) as Person;

  async function post(url: string, payload?: unknown, token?: string, remoteAddress?: string) {
    return app.inject({
      method: 'POST',
      url: `${API}${url}`,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(remoteAddress ? { remoteAddress } : {}),
    });
  }
  async function get(url: string, token?: string) {
    return app.inject({
      method: 'GET',
      url: `${API}${url}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }
  async function del(url: string, token?: string) {
    return app.inject({
      method: 'DELETE',
      url: `${API}${url}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  /** three fresh frames captured 1, 2, 3 s after `fromMs` */
  const frames = (fromMs: number = clock.ms, n = 3) =>
    Array.from({ length: n }, (_, i) => ({
      data: base64(tinyJpeg(i * 10 - 10)),
      capturedAt: new Date(fromMs + (i + 1) * 1000).toISOString(),
    }));

  async function startFace(p: { name: string; idNumber: string }, remoteAddress?: string) {
    return post(
      '/auth/face/start',
      { name: p.name, idNumber: p.idNumber },
      undefined,
      remoteAddress,
    );
  }

  /** start + complete (frames captured in the window, answered 5 s later) */
  async function faceLogin(p: Person, deviceName = '测试手机') {
    const started = clock.ms;
    const s = await startFace(p);
    if (s.statusCode !== 200) throw new Error(`start ${s.statusCode} ${s.body}`);
    clock.advance(5000);
    const c = await post('/auth/face/complete', {
      certifyId: s.json().certifyId,
      frames: frames(started),
      deviceName,
    });
    if (c.statusCode !== 200) throw new Error(`complete ${c.statusCode} ${c.body}`);
    return c.json().session.token as string;
  }

  async function stepUp(token: string) {
    const started = clock.ms;
    const s = await post('/auth/step-up/start', {}, token);
    if (s.statusCode !== 200) throw new Error(`step-up start ${s.statusCode} ${s.body}`);
    clock.advance(4000);
    return post(
      '/auth/step-up/complete',
      { certifyId: s.json().certifyId, frames: frames(started) },
      token,
    );
  }

  return {
    dir,
    app,
    registry,
    clock,
    persons,
    person,
    post,
    get,
    del,
    frames,
    startFace,
    faceLogin,
    stepUp,
    async close() {
      await app.close();
      await registry.close();
      await store.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type AuthHarness = Awaited<ReturnType<typeof startAuthHarness>>;
