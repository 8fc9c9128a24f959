/** 在线咨询: the FAQ, questions to the registry and staff answers. */
import { Type, type Static } from '@sinclair/typebox';

export const FaqQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100, description: '搜索词，空则列出全部' })) },
  { additionalProperties: false },
);
export type FaqQuery = Static<typeof FaqQuery>;

export const FaqItem = Type.Object({
  id: Type.String(),
  question: Type.String(),
  answer: Type.String(),
  tags: Type.Array(Type.String()),
  source: Type.String({ description: '依据，如 细则 一(五)' }),
});
export type FaqItem = Static<typeof FaqItem>;

export const FaqResponse = Type.Object({
  items: Type.Array(FaqItem),
  total: Type.Integer({ minimum: 0, description: 'FAQ 条目总数' }),
});
export type FaqResponse = Static<typeof FaqResponse>;

export const QuestionTopic = Type.Union([Type.Literal('general'), Type.Literal('case')]);
export type QuestionTopic = Static<typeof QuestionTopic>;

export const AskQuestionBody = Type.Object(
  {
    topic: QuestionTopic,
    caseId: Type.Optional(Type.String({ maxLength: 80, description: 'topic=case: 本人的办件' })),
    text: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type AskQuestionBody = Static<typeof AskQuestionBody>;

export const ConsultationQuestion = Type.Object({
  questionId: Type.String(),
  topic: QuestionTopic,
  caseId: Type.Optional(Type.String()),
  caseNumber: Type.Optional(Type.String()),
  text: Type.String(),
  askedAt: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('answered')]),
  answer: Type.Optional(Type.String()),
  answeredBy: Type.Optional(Type.String({ description: '答复的工作人员' })),
  answeredAt: Type.Optional(Type.String()),
});
export type ConsultationQuestion = Static<typeof ConsultationQuestion>;

export const MyQuestionsResponse = Type.Object({ items: Type.Array(ConsultationQuestion) });
export type MyQuestionsResponse = Static<typeof MyQuestionsResponse>;

/** A question as staff see it: who asked (name only) and, for a case, which one. */
export const StaffQuestion = Type.Composite([
  ConsultationQuestion,
  Type.Object({ askerName: Type.String(), businessTypeCode: Type.Optional(Type.String()) }),
]);
export type StaffQuestion = Static<typeof StaffQuestion>;

export const StaffQuestionsQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('all')]),
    ),
  },
  { additionalProperties: false },
);
export type StaffQuestionsQuery = Static<typeof StaffQuestionsQuery>;

export const StaffQuestionsResponse = Type.Object({ items: Type.Array(StaffQuestion) });
export type StaffQuestionsResponse = Static<typeof StaffQuestionsResponse>;

export const QuestionParams = Type.Object(
  { questionId: Type.String({ maxLength: 80 }) },
  { additionalProperties: false },
);
export type QuestionParams = Static<typeof QuestionParams>;

export const AnswerQuestionBody = Type.Object(
  { answer: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type AnswerQuestionBody = Static<typeof AnswerQuestionBody>;
