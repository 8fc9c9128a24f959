/**
 * Staff console sessions on two registry nodes sharing one store (two handles: two connections on
 * one SQLite file, two pools on one PostgreSQL database): the throttles after repeated failed
 * logins (per address, per username at an address, password spraying) hold whichever node the
 * attempts reach, a stranger's failures never hold the staff member back at their own desk, and
 * a session opened on one node works and ends on the other.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  migrateSql,
  PostgresSqlDb,
  SqliteSqlDb,
  type SqlDb,
} from '../../mock-server/src/adapters/sql';
import { SqlRateCounterStore } from '../../mock-server/src/adapters/sqlite/rateCounterStore';
import { SqlStaffStore } from '../../mock-server/src/adapters/sqlite/staffStore';
import { DEMO_STAFF } from '../../mock-server/src/adapters/seed/staff';
import { AppError } from '../../mock-server/src/domain/errors';
import { STAFF_LOCK_MS, STAFF_MAX_FAILURES } from '../../mock-server/src/domain/staff';
import type { Clock, PasswordHasher } from '../../mock-server/src/ports';
import { StaffAudit } from '../../mock-server/src/usecases/staff/audit';
import { StaffSessions } from '../../mock-server/src/usecases/staff/sessions';
import { createTestDatabase } from '../support/postgres';
import { tempDir } from './support/registry';

/** a cheap stand-in for scrypt: the lock-out is what is tested here */
const plainHasher: PasswordHasher = {
  hash: async (p) => `plain$${p}`,
  verify: async (p, stored) => stored === `plain$${p}`,
};

type Target = () => Promise<{ open(): SqlDb; cleanup(): Promise<void> }>;
const sqlite: Target = async () => {
  const dir = tempDir('staff-nodes-');
  const file = path.join(dir, 'registry.sqlite');
  return {
    open: () => SqliteSqlDb.open(file),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
};
const postgres: Target = async () => {
  const db = await createTestDatabase();
  return {
    open: () => PostgresSqlDb.open({ connectionString: db.url, max: 3 }),
    cleanup: () => db.drop(),
  };
};

const CLIENT = { ip: '10.0.0.1' };
const WANGFANG = DEMO_STAFF.find((s) => s.username === 'wangfang')!;

describe.each([
  ['SQLite', sqlite],
  ['PostgreSQL', postgres],
])('staff sessions across two nodes on %s', (_name, target) => {
  let cleanup: () => Promise<void>;
  const handles: SqlDb[] = [];
  let now = Date.parse('2026-03-02T01:00:00.000Z');
  const clock: Clock = { now: () => new Date(now) };
  let nodes: StaffSessions[];

  beforeAll(async () => {
    const t = await target();
    cleanup = t.cleanup;
    handles.push(t.open(), t.open());
    await migrateSql(handles[0]);
    nodes = handles.map((db) => {
      const store = new SqlStaffStore(db);
      const audit = new StaffAudit({ staff: store, clock });
      return new StaffSessions({
        staff: store,
        hasher: plainHasher,
        audit,
        counters: new SqlRateCounterStore(db),
        clock,
      });
    });
    await new SqlStaffStore(handles[0]).seedDemoAccounts(
      DEMO_STAFF,
      plainHasher,
      clock.now().toISOString(),
    );
  });
  afterAll(async () => {
    for (const h of handles) await h.close();
    await cleanup?.();
  });

  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  };

  it('opens a session on one node that the other authenticates and ends', async () => {
    const s = await nodes[0].login('WangFang ', WANGFANG.password, CLIENT);
    const seen = await nodes[1].authenticate(s.token);
    expect(seen.staff.displayName).toBe(WANGFANG.displayName);
    expect(nodes[1].csrfMatches(seen, s.csrfToken)).toBe(true);
    await nodes[1].logout(s.token, CLIENT);
    expect((await refusal(nodes[0].authenticate(s.token))).code).toBe('UNAUTHENTICATED');
  });

  it('locks a username after failures spread over both nodes, on both, until the lock ends', async () => {
    for (let i = 0; i < STAFF_MAX_FAILURES; i++) {
      const e = await refusal(nodes[i % 2].login('wangfang', `wrong-${i}`, CLIENT));
      expect(e.code).toBe('UNAUTHENTICATED');
    }
    for (const node of nodes) {
      const e = await refusal(node.login('wangfang', WANGFANG.password, CLIENT));
      expect(e.code).toBe('RATE_LIMITED');
      expect(e.retryAfterSeconds).toBe(STAFF_LOCK_MS / 1000);
    }
    // the lock ends: the right password opens a session again and the count starts afresh
    now += STAFF_LOCK_MS + 1000;
    await nodes[1].login('wangfang', WANGFANG.password, CLIENT);
    const e = await refusal(nodes[0].login('wangfang', 'wrong-again', CLIENT));
    expect(e.code).toBe('UNAUTHENTICATED');
    await nodes[0].login('wangfang', WANGFANG.password, CLIENT);
  });

  it("a stranger's failures on a username hold back the stranger's address, not the staff member's", async () => {
    const member = DEMO_STAFF[2];
    const stranger = { ip: '10.9.9.9' };
    for (let i = 0; i < STAFF_MAX_FAILURES + 3; i++) {
      const e = await refusal(nodes[i % 2].login(member.username, `guess-${i}`, stranger));
      expect(['UNAUTHENTICATED', 'RATE_LIMITED']).toContain(e.code);
    }
    const held = await refusal(nodes[0].login(member.username, member.password, stranger));
    expect(held.code).toBe('RATE_LIMITED');
    expect(held.message).toMatch(/分钟后再试/);
    // the staff member at their own desk logs in on either node
    await nodes[1].login(member.username, member.password, { ip: '10.0.0.77' });
  });

  it('password spraying: one address failing on several usernames is held back on both nodes', async () => {
    const sprayer = { ip: '10.8.8.8' };
    const names = ['zhangsan', 'lisi', 'wangwu'];
    for (const [i, n] of names.entries()) {
      expect((await refusal(nodes[i % 2].login(n, 'Password123', sprayer))).code).toBe(
        'UNAUTHENTICATED',
      );
    }
    for (const node of nodes) {
      // even with a right password: the address is held back, whichever username it tries
      const e = await refusal(node.login(WANGFANG.username, WANGFANG.password, sprayer));
      expect(e.code).toBe('RATE_LIMITED');
      expect(e.retryAfterSeconds).toBeGreaterThan(0);
    }
    const audit = await handles[0].all<{ action: string }>(
      "SELECT action FROM staff_audit WHERE action = 'loginSprayingSuspected'",
    );
    expect(audit.length).toBeGreaterThan(0);
    // other addresses are not affected
    await nodes[0].login(WANGFANG.username, WANGFANG.password, { ip: '10.0.0.78' });
  });

  it('counts failures that reach both nodes at the same moment', async () => {
    const name = DEMO_STAFF[1].username;
    const attempts = Array.from({ length: STAFF_MAX_FAILURES }, (_, i) =>
      refusal(nodes[i % 2].login(name, `wrong-${i}`, CLIENT)),
    );
    expect((await Promise.all(attempts)).map((e) => e.code)).toEqual(
      Array(STAFF_MAX_FAILURES).fill('UNAUTHENTICATED'),
    );
    const e = await refusal(nodes[1].login(name, DEMO_STAFF[1].password, CLIENT));
    expect(e.code).toBe('RATE_LIMITED');
  });
});
