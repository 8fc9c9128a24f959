/**
 * The staff console: sessions (scrypt passwords), the audit, the desk (queue and case detail),
 * decisions and counter intake, built on what the case use cases give (named in
 * `StaffCollaborators`).
 */
import type { SqlStaffStore } from '../adapters/sqlite/staffStore';
import type {
  CaseStore,
  Clock,
  PartyDirectory,
  PasswordHasher,
  RateCounterStore,
  RegisterRepository,
} from '../ports';
import type { MarriageChecks } from '../usecases/shared-data/marriage';
import { StaffAudit } from '../usecases/staff/audit';
import type { StaffCaseReads } from '../usecases/staff/caseReads';
import { CounterIntake, type CounterIntakeDeps } from '../usecases/staff/counterIntake';
import { StaffDecisions, type StaffDecisionsDeps } from '../usecases/staff/decisions';
import { StaffDesk } from '../usecases/staff/desk';
import { StaffSessions } from '../usecases/staff/sessions';

export interface StaffInfrastructure {
  store: SqlStaffStore;
  caseStore: CaseStore;
  register: RegisterRepository;
  parties: PartyDirectory;
  /** the login throttles' counters (rate_counters, shared by every node) */
  counters: RateCounterStore;
  /** staff passwords (scrypt, adapters/staff/password.ts) */
  passwords: PasswordHasher;
  clock: Clock;
  newId: (prefix: string) => string;
}

/** What the staff console takes from the case use cases and shared data. */
export interface StaffCollaborators {
  reads: StaffCaseReads;
  rules: Omit<CounterIntakeDeps['cases'], keyof StaffCaseReads>;
  /** the cases' effects runner: a decision's notice, the machine carrying on */
  effects: StaffDecisionsDeps['effects'] & CounterIntakeDeps['effects'];
  marriage: MarriageChecks;
}

export function composeStaff(infra: StaffInfrastructure, via: StaffCollaborators) {
  const { store, caseStore, register, clock } = infra;
  const audit = new StaffAudit({ staff: store, clock });
  return {
    sessions: new StaffSessions({
      staff: store,
      hasher: infra.passwords,
      audit,
      counters: infra.counters,
      clock,
    }),
    desk: new StaffDesk({ caseStore, register, cases: via.reads, staff: store, audit }),
    decisions: new StaffDecisions({
      caseStore,
      staff: store,
      cases: via.reads,
      effects: via.effects,
      audit,
      clock,
    }),
    counter: new CounterIntake({
      cases: { ...via.reads, ...via.rules },
      caseStore,
      staff: store,
      register,
      application: { register, parties: infra.parties },
      marriage: via.marriage,
      effects: via.effects,
      newId: infra.newId,
      audit,
      clock,
    }),
  };
}
