/**
 * The principal ends a 委托 (民法典 §173(二)). Before submission the agent's signatures for them
 * lose their effect: voided, the principal's 已签 cleared, and — the forms no longer naming the
 * agent — the signatures over the old forms voided by the change tracking; the principal signs
 * themself or appoints another. After submission the authority ends for what is still to come:
 * what the agent did within it binds the principal (民法典 §162) and the submitted application
 * stands; the principal may withdraw it until it is recorded (条例 §15). Only the principal
 * revokes a 委托; a guardianship arises by law and ends at the counter. Revoking twice changes
 * nothing the second time.
 */
import { isBeforeSubmission } from '../../domain/cases/status';
import { maskName } from '../../domain/masking';
import { revocationEffect } from '../../domain/representation';
import type { CaseStore, Clock, RepresentationStore, SigningStore } from '../../ports';
import type { PartyCaller } from '../cases/types';
import { updateCase, type TellParties } from '../signing/caseAccess';
import type { TrackChanges } from '../signing/changeTracking';
import { err, representationView } from './view';

export interface RevokeDeps {
  caseStore: Pick<CaseStore, 'get' | 'update'>;
  store: Pick<RepresentationStore, 'get' | 'revoke'>;
  signing: Pick<SigningStore, 'signaturesOf' | 'voidSignature'>;
  track: TrackChanges;
  tellParties: TellParties;
  clock: Clock;
}

export class RevokeRepresentation {
  constructor(private readonly deps: RevokeDeps) {}

  async revoke(caller: PartyCaller, representationId: string) {
    const { deps } = this;
    const r = await deps.store.get(representationId);
    // nobody but the two persons learns that it exists
    if (!r || (r.principal.personId !== caller.personId && r.agent.personId !== caller.personId))
      throw err('NOT_FOUND', '委托不存在');
    if (r.principal.personId !== caller.personId || r.kind !== 'agent')
      throw err('FORBIDDEN', '只有委托人本人可以撤销委托');
    const c = await deps.caseStore.get(r.caseId);
    if (!c) throw err('NOT_FOUND', '委托不存在');
    const before = isBeforeSubmission(c);
    if (r.status === 'revoked') return representationView(r, caller.personId, before);
    const at = deps.clock.now().toISOString();
    const revoked = {
      ...r,
      status: 'revoked' as const,
      revokedAt: at,
      revokedBy: caller.personId,
      ...(before ? {} : { revokedAfterSubmission: true }),
    };
    let changed = false;
    await deps.track(r.caseId, async () => {
      changed = await deps.store.revoke(revoked);
      if (!changed || revocationEffect(before) !== 'voidSignatures') return;
      const made = (await deps.signing.signaturesOf(r.caseId)).filter(
        (s) => s.current && s.onBehalfOf?.representationId === r.representationId,
      );
      for (const s of made) await deps.signing.voidSignature(s.signatureId, at);
      const now = await deps.caseStore.get(r.caseId);
      if (made.length && now)
        await updateCase(deps.caseStore, deps.clock, now, {
          parties: now.parties.map((p) => {
            if (p.personId !== r.principal.personId) return p;
            const { signedAt: _dropped, ...rest } = p;
            void _dropped;
            return rest;
          }),
        });
    });
    const stored = changed ? revoked : ((await deps.store.get(representationId)) ?? revoked);
    if (changed)
      await deps.tellParties(
        c,
        '委托已撤销',
        `${maskName(r.principal.name)}已撤销对${maskName(r.agent.name)}的委托。${
          before ? '代理人尚未提交的签名已失效。' : '已提交的申请继续有效。'
        }`,
      );
    return representationView(stored, caller.personId, before);
  }
}
