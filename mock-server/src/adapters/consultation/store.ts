/**
 * Questions to the registry and their answers (migration 0008), written once on SqlDb: the same
 * SQL runs on the SQLite file and on PostgreSQL.
 */
import type { ConsultationStore, QuestionListFilter, QuestionRecord } from '../../ports';
import type { SqlDb } from '../sql/types';

const COLUMNS = `question_id, person_id, person_name, topic, case_id, text, asked_at, answer,
  answered_by, answered_by_name, answered_at, message_id`;

interface Row {
  question_id: string;
  person_id: string;
  person_name: string;
  topic: 'general' | 'case';
  case_id: string | null;
  text: string;
  asked_at: string;
  answer: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: string | null;
  message_id: string | null;
}

const toRecord = (r: Row): QuestionRecord => ({
  questionId: r.question_id,
  personId: r.person_id,
  personName: r.person_name,
  topic: r.topic,
  ...(r.case_id ? { caseId: r.case_id } : {}),
  text: r.text,
  askedAt: r.asked_at,
  ...(r.answer !== null ? { answer: r.answer } : {}),
  ...(r.answered_by ? { answeredById: r.answered_by } : {}),
  ...(r.answered_by_name ? { answeredByName: r.answered_by_name } : {}),
  ...(r.answered_at ? { answeredAt: r.answered_at } : {}),
  ...(r.message_id ? { messageId: r.message_id } : {}),
});

export class SqlConsultationStore implements ConsultationStore {
  constructor(private readonly db: SqlDb) {}

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction(() => fn());
  }

  async insert(q: QuestionRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO consultation_questions (question_id, person_id, person_name, topic, case_id, text, asked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [q.questionId, q.personId, q.personName, q.topic, q.caseId ?? null, q.text, q.askedAt],
    );
  }

  async get(questionId: string): Promise<QuestionRecord | undefined> {
    const r = await this.db.get<Row>(
      `SELECT ${COLUMNS} FROM consultation_questions WHERE question_id = ?`,
      [questionId],
    );
    return r && toRecord(r);
  }

  async ofPerson(personId: string): Promise<QuestionRecord[]> {
    const rows = await this.db.all<Row>(
      `SELECT ${COLUMNS} FROM consultation_questions WHERE person_id = ?
       ORDER BY asked_at DESC, question_id`,
      [personId],
    );
    return rows.map(toRecord);
  }

  async list(status: QuestionListFilter): Promise<QuestionRecord[]> {
    const where =
      status === 'open'
        ? 'WHERE answered_at IS NULL ORDER BY asked_at, question_id'
        : status === 'answered'
          ? 'WHERE answered_at IS NOT NULL ORDER BY answered_at DESC, question_id'
          : 'ORDER BY asked_at DESC, question_id';
    const rows = await this.db.all<Row>(
      `SELECT ${COLUMNS} FROM consultation_questions ${where} LIMIT 500`,
    );
    return rows.map(toRecord);
  }

  async answer(
    questionId: string,
    a: { answer: string; byId: string; byName: string; at: string; messageId: string },
  ): Promise<boolean> {
    // only an open question takes an answer: of two answering at once, one changes the row
    const r = await this.db.run(
      `UPDATE consultation_questions SET answer = ?, answered_by = ?, answered_by_name = ?,
         answered_at = ?, message_id = ? WHERE question_id = ? AND answered_at IS NULL`,
      [a.answer, a.byId, a.byName, a.at, a.messageId, questionId],
    );
    return r.changes === 1;
  }
}
