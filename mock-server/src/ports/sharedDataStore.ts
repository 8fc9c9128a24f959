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

export interface SharedDataStore {
  transaction<T>(fn: () => T): T;
  saveRecord(r: StoredSharedRecord): void;
  setRecordStatus(recordId: string, status: SharedRecordStatus): void;
  record(recordId: string): StoredSharedRecord | undefined;
  recordsOf(caseId: string): StoredSharedRecord[];
  saveResolution(r: StoredResolution): void;
  resolutionsOf(caseId: string): StoredResolution[];
  saveRecheck(x: StoredRecheck): void;
  answerRecheck(
    recheckId: string,
    status: RecheckStatus,
    answeredAt: string,
    correctedRecordId?: string,
  ): void;
  rechecksOf(caseId: string): StoredRecheck[];
  saveObjection(o: StoredObjection): void;
  decideObjection(objectionId: string, status: ObjectionStatus, at: string): void;
  objectionsOf(caseId: string): StoredObjection[];
}
