/**
 * Wires shared data: the seven source simulators (faults from config, the
 * demo switch), the SQLite store of migration 0010 and the SharedDataService, hooked into the
 * case use cases: before a party's submission the online contract is filed (when fully signed)
 * and every shareable item fetched, the filed contract from 住建 included; submission reads the
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
import { holdersToCheck, needsSpouseConsent } from '../../usecases/cases/application';
import {
  SharedDataService,
  type FetchPolicy,
  type MarriageChecks,
} from '../../usecases/shared-data/service';
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
  deps: { catalogue: CatalogueRepository; parties: PartyDirectory };
  getCase(caller: { personId: string; name: string }, caseId: string): { case: CaseRecord };
  useMaterialResolver(
    resolver: (c: CaseRecord, m: MaterialRequirement) => CaseMaterial | undefined,
  ): void;
  onSubmitted(listener: (c: CaseRecord) => void): void;
  onCompleted(listener: (caseId: string) => void): void;
}

export function wireSharedData(
  registry: { db: Db; register: RegisterRepository },
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
  const maxBytes = opts.evidenceMaxBytes ?? 600 * 1024;
  const blobs = opts.blobs;
  const shared = new SharedDataService({
    sources,
    store: new SqliteSharedDataStore(registry.db),
    cases: caseStore,
    catalogue: cases.deps.catalogue,
    clock,
    newId: (prefix) => `${prefix}-${randomUUID()}`,
    person: (personId) => cases.deps.parties.person(personId),
    registerRestrictions: (unitCode) => {
      const r = registry.register.unit(unitCode)?.restrictions ?? [];
      return {
        seizures: r.filter((x) => x.kind === 'seizure').length,
        mortgages: r.filter((x) => x.kind === 'mortgage').length,
      };
    },
    policy: { timeoutMs, attempts: 3, backoffMs: 100, ...opts.policy },
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
  cases.useMaterialResolver((c, m) => shared.resolverFor(c, m));
  cases.onSubmitted((c) => {
    // a contract filed with the submission (not through beforeSubmit) and the register check
    shared
      .resolveAfterSubmission(c.caseId)
      .catch((e: unknown) => opts.logger?.error({ err: e }, 'shared data after submission failed'));
  });
  cases.onCompleted((caseId) => {
    // the tax paid meanwhile is shared by 税务 (payment records of migration 0009)
    shared
      .resolveAfterSubmission(caseId)
      .catch((e: unknown) => opts.logger?.error({ err: e }, 'shared data after completion failed'));
  });
  const fileContract = opts.fileContract;
  /**
   * Before a party's submission (async, outside the sync case core): file the online contract
   * when every party has signed its current terms, then fetch what can be
   * shared — the filed contract from 住建 included — so the synchronous submission stores the
   * references of the sealed records. A refused submission leaves the filing (idempotent per
   * case, terms locked) for the next attempt.
   */
  const beforeSubmit = async (caller: { personId: string; name: string }, caseId: string) => {
    const c = cases.getCase(caller, caseId).case; // 404 unless a party
    if (c.status !== 'draft' && c.status !== 'signing') return;
    if (fileContract) await fileContract(caseId);
    await shared.resolveCase(caseId, { forSubmission: true });
  };
  /** Spouse consent from 民政 (not the register's marriages), for the draft routes. */
  const marriage: MarriageChecks = {
    forUnit: async (businessTypeCode, unitCode) => {
      const bt = cases.deps.catalogue
        .current()
        ?.businessTypes.find((b) => b.code === businessTypeCode);
      if (!bt || !needsSpouseConsent(bt)) return undefined;
      const app = { register: registry.register, parties: cases.deps.parties };
      return shared.checkMarriages(holdersToCheck(app, bt, unitCode));
    },
    keep: (caseId, pending) => shared.keepMarriageRecords(caseId, pending.records),
  };
  return { shared, sources, faults, beforeSubmit, marriage };
}

export type SharedDataWiring = ReturnType<typeof wireSharedData>;
