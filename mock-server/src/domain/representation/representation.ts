/**
 * Acting for a party of a case (代理, docs/registry-facts.md §15 "Agents and guardians"; 条例 §16
 * lists the agent's identity and the power of attorney among the materials). Two kinds:
 *
 * - 委托代理人 (`agent`, 民法典 §161–§165): the party (委托人) authorises a person by a 授权委托书,
 *   either signed online by the principal (a fresh face check, then an e-signature through the
 *   signature CA like every document: standing at once) or notarised on paper and uploaded (the
 *   registry cannot verify a notarisation online, so staff review it before it stands).
 * - 监护人 (`guardian`, 民法典 §23, §27): a minor's parent acts as their legal representative.
 *   Shown by 公安's household register (parent–child relation, shared: standing at once), else by
 *   an uploaded proof that staff review.
 *
 * Either way the acting person signs as themself (their own face check and event certificate),
 * and every document and signature record says on whose behalf. Pure: the clock's day, the
 * parties and what 公安 shows are handed in.
 */
import { checkCitizenId } from '../identifiers';

export type RepresentationKind = 'agent' | 'guardian';

/**
 * What the authority rests on: a 授权委托书 signed online, a notarised one uploaded, the
 * household register's parent–child relation (公安, shared), or an uploaded guardianship proof.
 */
export type RepresentationBasis =
  | 'onlinePowerOfAttorney'
  | 'notarisedPowerOfAttorney'
  | 'householdRegister'
  | 'uploadedGuardianship';

/** `pendingReview`: waits for staff (no standing yet); `active`: stands; `revoked`: ended. */
export type RepresentationStatus = 'pendingReview' | 'active' | 'revoked';

/** The principal's e-signature of the 授权委托书 (event certificate on their fresh face check). */
export interface PowerOfAttorneySignature {
  digest: string;
  signature: string;
  signedAt: string;
  caCertificateId: string;
  certificate: unknown;
  faceCheck: { reference: string; checkedAt: string };
}

export interface Representation {
  representationId: string;
  caseId: string;
  kind: RepresentationKind;
  basis: RepresentationBasis;
  status: RepresentationStatus;
  principal: { personId: string; name: string; role: string };
  agent: { personId: string; name: string };
  /** the 授权委托书 or 监护说明 as signed or reviewed (its wording and scope) */
  document: { title: string; text: string };
  /** onlinePowerOfAttorney: the principal's signature of the document */
  principalSignature?: PowerOfAttorneySignature;
  /** an uploaded notarised 委托书 or guardianship proof: SM3 of the stored file */
  uploadSm3?: string;
  /** why staff must look (manual handling), in Chinese with the legal basis */
  reviewReasons?: { code: string; explanation: string }[];
  /** 民法典 §35: a guardian disposing of the minor's property commits to act in their interest */
  guardianCommitment?: string;
  /** a code the agent opens the case with (委托: like a co-signer's invitation) */
  code?: string;
  createdBy: string;
  createdAt: string;
  activatedAt?: string;
  revokedAt?: string;
  revokedBy?: string;
  /** staff's decision on an authority that waited for review (a refusal ends it as revoked) */
  review?: { decidedBy: string; decidedAt: string; approved: boolean; note: string };
  /** revoked after submission: the submitted application stands (see revocationEffect) */
  revokedAfterSubmission?: boolean;
}

/** 委托代理人 / 监护人, and what the represented person is called beside it. */
export const CAPACITY = {
  agent: { actor: '委托代理人', principal: '委托人' },
  guardian: { actor: '监护人', principal: '被监护人' },
} as const;

/** Only a standing authority lets its agent act (and counts their signature for the principal). */
export const hasStanding = (r: Pick<Representation, 'status'>): boolean => r.status === 'active';

/** Still in force or waiting for staff: a party has at most one such per case. */
export const isLive = (r: Pick<Representation, 'status'>): boolean => r.status !== 'revoked';

/**
 * The two sides of a registration: who acquires (权利人, 抵押权人) and who disposes or consents
 * (义务人, 抵押人, the consenting spouse, a releasing bank). 民法典 §168: an agent may not act for
 * a party with themself, nor for both sides.
 */
const ACQUIRING_ROLES = new Set(['rightHolder', 'mortgagee']);
export const sideOf = (role: string): 'acquiring' | 'disposing' =>
  ACQUIRING_ROLES.has(role) ? 'acquiring' : 'disposing';

/** Roles that dispose of (or encumber) the represented person's property. */
const DISPOSING_ROLES = new Set(['obligor', 'mortgagor', 'coOwner']);
export const disposesOfProperty = (role: string): boolean => DISPOSING_ROLES.has(role);

/** 民法典 §17: under 18 on `today` (YYYY-MM-DD), by the birth date in the 公民身份号码. */
export function isMinorOn(idNumber: string, today: string): boolean {
  const id = checkCitizenId(idNumber);
  if (!id.ok) return false;
  const [y, m, d] = id.value.birthDate.split('-');
  return `${Number(y) + 18}-${m}-${d}` > today;
}

export interface Refusal {
  code: 'REPRESENTATION_NOT_ALLOWED' | 'REPRESENTATION_EXISTS';
  message: string;
}

export interface AppointmentFacts {
  kind: RepresentationKind;
  principal: { personId: string; role: string; organisation: boolean };
  agentId: string;
  /** every party of the case */
  parties: readonly { personId: string; role: string }[];
  /** the case's authorities still in force or under review */
  live: readonly Pick<Representation, 'principal' | 'agent' | 'status'>[];
  /** the case is still being prepared or signed (no submission yet) */
  beforeSubmission: boolean;
}

/**
 * Whether the law lets `agentId` act for the principal in this case (undefined: it does).
 * Checked before anything is stored; the messages are what the citizen reads.
 */
export function appointmentRefusal(f: AppointmentFacts): Refusal | undefined {
  const no = (message: string): Refusal => ({ code: 'REPRESENTATION_NOT_ALLOWED', message });
  if (!f.beforeSubmission) return no('办件已提交，不能再委托代理人或登记监护人');
  if (f.principal.organisation)
    return no('单位当事人以其电子印章签署，不适用委托代理人或监护人（由其法定代表人授权办理）');
  if (f.agentId === f.principal.personId) return no('代理人不能是委托人本人');
  const side = sideOf(f.principal.role);
  // 民法典 §168: not with themself as the other side, nor for both sides at once
  if (f.parties.some((p) => p.personId === f.agentId && sideOf(p.role) !== side))
    return no('代理人不得是本办件的对方当事人（《民法典》第一百六十八条）');
  if (f.live.some((r) => r.agent.personId === f.agentId && sideOf(r.principal.role) !== side))
    return no('同一人不得同时代理本办件双方当事人（《民法典》第一百六十八条）');
  if (f.live.some((r) => r.principal.personId === f.principal.personId))
    return {
      code: 'REPRESENTATION_EXISTS',
      message: '该当事人在本办件中已有代理人或监护人，请先撤销后再重新委托',
    };
  return undefined;
}

/**
 * Why staff must look before the authority stands (empty: it stands at once). The registry cannot
 * verify a paper notarisation or an uploaded guardianship proof online; a guardian disposing of a
 * minor's property must act in the minor's interest (民法典 §35), which staff judge on the
 * guardian's written commitment.
 */
export function reviewReasonsOf(
  basis: RepresentationBasis,
  principalRole: string,
  kind: RepresentationKind,
): { code: string; explanation: string }[] {
  const out: { code: string; explanation: string }[] = [];
  if (basis === 'notarisedPowerOfAttorney')
    out.push({
      code: 'representation.notarisedPowerOfAttorney',
      explanation: '上传的公证委托书无法在线核验公证真伪，由登记机构人工核验后方可由代理人签署',
    });
  if (basis === 'uploadedGuardianship')
    out.push({
      code: 'representation.uploadedGuardianship',
      explanation:
        '公安户籍共享信息未显示监护关系，上传的监护证明由登记机构人工核验（《民法典》第二十七条）',
    });
  if (kind === 'guardian' && disposesOfProperty(principalRole))
    out.push({
      code: 'representation.guardianDisposal',
      explanation:
        '监护人处分被监护人的不动产，须为维护被监护人利益（《民法典》第三十五条），由登记机构人工审查监护人的书面承诺',
    });
  return out;
}

/** 民法典 §35: what a guardian disposing of the minor's property signs as their commitment. */
export const guardianCommitmentText = (guardian: string, minor: string): string =>
  `本人${guardian}作为${minor}的监护人，承诺本次处分被监护人不动产系为维护被监护人的利益（《民法典》第三十五条），如有不实，愿承担法律责任。`;

/** The 授权委托书's wording: who authorises whom, for what, and until when. */
export function powerOfAttorneyText(p: {
  principal: string;
  agent: string;
  businessTypeName: string;
  location: string;
}): string {
  return (
    `委托人${p.principal}委托${p.agent}为委托代理人，代为办理坐落于${p.location || '本办件所涉不动产'}的“${p.businessTypeName}”登记申请，` +
    '权限为：回答询问笔录、签署申请书及相关文件（以代理人本人的电子签名签署，注明代委托人签署）。代理人无转委托权。' +
    '委托期限自本委托书签署之日起至本办件办结或委托人撤销委托之日止（《民法典》第一百六十五条、第一百七十三条）。'
  );
}

/** A guardian's statement of the relation the household register shows. */
export const guardianshipText = (guardian: string, minor: string, basis: RepresentationBasis) =>
  `${guardian}系未成年人${minor}的监护人（父母，《民法典》第二十七条），依法作为其法定代理人（《民法典》第二十三条）代为办理本次不动产登记申请。` +
  (basis === 'householdRegister'
    ? '监护关系经公安户籍信息共享核验。'
    : '监护关系以上传的证明材料为据，经登记机构人工核验。');

/**
 * What revoking does, by when (民法典 §173(二): a principal may end the authority; §162: what
 * the agent did within it before binds the principal). Before submission the agent's
 * signatures not yet submitted lose their effect (the principal signs themself or appoints
 * another); after submission the submitted application stands and the agent can do nothing
 * more — the principal may still withdraw it until it is recorded (条例 §15).
 */
export const revocationEffect = (beforeSubmission: boolean): 'voidSignatures' | 'forFuture' =>
  beforeSubmission ? 'voidSignatures' : 'forFuture';

/** `委托代理人 许慧芳 代 委托人 叶美华`: how documents and signature records name the act. */
export const onBehalfText = (
  kind: RepresentationKind,
  agentName: string,
  principalName: string,
): string => `${CAPACITY[kind].actor} ${agentName} 代 ${CAPACITY[kind].principal} ${principalName}`;
