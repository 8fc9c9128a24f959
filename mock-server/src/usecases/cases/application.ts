/**
 * What the guided application takes from the register: the unit named by 我的不动产 or
 * by a certificate number (docs/registry-facts.md §2), the parties the register supplies for each
 * business type (the holders as sellers or mortgagors, a mortgage's mortgagee) and the spouse whose
 * consent a married holder's common property needs (民法典§1062).
 *
 * Whether a holder is married is 民政's sealed answer (shared data), fetched
 * asynchronously before the draft is made (usecases/cases/marriage.ts) and kept on the
 * case as `marriageCheck`; the register's own marriage data is not a substitute for it. When 民政
 * cannot answer, the holder's status is 'unknown' and the case cannot be submitted until 民政
 * answers (asked again on every submission and edit of the parties): the registry neither guesses
 * nor lets a spouse's consent be skipped.
 */
import type { BusinessType } from '../../domain/catalogue';
import type { CaseParty, MarriageCheck } from '../../domain/cases';
import { canonicalCertificateNumber, parseCertificateNumber } from '../../domain/identifiers';
import { AppError, validationFailed } from '../../domain/errors';
import { maskIdNumber } from '../../domain/masking';
import type { Mortgage, RestrictionState } from '../../domain/register';
import type { PartyDirectory, RegisterRepository } from '../../ports';

export interface ApplicationDeps {
  register: RegisterRepository;
  parties: PartyDirectory;
}

export interface Target {
  unitCode: string;
  /** 抵押权注销: the mortgage the case cancels */
  mortgage?: RestrictionState & Mortgage;
}

const certificateError = (
  code:
    | 'CERTIFICATE_NUMBER_INVALID'
    | 'CERTIFICATE_NOT_FOUND'
    | 'CERTIFICATE_NOT_CURRENT'
    | 'CERTIFICATE_NOT_ALLOWED',
  message: string,
) => new AppError(code, message);

const currentMortgages = async (deps: ApplicationDeps, unitCode: string) =>
  ((await deps.register.unit(unitCode))?.restrictions ?? []).filter(
    (r): r is RestrictionState & Mortgage => r.kind === 'mortgage' && r.status === 'current',
  );

/**
 * Who names the unit: a citizen online (`party`) or staff at the counter (`counter`, both sides
 * present in person, identities checked by staff). `count` counts one lookup against the person's
 * hourly limit (429 past it), shared by every path that names a unit.
 */
export interface TargetLookup {
  by: 'party' | 'counter';
  count?: () => Promise<void>;
}

/** 预告转本: the buyer names the unit by the 预告登记证明 they hold */
const byAdvanceNotice = (bt: BusinessType) =>
  bt.application?.byCertificateNumber?.kind === 'registrationProof' &&
  !bt.application.mortgageFromRegister;

/**
 * Online, one answer for a unit or certificate the caller has no standing on and for one that
 * is not in the register (docs/registry-facts.md §8: nobody learns who holds a unit, or
 * whether it exists, by naming it). A buyer joins the seller's case by the seller's invitation.
 */
const JOIN_BY_INVITATION = '买方无需自行发起：请卖方发起申请并邀请您，凭邀请码加入';
export const unitNotAvailable = () =>
  new AppError(
    'UNIT_NOT_AVAILABLE',
    `未找到您可以办理本业务的不动产，请从“我的不动产”中选择。${JOIN_BY_INVITATION}`,
  );
export const certificateNotAvailable = () =>
  certificateError(
    'CERTIFICATE_NOT_FOUND',
    `登记簿中没有您可凭此办理的证书，请核对证书号。${JOIN_BY_INVITATION}`,
  );

/**
 * Whether the caller stands on the unit for this business online: a holder of its current right,
 * or for 预告转本 a holder of its current advance notice, or for a cancellation a mortgagor or the
 * mortgagee of a current mortgage (then the mortgages they are party to).
 */
async function standing(
  deps: ApplicationDeps,
  bt: BusinessType,
  unitCode: string,
  personId: string,
): Promise<{ ok: boolean; mortgages: (RestrictionState & Mortgage)[] }> {
  const view = await deps.register.unit(unitCode);
  if (!view) return { ok: false, mortgages: [] };
  // 继承: the heirs' standing is 公安's answer, asked next (usecases/cases/drafts: heirs)
  if (bt.application?.heirsOfDeceasedHolder) return { ok: Boolean(view.right), mortgages: [] };
  if (bt.application?.mortgageFromRegister) {
    const mortgages = (await currentMortgages(deps, unitCode)).filter(
      (m) => m.mortgageeId === personId || m.mortgagorIds.includes(personId),
    );
    return { ok: mortgages.length > 0, mortgages };
  }
  // 预告登记 of a new home: the developer's unsold unit (its presale is public, the developer
  // signs by its e-seal); a unit held by people answers as any other (docs/registry-facts.md §8)
  if (bt.application?.records === 'advanceNotice') {
    const holders = view.right?.holders ?? [];
    let developers = holders.length > 0;
    for (const h of holders)
      if ((await deps.parties.person(h.personId))?.kind !== 'legal') developers = false;
    return { ok: developers, mortgages: [] };
  }
  if (byAdvanceNotice(bt))
    return {
      ok: view.restrictions.some(
        (r) =>
          r.kind === 'advanceNotice' &&
          r.status === 'current' &&
          r.rightHolderIds.includes(personId),
      ),
      mortgages: [],
    };
  return {
    ok: view.right?.holders.some((h) => h.personId === personId) ?? false,
    mortgages: [],
  };
}

/** The certificate number given, checked for form and kind (nothing looked up yet). */
function certificateNumberOf(bt: BusinessType, given: string): string {
  const allowed = bt.application?.byCertificateNumber;
  if (!allowed)
    throw certificateError(
      'CERTIFICATE_NOT_ALLOWED',
      `“${bt.name}”不能凭证书号选择不动产，请从“我的不动产”中选择`,
    );
  const parsed = parseCertificateNumber(given.replace(/\s+/g, ''));
  if (!parsed.ok)
    throw certificateError(
      'CERTIFICATE_NUMBER_INVALID',
      '证书号格式不正确，应如“浙(2026)台州市不动产权第0001234号”或“浙(2026)台州市不动产证明第0001234号”',
    );
  if (parsed.value.kind !== allowed.kind)
    throw certificateError(
      'CERTIFICATE_NUMBER_INVALID',
      allowed.kind === 'registrationProof'
        ? '请输入抵押权的不动产登记证明号（“不动产证明第…号”）'
        : '请输入不动产权证书号（“不动产权第…号”）',
    );
  return canonicalCertificateNumber(given.replace(/\s+/g, ''))!;
}

const notCurrent = (status: string) =>
  certificateError(
    'CERTIFICATE_NOT_CURRENT',
    status === 'void'
      ? '该证书已作废（已公告作废），不能据此申请，请使用现行有效的证书'
      : '该证书已注销，不能据此申请，请使用现行有效的证书',
  );

/**
 * The unit (and for a cancellation the mortgage) a new draft is about, named by unit code or by
 * certificate number (whose form and kind are checked first: 422). Online (`party`) the caller
 * must stand on the unit (see `standing`); anything else — someone else's unit or certificate, a
 * made-up code or number — answers one way (404 UNIT_NOT_AVAILABLE / CERTIFICATE_NOT_FOUND)
 * and is counted against the caller's lookup limit, as is every lookup by number, so neither the
 * holders nor the unit's existence are learnt by asking; a certificate the caller stands on that
 * is void or cancelled answers 409. The buyer of a sale is never the one who names the unit
 * online: the seller applies and invites them. At the counter the buyer may name the unit by the
 * seller's certificate number (`counterpartMayName`), with the register's detailed answers.
 */
export async function resolveTarget(
  deps: ApplicationDeps,
  bt: BusinessType,
  caller: { personId: string },
  input: { unitCode?: string; certificateNumber?: string; parties?: { role: string }[] },
  lookup: TargetLookup,
): Promise<Target> {
  if (lookup.by === 'counter') return resolveAtCounter(deps, bt, caller, input);
  const count = lookup.count ?? (async () => undefined);
  if (input.certificateNumber !== undefined && input.certificateNumber.trim() !== '') {
    const number = certificateNumberOf(bt, input.certificateNumber);
    await count();
    const cert = await deps.register.certificateByNumber(number);
    if (!cert) throw certificateNotAvailable();
    const view = await deps.register.unit(cert.unitCode);
    const allowed = bt.application!.byCertificateNumber!;
    if (allowed.kind === 'registrationProof') {
      // the advance notice or mortgage this proof certifies, current or not
      const r = (view?.restrictions ?? []).find(
        (x) =>
          (x.kind === 'mortgage' || x.kind === 'advanceNotice') &&
          x.certificateId === cert.certificateId,
      );
      const mine =
        r?.kind === 'advanceNotice' && byAdvanceNotice(bt)
          ? r.rightHolderIds.includes(caller.personId)
          : r?.kind === 'mortgage' && bt.application?.mortgageFromRegister
            ? r.mortgageeId === caller.personId || r.mortgagorIds.includes(caller.personId)
            : false;
      // a proof no longer current (its restriction gone from the register's present state)
      // is answered as such to a holder of the unit, whose history it is
      const holder = view?.right?.holders.some((h) => h.personId === caller.personId) ?? false;
      if (cert.status !== 'current' && holder) throw notCurrent(cert.status);
      if (!r || !mine) throw certificateNotAvailable();
      if (cert.status !== 'current' || r.status !== 'current') throw notCurrent(cert.status);
      return r.kind === 'mortgage'
        ? { unitCode: cert.unitCode, mortgage: r }
        : { unitCode: cert.unitCode };
    }
    if (!view?.right?.holders.some((h) => h.personId === caller.personId))
      throw certificateNotAvailable();
    if (cert.status !== 'current') throw notCurrent(cert.status);
    return { unitCode: cert.unitCode };
  }
  if (!input.unitCode) throw validationFailed('请选择不动产，或输入证书号');
  const unitCode = input.unitCode.replace(/\s+/g, '').toUpperCase();
  const s = await standing(deps, bt, unitCode, caller.personId);
  if (!s.ok) {
    await count();
    throw unitNotAvailable();
  }
  if (s.mortgages.length > 1)
    throw validationFailed('该不动产有多项抵押权，请输入要注销的不动产登记证明号');
  return s.mortgages[0] ? { unitCode, mortgage: s.mortgages[0] } : { unitCode };
}

/**
 * At the counter (staff key in what the applicants present): by certificate number the format
 * must hold (422), the number must be in the register (404) and current (409), the business
 * must take this kind of certificate and the applicant must hold it — or be the other side of a
 * joint application that allows it (403).
 */
async function resolveAtCounter(
  deps: ApplicationDeps,
  bt: BusinessType,
  caller: { personId: string },
  input: { unitCode?: string; certificateNumber?: string; parties?: { role: string }[] },
): Promise<Target> {
  const spec = bt.application;
  if (input.certificateNumber !== undefined && input.certificateNumber.trim() !== '') {
    const allowed = spec!.byCertificateNumber!;
    const number = certificateNumberOf(bt, input.certificateNumber);
    const cert = await deps.register.certificateByNumber(number);
    if (!cert)
      throw certificateError('CERTIFICATE_NOT_FOUND', '登记簿中没有这个证书号，请核对后重新输入');
    if (cert.status !== 'current') throw notCurrent(cert.status);
    const view = await deps.register.unit(cert.unitCode);
    if (allowed.kind === 'registrationProof' && !spec?.mortgageFromRegister) {
      const notice = (view?.restrictions ?? []).find(
        (r) =>
          r.kind === 'advanceNotice' &&
          r.status === 'current' &&
          r.certificateId === cert.certificateId,
      );
      if (!notice || notice.kind !== 'advanceNotice')
        throw certificateError(
          'CERTIFICATE_NUMBER_INVALID',
          '请输入您的预告登记证明号（不动产证明第…号）',
        );
      if (!notice.rightHolderIds.includes(caller.personId))
        throw certificateError(
          'CERTIFICATE_NOT_ALLOWED',
          '您不是该预告登记的权利人，不能凭此证明号申请',
        );
      return { unitCode: cert.unitCode };
    }
    if (allowed.kind === 'registrationProof') {
      const mortgage = (await currentMortgages(deps, cert.unitCode)).find(
        (m) => m.certificateId === cert.certificateId,
      );
      if (!mortgage) throw certificateError('CERTIFICATE_NOT_CURRENT', '该证明记载的抵押权已注销');
      if (
        caller.personId !== mortgage.mortgageeId &&
        !mortgage.mortgagorIds.includes(caller.personId)
      )
        throw certificateError(
          'CERTIFICATE_NOT_ALLOWED',
          '您不是该抵押权的抵押人或抵押权人，不能凭此证明号申请',
        );
      return { unitCode: cert.unitCode, mortgage };
    }
    const holder = view?.right?.holders.some((h) => h.personId === caller.personId) ?? false;
    const counterpart =
      allowed.counterpartMayName &&
      (input.parties ?? []).some((p) => p.role === 'rightHolder') &&
      !holder;
    if (!holder && !counterpart)
      throw certificateError(
        'CERTIFICATE_NOT_ALLOWED',
        allowed.counterpartMayName
          ? '您不是该证书的权利人；作为买方凭卖方证书号申请时，请把自己列为权利人（买方）'
          : '您不是该证书的权利人，不能凭此证书号办理本业务',
      );
    return { unitCode: cert.unitCode };
  }
  if (!input.unitCode) throw validationFailed('请选择不动产，或输入证书号');
  const unitCode = input.unitCode.replace(/\s+/g, '').toUpperCase();
  if (spec?.mortgageFromRegister) {
    const mortgages = (await currentMortgages(deps, unitCode)).filter(
      (m) => m.mortgageeId === caller.personId || m.mortgagorIds.includes(caller.personId),
    );
    if (mortgages.length === 0)
      throw validationFailed('该不动产没有您作为抵押人或抵押权人的现势抵押权');
    if (mortgages.length > 1)
      throw validationFailed('该不动产有多项抵押权，请输入要注销的不动产登记证明号');
    return { unitCode, mortgage: mortgages[0] };
  }
  return { unitCode };
}

const partyOf = async (deps: ApplicationDeps, personId: string, role: CaseParty['role']) => {
  const p = await deps.parties.person(personId);
  return p ? { personId: p.personId, name: p.name, role } : undefined;
};

/** Business types where a married holder's spouse consents (a consentingSpouse role). */
export const needsSpouseConsent = (bt: BusinessType): boolean =>
  bt.roles.some((r) => r.role === 'consentingSpouse');

/** The natural-person holders of the unit's current right, whose marriage 民政 is asked about. */
export async function holdersToCheck(
  deps: ApplicationDeps,
  bt: BusinessType,
  unitCode: string,
): Promise<{ personId: string; idNumber: string }[]> {
  if (!needsSpouseConsent(bt)) return [];
  const out: { personId: string; idNumber: string }[] = [];
  for (const h of (await deps.register.unit(unitCode))?.right?.holders ?? []) {
    const p = await deps.parties.person(h.personId);
    if (p && p.kind === 'natural') out.push({ personId: p.personId, idNumber: p.idNumber });
  }
  return out;
}

const UNKNOWN_REASON_TEXT: Record<string, string> = {
  timeout: '查询超时',
  unavailable: '系统维护',
  sealInvalid: '印章校验未通过',
  noSource: '暂未接入',
  notFound: '未查到该权利人的记录',
  spouseUnknown: '登记的配偶身份无法核实',
};

/**
 * 民政 answered again (`fresh`) for a case whose check (`current`) has holders who pledged their
 * status (婚姻状况承诺): a pledge is never silently replaced — the holder keeps the pledged
 * status, and 民政's answer is kept beside it (`laterAnswer`), marked when it contradicts the
 * pledge (another status, or another spouse): then staff decide (review rule
 * marriage.commitmentMatches). Holders without a pledge take 民政's answer as before.
 */
export function mergeMarriageAnswer(current: MarriageCheck, fresh: MarriageCheck): MarriageCheck {
  const added = fresh.holders.filter(
    (h) => !current.holders.some((x) => x.personId === h.personId),
  );
  return {
    checkedAt: fresh.checkedAt,
    holders: [...current.holders, ...added].map((cur) => {
      const h = fresh.holders.find((x) => x.personId === cur.personId);
      if (!h) return cur;
      if (!cur.commitment) return h;
      if (h.status === 'unknown' || !h.recordId) return cur;
      const pledgedMarried = cur.commitment.maritalStatus === '已婚';
      const contradicts =
        pledgedMarried !== (h.status === 'married') ||
        (pledgedMarried && h.spouseId !== cur.commitment.spouseId);
      return {
        ...cur,
        laterAnswer: {
          recordId: h.recordId,
          status: h.status,
          contradicts,
          ...(h.spouseId ? { spouseId: h.spouseId } : {}),
        },
      };
    }),
  };
}

/** Holders who pledged their status and whose pledge 民政 has not answered on yet. */
export const awaitsLaterAnswer = (check: MarriageCheck | undefined): boolean =>
  (check?.holders ?? []).some((h) => h.commitment && !h.laterAnswer);

/**
 * The wording of a holder's 婚姻状况承诺, as it is signed in the bundle (which every party reads:
 * the spouse's ID number is masked there; the pledge keeps the spouse's personId).
 */
export function maritalCommitmentText(
  name: string,
  status: string,
  spouse?: { name: string; idNumber: string },
): string {
  const who = spouse
    ? `，配偶为${spouse.name}（公民身份号码${maskIdNumber(spouse.idNumber)}）`
    : '';
  return `本人${name}承诺：本人目前婚姻状况为${status}${who}。以上情况真实，如有不实，愿承担相应法律责任，登记机构可依法撤销登记。`;
}

/**
 * While 民政 has not answered for a holder: why, and what happens (the case waits for 民政; it
 * is asked again on the next submission). Undefined when every holder's status is known.
 */
export function marriagePendingMessage(check: MarriageCheck | undefined): string | undefined {
  const unknown = (check?.holders ?? []).filter((h) => h.status === 'unknown');
  if (!unknown.length) return undefined;
  const reasons = [
    ...new Set(unknown.map((h) => UNKNOWN_REASON_TEXT[h.reason ?? ''] ?? '暂不可用')),
  ];
  return `民政婚姻登记信息暂未取得（${reasons.join('、')}），无法确认是否需要配偶同意，暂不能提交。请稍后再提交，届时将重新向民政查询`;
}

/**
 * The spouses whose consent the case needs: each natural-person holder of the unit's current
 * right whom 民政 answered married (the case's `marriageCheck`), whose spouse is not a holder,
 * when the right was registered during the marriage (then it is common property, 民法典§1062).
 * Only business types with a consentingSpouse role; no check (an older case) adds nobody.
 */
export async function spousesToConsent(
  deps: ApplicationDeps,
  bt: BusinessType,
  unitCode: string,
  check: MarriageCheck | undefined,
): Promise<{ personId: string; name: string }[]> {
  if (!needsSpouseConsent(bt) || !check) return [];
  const right = (await deps.register.unit(unitCode))?.right;
  if (!right) return [];
  const holders = new Set(right.holders.map((h) => h.personId));
  const out: { personId: string; name: string }[] = [];
  for (const h of right.holders) {
    const m = check.holders.find((x) => x.personId === h.personId);
    if (m?.status !== 'married' || !m.spouseId) continue;
    // a pledged marriage (婚姻状况承诺) has no registration date: its spouse always consents
    if (!m.commitment && (!m.registeredOn || right.registeredOn < m.registeredOn)) continue;
    if (holders.has(m.spouseId)) continue;
    const spouse = await deps.parties.person(m.spouseId);
    if (spouse && !out.some((x) => x.personId === spouse.personId))
      out.push({ personId: spouse.personId, name: spouse.name });
  }
  return out;
}

/**
 * Completes the parties from the register: the unit's holders in the business's role (unless the
 * applicant named them), a cancelled mortgage's mortgagee and mortgagors, and every spouse whose
 * consent is needed as `consentingSpouse` — the latter always, so a spouse cannot be left out.
 */
export async function withRegisterParties(
  deps: ApplicationDeps,
  bt: BusinessType,
  unitCode: string,
  named: CaseParty[],
  mortgage: RestrictionState | undefined,
  check: MarriageCheck | undefined,
): Promise<CaseParty[]> {
  let parties = [...named];
  const add = (p: CaseParty | undefined) => {
    if (p && !parties.some((x) => x.personId === p.personId && x.role === p.role))
      parties = [...parties, p];
  };
  const spec = bt.application;
  const holdersAs = spec?.holdersAs;
  if (holdersAs && !parties.some((p) => p.role === holdersAs)) {
    for (const h of (await deps.register.unit(unitCode))?.right?.holders ?? [])
      add(await partyOf(deps, h.personId, holdersAs));
  }
  if (spec?.mortgageFromRegister && mortgage?.kind === 'mortgage') {
    add(await partyOf(deps, mortgage.mortgageeId, 'mortgagee'));
    for (const id of mortgage.mortgagorIds) add(await partyOf(deps, id, 'rightHolder'));
  }
  // 带押过户: every current mortgage's mortgagee consents as 原抵押权人
  if (spec?.releasesMortgages)
    for (const m of await currentMortgages(deps, unitCode))
      add(await partyOf(deps, m.mortgageeId, 'releasingMortgagee'));
  // 预购商品房抵押预告: the buyers holding the unit's advance notice of purchase give the mortgage
  if (
    spec?.advanceNoticeHoldersAs &&
    !parties.some((p) => p.role === spec.advanceNoticeHoldersAs)
  ) {
    const notice = ((await deps.register.unit(unitCode))?.restrictions ?? []).find(
      (r) => r.kind === 'advanceNotice' && r.status === 'current' && r.secures !== 'mortgage',
    );
    if (notice?.kind === 'advanceNotice')
      for (const id of notice.rightHolderIds)
        add(await partyOf(deps, id, spec.advanceNoticeHoldersAs));
  }
  for (const s of await spousesToConsent(deps, bt, unitCode, check))
    add({ personId: s.personId, name: s.name, role: 'consentingSpouse' });
  return parties;
}
