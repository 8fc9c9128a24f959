/**
 * What a document PDF draws: the readable rendering of a document, the same model the app's
 * document screens, the staff console and the archive draw (rendering.ts), made by the one
 * renderer per kind (renderers/). The names below are the PDF side's words for it. Pure.
 */
import type { RenderedBlock, RenderedDocument, RenderedRow, RenderViewer } from './rendering';
import { renderSealedBody, type SignedAt } from './renderers';

export type PrintRow = RenderedRow;
export type PrintBlock = RenderedBlock;
export type PrintRendering = RenderedDocument;
export type PrintViewer = RenderViewer;

/**
 * The readable rendering of a bundle document or a sealed body, for `viewer`; null if none.
 * `signedAt` (partyId → signing time) lets the 申请人签章 lines say who signed and when.
 */
export const renderForPrint = (
  body: unknown,
  viewer: PrintViewer,
  signedAt?: SignedAt,
): PrintRendering | null => renderSealedBody(body, viewer, signedAt);

/** Every string a rendering shows, in reading order (what a copy's text must contain). */
export function renderingTexts(r: PrintRendering): string[] {
  const out = [r.title, r.number ?? '', r.subtitle ?? ''];
  for (const sec of r.sections) {
    out.push(sec.heading ?? '');
    for (const b of sec.blocks) {
      if (b.type === 'rows') for (const x of b.rows) out.push(x.label, x.value);
      else if (b.type === 'paragraph') out.push(b.text);
      else if (b.type === 'table') out.push(b.caption ?? '', ...b.columns, ...b.rows.flat());
      else if (b.type === 'list') out.push(...b.items);
      else if (b.type === 'qa')
        for (const q of b.items) out.push(q.question, q.answer, q.answeredBy);
      else for (const l of b.lines) out.push(l.role, l.name, l.status);
    }
  }
  if (r.closing) out.push(r.closing.issuer, r.closing.date);
  out.push(r.footnote ?? '');
  return out.filter(Boolean);
}
