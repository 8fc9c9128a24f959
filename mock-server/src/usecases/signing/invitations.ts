/**
 * Inviting the other parties to apply together: the initiator invites a party of the case, who
 * gets a message with a 6-character code; the code opens the case only for the party it names,
 * by verified identity, until it expires. A code is used by that one party only: its acceptance
 * is recorded once (one conditional update, whichever node comes first), and the party opening
 * it again (a double tap, the link followed twice) sees the same case. 待我签署 lists the cases waiting for the caller's
 * signature.
 */
import { assertAllowed, transition } from '../../domain/cases';
import { SIGNING_STATUSES } from '../../domain/cases/status';
import { invitationCode, normaliseCode } from '../../domain/signing';
import type { CaseStore, Clock, Invitation, SigningStore } from '../../ports';
import type { CaseEffects } from '../cases/effectsRunner';
import type { CaseView, PartyCaller } from '../cases/types';
import { err, openCase, type CaseReads } from './caseAccess';

const DAY_MS = 86_400_000;

export interface InvitationsDeps {
  cases: CaseReads;
  caseStore: Pick<CaseStore, 'get'>;
  store: Pick<
    SigningStore,
    'transaction' | 'invitation' | 'markInvitationAccepted' | 'caseIdsOfPersonInStatus'
  >;
  /** the cases' effects runner: the invitation stored, the party told */
  effects: Pick<CaseEffects, 'store'>;
  clock: Clock;
  randomBytes: (n: number) => Uint8Array;
  invitationTtlDays: number;
}

export class Invitations {
  constructor(private readonly deps: InvitationsDeps) {}

  async invite(
    caller: PartyCaller,
    caseId: string,
    partyId: string,
  ): Promise<Invitation & { link: string }> {
    const { deps } = this;
    const { c, bt } = await openCase(deps.cases, caller, caseId);
    const actor = { kind: 'party' as const, personId: caller.personId };
    // allowed before a code is drawn (the workflow checks again as it invites)
    assertAllowed(c, 'invite', actor, { businessType: bt });
    const at = deps.clock.now();
    const inv: Invitation = {
      code: await this.uniqueCode(),
      caseId,
      partyId,
      createdBy: caller.personId,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + deps.invitationTtlDays * DAY_MS).toISOString(),
    };
    // the invitation stored and the party told: the workflow's effects, in one transaction
    const r = transition(
      c,
      {
        type: 'invite',
        partyId,
        code: inv.code,
        expiresAt: inv.expiresAt,
        inviterName: caller.name,
      },
      { businessType: bt, actor, at: inv.createdAt, partyName: caller.name },
    );
    await deps.store.transaction(() =>
      deps.effects.store(c, r, { businessType: bt, at: inv.createdAt }),
    );
    return { ...inv, link: `/pages/invite/index?code=${inv.code}` };
  }

  private async uniqueCode(): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const code = invitationCode(this.deps.randomBytes);
      if (!(await this.deps.store.invitation(code))) return code;
    }
    throw err('CONFLICT', '暂时无法生成邀请码，请重试');
  }

  /** Opens a case by code only for the party it names, by verified identity; else 404. */
  async accept(caller: PartyCaller, code: string): Promise<{ caseId: string }> {
    const { deps } = this;
    const inv = await deps.store.invitation(normaliseCode(code));
    const nothing = err('INVITATION_NOT_FOUND', '邀请码无效，或该邀请不是发给您的');
    if (!inv || inv.partyId !== caller.personId) throw nothing;
    const c = await deps.caseStore.get(inv.caseId);
    if (!c || !c.parties.some((p) => p.personId === caller.personId)) throw nothing;
    if (Date.parse(inv.expiresAt) <= deps.clock.now().getTime())
      throw err('INVITATION_EXPIRED', '邀请已过期，请联系申请发起人重新邀请');
    // the first acceptance is the one recorded; its party opening it again sees the same case
    await deps.store.markInvitationAccepted(inv.code, deps.clock.now().toISOString());
    return { caseId: inv.caseId };
  }

  /** 待我签署: the cases being signed where the caller has not signed yet. */
  async toSign(caller: PartyCaller): Promise<CaseView[]> {
    const ids = await this.deps.store.caseIdsOfPersonInStatus(caller.personId, SIGNING_STATUSES);
    const views: CaseView[] = [];
    for (const id of ids) views.push(await this.deps.cases.getCase(caller, id));
    return views.filter((v) =>
      v.case.parties.some((p) => p.personId === caller.personId && !p.signedAt),
    );
  }
}
