/**
 * Copies of a case's documents and of the notices a person received, as PDFs with the registry's
 * detached signature (ADR 0006), and the public check behind the QR printed on them.
 */
import { Type, type Static } from '@sinclair/typebox';

const Str = Type.String();

/** GET /api/v1/cases/:caseId/copies — what the caller may download */
export const DocumentCopyItem = Type.Object({
  /** the document's reference: a bundle id (applicationForm, inquiry:P013 …) or a document id */
  ref: Str,
  title: Str,
  number: Type.Optional(Str),
  /** 'case': a document the parties read and sign; 'issued': one the registry issued */
  source: Type.Union([Type.Literal('case'), Type.Literal('issued')]),
});
export type DocumentCopyItem = Static<typeof DocumentCopyItem>;
export const DocumentCopiesResponse = Type.Object({ items: Type.Array(DocumentCopyItem) });
export type DocumentCopiesResponse = Static<typeof DocumentCopiesResponse>;

export const DocumentCopyParams = Type.Object({
  caseId: Type.String({ minLength: 1, maxLength: 80 }),
  ref: Type.String({ minLength: 1, maxLength: 120 }),
});
export type DocumentCopyParams = Static<typeof DocumentCopyParams>;

/** GET /api/v1/document-checks?d=&check= (anyone): the QR printed on a document copy */
export const DocumentCheckQuery = Type.Object(
  {
    d: Type.String({ minLength: 3, maxLength: 200 }),
    check: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type DocumentCheckQuery = Static<typeof DocumentCheckQuery>;
export const DocumentCheckResponse = Type.Object({
  outcome: Type.Literal('valid'),
  checkedAt: Str,
  title: Str,
  number: Str,
  message: Str,
});
export type DocumentCheckResponse = Static<typeof DocumentCheckResponse>;
