/**
 * 0008 on PostgreSQL: what answering a 在线咨询 question needs, and its guards: a question is
 * answered once, never deleted, and names its case exactly when it is about one (see the
 * SQLite 0008).
 */
export const version = 8;
export const name = 'consultation';

export const sql = /* sql */ `
ALTER TABLE consultation_questions ADD COLUMN person_name TEXT NOT NULL DEFAULT '';
ALTER TABLE consultation_questions ADD COLUMN answered_by_name TEXT;
ALTER TABLE consultation_questions ADD COLUMN message_id TEXT;
CREATE INDEX consultation_questions_open_asked ON consultation_questions(answered_at, asked_at);
CREATE TRIGGER consultation_questions_answer_once BEFORE UPDATE ON consultation_questions
FOR EACH ROW WHEN (OLD.answered_at IS NOT NULL)
EXECUTE FUNCTION refuse_change('a question is answered once');
CREATE TRIGGER consultation_questions_no_delete BEFORE DELETE ON consultation_questions
FOR EACH ROW EXECUTE FUNCTION refuse_change('questions are kept');
CREATE TRIGGER consultation_questions_case_topic BEFORE INSERT ON consultation_questions
FOR EACH ROW WHEN ((NEW.topic = 'case') <> (NEW.case_id IS NOT NULL))
EXECUTE FUNCTION refuse_change('a case question names its case, a general one none');
`;
