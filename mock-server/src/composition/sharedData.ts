/**
 * Shared data: the seven source simulators (faults from config and the demo switch, both kept in
 * the store so every node sees them), the store of the shared_records tables (on SqlDb) and the
 * shared-data use cases — fetching with timeouts and
 * retries, resolving a case's checklist, the register check, rechecks, objections (evidence
 * photos checked by their content), and 民政's answers on the holders' marriage.
 */
import type { NamedKey } from '../ports/keys';
import type { BusinessType } from '../domain/catalogue';
import type { SqlDb } from '../adapters/sql/types';
import { SqlSharedDataStore } from '../adapters/sqlite/sharedDataStore';
import {
  createDataSources,
  SqlDataSourceFaults,
  type DataSourceFaultMode,
} from '../adapters/data-sources';
import { AppError } from '../domain/errors';
import { sharpUploadInspector } from '../adapters/uploads/inspector';
import type {
  BlobStore,
  CaseStore,
  CatalogueRepository,
  Clock,
  PartyDirectory,
  RegisterRepository,
  TaxPaymentStore,
} from '../ports';
import type { ContractFiling } from '../ports/contracts';
import type { DataSourceCode } from '../ports/sharedData';
import { CaseSharedData } from '../usecases/shared-data/caseSharedData';
import type { PartyCaseAccess } from '../usecases/shared-data/caseOf';
import { SharedDataFetcher, type FetchPolicy } from '../usecases/shared-data/fetch';
import { CivilAffairsMarriages } from '../usecases/shared-data/marriage';
import { PublicSecuritySuccession } from '../usecases/shared-data/succession';
import { storedMaterialResolver } from '../usecases/shared-data/materialResolver';
import { Objections } from '../usecases/shared-data/objections';
import { Rechecks } from '../usecases/shared-data/rechecks';
import { RegisterCheck } from '../usecases/shared-data/registerCheck';
import { MaterialResolution } from '../usecases/shared-data/resolution';
import { dataSourceKeys } from '../usecases/shared-data/sourceKeys';
import { SharedDataView } from '../usecases/shared-data/view';

export interface SharedDataInfrastructure {
  sql: SqlDb;
  cases: CaseStore;
  register: RegisterRepository;
  parties: PartyDirectory;
  catalogue: CatalogueRepository;
  contracts: ContractFiling;
  taxPayments: TaxPaymentStore;
  blobs: BlobStore;
  clock: Clock;
  newId: (prefix: string) => string;
  faults?: Partial<Record<DataSourceCode, DataSourceFaultMode>>;
  timeoutMs?: number;
  policy?: Partial<FetchPolicy>;
  /** largest evidence photo, bytes */
  evidenceMaxBytes?: number;
  /** largest evidence photo, width × height (checked before decoding) */
  uploadMaxPixels?: number;
  /** each department simulator's seal key (from the key files) */
  sourceKeys: Record<DataSourceCode, NamedKey>;
}

/** What shared data takes from the other areas. */
export interface SharedDataCollaborators {
  /** the case for a party of it (404 otherwise), and a case's business type */
  access: PartyCaseAccess & { businessType(code: string): BusinessType | Promise<BusinessType> };
  /** 网签备案 before a party's submission (the sale; idempotent) */
  fileContract: (caseId: string) => Promise<unknown>;
}

export function composeSharedData(infra: SharedDataInfrastructure, via: SharedDataCollaborators) {
  const { register, parties, catalogue, clock, newId, blobs } = infra;
  const faults = new SqlDataSourceFaults(infra.sql, clock, infra.faults ?? {});
  const timeoutMs = infra.timeoutMs ?? 2000;
  const sources = createDataSources({
    db: infra.sql,
    register,
    clock,
    faults,
    slowMs: timeoutMs * 2,
    keys: infra.sourceKeys,
    contracts: infra.contracts,
    taxPayments: infra.taxPayments,
  });
  const cases = infra.cases;
  const store = new SqlSharedDataStore(infra.sql);
  const fetcher = new SharedDataFetcher({
    policy: { timeoutMs, attempts: 3, backoffMs: 100, ...infra.policy },
  });
  const view = new SharedDataView({ store, cases, catalogue });
  const rechecks = new Rechecks({ sources, store, cases, catalogue, clock, newId });
  const registerCheck = new RegisterCheck({
    sources,
    fetcher,
    store,
    cases,
    registerRestrictions: async (unitCode) => {
      const r = (await register.unit(unitCode))?.restrictions ?? [];
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
    cases,
    catalogue,
    person: (personId) => parties.person(personId),
    view,
    registerCheck,
    clock,
    newId,
  });
  const maxBytes = infra.evidenceMaxBytes ?? 600 * 1024;
  const objections = new Objections({
    access: via.access,
    cases,
    store,
    rechecks,
    clock,
    newId,
    storeEvidence: async (bytes: Uint8Array, contentType: string) => {
      if (bytes.length > maxBytes)
        throw new AppError('UPLOAD_TOO_LARGE', '证据照片过大，请压缩后重新上传');
      // decoded and re-encoded: what is kept is the picture only
      const s = await sharpUploadInspector.inspect(bytes, {
        maxPixels: infra.uploadMaxPixels ?? 40_000_000,
        accept: ['image/jpeg', 'image/png'],
      });
      if (s.type !== contentType)
        throw new AppError(
          'UPLOAD_TYPE_UNSUPPORTED',
          '证据只能是 JPEG 或 PNG 照片（按文件内容识别）',
        );
      return { sm3: await blobs.put(s.bytes), contentType: s.type };
    },
  });
  const caseData = new CaseSharedData({
    access: via.access,
    resolution,
    rechecks,
    view,
    fileContract: via.fileContract,
    clock,
  });
  const marriage = new CivilAffairsMarriages({
    civilAffairs: sources.civilAffairs,
    fetcher,
    store,
    cases,
    catalogue,
    application: { register, parties },
    clock,
    newId,
  });
  const succession = new PublicSecuritySuccession({
    publicSecurity: sources.publicSecurity,
    fetcher,
    store,
    cases,
    register,
    parties,
    clock,
    newId,
  });
  return {
    /** the use cases behind the shared-data routes */
    routes: { caseData, rechecks, objections, sourceKeys: dataSourceKeys(sources) },
    caseData,
    resolution,
    /** a checklist item's material at submission, from how shared data resolved it */
    resolveMaterial: storedMaterialResolver(store),
    marriage,
    /** 继承: 公安's answer on a deceased holder's heirs */
    succession,
    sources,
    faults,
    store,
  };
}
