/**
 * What the representation use cases share: an authority as a reader sees it (names in full for
 * the principal and the agent themselves, masked for any other party: domain/masking.ts), and the
 * errors they raise.
 */
import { maskName } from '../../domain/masking';
import {
  CAPACITY,
  onBehalfText,
  revocationEffect,
  type Representation,
} from '../../domain/representation';
import { AppError, type DomainErrorCode } from '../../domain/errors';

export const err = (code: DomainErrorCode, message: string): AppError =>
  new AppError(code, message);

const BASIS_TEXT: Record<Representation['basis'], string> = {
  onlinePowerOfAttorney: '委托人线上刷脸签署的授权委托书',
  notarisedPowerOfAttorney: '上传的公证委托书（人工核验）',
  householdRegister: '公安户籍共享的父母子女关系',
  uploadedGuardianship: '上传的监护关系证明（人工核验）',
};

const STATUS_TEXT: Record<Representation['status'], string> = {
  pendingReview: '待登记机构人工审核，审核通过前代理人不能代为签署',
  active: '有效',
  revoked: '已撤销',
};

/** What revoking does (or did), in the citizen's words. */
function revocationNote(r: Representation, beforeSubmission: boolean): string {
  if (r.status === 'revoked')
    return r.revokedAfterSubmission
      ? '委托已撤销。撤销前已提交的申请继续有效（《民法典》第一百六十二条、第一百七十三条），如需停止办理，委托人可在登簿前撤回申请（《不动产登记暂行条例》第十五条）。'
      : '委托已撤销，代理人尚未提交的签名已失效，请委托人本人签署或重新委托。';
  if (r.kind === 'guardian') return '监护人的代理权依法产生，如监护关系变化请到登记窗口办理。';
  return revocationEffect(beforeSubmission) === 'voidSignatures'
    ? '委托人可随时撤销委托；撤销后，代理人尚未提交的签名失效。'
    : '申请已提交。委托人撤销委托后，代理人不能再代为办理，已提交的申请继续有效，委托人可在登簿前撤回申请（《不动产登记暂行条例》第十五条）。';
}

export function representationView(r: Representation, readerId: string, beforeSubmission: boolean) {
  const own = readerId === r.principal.personId || readerId === r.agent.personId;
  const principalName = own ? r.principal.name : maskName(r.principal.name);
  const agentName = own ? r.agent.name : maskName(r.agent.name);
  const isPrincipal = readerId === r.principal.personId;
  return {
    representationId: r.representationId,
    caseId: r.caseId,
    kind: r.kind,
    capacity: CAPACITY[r.kind].actor,
    basis: r.basis,
    basisText: BASIS_TEXT[r.basis],
    status: r.status,
    statusText: STATUS_TEXT[r.status],
    principal: { partyId: r.principal.personId, name: principalName, role: r.principal.role },
    agent: { name: agentName },
    statement: onBehalfText(r.kind, agentName, principalName),
    // the document names both: only they read its wording
    document: own ? r.document : { title: r.document.title, text: '' },
    reviewReasons: r.reviewReasons ?? [],
    createdAt: r.createdAt,
    ...(r.activatedAt ? { activatedAt: r.activatedAt } : {}),
    ...(r.revokedAt ? { revokedAt: r.revokedAt } : {}),
    revocationNote: revocationNote(r, beforeSubmission),
    canRevoke: isPrincipal && r.kind === 'agent' && r.status !== 'revoked',
    ...(isPrincipal && r.code && r.status !== 'revoked'
      ? { invitation: { code: r.code, link: `/pages/invite/index?agent=${r.code}` } }
      : {}),
  };
}
