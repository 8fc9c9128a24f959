/**
 * Staff decide on an authority that waits for manual handling (a notarised 委托书 the registry
 * cannot verify online, an uploaded guardianship proof, a guardian disposing of a minor's
 * property under 民法典 §35): approved, it stands from then on (the forms then name the agent, so
 * signatures over the old ones are taken again); refused, it ends with the reason, which the
 * parties are told. Decided once: a second decision finds nothing waiting (409).
 */
import type { StaffMember } from '../../domain/staff';
import type { Representation } from '../../domain/representation';
import type { CaseStore, Clock, RepresentationStore } from '../../ports';
import type { TellParties } from '../signing/caseAccess';
import type { TrackChanges } from '../signing/changeTracking';
import { err } from './view';

export interface ReviewRepresentationDeps {
  caseStore: Pick<CaseStore, 'get'>;
  store: Pick<RepresentationStore, 'get' | 'ofCase' | 'decide'>;
  track: TrackChanges;
  tellParties: TellParties;
  clock: Clock;
}

export class ReviewRepresentation {
  constructor(private readonly deps: ReviewRepresentationDeps) {}

  /** A case's authorities as staff read them (in full: the console is an official channel). */
  async ofCase(caseId: string): Promise<Representation[]> {
    if (!(await this.deps.caseStore.get(caseId))) throw err('NOT_FOUND', '办件不存在');
    return this.deps.store.ofCase(caseId);
  }

  async decide(
    staff: StaffMember,
    representationId: string,
    approve: boolean,
    note: string,
  ): Promise<Representation> {
    const { deps } = this;
    const r = await deps.store.get(representationId);
    if (!r) throw err('NOT_FOUND', '委托不存在');
    if (r.status !== 'pendingReview') throw err('CONFLICT', '该委托不在待审核状态');
    if (!approve && !note.trim()) throw err('VALIDATION_FAILED', '不予认可时请写明理由');
    const at = deps.clock.now().toISOString();
    const review = {
      decidedBy: staff.staffId,
      decidedAt: at,
      approved: approve,
      note: note.trim(),
    };
    const next: Representation = approve
      ? { ...r, status: 'active', activatedAt: at, review }
      : { ...r, status: 'revoked', revokedAt: at, revokedBy: staff.staffId, review };
    await deps.track(r.caseId, async () => {
      if (!(await deps.store.decide(next))) throw err('CONFLICT', '该委托不在待审核状态');
    });
    const c = await deps.caseStore.get(r.caseId);
    if (c)
      await deps.tellParties(
        c,
        approve ? '代理人/监护人材料已审核通过' : '代理人/监护人材料未通过审核',
        approve
          ? '登记机构已核验代理权材料，代理人可以代为签署。'
          : `登记机构未认可代理权材料：${review.note}。请本人签署，或重新委托。`,
      );
    return next;
  }
}
