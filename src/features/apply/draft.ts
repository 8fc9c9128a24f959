/**
 * The application being filled in: the wizard's step, the local form, and the server draft.
 * Every change is cached on the device (platform storage) at once, so an app killed mid-way
 * resumes at the same step; the server draft (POST /cases, then PATCH with `version`) lets
 * another phone continue after login.
 */
import type { CaseDetail, CreateCaseBody, EditCaseBody } from '@contract';
import { create } from 'zustand';
import { toApiError, type ApiError } from '@/shared/api';
import { getPlatform } from '@/shared/platform';
import { checkIdNumber } from '@/shared/lib/idNumber';
import { maskName } from '@/shared/lib/mask';
import { isCalendarDate, isoInstant } from '@/shared/lib/time';
import { caseAction, createCase, editCase, fetchCase, fetchMyCases } from './api';
import { checkShares, percentToBp } from './shares';

export const DRAFT_KEY = 'he.apply.draft';

export const STEPS = [
  { key: 'business', title: '选择业务' },
  { key: 'unit', title: '选择不动产' },
  { key: 'parties', title: '当事人' },
  { key: 'inquiry', title: '询问笔录' },
  { key: 'materials', title: '申请材料' },
  { key: 'preview', title: '预览文书' },
  { key: 'sign', title: '签名' },
  { key: 'submit', title: '提交' },
] as const;
export type StepKey = (typeof STEPS)[number]['key'];
export const stepIndex = (k: StepKey) => STEPS.findIndex((s) => s.key === k);

export type CoOwnershipMode = 'sole' | 'joint' | 'shares';

export interface HolderForm {
  key: string;
  name: string;
  idNumber: string;
  phone: string;
  /** percent text typed in the shares editor */
  percent: string;
}

/** What a business type records (catalogue `application.records`); transfers when absent. */
export type RecordsKind = 'transfer' | 'mortgage' | 'mortgageCancellation' | 'holderIdentityChange';

export interface DraftForm {
  businessTypeCode?: string;
  businessTypeName?: string;
  /** what the chosen business records; decides the parties step */
  records?: RecordsKind;
  /** the kind of certificate number the business accepts in 选择不动产, if any */
  byCertificateNumber?: 'titleCertificate' | 'registrationProof';
  unitCode?: string;
  /** the unit named by certificate number instead of 我的不动产 */
  certificateNumber?: string;
  location?: string;
  holders: HolderForm[];
  coOwnership: CoOwnershipMode;
  priceYuan: string;
  /** 抵押权首次登记: the bank and the mortgage */
  mortgageeName?: string;
  mortgageeUscc?: string;
  mortgageType?: '一般抵押' | '最高额抵押';
  securedAmountYuan?: string;
  debtStartsOn?: string;
  debtEndsOn?: string;
  /** 变更登记: the new name and ID number */
  newName?: string;
  newIdNumber?: string;
}

export interface CachedDraft {
  v: 1;
  step: StepKey;
  caseId?: string;
  form: DraftForm;
  savedAt: string;
}

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

export interface ApplyState {
  /** restoring from the device cache / server */
  restoring: boolean;
  step: StepKey;
  form: DraftForm;
  caseId?: string;
  detail: CaseDetail | null;
  save: SaveState;
  saveError: ApiError | null;
  /** a business type chosen on 首页, selected as soon as the catalogue is read */
  preselect?: string;
}

const emptyForm = (): DraftForm => ({ holders: [], coOwnership: 'sole', priceYuan: '' });

export const useApply = create<ApplyState>()(() => ({
  restoring: true,
  step: 'business',
  form: emptyForm(),
  detail: null,
  save: 'idle',
  saveError: null,
}));

function persist(): void {
  const s = useApply.getState();
  const cached: CachedDraft = {
    v: 1,
    step: s.step,
    ...(s.caseId ? { caseId: s.caseId } : {}),
    form: s.form,
    savedAt: isoInstant(),
  };
  try {
    getPlatform().storage.set(DRAFT_KEY, JSON.stringify(cached));
  } catch {
    /* storage full or unavailable: the server draft still holds it */
  }
}

export function readCachedDraft(): CachedDraft | null {
  try {
    const raw = getPlatform().storage.get(DRAFT_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as CachedDraft;
    return v && v.v === 1 && v.form ? v : null;
  } catch {
    return null;
  }
}

export function clearCachedDraft(): void {
  getPlatform().storage.remove(DRAFT_KEY);
}

export function setStep(step: StepKey): void {
  useApply.setState({ step });
  persist();
}

export function updateForm(change: Partial<DraftForm>): void {
  useApply.setState((s) => ({ form: { ...s.form, ...change } }));
  persist();
}

export function setDetail(detail: CaseDetail): void {
  useApply.setState({ detail, caseId: detail.caseId });
  persist();
}

let keySeq = 0;
export const newHolder = (): HolderForm => ({
  key: `h${Date.now().toString(36)}${(keySeq++).toString(36)}`,
  name: '',
  idNumber: '',
  phone: '',
  percent: '',
});

/** Where a case read from the server (another phone) should resume. */
export function stepForCase(c: CaseDetail): StepKey {
  if (c.status === 'signing') return 'sign';
  if (c.status !== 'draft') return 'submit';
  if (!c.parties.some((p) => p.role === 'rightHolder' || p.role === 'mortgagee')) return 'parties';
  // the initiator's 询问笔录 answered: it was saved on the way to the materials
  return Object.keys(c.answers ?? {}).length ? 'materials' : 'inquiry';
}

/** Rebuilds the local form from a server draft (names and shares; ID numbers stay on the server). */
export function formFromCase(c: CaseDetail, previous?: DraftForm): DraftForm {
  const holders = c.parties
    .filter((p) => p.role === 'rightHolder')
    .map((p, i) => {
      // the server shows another person's name masked (张*): the name entered on this phone
      // is the one it masks, and stays as entered
      const old = previous?.holders.find((h) => h.name === p.name || maskName(h.name) === p.name);
      return {
        key: old?.key ?? `s${i}`,
        name: old?.name ?? p.name,
        idNumber: old?.idNumber ?? '',
        phone: old?.phone ?? '',
        percent:
          p.shareBasisPoints !== undefined
            ? String(p.shareBasisPoints / 100)
            : (old?.percent ?? ''),
      };
    });
  const mortgagee = c.parties.find((p) => p.role === 'mortgagee');
  return {
    ...(previous
      ? {
          records: previous.records,
          byCertificateNumber: previous.byCertificateNumber,
          certificateNumber: previous.certificateNumber,
          mortgageeUscc: previous.mortgageeUscc,
          newIdNumber: previous.newIdNumber,
        }
      : {}),
    ...(c.mortgage
      ? {
          records: 'mortgage' as const,
          mortgageType: c.mortgage.mortgageType,
          securedAmountYuan: String(c.mortgage.securedAmountYuan),
          debtStartsOn: c.mortgage.debtStartsOn,
          debtEndsOn: c.mortgage.debtEndsOn,
        }
      : {}),
    ...(mortgagee ? { mortgageeName: mortgagee.name } : {}),
    ...(c.cancelsRestrictionId ? { records: 'mortgageCancellation' as const } : {}),
    ...(c.identityChange
      ? { records: 'holderIdentityChange' as const, newName: c.identityChange.newName }
      : {}),
    businessTypeCode: c.businessTypeCode,
    businessTypeName: c.businessTypeName,
    unitCode: c.unitCode,
    location: c.location,
    holders: holders.length ? holders : (previous?.holders ?? []),
    coOwnership: c.newCoOwnership ?? previous?.coOwnership ?? 'sole',
    priceYuan: c.priceYuan !== undefined ? String(c.priceYuan) : (previous?.priceYuan ?? ''),
  };
}

/** Restores the wizard: a case id from the route wins, then the device cache. */
export async function restore(routeCaseId?: string): Promise<void> {
  const cached = readCachedDraft();
  let caseId = routeCaseId || cached?.caseId;
  if (!caseId && !cached) {
    // a new phone (or a cleared one): continue the draft begun elsewhere, if there is one
    caseId = await latestOwnDraft();
  }
  if (!caseId) {
    useApply.setState({
      restoring: false,
      step: cached?.step ?? 'business',
      form: cached?.form ?? emptyForm(),
      caseId: undefined,
      detail: null,
    });
    return;
  }
  try {
    const c = await fetchCase(caseId);
    const sameCase = cached?.caseId === c.caseId;
    const step = sameCase && c.status === 'draft' ? cached!.step : stepForCase(c);
    useApply.setState({
      restoring: false,
      step,
      caseId: c.caseId,
      detail: c,
      form: formFromCase(c, sameCase ? cached!.form : undefined),
    });
    persist();
  } catch (e) {
    const err = toApiError(e);
    if (err.code === 'NOT_FOUND') {
      clearCachedDraft();
      useApply.setState({
        restoring: false,
        step: 'business',
        form: emptyForm(),
        caseId: undefined,
        detail: null,
      });
      return;
    }
    // offline: carry on from the device copy; the next save reaches the server
    useApply.setState({
      restoring: false,
      step: cached?.step ?? 'business',
      form: cached?.form ?? emptyForm(),
      caseId,
      saveError: err,
    });
  }
}

/** My most recently changed draft that I may still edit (begun on this or another phone). */
async function latestOwnDraft(): Promise<string | undefined> {
  try {
    const mine = (await fetchMyCases()).filter(
      (c) => c.status === 'draft' && c.availableActions.includes('edit'),
    );
    mine.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return mine[0]?.caseId;
  } catch {
    return undefined;
  }
}

/**
 * 首页's business card: open the application on that business type. An application already saved
 * on the server is never thrown away (the page shows it, with 重新开始); an unsaved start of
 * another business on this device gives way to the one just tapped.
 */
export function preferBusinessType(code: string): void {
  const s = useApply.getState();
  if (s.caseId) return;
  if (s.form.businessTypeCode === code && s.step !== 'business') return;
  startOver();
  useApply.setState({ preselect: code });
}

/** The preselected business type was taken (or is not offered): never select it again. */
export function clearPreselect(): void {
  useApply.setState({ preselect: undefined });
}

export function startOver(): void {
  clearCachedDraft();
  useApply.setState({
    restoring: false,
    step: 'business',
    form: emptyForm(),
    caseId: undefined,
    detail: null,
    save: 'idle',
    saveError: null,
  });
}

// ---------------------------------------------------------------- validation

export interface PartiesCheck {
  ok: boolean;
  holders: { name?: string; idNumber?: string; phone?: string }[];
  shares: ReturnType<typeof checkShares> | null;
  price?: string;
  message: string;
}

export interface TermsCheck {
  ok: boolean;
  fields: Partial<
    Record<
      | 'mortgageeName'
      | 'mortgageeUscc'
      | 'mortgageType'
      | 'securedAmountYuan'
      | 'debtStartsOn'
      | 'debtEndsOn'
      | 'newName'
      | 'newIdNumber',
      string
    >
  >;
  message: string;
}

const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The business's own terms on the parties step: the mortgage and bank, or the new identity. */
export function checkTerms(form: DraftForm): TermsCheck {
  const fields: TermsCheck['fields'] = {};
  if (form.records === 'mortgage') {
    if (!form.mortgageeName?.trim()) fields.mortgageeName = '请填写抵押权人（银行）名称';
    if (!USCC.test((form.mortgageeUscc ?? '').trim().toUpperCase()))
      fields.mortgageeUscc = '请填写18位统一社会信用代码';
    if (!form.mortgageType) fields.mortgageType = '请选择抵押方式';
    if (!/^[1-9]\d{0,9}$/.test((form.securedAmountYuan ?? '').trim()))
      fields.securedAmountYuan = '请填写被担保债权数额（元，整数）';
    if (!isCalendarDate(form.debtStartsOn ?? '')) fields.debtStartsOn = '请选择债务履行开始日期';
    if (!isCalendarDate(form.debtEndsOn ?? '')) fields.debtEndsOn = '请选择债务履行结束日期';
    else if (form.debtStartsOn && form.debtEndsOn! <= form.debtStartsOn)
      fields.debtEndsOn = '结束日期必须晚于开始日期';
  }
  if (form.records === 'holderIdentityChange') {
    if (!form.newName?.trim()) fields.newName = '请填写变更后的姓名';
    const id = checkIdNumber(form.newIdNumber ?? '');
    if (!id.ok) fields.newIdNumber = id.message;
  }
  const first = Object.values(fields)[0];
  return { ok: !first, fields, message: first ?? '' };
}

export function checkParties(form: DraftForm, needsPrice: boolean): PartiesCheck {
  const holders = form.holders.map((h) => {
    const p: { name?: string; idNumber?: string; phone?: string } = {};
    if (!h.name.trim()) p.name = '请填写姓名';
    const id = checkIdNumber(h.idNumber);
    if (!id.ok) p.idNumber = id.message;
    if (!/^1\d{10}$/.test(h.phone.trim())) p.phone = '请填写11位手机号码';
    return p;
  });
  const ids = form.holders.map((h) => h.idNumber.trim().toUpperCase());
  ids.forEach((id, i) => {
    if (id && ids.indexOf(id) !== i) holders[i].idNumber = '同一人不能重复添加';
  });
  const shares =
    form.holders.length > 1 && form.coOwnership === 'shares'
      ? checkShares(form.holders.map((h) => h.percent))
      : null;
  let price: string | undefined;
  if (needsPrice && !/^\d{1,10}$/.test(form.priceYuan.trim())) price = '请填写成交价格（元，整数）';
  let message = '';
  if (form.holders.length === 0) message = '请至少添加一位权利人（买方）';
  else if (holders.some((h) => Object.keys(h).length)) message = '请检查权利人信息';
  else if (form.holders.length > 1 && form.coOwnership === 'sole')
    message = '两位及以上权利人时，请选择共同共有或按份共有';
  else if (shares && !shares.ok) message = shares.message;
  else if (price) message = price;
  return { ok: message === '', holders, shares, ...(price ? { price } : {}), message };
}

function partiesBody(form: DraftForm) {
  const shares = form.coOwnership === 'shares' && form.holders.length > 1;
  return form.holders.map((h) => ({
    idNumber: h.idNumber.trim().toUpperCase(),
    name: h.name.trim(),
    role: 'rightHolder' as const,
    ...(shares ? { shareBasisPoints: percentToBp(h.percent) ?? 0 } : {}),
  }));
}

const coOwnershipOf = (form: DraftForm): CoOwnershipMode =>
  form.holders.length <= 1 ? 'sole' : form.coOwnership;

const holdersSignature = (form: DraftForm) =>
  JSON.stringify(partiesBody(form).map((p) => [p.idNumber, p.name, p.shareBasisPoints ?? null]));

/** what the server draft was created with (to know when the holders changed) */
let savedHolders: string | null = null;

/**
 * Saves the parties step to the server: creates the draft the first time; afterwards PATCHes
 * the co-ownership and price with the last version read. A PATCH of `parties` must name every
 * party with ID number, which the phone does not know for the register's obligors, so changed
 * right holders withdraw the old draft and create a new one carrying everything else over.
 */
export async function saveParties(): Promise<CaseDetail> {
  const { form } = useApply.getState();
  if (form.records && form.records !== 'transfer') return saveTerms();
  return saveTransferParties();
}

/** Where the unit comes from: 我的不动产, or a certificate number the user typed. */
const unitOf = (form: DraftForm) =>
  form.certificateNumber
    ? { certificateNumber: form.certificateNumber.trim() }
    : { unitCode: form.unitCode! };

/**
 * The parties step of a mortgage, a cancellation or a change of identity: the holders (and a
 * married holder's spouse, and for a cancellation the bank) come from the register; the user
 * names the bank and the mortgage, or the new name and ID number.
 */
async function saveTerms(): Promise<CaseDetail> {
  const { form, detail } = useApply.getState();
  useApply.setState({ save: 'saving', saveError: null });
  try {
    const mortgage =
      form.records === 'mortgage'
        ? {
            mortgageType: form.mortgageType ?? '一般抵押',
            securedAmountYuan: Number((form.securedAmountYuan ?? '').trim()),
            debtStartsOn: form.debtStartsOn ?? '',
            debtEndsOn: form.debtEndsOn ?? '',
          }
        : undefined;
    const mortgagee =
      form.records === 'mortgage'
        ? [
            {
              idNumber: (form.mortgageeUscc ?? '').trim().toUpperCase(),
              name: (form.mortgageeName ?? '').trim(),
              role: 'mortgagee' as const,
            },
          ]
        : undefined;
    const identityChange =
      form.records === 'holderIdentityChange'
        ? {
            newName: (form.newName ?? '').trim(),
            newIdNumber: (form.newIdNumber ?? '').trim().toUpperCase(),
          }
        : undefined;
    let c: CaseDetail;
    if (detail && detail.status === 'draft') {
      const body: EditCaseBody = {
        version: detail.version,
        ...(mortgage ? { mortgage } : {}),
        ...(identityChange ? { identityChange } : {}),
        // the holders and a spouse are added again by the server from the register
        ...(mortgagee ? { parties: mortgagee } : {}),
      };
      c = await editWithRetry(detail.caseId, body);
    } else {
      const body: CreateCaseBody = {
        businessTypeCode: form.businessTypeCode!,
        ...unitOf(form),
        ...(mortgagee ? { parties: mortgagee } : {}),
        ...(mortgage ? { mortgage } : {}),
        ...(identityChange ? { identityChange } : {}),
      };
      c = await createCase(body);
    }
    useApply.setState({ save: 'saved', detail: c, caseId: c.caseId });
    persist();
    return c;
  } catch (e) {
    const err = toApiError(e);
    useApply.setState({ save: 'error', saveError: err });
    throw err;
  }
}

async function saveTransferParties(): Promise<CaseDetail> {
  const { form, detail } = useApply.getState();
  useApply.setState({ save: 'saving', saveError: null });
  try {
    const priceYuan = form.priceYuan.trim() ? Number(form.priceYuan.trim()) : undefined;
    const sig = holdersSignature(form);
    let c: CaseDetail;
    const sameHolders =
      detail &&
      (savedHolders === sig ||
        (savedHolders === null &&
          JSON.stringify(
            detail.parties
              .filter((p) => p.role === 'rightHolder')
              .map((p) => [p.name, p.shareBasisPoints ?? null]),
          ) ===
            JSON.stringify(partiesBody(form).map((p) => [p.name, p.shareBasisPoints ?? null]))));
    if (detail && detail.status === 'draft' && sameHolders) {
      const body: EditCaseBody = {
        version: detail.version,
        newCoOwnership: coOwnershipOf(form),
        ...(priceYuan !== undefined ? { priceYuan } : {}),
      };
      c = await editWithRetry(detail.caseId, body);
    } else {
      if (detail && detail.availableActions.includes('withdraw') && detail.status === 'draft') {
        await caseAction(detail.caseId, 'withdraw', {
          note: '申请人修改了权利人，重新创建申请',
        }).catch(() => undefined);
      }
      const body: CreateCaseBody = {
        businessTypeCode: form.businessTypeCode!,
        ...unitOf(form),
        parties: partiesBody(form),
        newCoOwnership: coOwnershipOf(form),
        ...(priceYuan !== undefined ? { priceYuan } : {}),
        ...(detail ? { answers: detail.answers } : {}),
      };
      c = await createCase(body);
    }
    savedHolders = sig;
    useApply.setState({ save: 'saved', detail: c, caseId: c.caseId });
    persist();
    return c;
  } catch (e) {
    const err = toApiError(e);
    useApply.setState({ save: 'error', saveError: err });
    throw err;
  }
}

/** PATCH with the version last read; on a version conflict read again and retry once. */
export async function editWithRetry(caseId: string, body: EditCaseBody): Promise<CaseDetail> {
  try {
    return await editCase(caseId, body);
  } catch (e) {
    const err = toApiError(e);
    if (err.status !== 409) throw err;
    const fresh = await fetchCase(caseId);
    return editCase(caseId, { ...body, version: fresh.version });
  }
}

/** Reads the server draft again (after another party acted). */
export async function refreshCase(): Promise<CaseDetail | null> {
  const id = useApply.getState().caseId;
  if (!id) return null;
  const c = await fetchCase(id);
  setDetail(c);
  return c;
}

/** tests */
export function resetApply(): void {
  savedHolders = null;
  useApply.setState({
    restoring: true,
    step: 'business',
    form: emptyForm(),
    caseId: undefined,
    detail: null,
    save: 'idle',
    saveError: null,
  });
}
