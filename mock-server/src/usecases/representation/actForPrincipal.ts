/**
 * An agent or guardian acts for their principal: reads the documents the principal signs,
 * answers the principal's 询问笔录 and signs — as themself (their own fresh face check and event
 * certificate, their own handwriting), the record and the documents saying on whose behalf.
 * Every step first checks that the caller's authority stands (403 NO_STANDING otherwise: none,
 * revoked, or still under staff review); the principal's steps are then the same use cases a
 * party uses, so the workflow and its checks stay one.
 */
import { onBehalfText, hasStanding, type Representation } from '../../domain/representation';
import { maskName } from '../../domain/masking';
import type { RepresentationStore } from '../../ports';
import type { PartyCaller } from '../cases/types';
import type { SigningBundle } from '../signing/bundle';
import type { Inquiries } from '../signing/inquiries';
import type { Sign } from '../signing/sign';
import { err } from './view';

export interface ActForPrincipalDeps {
  store: Pick<RepresentationStore, 'get'>;
  bundle: Pick<SigningBundle, 'bundle'>;
  inquiries: Pick<Inquiries, 'answer'>;
  sign: Pick<Sign, 'sign'>;
}

export class ActForPrincipal {
  constructor(private readonly deps: ActForPrincipalDeps) {}

  /** The caller's standing authority, and the principal as the party use cases take them. */
  private async standing(
    caller: PartyCaller,
    representationId: string,
  ): Promise<{ r: Representation; principal: PartyCaller }> {
    const r = await this.deps.store.get(representationId);
    if (!r || r.agent.personId !== caller.personId) throw err('NOT_FOUND', '委托不存在');
    if (!hasStanding(r))
      throw err(
        'NO_STANDING',
        r.status === 'revoked'
          ? '委托已被撤销，您不能再代为办理'
          : '委托尚待登记机构人工审核，审核通过前不能代为办理',
      );
    return { r, principal: { personId: r.principal.personId, name: r.principal.name } };
  }

  /**
   * The bundle the principal signs. The agent reads it in the principal's place: the principal's
   * own data and the agent's name in full, every other party masked.
   */
  async bundle(caller: PartyCaller, representationId: string) {
    const { r, principal } = await this.standing(caller, representationId);
    return this.deps.bundle.bundle({ ...principal, readerName: caller.name }, r.caseId);
  }

  async answerInquiry(
    caller: PartyCaller,
    representationId: string,
    answers: Record<string, string>,
  ) {
    const { r, principal } = await this.standing(caller, representationId);
    return this.deps.inquiries.answer(principal, r.caseId, r.principal.personId, answers);
  }

  /** `identity`: the agent's own ID number and fresh face check (their event certificate). */
  async sign(
    caller: PartyCaller,
    representationId: string,
    handwritingBase64: string,
    bundleDigest: string,
    identity: { idNumber: string; faceCheck: { reference: string; checkedAt: string } },
  ) {
    const { r, principal } = await this.standing(caller, representationId);
    return this.deps.sign.sign(principal, r.caseId, handwritingBase64, bundleDigest, identity, {
      personId: caller.personId,
      name: caller.name,
      onBehalfOf: {
        representationId: r.representationId,
        kind: r.kind,
        agentId: caller.personId,
        principalName: r.principal.name,
      },
      // the timeline is read by every party: the agent's name masked there
      note: `${onBehalfText(r.kind, maskName(caller.name), r.principal.name)}，`,
    });
  }
}
