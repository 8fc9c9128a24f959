/**
 * Where the registry keeps shared data for a case: the records as their
 * sources sealed them, how each checklist item was resolved, rechecks (校核) and objections.
 */
import type { MaterialSource } from '../domain/catalogue';
import type {
  FallbackReason,
  ObjectionStatus,
  RecheckStatus,
  ResolutionMode,
} from '../domain/shared-data';
import type { DataSourceCode, SharedRecord } from './sharedData';

export type SharedRecordStatus = 'current' | 'underRecheck' | 'wrong' | 'superseded';

export interface StoredSharedRecord {
  recordId: string;
  caseId: string;
  materialCode: string | null;
  record: SharedRecord;
  sealValid: boolean;
  status: SharedRecordStatus;
  replacesRecordId?: string;
  storedAt: string;
}

export interface StoredResolution {
  caseId: string;
  materialCode: string;
  mode: ResolutionMode;
  source?: DataSourceCode;
  reason?: FallbackReason;
  message?: string;
  allowed: MaterialSource[];
  recordIds: string[];
  resolvedAt: string;
}

export interface StoredRecheck {
  recheckId: string;
  recordId: string;
  caseId: string;
  requestedByKind: 'staff' | 'rule' | 'party';
  requestedBy: string;
  reason: string;
  requestedAt: string;
  dueOn: string;
  dueEstimated: boolean;
  status: RecheckStatus;
  answeredAt?: string;
  correctedRecordId?: string;
  objectionId?: string;
}

export interface StoredObjection {
  objectionId: string;
  recordId: string;
  caseId: string;
  personId: string;
  statement: string;
  /** SM3 digests of the evidence photos in the blob store */
  evidence: { sm3: string; contentType: string; bytes: number }[];
  filedAt: string;
  status: ObjectionStatus;
  decidedAt?: string;
}

/**
 * Every method returns a promise; `transaction` runs `fn` as one database transaction that the
 * store's methods called from inside it join (database work only: on PostgreSQL it may run
 * again after a serialization failure). A case's records, rechecks and objections list in the
 * order they were stored.
 */
export interface SharedDataStore {
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  saveRecord(r: StoredSharedRecord): Promise<void>;
  setRecordStatus(recordId: string, status: SharedRecordStatus): Promise<void>;
  record(recordId: string): Promise<StoredSharedRecord | undefined>;
  recordsOf(caseId: string): Promise<StoredSharedRecord[]>;
  /** one resolution per (case, checklist item): a later one replaces it */
  saveResolution(r: StoredResolution): Promise<void>;
  resolutionsOf(caseId: string): Promise<StoredResolution[]>;
  /** refused (unique violation) while the record has a pending recheck */
  saveRecheck(x: StoredRecheck): Promise<void>;
  answerRecheck(
    recheckId: string,
    status: RecheckStatus,
    answeredAt: string,
    correctedRecordId?: string,
  ): Promise<void>;
  rechecksOf(caseId: string): Promise<StoredRecheck[]>;
  /** refused (unique violation) while the same person has an open objection to the record */
  saveObjection(o: StoredObjection): Promise<void>;
  decideObjection(objectionId: string, status: ObjectionStatus, at: string): Promise<void>;
  objectionsOf(caseId: string): Promise<StoredObjection[]>;
}
