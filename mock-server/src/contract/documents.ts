/**
 * The readable rendering of a document, as the API sends it (GET …/documents/… and inside the
 * signing bundle). Same shape as mock-server/src/domain/documents/rendering.ts, which owns the
 * meaning of each field; the equality of both shapes is checked at compile time below. The app
 * imports these types only and draws them (src/features/documents).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { RenderedDocument as DomainRenderedDocument } from '../domain/documents/rendering';
import { RENDERED_KINDS } from '../domain/documents/rendering';

const Str = Type.String();

export const RenderedKind = Type.Union(RENDERED_KINDS.map((k) => Type.Literal(k)));

export const RenderedRow = Type.Object(
  { label: Str, value: Str, wide: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const RenderedBlock = Type.Union([
  Type.Object(
    { type: Type.Literal('rows'), rows: Type.Array(RenderedRow) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('paragraph'), text: Str, emphasis: Type.Optional(Type.Boolean()) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('table'),
      caption: Type.Optional(Str),
      columns: Type.Array(Str),
      rows: Type.Array(Type.Array(Str)),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('list'), items: Type.Array(Str) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('qa'),
      items: Type.Array(
        Type.Object(
          { question: Str, answer: Str, answeredBy: Str },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('signatures'),
      lines: Type.Array(
        Type.Object({ role: Str, name: Str, status: Str }, { additionalProperties: false }),
      ),
    },
    { additionalProperties: false },
  ),
]);
export type RenderedBlock = Static<typeof RenderedBlock>;

export const RenderedSection = Type.Object(
  { heading: Type.Optional(Str), blocks: Type.Array(RenderedBlock) },
  { additionalProperties: false },
);
export type RenderedSection = Static<typeof RenderedSection>;

export const RenderedDocument = Type.Object(
  {
    kind: RenderedKind,
    rendererVersion: Type.Integer({ minimum: 1 }),
    title: Str,
    number: Type.Optional(Str),
    subtitle: Type.Optional(Str),
    sections: Type.Array(RenderedSection),
    closing: Type.Optional(
      Type.Object({ issuer: Str, date: Str }, { additionalProperties: false }),
    ),
    footnote: Type.Optional(Str),
  },
  { additionalProperties: false, $id: 'RenderedDocument' },
);
export type RenderedDocument = Static<typeof RenderedDocument>;

// compile-time: the contract's shape and the domain's are the same
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<RenderedDocument, DomainRenderedDocument> = true;
void sameShape;
