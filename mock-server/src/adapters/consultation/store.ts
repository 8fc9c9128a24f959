/** Questions to the registry and their answers in SQLite (migration 0008). */
import type { Db } from '../sqlite/database';
import type { ConsultationStore, QuestionRecord } from '../../usecases/consultation/service';

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

export class SqliteConsultationStore implements ConsultationStore {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? this.db.transaction(fn)() : this.db.transaction(fn).immediate();
  }

  insert(q: QuestionRecord): void {
    this.db
      .prepare(
        `INSERT INTO consultation_questions (question_id, person_id, person_name, topic, case_id, text, asked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(q.questionId, q.personId, q.personName, q.topic, q.caseId ?? null, q.text, q.askedAt);
  }

  get(questionId: string): QuestionRecord | undefined {
    const r = this.db
      .prepare('SELECT * FROM consultation_questions WHERE question_id = ?')
      .get(questionId) as Row | undefined;
    return r && toRecord(r);
  }

  ofPerson(personId: string): QuestionRecord[] {
    return (
      this.db
        .prepare(
          'SELECT * FROM consultation_questions WHERE person_id = ? ORDER BY asked_at DESC, question_id',
        )
        .all(personId) as Row[]
    ).map(toRecord);
  }

  list(status: 'open' | 'answered' | 'all'): QuestionRecord[] {
    const where =
      status === 'open'
        ? 'WHERE answered_at IS NULL ORDER BY asked_at, question_id'
        : status === 'answered'
          ? 'WHERE answered_at IS NOT NULL ORDER BY answered_at DESC, question_id'
          : 'ORDER BY asked_at DESC, question_id';
    return (
      this.db.prepare(`SELECT * FROM consultation_questions ${where} LIMIT 500`).all() as Row[]
    ).map(toRecord);
  }

  answer(
    questionId: string,
    a: { answer: string; byId: string; byName: string; at: string; messageId: string },
  ): boolean {
    const r = this.db
      .prepare(
        `UPDATE consultation_questions SET answer = ?, answered_by = ?, answered_by_name = ?,
           answered_at = ?, message_id = ? WHERE question_id = ? AND answered_at IS NULL`,
      )
      .run(a.answer, a.byId, a.byName, a.at, a.messageId, questionId);
    return r.changes === 1;
  }
}
