/**
 * What the signing use cases share: the parts of the case use cases they call (party-checked
 * reads, the catalogue, the `sign` action, messages to every party), and small helpers to open a
 * case for a party, save a change to it, tell an organisation from a person, and raise errors.
 */
import type { BusinessType } from '../../domain/catalogue';
import type { CaseRecord } from '../../domain/cases';
import { AppError } from '../../domain/errors';
import type { CaseStore, Clock, PartyDirectory } from '../../ports';
import type { CaseView, PartyCaller } from '../cases/types';

/** A case as its party sees it (404 for anybody else), and the business types of the catalogue. */
export interface CaseReads {
  getCase(caller: PartyCaller, caseId: string): Promise<CaseView>;
  businessType(code: string): Promise<BusinessType>;
}

/** The lifecycle's `sign` step: the effect of a valid e-signature, with the signature's id. */
export type RecordSigned = (caller: PartyCaller, caseId: string, note: string) => Promise<void>;

/**
 * Delivers a message about the case to every party's message box; `event`: it is also told on
 * the channels (短信, 浙里办消息) through that event's template.
 */
export type TellParties = (
  c: CaseRecord,
  title: string,
  body: string,
  event?: 'signAgain',
) => Promise<void>;

export const err = (code: ConstructorParameters<typeof AppError>[0], message: string): AppError =>
  new AppError(code, message);

/** The case for a party of it (404 otherwise), with its business type. */
export async function openCase(
  cases: CaseReads,
  caller: PartyCaller,
  caseId: string,
): Promise<{ c: CaseRecord; bt: BusinessType }> {
  const c = (await cases.getCase(caller, caseId)).case;
  return { c, bt: await cases.businessType(c.businessTypeCode) };
}

/** Saves a change to a case under its version (a concurrent change answers 409). */
export async function updateCase(
  store: Pick<CaseStore, 'update'>,
  clock: Clock,
  c: CaseRecord,
  patch: Partial<CaseRecord>,
): Promise<CaseRecord> {
  const next = { ...c, ...patch, updatedAt: clock.now().toISOString(), version: c.version + 1 };
  await store.update(next, c.version);
  return next;
}

/** A bank or developer (法人): it signs by its system's e-seal and is not questioned. */
export const isOrganisation = async (
  parties: Pick<PartyDirectory, 'person'>,
  personId: string,
): Promise<boolean> => (await parties.person(personId))?.kind === 'legal';
