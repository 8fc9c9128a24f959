/**
 * 0008: 在线咨询. 0006 created `consultation_questions` (question, asker, optional case,
 * answer, answered_by = staff id, answered_at); this adds what answering needs: the asker's name
 * for the console, the answering staff member's name, and the message that delivered the answer.
 * A question is answered once and never deleted.
 */
export const version = 8;
export const name = 'consultation';

export const sql = /* sql */ `
ALTER TABLE consultation_questions ADD COLUMN person_name TEXT NOT NULL DEFAULT '';
ALTER TABLE consultation_questions ADD COLUMN answered_by_name TEXT;
ALTER TABLE consultation_questions ADD COLUMN message_id TEXT;
CREATE INDEX consultation_questions_open_asked ON consultation_questions(answered_at, asked_at);
CREATE TRIGGER consultation_questions_answer_once BEFORE UPDATE ON consultation_questions
WHEN OLD.answered_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a question is answered once'); END;
CREATE TRIGGER consultation_questions_no_delete BEFORE DELETE ON consultation_questions
BEGIN SELECT RAISE(ABORT, 'questions are kept'); END;
CREATE TRIGGER consultation_questions_case_topic BEFORE INSERT ON consultation_questions
WHEN (NEW.topic = 'case') <> (NEW.case_id IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'a case question names its case, a general one none'); END;
`;
