/**
 * Reading agents and guardians: a case's (for its parties: the principal sees and may revoke
 * theirs), the ones where the caller acts for someone (代办), and the one a code opens for the
 * agent it names (by verified identity; anybody else is told the code is not theirs).
 */
import { isBeforeSubmission } from '../../domain/cases/status';
import { normaliseCode } from '../../domain/signing';
import type { CaseStore, RepresentationStore } from '../../ports';
import type { PartyCaller } from '../cases/types';
import type { CaseReads } from '../signing/caseAccess';
import { err, representationView } from './view';

export interface RepresentationViewsDeps {
  cases: Pick<CaseReads, 'getCase'>;
  caseStore: Pick<CaseStore, 'get'>;
  store: Pick<RepresentationStore, 'ofCase' | 'ofAgent' | 'byCode'>;
}

export class RepresentationViews {
  constructor(private readonly deps: RepresentationViewsDeps) {}

  /** The case's authorities, for its parties (404 for anybody else). */
  async ofCase(caller: PartyCaller, caseId: string) {
    const c = (await this.deps.cases.getCase(caller, caseId)).case;
    const before = isBeforeSubmission(c);
    return (await this.deps.store.ofCase(caseId)).map((r) =>
      representationView(r, caller.personId, before),
    );
  }

  /** Where the caller acts for someone. */
  async ofAgent(caller: PartyCaller) {
    const out = [];
    for (const r of await this.deps.store.ofAgent(caller.personId)) {
      const c = await this.deps.caseStore.get(r.caseId);
      if (c) out.push(representationView(r, caller.personId, isBeforeSubmission(c)));
    }
    return out;
  }

  /** The authority a code names, for its agent only. */
  async open(caller: PartyCaller, code: string) {
    const r = await this.deps.store.byCode(normaliseCode(code));
    const c = r && (await this.deps.caseStore.get(r.caseId));
    if (!r || !c || r.agent.personId !== caller.personId)
      throw err('INVITATION_NOT_FOUND', '邀请码无效，或该委托不是给您的');
    return representationView(r, caller.personId, isBeforeSubmission(c));
  }
}
