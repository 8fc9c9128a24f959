/**
 * The staff console in the browser, shared part: DOM helpers, the API call with the session's
 * CSRF token, the status line, labels and times. Everything user-supplied goes on the page with
 * textContent, never as HTML. Bundled for the browser by ../script.ts.
 */
import type { CaseStatus, StaffSessionResponse } from '../../../contract';
import { ROLE_LABELS, type PartyRole } from '../../../domain/catalogue';
import { beijingMinute } from '../../../domain/time';
// The status words citizens read in the app: staff see the same ones (one table, docs/glossary.md).
import { STATUS_TEXT } from '../../../../../src/features/cases/labels';

const API = '/api/v1/staff';

export type StaffMember = StaffSessionResponse['staff'];

/** The signed-in member of staff and the CSRF token of their session. */
export const session: { me: StaffMember | null; csrf: string } = { me: null, csrf: '' };

/** A case status in the app's words. */
export const statusText = (s: string): string => STATUS_TEXT[s as CaseStatus] ?? s;

/** A party's role in words: the business type's own label, else the catalogue's. */
export const roleText = (role: string, label?: string): string =>
  label ?? ROLE_LABELS[role as PartyRole] ?? role;

/** An instant in Beijing time, as the app shows it (2026-12-07 15:40). */
export const when = (iso: string): string => beijingMinute(iso) || iso;

export function $(id: string): HTMLElement {
  const n = document.getElementById(id);
  if (!n) throw new Error(`页面缺少元素 #${id}`);
  return n;
}

/** The value of a form field by id. */
export const valueOf = (id: string): string => ($(id) as HTMLInputElement).value.trim();

type Attrs = { [name: string]: string | boolean | undefined };
type Child = Node | string | null | undefined;

/** An element with attributes (`text` sets textContent, `hidden` the property) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    if (k === 'text') n.textContent = String(v);
    else if (k === 'hidden') n.hidden = Boolean(v);
    else n.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c) n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return n;
}

/** Table header cells. */
export const headRow = (titles: string[]): HTMLTableSectionElement =>
  el('thead', {}, [
    el(
      'tr',
      {},
      titles.map((h) => el('th', { scope: 'col', text: h })),
    ),
  ]);

export function say(text: string, isError = false): void {
  const s = $('status');
  s.textContent = text;
  s.className = isError ? 'error' : '';
}

/** The message of a failed call, for the status line. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : '操作失败');

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function showLogin(): void {
  session.me = null;
  session.csrf = '';
  $('who').hidden = true;
  $('nav').hidden = true;
  $('view').textContent = '';
  $('login-section').hidden = false;
}

/** One call to /api/v1/staff; a 401 (session ended) shows the login form again. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
  const res = await fetch(API + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return null as T;
  const j = (await res.json()) as { message?: string };
  if (res.status === 401 && path !== '/session') showLogin();
  if (!res.ok) throw new ApiError(j.message || '操作失败', res.status);
  return j as T;
}
