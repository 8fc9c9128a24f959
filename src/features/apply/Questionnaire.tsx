/** 询问笔录: the questions asked of one party, conditions between answers, blocking answers. */
import { Text, View } from '@tarojs/components';
import { Choice, Field } from './Field';
import {
  blockingExplanation,
  choicesOf,
  visibleQuestions,
  type Answers,
  type Question,
} from './questions';

export interface QuestionnaireProps {
  questions: Question[];
  answers: Answers;
  onChange: (answers: Answers) => void;
  /** codes of required questions left unanswered, shown after a 下一步 */
  missing?: string[];
}

export function Questionnaire({ questions, answers, onChange, missing = [] }: QuestionnaireProps) {
  const shown = visibleQuestions(questions, answers);
  const set = (code: string, v: string) => onChange({ ...answers, [code]: v });
  return (
    <View className="questionnaire" role="list" aria-label="询问笔录">
      {shown.map((q, i) => {
        const a = answers[q.code];
        const blocked = q.blockingAnswer !== undefined && a === q.blockingAnswer;
        const isMissing = missing.includes(q.code);
        return (
          <View key={q.code} className="question" role="listitem" data-question={q.code}>
            <Text className="question__text" id={`q-${q.code}`}>
              {i + 1}. {q.text}
              {q.required ? '' : '（选答）'}
            </Text>
            {q.kind === 'text' ? (
              <Field
                id={`q-${q.code}-input`}
                label="回答"
                value={a ?? ''}
                maxlength={500}
                onInput={(v) => set(q.code, v)}
                error={isMissing ? '请回答此项' : null}
              />
            ) : (
              <Choice
                label={q.text}
                options={choicesOf(q).map((c) => ({ value: c, label: c }))}
                value={a}
                onChange={(v) => set(q.code, v)}
                warn={q.blockingAnswer ? [q.blockingAnswer] : []}
              />
            )}
            {isMissing && q.kind !== 'text' ? (
              <View className="apply-field__error" role="alert">
                ⚠ 请回答此项
              </View>
            ) : null}
            {blocked ? (
              <View className="question__blocking" role="alert">
                <Text className="question__blocking-title">⚠ 此回答不能在线申请</Text>
                <Text className="question__blocking-text">{blockingExplanation(q)}</Text>
              </View>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
