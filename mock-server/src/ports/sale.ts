/**
 * Ports of the home sale beyond the agreed ContractFiling (ports/contracts.ts): the terms
 * parties are still editing, the stored tax assessment of a case, the buyer family's housing
 * count, and the utility providers (水电气网) with the registry's record of its notifications.
 */
import type { UtilityChoice, UtilityKind } from '../domain/sale';
import type { TaxAssessment, TaxInput } from '../domain/tax';
import type { ContractTerms } from './contracts';

export interface StoredContractTerms {
  caseId: string;
  terms: ContractTerms;
  updatedBy: string;
  updatedAt: string;
}

/** Terms as buyer and seller fill them, before filing (one row per case). */
export interface ContractTermsStore {
  get(caseId: string): Promise<StoredContractTerms | undefined>;
  put(t: StoredContractTerms): Promise<void>;
}

/** Where a figure of the assessment came from, shown next to it. */
export interface TaxFactSource {
  fact:
    | 'price'
    | 'area'
    | 'familyHousing'
    | 'holding'
    | 'onlyHome'
    | 'referencePrice'
    | 'spouses'
    | 'cause'
    | 'taxpayers';
  /** e.g. 住建网签备案 TZWQ…, 不动产登记簿, 住建（共享） */
  source: string;
  detail: string;
}

export interface StoredTaxAssessment {
  caseId: string;
  input: TaxInput;
  assessment: TaxAssessment;
  facts: TaxFactSource[];
  assessedAt: string;
}

/** One assessment per case: the first stands (the payment charges exactly its total). */
export interface TaxAssessmentStore {
  get(caseId: string): Promise<StoredTaxAssessment | undefined>;
  /** stores once; returns the stored one (the first wins, also across nodes) */
  putIfAbsent(a: StoredTaxAssessment): Promise<StoredTaxAssessment>;
}

/**
 * Shape of the housing source's `familyHousing` answer (SharedDataSource, ports/sharedData.ts):
 * the homes held by the family of the person asked about (self, spouse, minor children).
 */
export interface FamilyHousingData {
  homeCount: number;
  unitCodes?: string[];
}

export interface FamilyHousingAnswer {
  homeCount: number;
  /** 住建（共享，已验章） or the register fallback */
  source: string;
  retrievedAt: string;
}

/** The buyer family's housing count as shared by the housing department. */
export interface FamilyHousingLookup {
  homeCount(idNumbers: readonly string[]): Promise<FamilyHousingAnswer>;
}

// ---------------------------------------------------------------- utilities

export type UtilityRequestStatus = 'optedIn' | 'pending' | 'confirmed' | 'failed';

export interface UtilityRequest {
  caseId: string;
  kind: UtilityKind;
  accountNumber?: string;
  status: UtilityRequestStatus;
  attempts: number;
  lastError?: string;
  optedInAt: string;
  notifiedAt?: string;
  confirmedAt?: string;
  /** the provider's confirmation number */
  confirmationNo?: string;
}

export interface UtilityStore {
  requestsOf(caseId: string): Promise<UtilityRequest[]>;
  /** replaces the opt-in of a case (before recording), in one transaction */
  replaceOptIn(caseId: string, choices: UtilityChoice[], at: string): Promise<void>;
  save(r: UtilityRequest): Promise<void>;
  /** cases with a request not confirmed yet (after a restart: notify again once recorded) */
  unconfirmedCaseIds(): Promise<string[]>;
}

export interface UtilityTransferRequest {
  /** the registry's reference: case id + kind (the provider answers the same one twice) */
  reference: string;
  kind: UtilityKind;
  unitCode: string;
  location: string;
  accountNumber?: string;
  /** new holders, names only (no ID numbers to a utility) */
  newHolderNames: string[];
  certificateNumber: string;
}

export interface UtilityConfirmation {
  reference: string;
  confirmationNo: string;
  provider: string;
  confirmedAt: string;
}

export class UtilityFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'UtilityFailure';
  }
}

/** One water/power/gas/broadband company; idempotent per reference. */
export interface UtilityProvider {
  readonly kind: UtilityKind;
  readonly name: string;
  /** throws UtilityFailure */
  transfer(request: UtilityTransferRequest): Promise<UtilityConfirmation>;
}
