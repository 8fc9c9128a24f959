/**
 * A party's answers to the 询问笔录: the answers they stored, or, for the initiator, the answers
 * given with the application itself. Undefined while the party has not answered.
 */
import type { CaseRecord } from '../../domain/cases';
import type { SigningStore } from '../../ports';

export type InquiryReads = Pick<SigningStore, 'inquiriesOf'>;

export async function answersOf(
  store: InquiryReads,
  c: CaseRecord,
  partyId: string,
): Promise<Record<string, string> | undefined> {
  const stored = (await store.inquiriesOf(c.caseId)).find((i) => i.partyId === partyId);
  if (stored) return stored.answers;
  if (partyId === c.createdBy && Object.keys(c.answers).length) return c.answers;
  return undefined;
}
