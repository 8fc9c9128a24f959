/**
 * 校核: staff, a review rule or a party (by objection) sends a stored record back to its source,
 * due in 1 working day; the timeline says so. The source's answer is recorded as it comes: a
 * confirmed error marks the record wrong and keeps the corrected one in its place (the party's
 * material then prevails); an upheld record is current again. A source that is down leaves the
 * recheck pending, asked again later.
 */
import {
  assertAllowed,
  transition,
  type Actor,
  type CaseCaller,
  type CaseRecord,
} from '../../domain/cases';
import { withTimelineNote } from '../../domain/cases/timelineNote';
import { AppError, notFound, validationFailed } from '../../domain/errors';
import {
  DATA_SOURCE_NAMES,
  DATA_SOURCE_SHORT_NAMES,
  objectionStatusAfter,
  RECHECK_ANSWER_TEXT,
  recheckDueOn,
  verifySourceSeal,
  type RecheckAnswer,
} from '../../domain/shared-data';
import type { CaseStore, CatalogueRepository, Clock } from '../../ports';
import type { DataSourceCode, SharedRecord } from '../../ports/sharedData';
import type { SharedDataStore, StoredRecheck } from '../../ports/sharedDataStore';
import { businessTypeOf, loadCase, materialName } from './caseOf';
import type { RecheckableSource } from './fetch';

export interface Requester {
  kind: 'staff' | 'rule' | 'party';
  id: string;
  displayName: string;
}

export interface RechecksDeps {
  sources: Partial<Record<DataSourceCode, RecheckableSource>>;
  store: SharedDataStore;
  cases: Pick<CaseStore, 'get' | 'update'>;
  catalogue: Pick<CatalogueRepository, 'current'>;
  clock: Clock;
  newId: (prefix: string) => string;
}

const conflict = (message: string) => new AppError('CONFLICT', message);

export class Rechecks {
  constructor(private readonly deps: RechecksDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Sends a record back to its source for recheck and records the answer if it comes at once. */
  async request(
    caseId: string,
    recordId: string,
    by: Requester,
    reason: string,
    objectionId?: string,
  ): Promise<StoredRecheck> {
    const c = await loadCase(this.deps.cases, caseId);
    const businessType = await businessTypeOf(this.deps.catalogue, c);
    // the workflow's requestRecheck: allowed until the case has ended
    const caller: CaseCaller =
      by.kind === 'party'
        ? { kind: 'party', personId: by.id }
        : by.kind === 'staff'
          ? { kind: 'staff', staffId: by.id, displayName: by.displayName }
          : { kind: 'system' };
    assertAllowed(c, 'requestRecheck', caller, { businessType });
    const stored = await this.deps.store.record(recordId);
    if (!stored || stored.caseId !== caseId) throw notFound('该办件没有这条共享数据');
    if (stored.status !== 'current') throw conflict('这条共享数据正在校核或已被更正，不能重复提请');
    const text = reason.trim();
    if (!text) throw validationFailed('请说明提请校核的理由');
    const at = this.now();
    const due = recheckDueOn(at);
    const recheck: StoredRecheck = {
      recheckId: this.deps.newId('RCK'),
      recordId,
      caseId,
      requestedByKind: by.kind,
      requestedBy: by.id,
      reason: text,
      requestedAt: at,
      dueOn: due.dueOn,
      dueEstimated: due.estimated,
      status: 'pending',
      ...(objectionId ? { objectionId } : {}),
    };
    const short = DATA_SOURCE_SHORT_NAMES[stored.record.source];
    const material = await materialName(this.deps.catalogue, c, stored.materialCode);
    await this.deps.store.transaction(async () => {
      // again under the write lock: another node may have sent it back meanwhile
      if ((await this.deps.store.record(recordId))?.status !== 'current')
        throw conflict('这条共享数据正在校核或已被更正，不能重复提请');
      await this.deps.store.saveRecheck(recheck);
      await this.deps.store.setRecordStatus(recordId, 'underRecheck');
      // the case as it is now, with the workflow's note of the recheck (version checked)
      const now = await loadCase(this.deps.cases, caseId);
      const r = transition(
        now,
        {
          type: 'requestRecheck',
          by: { kind: caller.kind, id: by.id, displayName: by.displayName },
          text: `已将${short}共享数据（${material}）退回${DATA_SOURCE_NAMES[stored.record.source]}校核，校核期限 ${due.dueOn}（1个工作日）${due.estimated ? '（节假日安排未公布，期限为估算）' : ''}`,
        },
        { businessType, actor: caller, at: this.now() },
      );
      await this.deps.cases.update(r.next, now.version);
    });
    await this.collectAnswer(recheck);
    return (
      (await this.deps.store.rechecksOf(caseId)).find((x) => x.recheckId === recheck.recheckId) ??
      recheck
    );
  }

  /** Asks again for the answers of a case's pending rechecks (a source that was down). */
  async collectPending(caseId: string): Promise<void> {
    for (const x of await this.deps.store.rechecksOf(caseId)) {
      if (x.status === 'pending') await this.collectAnswer(x);
    }
  }

  /** Asks the source for its answer to a pending recheck; a source that is down leaves it pending. */
  private async collectAnswer(recheck: StoredRecheck): Promise<void> {
    const stored = await this.deps.store.record(recheck.recordId);
    if (!stored || recheck.status !== 'pending') return;
    const source = this.deps.sources[stored.record.source];
    if (!source?.recheck) return;
    let answer: { answer: RecheckAnswer; corrected?: SharedRecord };
    try {
      answer = await source.recheck(stored.record);
    } catch {
      return;
    }
    const at = this.now();
    const c = await loadCase(this.deps.cases, recheck.caseId);
    const material = await materialName(this.deps.catalogue, c, stored.materialCode);
    const sourceName = DATA_SOURCE_NAMES[stored.record.source];
    const store = this.deps.store;
    await store.transaction(async () => {
      let correctedId: string | undefined;
      if (answer.answer === 'errorConfirmed') {
        await store.setRecordStatus(stored.recordId, 'wrong');
        if (answer.corrected && verifySourceSeal(answer.corrected, source).valid) {
          correctedId = this.deps.newId('SHR');
          await store.saveRecord({
            recordId: correctedId,
            caseId: recheck.caseId,
            materialCode: stored.materialCode,
            record: answer.corrected,
            sealValid: true,
            status: 'current',
            replacesRecordId: stored.recordId,
            storedAt: at,
          });
        }
        const res = (await store.resolutionsOf(recheck.caseId)).find(
          (r) => r.materialCode === stored.materialCode,
        );
        if (res) {
          await store.saveResolution({
            ...res,
            recordIds: res.recordIds.map((id) =>
              id === stored.recordId ? (correctedId ?? id) : id,
            ),
            resolvedAt: at,
          });
        }
      } else {
        await store.setRecordStatus(stored.recordId, 'current');
      }
      await store.answerRecheck(recheck.recheckId, answer.answer, at, correctedId);
      if (recheck.objectionId) {
        await store.decideObjection(recheck.objectionId, objectionStatusAfter(answer.answer), at);
      }
      await this.note(
        recheck.caseId,
        'sharedDataRecheckAnswered',
        { kind: 'system', id: stored.record.source, displayName: sourceName },
        `${sourceName}校核答复（${material}）：${RECHECK_ANSWER_TEXT[answer.answer]}`,
      );
    });
  }

  /** Appends a timeline entry that does not change the case's status. */
  private async note(caseId: string, action: string, actor: Actor, text: string): Promise<void> {
    const c: CaseRecord = await loadCase(this.deps.cases, caseId);
    await this.deps.cases.update(
      withTimelineNote(c, { action, actor, at: this.now(), text, fallbackStep: '申请' }),
      c.version,
    );
  }
}
