/** Wires 在线咨询 to SQLite, the cases' message box and the staff audit. */
import { randomUUID } from 'node:crypto';
import type { CaseStore, Clock, StaffStore } from '../../ports';
import { ConsultationService } from '../../usecases/consultation/service';
import type { Db } from '../sqlite/database';
import { SqliteConsultationStore } from './store';

const systemClock: Clock = { now: () => new Date() };

export function wireConsultation(
  db: Db,
  deps: { cases: CaseStore; staffStore: StaffStore; clock?: Clock },
) {
  const store = new SqliteConsultationStore(db);
  const consultation = new ConsultationService({
    store,
    cases: deps.cases,
    audit: (e) => deps.staffStore.audit(e),
    clock: deps.clock ?? systemClock,
    newId: (prefix) => `${prefix}-${randomUUID()}`,
  });
  return { consultation, store };
}
