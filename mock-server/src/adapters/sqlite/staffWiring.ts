/** Wires the staff use cases to SQLite and scrypt; seeds the demo staff accounts. */
import type { Clock } from '../../ports';
import type { CaseService } from '../../usecases/cases/service';
import { StaffService } from '../../usecases/staff/service';
import { DEMO_STAFF } from '../seed/staff';
import { scryptHasher } from '../staff/password';
import type { Db } from './database';
import { SqliteStaffStore } from './staffStore';

const systemClock: Clock = { now: () => new Date() };

export function wireStaff(
  db: Db,
  cases: CaseService,
  opts: { seedDemoStaff: boolean; clock?: Clock },
) {
  const clock = opts.clock ?? systemClock;
  const store = new SqliteStaffStore(db);
  if (opts.seedDemoStaff)
    store.seedDemoAccounts(DEMO_STAFF, scryptHasher, clock.now().toISOString());
  const staff = new StaffService({ staff: store, hasher: scryptHasher, cases, clock });
  return { staff, cases, store };
}
