/**
 * 询问笔录 on the phone. The server sends only the questions asked of this case (conditions on
 * the new co-ownership applied); the questionnaire adds the conditions between answers
 * (docs/registry-facts.md §5: Q3 only when Q2 is 共有, Q4 only for 按份共有) and explains blocking
 * answers.
 */
export type Question = {
  code: string;
  text: string;
  kind: 'yesNo' | 'choice' | 'text';
  choices?: string[];
  required: boolean;
  blockingAnswer?: string;
};
export type Answers = Record<string, string>;

/** Conditions between answers: question code → when it is asked. */
export const ANSWER_CONDITIONS: Record<string, (a: Answers) => boolean> = {
  coOwnershipKind: (a) => a.soleOrCoOwned !== '单独所有',
  shareDetails: (a) => a.soleOrCoOwned !== '单独所有' && a.coOwnershipKind !== '共同共有',
  otherCoOwnersConsent: (a) => a.soleOrCoOwned !== '单独所有',
};

export function visibleQuestions(questions: Question[], answers: Answers): Question[] {
  return questions.filter((q) => ANSWER_CONDITIONS[q.code]?.(answers) ?? true);
}

export const choicesOf = (q: Question): string[] =>
  q.kind === 'yesNo' ? ['是', '否'] : (q.choices ?? []);

/** Why a blocking answer stops the application, and what to do. */
export function blockingExplanation(q: Question): string {
  if (q.code === 'truthful') {
    return '申请登记必须是您本人的真实意思。若并非您真实想办理的事项，请不要继续：可返回修改申请内容，或拨打 12345 / 到不动产登记窗口咨询。';
  }
  if (q.code === 'disputeOrSeizure') {
    return '被人民法院查封或被依法冻结的不动产不能办理转移登记。请在查封或冻结解除后再申请，或到不动产登记窗口咨询。设有抵押或存在争议的，不在此列：如实回答下方问题，由工作人员审核。';
  }
  if (q.code === 'signedVoluntarily') {
    return '材料和询问笔录必须由您本人或代理人自愿签署。请不要继续，并到不动产登记窗口咨询。';
  }
  return `回答“${q.blockingAnswer}”时不能在线申请。请修改回答，或到不动产登记窗口咨询。`;
}

export interface AnswersCheck {
  ok: boolean;
  missing: string[];
  blocking: Question[];
}

export function checkAnswers(questions: Question[], answers: Answers): AnswersCheck {
  const shown = visibleQuestions(questions, answers);
  const missing = shown
    .filter((q) => q.required && !(answers[q.code] ?? '').trim())
    .map((q) => q.code);
  const blocking = shown.filter(
    (q) => q.blockingAnswer !== undefined && answers[q.code] === q.blockingAnswer,
  );
  return { ok: missing.length === 0 && blocking.length === 0, missing, blocking };
}

/** Only the answers to questions still shown (a hidden question's old answer is not sent). */
export function answersToSend(questions: Question[], answers: Answers): Answers {
  const out: Answers = {};
  for (const q of visibleQuestions(questions, answers)) {
    const a = answers[q.code];
    if (a !== undefined && a.trim() !== '') out[q.code] = a.trim();
  }
  return out;
}
