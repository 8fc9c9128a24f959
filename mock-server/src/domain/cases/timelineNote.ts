/**
 * A note in a case's timeline that does not change its status: an outside party's answer (a
 * utility company's confirmation, a data source's recheck answer) or a request sent out. The
 * entry keeps the step the case is in (`fallbackStep` when the timeline is empty).
 */
import type { Actor, CaseRecord, CaseStep, TimelineEntry } from './model';

export function withTimelineNote(
  c: CaseRecord,
  note: { action: string; actor: Actor; at: string; text: string; fallbackStep: CaseStep },
): CaseRecord {
  const last = c.timeline.at(-1);
  const entry: TimelineEntry = {
    seq: (last?.seq ?? 0) + 1,
    action: note.action,
    step: last?.step ?? note.fallbackStep,
    from: c.status,
    to: c.status,
    actor: note.actor,
    at: note.at,
    note: note.text,
  };
  return { ...c, timeline: [...c.timeline, entry], updatedAt: entry.at, version: c.version + 1 };
}

/** 校核: the note that a shared record went back to its source, by whom and why. */
export const recheckNoted = (c: CaseRecord, by: Actor, text: string, at: string): CaseRecord =>
  withTimelineNote(c, { action: 'sharedDataRecheck', actor: by, at, text, fallbackStep: '申请' });
