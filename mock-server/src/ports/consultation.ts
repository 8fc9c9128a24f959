/** Port of 在线咨询: citizens' questions to the registry and the staff answers. */
import type { QuestionTopic } from '../domain/consultation';

export interface QuestionRecord {
  questionId: string;
  personId: string;
  personName: string;
  topic: QuestionTopic;
  caseId?: string;
  text: string;
  askedAt: string;
  answer?: string;
  answeredById?: string;
  answeredByName?: string;
  answeredAt?: string;
  messageId?: string;
}

export type QuestionListFilter = 'open' | 'answered' | 'all';

export interface ConsultationStore {
  insert(q: QuestionRecord): Promise<void>;
  get(questionId: string): Promise<QuestionRecord | undefined>;
  /** a person's questions, newest first */
  ofPerson(personId: string): Promise<QuestionRecord[]>;
  /** open: oldest first; answered: newest answer first; all: newest first (500 at most) */
  list(status: QuestionListFilter): Promise<QuestionRecord[]>;
  /**
   * Records the answer of a question still open; false when it was answered meanwhile (two
   * staff members answering at once, on one node or two: exactly one answer is kept).
   */
  answer(
    questionId: string,
    a: { answer: string; byId: string; byName: string; at: string; messageId: string },
  ): Promise<boolean>;
  /** one transaction of the registry's store; `fn` is database work only */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}
