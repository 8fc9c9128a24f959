/**
 * Wires shared data: the seven source simulators (faults from config, the demo switch), the
 * SQLite store of the shared_records tables and the shared-data use cases, hooked into the case
 * use cases: before a party's submission the online contract is filed (when fully signed) and
 * every shareable item fetched, the filed contract from 住建 included; submission reads the
 * stored resolutions.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError } from '../../domain/errors';
import { sniffFile } from '../../domain/signing/files';
import type { MaterialRequirement } from '../../domain/catalogue';
import type { CaseMaterial, CaseRecord } from '../../domain/cases';
import type {
  BlobStore,
  CatalogueRepository,
  Clock,
  PartyDirectory,
  RegisterRepository,
  TaxPaymentStore,
} from '../../ports';
import type { ContractFiling } from '../../ports/contracts';
import type { DataSourceCode } from '../../ports/sharedData';
import { CaseSharedData } from '../../usecases/shared-data/caseSharedData';
import { SharedDataFetcher, type FetchPolicy } from '../../usecases/shared-data/fetch';
import { CivilAffairsMarriages } from '../../usecases/shared-data/marriage';
import { storedMaterialResolver } from '../../usecases/shared-data/materialResolver';
import { Objections } from '../../usecases/shared-data/objections';
import { Rechecks } from '../../usecases/shared-data/rechecks';
import { RegisterCheck } from '../../usecases/shared-data/registerCheck';
import { MaterialResolution } from '../../usecases/shared-data/resolution';
import { dataSourceKeys } from '../../usecases/shared-data/sourceKeys';
import { SharedDataView } from '../../usecases/shared-data/view';
import type { Db } from '../sqlite/database';
import { SqliteCaseStore } from '../sqlite/caseStore';
import { SqliteSharedDataStore } from '../sqlite/sharedDataStore';
import { createDataSources, DataSourceFaults, type DataSourceFaultMode } from './index';

const systemClock: Clock = { now: () => new Date() };

export interface SharedDataWiringOptions {
  clock?: Clock;
  logger?: Logger;
  contracts?: ContractFiling;
  taxPayments?: TaxPaymentStore;
  blobs?: BlobStore;
  faults?: Partial<Record<DataSourceCode, DataSourceFaultMode>>;
  timeoutMs?: number;
  policy?: Partial<FetchPolicy>;
  slowMs?: number;
  seed?: string;
  /** largest evidence photo, bytes */
  evidenceMaxBytes?: number;
  /** 网签备案 before a party's submission: files a fully signed contract, idempotent */
  fileContract?: (caseId: string) => Promise<unknown>;
}

/** What shared data needs of the case use cases (CaseService provides it). */
export interface CaseHooks {
  getCase(caller: { personId: string; name: string }, caseId: string): { case: CaseRecord };
  useMaterialResolver(
    resolver: (c: CaseRecord, m: MaterialRequirement) => CaseMaterial | undefined,
  ): void;
  onSubmitted(listener: (c: CaseRecord) => void): void;
  onCompleted(listener: (caseId: string) => void): void;
}

export function wireSharedData(
  registry: {
    db: Db;
    register: RegisterRepository;
    parties: PartyDirectory;
    catalogue: CatalogueRepository;
  },
  cases: CaseHooks,
  opts: SharedDataWiringOptions = {},
) {
  const clock = opts.clock ?? systemClock;
  const faults = new DataSourceFaults(opts.faults ?? {});
  const timeoutMs = opts.timeoutMs ?? 2000;
  const sources = createDataSources({
    db: registry.db,
    register: registry.register,
    clock,
    faults,
    slowMs: opts.slowMs ?? timeoutMs * 2,
    ...(opts.contracts ? { contracts: opts.contracts } : {}),
    ...(opts.taxPayments ? { taxPayments: opts.taxPayments } : {}),
    ...(opts.seed ? { seed: opts.seed } : {}),
  });
  const caseStore = new SqliteCaseStore(registry.db);
  const store = new SqliteSharedDataStore(registry.db);
  const { catalogue } = registry;
  const newId = (prefix: string) => `${prefix}-${randomUUID()}`;
  const fetcher = new SharedDataFetcher({
    policy: { timeoutMs, attempts: 3, backoffMs: 100, ...opts.policy },
  });
  const view = new SharedDataView({ store, cases: caseStore, catalogue });
  const rechecks = new Rechecks({ sources, store, cases: caseStore, catalogue, clock, newId });
  const registerCheck = new RegisterCheck({
    sources,
    fetcher,
    store,
    cases: caseStore,
    registerRestrictions: (unitCode) => {
      const r = registry.register.unit(unitCode)?.restrictions ?? [];
      return {
        seizures: r.filter((x) => x.kind === 'seizure').length,
        mortgages: r.filter((x) => x.kind === 'mortgage').length,
      };
    },
    rechecks,
    clock,
    newId,
  });
  const resolution = new MaterialResolution({
    sources,
    fetcher,
    store,
    cases: caseStore,
    catalogue,
    person: (personId) => registry.parties.person(personId),
    view,
    registerCheck,
    clock,
    newId,
  });
  const maxBytes = opts.evidenceMaxBytes ?? 600 * 1024;
  const blobs = opts.blobs;
  const objections = new Objections({
    access: cases,
    cases: caseStore,
    store,
    rechecks,
    clock,
    newId,
    ...(blobs
      ? {
          storeEvidence: (bytes: Uint8Array, contentType: string) => {
            if (bytes.length > maxBytes)
              throw new AppError('UPLOAD_TOO_LARGE', '证据照片过大，请压缩后重新上传');
            const s = sniffFile(bytes);
            if (!s.ok || s.type !== contentType || s.type === 'application/pdf')
              throw new AppError(
                'UPLOAD_TYPE_UNSUPPORTED',
                '证据只能是 JPEG 或 PNG 照片（按文件内容识别）',
              );
            return { sm3: blobs.put(bytes), contentType: s.type };
          },
        }
      : {}),
  });
  const caseData = new CaseSharedData({
    access: cases,
    resolution,
    rechecks,
    view,
    ...(opts.fileContract ? { fileContract: opts.fileContract } : {}),
  });
  /** spouse consent from 民政 (not the register's marriages), for the draft and counter routes */
  const marriage = new CivilAffairsMarriages({
    civilAffairs: sources.civilAffairs,
    fetcher,
    store,
    cases: caseStore,
    catalogue,
    application: { register: registry.register, parties: registry.parties },
    clock,
    newId,
  });
  cases.useMaterialResolver(storedMaterialResolver(store));
  const afterwards = (caseId: string, what: string) => {
    resolution
      .resolveAfterSubmission(caseId)
      .catch((e: unknown) => opts.logger?.error({ err: e }, `shared data after ${what} failed`));
  };
  // a contract filed with the submission (not before it) and the register check
  cases.onSubmitted((c) => afterwards(c.caseId, 'submission'));
  // the tax paid meanwhile is shared by 税务 (the registry's tax payment records)
  cases.onCompleted((caseId) => afterwards(caseId, 'completion'));
  return {
    shared: {
      caseData,
      rechecks,
      objections,
      sourceKeys: dataSourceKeys(sources),
    },
    resolution,
    sources,
    faults,
    beforeSubmit: (caller: { personId: string; name: string }, caseId: string) =>
      caseData.beforeSubmission(caller, caseId),
    marriage,
  };
}

export type SharedDataWiring = ReturnType<typeof wireSharedData>;
