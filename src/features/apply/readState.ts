/**
 * Which documents to sign this person has read, kept on the device: each document is read once
 * per signing round. A document counts as read for the content that was opened (its digest): 预览文书
 * and 签名, a page opened again or the app started afresh never ask to open it a second time;
 * a document whose content changed (a new round after a change voided the signatures) is unread
 * until it is opened again.
 */
import { useCallback, useState } from 'react';
import { getPlatform } from '@/shared/platform';
import { useSession } from '@/shared/session';

export const READ_KEY = 'he.apply.read';
/** cases remembered per device (the oldest is forgotten first) */
const MAX_CASES = 20;

interface Readable {
  id: string;
  digest: string;
}

/** stored: 'personId|caseId' → ['documentId@digest', …], in the order last written */
type Stored = Record<string, string[]>;

const mark = (d: Readable) => `${d.id}@${d.digest}`;
const slot = (personId: string, caseId: string) => `${personId}|${caseId}`;

function load(): Stored {
  try {
    const raw = getPlatform().storage.get(READ_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Stored) : {};
  } catch {
    return {};
  }
}

function save(all: Stored): void {
  const keys = Object.keys(all);
  const kept = keys.slice(Math.max(0, keys.length - MAX_CASES));
  try {
    getPlatform().storage.set(
      READ_KEY,
      JSON.stringify(Object.fromEntries(kept.map((k) => [k, all[k]]))),
    );
  } catch {
    // storage full or unavailable: the read state lasts as long as the page
  }
}

/** The documents of `documents` this person has read in their current content. */
export function readOf(personId: string, caseId: string, documents: readonly Readable[]): string[] {
  const marks = load()[slot(personId, caseId)] ?? [];
  return documents.filter((d) => marks.includes(mark(d))).map((d) => d.id);
}

/** Records that this person opened `doc` as it reads now. */
export function markRead(personId: string, caseId: string, doc: Readable): void {
  const all = load();
  const key = slot(personId, caseId);
  // other contents of the same document are a past round's: only the current one is kept
  const marks = (all[key] ?? []).filter((m) => !m.startsWith(`${doc.id}@`));
  delete all[key];
  all[key] = [...marks, mark(doc)];
  save(all);
}

/**
 * The read state of a case's documents for the signed-in person: `read` lists the ids of the
 * documents read in their current content, `open(doc)` marks one read.
 */
export function useReadDocuments(caseId: string, documents: readonly Readable[] | undefined) {
  const personId = useSession((s) => s.user?.personId) ?? '';
  const [, setVersion] = useState(0);
  const read = documents ? readOf(personId, caseId, documents) : [];
  const open = useCallback(
    (doc: Readable) => {
      markRead(personId, caseId, doc);
      setVersion((v) => v + 1);
    },
    [personId, caseId],
  );
  return { read, open };
}
