/**
 * 权籍调查入库: surveying firms' accounts and sessions, their drawings (the upload inspector, the
 * shared blob store), submissions sealed by the firm's e-seal certificate through the signature CA
 * simulator (its own root key `signature-ca`; the firm's seal key held for the firm's system as an
 * organisation's is), the staff console's review, and the 首次登记 of a building from an accepted
 * result. Entries go on the archive's tamper-evident log (the archive's audit leaf).
 */
import { SimulatedSignatureAuthority } from '../adapters/signature-ca';
import { SqlSurveyStore } from '../adapters/sqlite/surveyStore';
import { sharpUploadInspector } from '../adapters/uploads/inspector';
import type { SqlDb } from '../adapters/sql/types';
import type {
  BlobStore,
  CaseStore,
  Clock,
  PartyDirectory,
  PasswordHasher,
  RateCounterStore,
  RegisterRepository,
  Sealer,
} from '../ports';
import type { KeyStore } from '../ports/keys';
import { SurveyDrawings } from '../usecases/survey/drawings';
import { FirmAccounts } from '../usecases/survey/firmAccounts';
import { FirmSessions } from '../usecases/survey/firmSessions';
import { FirstRegistration } from '../usecases/survey/firstRegistration';
import { SurveyReview } from '../usecases/survey/review';
import { SubmitSurveyResult, type SurveyLog } from '../usecases/survey/submitResult';

export interface SurveyInfrastructure {
  sql: SqlDb;
  keys: KeyStore;
  caseStore: CaseStore;
  register: RegisterRepository;
  parties: PartyDirectory;
  blobs: BlobStore;
  sealer: Sealer;
  counters: RateCounterStore;
  /** the firms' user passwords (scrypt, adapters/staff/password.ts) */
  passwords: PasswordHasher;
  clock: Clock;
  newId: (prefix: string) => string;
  /** the archive's audit, itself on the tamper-evident log */
  log: SurveyLog;
  uploadMaxBytes: number;
  uploadMaxPixels: number;
}

export function composeSurvey(infra: SurveyInfrastructure) {
  const { sql, clock, newId, log } = infra;
  const store = new SqlSurveyStore(sql);
  const ca = new SimulatedSignatureAuthority(infra.keys, sql, clock);
  return {
    store,
    accounts: new FirmAccounts({ store, hasher: infra.passwords, clock, newId }),
    sessions: new FirmSessions({ store, hasher: infra.passwords, counters: infra.counters, clock }),
    drawings: new SurveyDrawings({
      store,
      blobs: infra.blobs,
      inspector: sharpUploadInspector,
      clock,
      uploadMaxBytes: infra.uploadMaxBytes,
      uploadMaxPixels: infra.uploadMaxPixels,
    }),
    submit: new SubmitSurveyResult({ store, register: infra.register, ca, log, clock, newId }),
    review: new SurveyReview({ store, log, clock }),
    firstRegistration: new FirstRegistration({
      survey: store,
      cases: infra.caseStore,
      register: infra.register,
      parties: infra.parties,
      sealer: infra.sealer,
      log,
      clock,
      newId,
    }),
  };
}

export type Survey = ReturnType<typeof composeSurvey>;
