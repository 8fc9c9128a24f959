/**
 * The readable rendering kept in the archive (档案法 §39, 电子签名法 §13): each signed document
 * and each notice or certificate is filed with the rendering it was shown with — the structured
 * document model of domain/documents/rendering.ts, rendered for the archive (unmasked, as registry
 * staff see it) — and the renderer kind and version that drew it. The archive check re-renders the
 * kept data with that renderer version and names any rendering that differs or whose renderer
 * version is not available. Pure.
 */
import { canonicalJson } from '../crypto';
import {
  RENDERED_KINDS,
  RENDERER_VERSIONS,
  renderDocument,
  renderSealedBody,
  type RenderedDocument,
  type RenderedKind,
  type RenderInput,
  type RenderViewer,
} from '../documents';

/** The archive reads as registry staff do: personal data in full. */
export const ARCHIVE_VIEWER: RenderViewer = { staff: true };

export interface KeptRendering {
  renderer: { kind: RenderedKind; version: number };
  document: RenderedDocument;
}

/** The rendering of a document with a known renderer kind (a signed bundle document). */
export function keptRenderingOf(
  body: unknown,
  renderer: { kind: RenderedKind; version: number },
): KeptRendering {
  return {
    renderer,
    document: renderDocument({ kind: renderer.kind, data: body } as RenderInput, ARCHIVE_VIEWER),
  };
}

/** The rendering of a sealed body (notice, certificate, receipt); undefined if no renderer fits. */
export function keptRenderingOfSealed(body: unknown): KeptRendering | undefined {
  const document = renderSealedBody(body, ARCHIVE_VIEWER);
  return document
    ? { renderer: { kind: document.kind, version: document.rendererVersion }, document }
    : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Re-renders the kept data with the kept renderer version and compares with the kept rendering.
 * Only the current version of each renderer is available here: a rendering made with another
 * version is named as not verifiable rather than passed.
 */
export function checkKeptRendering(
  body: unknown,
  kept: unknown,
): { valid: boolean; message: string } {
  const fail = (message: string) => ({ valid: false, message });
  if (!isRecord(kept) || !isRecord(kept.renderer) || !isRecord(kept.document))
    return fail('留存的呈现格式不完整');
  const kind = kept.renderer.kind as RenderedKind;
  const version = kept.renderer.version;
  if (!RENDERED_KINDS.includes(kind)) return fail(`留存的呈现所用渲染器“${String(kind)}”未知`);
  if (kept.document.kind !== kind || kept.document.rendererVersion !== version)
    return fail('留存的呈现与所记渲染器种类或版本不符');
  if (version !== RENDERER_VERSIONS[kind])
    return fail(`渲染器 ${kind} 第 ${String(version)} 版不可用，无法重新呈现核对`);
  let again: RenderedDocument;
  try {
    again = keptRenderingOf(body, { kind, version }).document;
  } catch {
    return fail('留存的数据无法按所记渲染器重新呈现');
  }
  return canonicalJson(again) === canonicalJson(kept.document)
    ? {
        valid: true,
        message: `按渲染器 ${kind} 第 ${String(version)} 版重新呈现，与留存的呈现一致`,
      }
    : fail(`按渲染器 ${kind} 第 ${String(version)} 版重新呈现，与留存的呈现不一致`);
}
