/**
 * The staff and consultation stores' contract: one suite, run on the embedded SQLite file and on
 * PostgreSQL. "Two nodes" are two handles on one store: two pools on one PostgreSQL database,
 * two connections on one SQLite file. What the staff console and 在线咨询 rely on — accounts,
 * console sessions, the login lock-out shared by every node, the append-only audit, and one
 * answer per question — holds on both.
 */
import { SqlConsultationStore } from '../../../mock-server/src/adapters/consultation/store';
import { type SqlDb } from '../../../mock-server/src/adapters/sql';
import { SqlStaffStore } from '../../../mock-server/src/adapters/sqlite/staffStore';
import { DEMO_STAFF } from '../../../mock-server/src/adapters/seed/staff';
import type {
  PasswordHasher,
  QuestionRecord,
  StaffAuditEntry,
} from '../../../mock-server/src/ports';
import { DATABASES, migrated, type Store } from '../support/databases';

/** a cheap stand-in for scrypt: these tests are about the store, not the hash */
const plainHasher: PasswordHasher = {
  hash: async (p) => `plain$${p}`,
  verify: async (p, stored) => stored === `plain$${p}`,
};

/**
 * The message a promise rejects with. better-sqlite3's errors come from the realm of the first
 * test file a jest worker ran, where `instanceof Error` (and so `rejects.toThrow`) fails.
 */
const rejection = async (p: Promise<unknown>): Promise<string> => {
  const failure = await p.then(
    () => undefined,
    (e: unknown) => ({ message: String((e as { message?: unknown })?.message ?? e) }),
  );
  if (!failure) throw new Error('expected the store to refuse, but it did not');
  return failure.message;
};

const T0 = '2026-03-02T01:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe.each(DATABASES)('staff and consultation stores on %s', (_name, target) => {
  let store: Store;
  let db: SqlDb;
  let other: SqlDb;
  let staff: SqlStaffStore;
  /** the same store seen from a second node */
  let staff2: SqlStaffStore;
  let questions: SqlConsultationStore;
  let questions2: SqlConsultationStore;
  let seq = 0;
  const unique = (prefix: string) => `${prefix}-${(seq += 1)}`;

  /** a case row for the audit and questions to refer to */
  const addCase = async (): Promise<string> => {
    const caseId = unique('CASE');
    await db.run(
      `INSERT INTO cases (case_id, business_type_code, status, unit_code, created_by, created_at,
         updated_at, version, data_json) VALUES (?, 'transfer.secondHandSale', 'draft', 'U1', 'P1', ?, ?, 1, '{}')`,
      [caseId, T0, T0],
    );
    return caseId;
  };

  beforeAll(async () => {
    store = await target();
    db = await migrated(store);
    other = store.open();
    staff = new SqlStaffStore(db);
    staff2 = new SqlStaffStore(other);
    questions = new SqlConsultationStore(db);
    questions2 = new SqlConsultationStore(other);
    // seeded once even when two nodes start together on an empty store
    const [a, b] = await Promise.all([
      staff.seedDemoAccounts(DEMO_STAFF, plainHasher, T0),
      staff2.seedDemoAccounts(DEMO_STAFF, plainHasher, T0),
    ]);
    expect(a + b).toBe(DEMO_STAFF.length);
  });
  afterAll(async () => {
    await other?.close();
    await db?.close();
    await store?.cleanup();
  });

  describe('accounts', () => {
    it('seeds the demo accounts once and finds them by username and by id', async () => {
      expect(await staff.seedDemoAccounts(DEMO_STAFF, plainHasher, T0)).toBe(0);
      const count = await db.get<{ n: number }>('SELECT count(*) AS n FROM staff_accounts');
      expect(Number(count?.n)).toBe(DEMO_STAFF.length);
      const first = DEMO_STAFF[0];
      const byName = await staff.accountByUsername(first.username);
      expect(byName).toEqual({
        staffId: first.staffId,
        username: first.username,
        displayName: first.displayName,
        post: first.post,
        passwordHash: `plain$${first.password}`,
        active: true,
      });
      expect(await staff2.account(first.staffId)).toEqual(byName);
      expect(await staff.accountByUsername('nobody')).toBeUndefined();
      expect(await staff.account('S999')).toBeUndefined();
    });

    it('reads an account switched off as inactive', async () => {
      const last = DEMO_STAFF[DEMO_STAFF.length - 1];
      await db.run('UPDATE staff_accounts SET active = 0 WHERE staff_id = ?', [last.staffId]);
      try {
        expect((await staff.account(last.staffId))?.active).toBe(false);
      } finally {
        await db.run('UPDATE staff_accounts SET active = 1 WHERE staff_id = ?', [last.staffId]);
      }
    });
  });

  describe('console sessions', () => {
    const session = (over: Partial<{ csrfToken: string; clientIp: string }> = {}) => ({
      staffId: DEMO_STAFF[0].staffId,
      csrfToken: over.csrfToken ?? 'csrf-1',
      createdAt: T0,
      lastSeenAt: T0,
      clientIp: over.clientIp ?? '10.0.0.1',
    });

    it('creates a session that every node finds by its token hash', async () => {
      const key = unique('hash');
      await staff.createSession(key, session());
      expect(await staff2.session(key)).toEqual(session());
      expect(await staff.session('no-such-hash')).toBeUndefined();
    });

    it('refuses a second session with the same token hash', async () => {
      const key = unique('hash');
      await staff.createSession(key, session());
      await rejection(staff2.createSession(key, session({ csrfToken: 'other' })));
      expect((await staff.session(key))?.csrfToken).toBe('csrf-1');
    });

    it('touches a live session, ends it once, and never touches an ended one', async () => {
      const key = unique('hash');
      await staff.createSession(key, session());
      await staff2.touchSession(key, at(5));
      expect((await staff.session(key))?.lastSeenAt).toBe(at(5));
      await staff.endSession(key, at(6));
      await staff2.endSession(key, at(9));
      await staff.touchSession(key, at(10));
      const s = await staff.session(key);
      expect(s).toMatchObject({ lastSeenAt: at(5), endedAt: at(6) });
    });
  });

  describe('the login lock-out', () => {
    const policy = (minute: number) => ({
      at: at(minute),
      lockAfter: 5,
      lockUntil: at(minute + 15),
    });

    it('counts failures and locks at the limit until the given instant', async () => {
      const name = unique('user');
      expect(await staff.loginFailures(name)).toBeUndefined();
      for (let i = 1; i <= 4; i++) {
        expect(await staff.countLoginFailure(name, policy(i))).toEqual({ count: i });
      }
      expect(await staff.countLoginFailure(name, policy(5))).toEqual({
        count: 5,
        lockedUntil: at(20),
      });
      expect(await staff2.loginFailures(name)).toEqual({ count: 5, lockedUntil: at(20) });
    });

    it('starts afresh after a lock has ended, and forgets the failures when cleared', async () => {
      const name = unique('user');
      for (let i = 1; i <= 5; i++) await staff.countLoginFailure(name, policy(i));
      // the lock ended at minute 20: a failure at minute 21 is the first of a new count
      expect(await staff.countLoginFailure(name, policy(21))).toEqual({ count: 1 });
      await staff.countLoginFailure(name, policy(22));
      await staff2.clearLoginFailures(name);
      expect(await staff.loginFailures(name)).toBeUndefined();
      expect(await staff.countLoginFailure(name, policy(23))).toEqual({ count: 1 });
    });

    it('locks at once when the limit is one', async () => {
      const name = unique('user');
      expect(await staff.countLoginFailure(name, { ...policy(0), lockAfter: 1 })).toEqual({
        count: 1,
        lockedUntil: at(15),
      });
    });

    it('counts every failure when two nodes count at once', async () => {
      const name = unique('user');
      const nodes = [staff, staff2];
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          nodes[i % 2].countLoginFailure(name, { at: at(1), lockAfter: 20, lockUntil: at(16) }),
        ),
      );
      expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
      expect(await staff.loginFailures(name)).toEqual({ count: 12 });
    });

    it('keeps each username apart', async () => {
      const a = unique('user');
      const b = unique('user');
      await staff.countLoginFailure(a, policy(1));
      await staff.countLoginFailure(a, policy(2));
      expect(await staff.countLoginFailure(b, policy(3))).toEqual({ count: 1 });
      expect(await staff.loginFailures(a)).toEqual({ count: 2 });
    });
  });

  describe('the audit', () => {
    const entry = (over: Partial<StaffAuditEntry>): StaffAuditEntry => ({
      staffId: DEMO_STAFF[0].staffId,
      staffName: DEMO_STAFF[0].displayName,
      action: 'viewCase',
      at: T0,
      clientIp: '10.0.0.1',
      outcome: 'ok',
      detail: {},
      ...over,
    });

    it("appends entries and reads a case's audit oldest first", async () => {
      const caseId = await addCase();
      await staff.audit(entry({ action: 'accept', caseId, detail: { reasons: ['甲'], n: 1 } }));
      await staff2.audit(
        entry({ action: 'approve', caseId, outcome: 'refused', userAgent: 'Mozilla/5.0' }),
      );
      const rows = await staff.auditOf(caseId);
      expect(rows.map((r) => r.action)).toEqual(['accept', 'approve']);
      expect(rows[0]).toMatchObject({
        staffId: 'S001',
        caseId,
        outcome: 'ok',
        detail: { reasons: ['甲'], n: 1 },
      });
      expect(rows[0].userAgent).toBeUndefined();
      expect(rows[1]).toMatchObject({ outcome: 'refused', userAgent: 'Mozilla/5.0' });
      expect(typeof rows[0].auditId).toBe('number');
      expect(rows[1].auditId!).toBeGreaterThan(rows[0].auditId!);
    });

    it('keeps entries without a staff member or a case (an unknown username)', async () => {
      await staff.audit({
        staffName: 'nobody',
        action: 'loginFailed',
        at: T0,
        clientIp: '10.0.0.9',
        outcome: 'refused',
        detail: { unknownUser: true },
      });
      const [newest] = await staff.recentAudit(1);
      expect(newest).toMatchObject({ staffName: 'nobody', action: 'loginFailed' });
      expect(newest.staffId).toBeUndefined();
      expect(newest.caseId).toBeUndefined();
    });

    it('reads the newest entries newest first, from every node, in one order', async () => {
      const writes = Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? staff : staff2).audit(entry({ action: `n${i}` })),
      );
      await Promise.all(writes);
      const recent = await staff.recentAudit(10);
      expect(recent).toHaveLength(10);
      expect(new Set(recent.map((r) => r.action)).size).toBe(10);
      const ids = recent.map((r) => r.auditId!);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);
      expect(new Set(ids).size).toBe(10);
    });

    it('refuses to change or delete an entry', async () => {
      const caseId = await addCase();
      await staff.audit(entry({ caseId }));
      expect(
        await rejection(
          db.run("UPDATE staff_audit SET outcome = 'refused' WHERE case_id = ?", [caseId]),
        ),
      ).toMatch(/append-only/);
      expect(
        await rejection(db.run('DELETE FROM staff_audit WHERE case_id = ?', [caseId])),
      ).toMatch(/append-only/);
      expect(await staff.auditOf(caseId)).toHaveLength(1);
    });

    it('rolls the audit back with the transaction it was written in', async () => {
      const caseId = await addCase();
      await expect(
        staff.transaction(async () => {
          await staff.audit(entry({ caseId }));
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      expect(await staff.auditOf(caseId)).toEqual([]);
      await staff.transaction(async () => {
        await staff.audit(entry({ caseId }));
      });
      expect(await staff.auditOf(caseId)).toHaveLength(1);
    });
  });

  describe('consultation questions', () => {
    const question = (over: Partial<QuestionRecord> = {}): QuestionRecord => ({
      questionId: unique('QST'),
      personId: 'P-asker',
      personName: '应敏',
      topic: 'general',
      text: '二手房过户需要哪些材料？',
      askedAt: T0,
      ...over,
    });
    const answer = (messageId: string, by = 'S001') => ({
      answer: '请携带身份证和不动产权证书。',
      byId: by,
      byName: '王芳',
      at: at(30),
      messageId,
    });

    it('stores a question and finds it on every node', async () => {
      const caseId = await addCase();
      const q = question({ topic: 'case', caseId });
      await questions.insert(q);
      expect(await questions2.get(q.questionId)).toEqual(q);
      expect(await questions.get('QST-none')).toBeUndefined();
    });

    it("lists a person's questions newest first", async () => {
      const personId = unique('P');
      const older = question({ personId, askedAt: at(1) });
      const newer = question({ personId, askedAt: at(2) });
      await questions.insert(older);
      await questions2.insert(newer);
      expect((await questions.ofPerson(personId)).map((q) => q.questionId)).toEqual([
        newer.questionId,
        older.questionId,
      ]);
    });

    it('answers an open question once; the answer is read back with its message', async () => {
      const q = question();
      await questions.insert(q);
      expect(await questions.answer(q.questionId, answer('MSG-1'))).toBe(true);
      expect(await questions2.answer(q.questionId, answer('MSG-2', 'S002'))).toBe(false);
      expect(await questions.get(q.questionId)).toEqual({
        ...q,
        answer: '请携带身份证和不动产权证书。',
        answeredById: 'S001',
        answeredByName: '王芳',
        answeredAt: at(30),
        messageId: 'MSG-1',
      });
      expect(await questions.answer('QST-none', answer('MSG-3'))).toBe(false);
    });

    it('keeps exactly one answer when two nodes answer at once', async () => {
      const q = question();
      await questions.insert(q);
      const outcomes = await Promise.all([
        questions.transaction(() => questions.answer(q.questionId, answer('MSG-a'))),
        questions2.transaction(() => questions2.answer(q.questionId, answer('MSG-b', 'S002'))),
      ]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      const kept = await questions.get(q.questionId);
      expect(kept?.messageId).toBe(outcomes[0] ? 'MSG-a' : 'MSG-b');
    });

    it('lists open questions oldest first and answered ones newest answer first', async () => {
      const open1 = question({ askedAt: at(-100) });
      const open2 = question({ askedAt: at(-99) });
      const done = question({ askedAt: at(-98) });
      for (const q of [open2, open1, done]) await questions.insert(q);
      await questions.answer(done.questionId, { ...answer('MSG-x'), at: at(500) });
      const open = (await questions2.list('open')).map((q) => q.questionId);
      expect(open.indexOf(open1.questionId)).toBeLessThan(open.indexOf(open2.questionId));
      expect(open).not.toContain(done.questionId);
      const answered = await questions.list('answered');
      expect(answered[0].questionId).toBe(done.questionId);
      expect(answered.every((q) => q.answeredAt)).toBe(true);
      const all = (await questions.list('all')).map((q) => q.questionId);
      expect(all).toEqual(expect.arrayContaining([open1.questionId, done.questionId]));
    });

    it('rolls an answer back with its transaction', async () => {
      const q = question();
      await questions.insert(q);
      await expect(
        questions.transaction(async () => {
          await questions.answer(q.questionId, answer('MSG-r'));
          throw new Error('delivery failed');
        }),
      ).rejects.toThrow('delivery failed');
      expect((await questions.get(q.questionId))?.answeredAt).toBeUndefined();
    });

    it('refuses a case question without its case (the store guards the topic)', async () => {
      expect(await rejection(questions.insert(question({ topic: 'case' })))).toMatch(
        /a case question names its case/,
      );
    });
  });
});
