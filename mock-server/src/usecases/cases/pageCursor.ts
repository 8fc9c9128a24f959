/**
 * The cursor of a list a person or staff member pages through (我的办件): an opaque token naming
 * the last item of the page shown, so the next page starts right after it however many items
 * were added meanwhile. Outside input: a cursor that does not decode is a 400, nothing read.
 */
import { validationFailed } from '../../domain/errors';

/** where a page ends: the list's sort key of its last item */
export interface PagePosition {
  at: string;
  id: string;
}

/** default and largest page sizes */
export const PAGE_SIZE = { default: 50, max: 100 } as const;

export const encodeCursor = (p: PagePosition): string =>
  Buffer.from(JSON.stringify([p.at, p.id]), 'utf8').toString('base64url');

export function decodeCursor(cursor: string): PagePosition {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string' &&
      v[0].length <= 64 &&
      v[1].length <= 128
    ) {
      return { at: v[0], id: v[1] };
    }
  } catch {
    // falls through to the refusal
  }
  throw validationFailed('分页游标无效，请从第一页重新加载');
}
