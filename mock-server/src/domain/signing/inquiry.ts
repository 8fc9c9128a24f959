/**
 * Each party's 询问笔录 (docs/registry-facts.md §5): the catalogue's questions with their conditions,
 * and the check of a party's answers. A blocking answer (否 to 真实意思表示, 是 to 查封、冻结)
 * stops the application with an explanation of why and what to do. Pure.
 */
import type { BusinessType, Question } from '../catalogue';
import { applicableQuestions } from '../cases/draft';
import type { CaseRecord } from '../cases/model';

export const questionsFor = (c: CaseRecord, bt: BusinessType): Question[] =>
  applicableQuestions(c, bt);

export type InquiryCheck =
  | { ok: true; answers: Record<string, string> }
  | { ok: false; code: 'INQUIRY_BLOCKING' | 'INQUIRY_INVALID'; message: string };

const WHAT_TO_DO: Record<string, string> = {
  truthful:
    '登记必须出于申请人的真实意思（《不动产登记暂行条例》第十四条、民法典第一百四十三条）。如不是您本人的真实意愿，请不要签署；如有疑问，请携带身份证到不动产登记服务窗口咨询。',
  signedVoluntarily:
    '材料和本表必须由您本人或您的代理人自愿签署。如有人强迫或冒用，请不要签署，并到不动产登记服务窗口或公安机关反映。',
  disputeOrSeizure:
    '被人民法院查封或被依法冻结的不动产不能办理转移登记（《城市房地产管理法》第三十八条）。请在查封或冻结解除后再申请；也可到不动产登记服务窗口咨询。',
};

export function checkInquiry(questions: Question[], raw: Record<string, string>): InquiryCheck {
  const byCode = new Map(questions.map((q) => [q.code, q]));
  const answers: Record<string, string> = {};
  for (const [code, value] of Object.entries(raw)) {
    const q = byCode.get(code);
    if (!q) return { ok: false, code: 'INQUIRY_INVALID', message: `本办件没有询问“${code}”` };
    const a = value.trim();
    if (a === '') continue;
    if (q.kind === 'yesNo' && a !== '是' && a !== '否') {
      return { ok: false, code: 'INQUIRY_INVALID', message: `询问“${q.text}”请回答“是”或“否”` };
    }
    if (q.kind === 'choice' && q.choices && !q.choices.includes(a)) {
      return {
        ok: false,
        code: 'INQUIRY_INVALID',
        message: `询问“${q.text}”的回答只能是：${q.choices.join('、')}`,
      };
    }
    answers[code] = a;
  }
  for (const q of questions) {
    const a = answers[q.code];
    if (q.blockingAnswer !== undefined && a === q.blockingAnswer) {
      const what =
        WHAT_TO_DO[q.code] ?? '该回答使本次申请不能在线办理，请到不动产登记服务窗口咨询。';
      return {
        ok: false,
        code: 'INQUIRY_BLOCKING',
        message: `您对“${q.text}”的回答是“${a}”，本次申请不能继续。${what}`,
      };
    }
  }
  for (const q of questions) {
    if (q.required && answers[q.code] === undefined) {
      return { ok: false, code: 'INQUIRY_INVALID', message: `请回答询问：${q.text}` };
    }
  }
  return { ok: true, answers };
}
