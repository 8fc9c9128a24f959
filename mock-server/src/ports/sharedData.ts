/**
 * Data shared by other departments (共享数据 / 数源单位, 条例§24, 细则 二).
 * Each data source is another department's system behind this port; every answer is structured
 * data sealed by THAT source's SM2 key (not the registry's) with the time it was retrieved.
 * Simulators live in adapters/data-sources; they can be slow, unavailable or wrong.
 *
 * This file is the contract between the shared-data work and the contract/tax work:
 * extend it (new query kinds, optional fields), don't rename what is here.
 */

/** The seven sources of shared data; code names per docs/glossary.md. */
export const DATA_SOURCE_CODES = [
  'publicSecurity', // 公安: identity and household
  'civilAffairs', // 民政: marriage status and spouse
  'housing', // 住建: filed sale contracts, a family's housing count, completion records
  'courts', // 法院: seizures
  'banks', // 银行: mortgages and their release
  'tax', // 税务: payment records (完税)
  'planning', // 规划: planning compliance
] as const;
export type DataSourceCode = (typeof DATA_SOURCE_CODES)[number];

/** What can be asked; each kind is answered by exactly one source. */
export type SharedDataQuery =
  | { kind: 'identity'; idNumber: string }
  | { kind: 'household'; idNumber: string }
  | { kind: 'marriage'; idNumber: string }
  | { kind: 'filedContract'; caseId: string }
  | { kind: 'familyHousing'; idNumber: string }
  | { kind: 'completion'; unitCode: string }
  | { kind: 'seizures'; unitCode: string }
  | { kind: 'mortgages'; unitCode: string }
  | { kind: 'taxPayments'; caseId: string }
  | { kind: 'planning'; unitCode: string }
  /** 继承: a deceased person's death and first-order heirs (公安's household register) */
  | { kind: 'heirs'; idNumber: string };
export type SharedDataKind = SharedDataQuery['kind'];

/** The source's seal: SM2 over SM3 of canonicalJson({ source, query, data, retrievedAt }). */
export interface SourceSeal {
  algorithm: 'SM2-SM3';
  /** identifies the source's public key */
  keyId: string;
  /** r ‖ s, hex */
  signature: string;
}

export interface SharedRecord<T = unknown> {
  source: DataSourceCode;
  query: SharedDataQuery;
  /** structured answer; `null` when the source holds nothing (e.g. not married, no seizure) */
  data: T;
  retrievedAt: string;
  seal: SourceSeal;
}

export type SharedDataFailureKind = 'timeout' | 'unavailable' | 'notFound';

export class SharedDataFailure extends Error {
  constructor(
    readonly source: DataSourceCode,
    readonly kind: SharedDataFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'SharedDataFailure';
  }
}

export interface SharedDataSource {
  readonly code: DataSourceCode;
  /** e.g. 台州市公安局 */
  readonly name: string;
  /** the source's SM2 public key, '04' ‖ x ‖ y hex, to check its seals */
  readonly publicKeyHex: string;
  readonly keyId: string;
  /** which query kinds this source answers */
  readonly kinds: readonly SharedDataKind[];
  /** throws SharedDataFailure; may take long (the caller applies its own timeout) */
  fetch(query: SharedDataQuery, options?: { signal?: AbortSignal }): Promise<SharedRecord>;
}
