/** Wires the staff use cases to SQLite and scrypt; seeds the demo staff accounts. */
import { randomUUID } from 'node:crypto';
import type { Clock, PartyDirectory, RegisterRepository } from '../../ports';
import type { CaseService } from '../../usecases/cases/service';
import type { MarriageChecks } from '../../usecases/shared-data/marriage';
import { StaffAudit } from '../../usecases/staff/audit';
import type { StaffCaseReads } from '../../usecases/staff/caseReads';
import { CounterIntake } from '../../usecases/staff/counterIntake';
import { StaffDecisions } from '../../usecases/staff/decisions';
import { StaffDesk } from '../../usecases/staff/desk';
import { StaffSessions } from '../../usecases/staff/sessions';
import { DEMO_STAFF } from '../seed/staff';
import { scryptHasher } from '../staff/password';
import { SqliteCaseStore } from './caseStore';
import type { Db } from './database';
import { SqliteStaffStore } from './staffStore';

const systemClock: Clock = { now: () => new Date() };

export function wireStaff(
  registry: { db: Db; register: RegisterRepository; parties: PartyDirectory },
  cases: CaseService,
  opts: { seedDemoStaff: boolean; clock?: Clock; marriage?: MarriageChecks },
) {
  const clock = opts.clock ?? systemClock;
  const store = new SqliteStaffStore(registry.db);
  if (opts.seedDemoStaff)
    store.seedDemoAccounts(DEMO_STAFF, scryptHasher, clock.now().toISOString());
  const caseStore = new SqliteCaseStore(registry.db);
  const audit = new StaffAudit({ staff: store, clock });
  const reads: StaffCaseReads = {
    businessType: (code) => cases.businessType(code),
    reviewContext: (c, bt) => cases.context(c, bt),
    viewCase: (c) => cases.view(c, { personId: '', name: '' }),
  };
  const process = (caseId: string) => cases.process(caseId);
  return {
    sessions: new StaffSessions({ staff: store, hasher: scryptHasher, audit, clock }),
    desk: new StaffDesk({
      caseStore,
      register: registry.register,
      cases: reads,
      staff: store,
      audit,
    }),
    decisions: new StaffDecisions({
      caseStore,
      cases: reads,
      notice: (c, bt, kind, reasons, basis) => cases.notice(c, bt, kind, reasons, basis),
      deliver: (c, title, body) => cases.deliver(c, title, body),
      process,
      audit,
      clock,
    }),
    counter: new CounterIntake({
      cases: {
        ...reads,
        resolveParties: (input) => cases.resolveParties(input),
        withRegisterParties: (bt, unitCode, named, mortgage, check) =>
          cases.withRegisterParties(bt, unitCode, named, mortgage, check),
        identityChangeOf: (personId, x) => cases.identityChangeOf(personId, x),
        materialsAtSubmission: (c, bt) => cases.materialsAtSubmission(c, bt),
      },
      caseStore,
      register: registry.register,
      application: { register: registry.register, parties: registry.parties },
      ...(opts.marriage ? { marriage: opts.marriage } : {}),
      process,
      newId: (prefix) => `${prefix}-${randomUUID()}`,
      audit,
      clock,
    }),
    store,
  };
}

export type StaffWiring = ReturnType<typeof wireStaff>;
