/**
 * The register (登记簿): units, rights, restrictions and certificates. The register is an
 * append-only sequence of register events; its current state is derived from them
 * (`projectRegister`). The SQLite adapter stores the same events and keeps derived tables.
 *
 * Dates are `YYYY-MM-DD` strings, instants ISO-8601 strings; areas are square metres with two
 * decimals; shares are basis points (1/10000), so a share set sums to exactly 10000.
 */
import { checkCitizenId, checkUnitCode, checkUscc, parseCertificateNumber } from './identifiers';
import { registerInvariantViolated } from './errors';

/** The reform (台政办发〔2021〕20号) took effect on this date; earlier certificates are paper. */
export const REFORM_DATE = '2021-06-15';
export const FULL_SHARE_BASIS_POINTS = 10000;

// ---------------------------------------------------------------- parties

export type PersonKind = 'natural' | 'legal';
export type PersonIdType = 'citizenId' | 'uscc';

/** A natural person (公安 data) or an organisation (bank, court, developer). */
export interface Person {
  personId: string;
  kind: PersonKind;
  name: string;
  idType: PersonIdType;
  idNumber: string;
  phone?: string;
}

/** A marriage as 民政 would share it. */
export interface Marriage {
  marriageId: string;
  spouseIds: [string, string];
  registeredOn: string;
}

// ---------------------------------------------------------------- units

export type UnitUse = '住宅' | '商业' | '办公';

export interface Unit {
  unitCode: string;
  countyCode: string;
  location: string;
  use: UnitUse;
  /** 权利性质, e.g. 出让/商品房 */
  nature: string;
  /** 房屋建筑面积 ㎡ */
  buildingArea: number;
  /**
   * 专有建筑面积 (套内) and 分摊建筑面积 ㎡, from the cadastral survey; together the building area
   * (docs/registry-facts.md §16). Absent on units registered before the register kept them.
   */
  exclusiveArea?: number;
  apportionedArea?: number;
  /** 共用宗地面积 ㎡ */
  sharedLandArea: number;
  structure: string;
  floor: number;
  totalFloors: number;
  /** end of the land use term (使用期限), YYYY-MM-DD */
  landUseEndsOn: string;
}

// ---------------------------------------------------------------- rights

export type CoOwnership = 'sole' | 'joint' | 'shares';

export interface Holder {
  personId: string;
  /** only with coOwnership = shares; all holders' shares sum to exactly 10000 */
  shareBasisPoints?: number;
}

export type RightStatus = 'current' | 'cancelled';

export interface Right {
  rightId: string;
  unitCode: string;
  /** 权利类型, e.g. 国有建设用地使用权/房屋所有权 */
  rightType: string;
  coOwnership: CoOwnership;
  holders: Holder[];
  registeredOn: string;
  certificateId: string;
}

// ---------------------------------------------------------------- restrictions

export type RestrictionKind = 'mortgage' | 'seizure' | 'objection' | 'advanceNotice';
export type RestrictionStatus = 'current' | 'cancelled';

interface RestrictionBase {
  restrictionId: string;
  unitCode: string;
  registeredOn: string;
}

export interface Mortgage extends RestrictionBase {
  kind: 'mortgage';
  mortgageeId: string;
  /** 抵押人: the holders who gave the mortgage */
  mortgagorIds: string[];
  mortgageType: '一般抵押' | '最高额抵押';
  /** 被担保主债权数额 / 最高债权额, yuan */
  securedAmountYuan: number;
  debtStartsOn: string;
  debtEndsOn: string;
  certificateId: string;
}

export interface Seizure extends RestrictionBase {
  kind: 'seizure';
  courtId: string;
  /** 查封文号, e.g. (2025)浙1002执保123号 */
  rulingNumber: string;
  endsOn: string;
}

export interface Objection extends RestrictionBase {
  kind: 'objection';
  objectorId: string;
  reason: string;
  /** 民法典§220: lapses after 15 days unless a lawsuit is filed; set when one was */
  lawsuitFiledOn?: string;
  certificateId: string;
}

export interface AdvanceNotice extends RestrictionBase {
  kind: 'advanceNotice';
  /** 预告登记权利人: the buyer (of a mortgage's advance notice: the mortgagee) */
  rightHolderIds: string[];
  /** 义务人: the seller, e.g. the developer (of a mortgage's advance notice: the buyers, 抵押人) */
  obligorIds: string[];
  certificateId: string;
  /**
   * What the notice secures (实施细则 §85): the purchase (absent too, as on notices recorded
   * before mortgages had their own) or a mortgage on a home bought in advance (预购商品房抵押预告)
   */
  secures?: 'purchase' | 'mortgage';
  /** 预购商品房抵押预告: the mortgage the notice secures */
  mortgage?: Pick<Mortgage, 'mortgageType' | 'securedAmountYuan' | 'debtStartsOn' | 'debtEndsOn'>;
  /**
   * 能够进行不动产登记之日 (民法典 §221): the day the registration the notice secures became
   * possible (the unit's own right is in the register). The 90 days run from it; absent when the
   * registry does not know it (then the machine never ends the notice by itself).
   */
  registrableFrom?: string;
}

export type Restriction = Mortgage | Seizure | Objection | AdvanceNotice;

// ---------------------------------------------------------------- certificates

export type CertificateKind =
  | 'titleCertificate'
  | 'registrationProof'
  /** old-style 房屋所有权证: never gets an electronic twin (docs/registry-facts.md §3) */
  | 'oldHouseOwnershipCertificate'
  | 'oldLandUseCertificate'
  | 'oldOtherRightsCertificate';
export type CertificateStatus = 'current' | 'cancelled' | 'void';
export type CertificateForm = 'paper' | 'electronic';

export interface Certificate {
  certificateId: string;
  kind: CertificateKind;
  number: string;
  unitCode: string;
  issuedOn: string;
  form: CertificateForm;
  /** 证照标识, electronic certificates only */
  licenceId?: string;
  /** for registration proofs: what it proves, e.g. 抵押权 */
  proves?: string;
}

export const OLD_STYLE_KINDS: readonly CertificateKind[] = [
  'oldHouseOwnershipCertificate',
  'oldLandUseCertificate',
  'oldOtherRightsCertificate',
];

export const isOldStyle = (kind: CertificateKind): boolean => OLD_STYLE_KINDS.includes(kind);
export const isPreReform = (issuedOn: string): boolean => issuedOn < REFORM_DATE;

/**
 * The status of a certificate the register ends on `endedOn` (its right superseded, its
 * restriction cancelled): after the reform a paper certificate is announced void (公告作废,
 * 工作细则 三(五)) rather than collected; anything else is cancelled (注销).
 */
export const endedCertificateStatus = (
  c: Pick<Certificate, 'form'>,
  endedOn: string,
): Exclude<CertificateStatus, 'current'> =>
  c.form === 'paper' && !isPreReform(endedOn) ? 'void' : 'cancelled';

/** A paper certificate issued before the reform gets an electronic twin, unless it is old-style. */
export const mayGetElectronicTwin = (c: Certificate): boolean =>
  c.form === 'paper' && isPreReform(c.issuedOn) && !isOldStyle(c.kind);

// ---------------------------------------------------------------- events

interface EventBase {
  eventId: string;
  /** ISO instant at which the entry was recorded (登簿) */
  recordedAt: string;
}

export type RegisterEvent =
  | (EventBase & { type: 'unitRegistered'; unit: Unit })
  | (EventBase & {
      type: 'rightRecorded';
      right: Right;
      certificate: Certificate;
      /** the unit's previous current right, which this one ends (transfer) */
      supersedesRightId?: string;
    })
  | (EventBase & {
      type: 'restrictionRecorded';
      restriction: Restriction;
      certificate?: Certificate;
    })
  | (EventBase & { type: 'restrictionCancelled'; restrictionId: string; cancelledOn: string });

export type RegisterEventType = RegisterEvent['type'];

/** The unit an event is about. */
export function eventUnitCode(e: RegisterEvent): string | undefined {
  switch (e.type) {
    case 'unitRegistered':
      return e.unit.unitCode;
    case 'rightRecorded':
      return e.right.unitCode;
    case 'restrictionRecorded':
      return e.restriction.unitCode;
    case 'restrictionCancelled':
      return undefined;
  }
}

// ---------------------------------------------------------------- invariants

/** Returns why a holder set is wrong for its co-ownership, or null. */
export function checkHolders(coOwnership: CoOwnership, holders: Holder[]): string | null {
  if (holders.length === 0) return '权利人不能为空';
  const ids = holders.map((h) => h.personId);
  if (new Set(ids).size !== ids.length) return '同一权利人不能重复登记';
  switch (coOwnership) {
    case 'sole':
      if (holders.length !== 1) return '单独所有只能有一个权利人';
      if (holders[0].shareBasisPoints !== undefined) return '单独所有不登记份额';
      return null;
    case 'joint':
      if (holders.length < 2) return '共同共有至少有两个权利人';
      if (holders.some((h) => h.shareBasisPoints !== undefined)) return '共同共有不登记份额';
      return null;
    case 'shares': {
      if (holders.length < 2) return '按份共有至少有两个权利人';
      let sum = 0;
      for (const h of holders) {
        const s = h.shareBasisPoints;
        if (s === undefined || !Number.isInteger(s) || s <= 0 || s >= FULL_SHARE_BASIS_POINTS) {
          return '按份共有的每个份额必须大于0且小于100%';
        }
        sum += s;
      }
      return sum === FULL_SHARE_BASIS_POINTS ? null : '按份共有的份额合计必须等于100%';
    }
  }
}

/** 专有 + 分摊 = 建筑面积 (to the hundredth of a ㎡), both given or neither. */
function checkAreaSplit(u: Unit): string | null {
  const { exclusiveArea: x, apportionedArea: a } = u;
  if (x === undefined && a === undefined) return null;
  if (x === undefined || a === undefined) return '专有建筑面积与分摊建筑面积须同时登记';
  if (!(x > 0) || !(a >= 0)) return '专有建筑面积必须大于0，分摊建筑面积不能为负';
  if (Math.round(x * 100) + Math.round(a * 100) !== Math.round(u.buildingArea * 100))
    return '专有建筑面积与分摊建筑面积之和须等于房屋建筑面积';
  return null;
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

function checkPartyId(p: Person): string | null {
  const r = p.idType === 'citizenId' ? checkCitizenId(p.idNumber) : checkUscc(p.idNumber);
  return r.ok ? null : `${p.personId}: ${r.reason}`;
}

export function checkPerson(p: Person): string | null {
  if (!p.name.trim()) return `${p.personId}: name is empty`;
  if (p.kind === 'natural' && p.idType !== 'citizenId') return `${p.personId}: id type`;
  if (p.kind === 'legal' && p.idType !== 'uscc') return `${p.personId}: id type`;
  return checkPartyId(p);
}

/** Static checks of one event that need no register state. */
export function checkRegisterEvent(e: RegisterEvent): string | null {
  switch (e.type) {
    case 'unitRegistered': {
      const r = checkUnitCode(e.unit.unitCode, { taizhouOnly: true });
      if (!r.ok) return r.reason;
      if (r.value.countyCode !== e.unit.countyCode) return '不动产单元号与所在县区不一致';
      if (!(e.unit.buildingArea > 0)) return '房屋建筑面积必须大于0';
      return checkAreaSplit(e.unit);
    }
    case 'rightRecorded': {
      const held = checkHolders(e.right.coOwnership, e.right.holders);
      if (held) return held;
      if (!isDate(e.right.registeredOn)) return '登记日期格式不正确';
      if (e.certificate.certificateId !== e.right.certificateId) return '证书与权利不对应';
      return checkCertificate(e.certificate);
    }
    case 'restrictionRecorded':
      if (!isDate(e.restriction.registeredOn)) return '登记日期格式不正确';
      if ('certificateId' in e.restriction) {
        if (!e.certificate || e.certificate.certificateId !== e.restriction.certificateId) {
          return '限制登记缺少对应的不动产登记证明';
        }
        return checkCertificate(e.certificate);
      }
      return null;
    case 'restrictionCancelled':
      return isDate(e.cancelledOn) ? null : '注销日期格式不正确';
  }
}

function checkCertificate(c: Certificate): string | null {
  if (c.kind === 'titleCertificate' || c.kind === 'registrationProof') {
    const r = parseCertificateNumber(c.number);
    if (!r.ok) return r.reason;
    if (r.value.kind !== c.kind) return '证书号与证书种类不一致';
  }
  if (c.form === 'electronic' && !c.licenceId) return '电子证照缺少证照标识';
  if (c.form === 'paper' && c.licenceId) return '纸质证书不应有证照标识';
  return null;
}

// ---------------------------------------------------------------- projection

export interface CertificateState extends Certificate {
  status: CertificateStatus;
}
export interface RightState extends Right {
  status: RightStatus;
}
export type RestrictionState = Restriction & { status: RestrictionStatus; cancelledOn?: string };

export interface RegisterState {
  units: Map<string, Unit>;
  rights: Map<string, RightState>;
  restrictions: Map<string, RestrictionState>;
  certificates: Map<string, CertificateState>;
}

export const emptyRegister = (): RegisterState => ({
  units: new Map(),
  rights: new Map(),
  restrictions: new Map(),
  certificates: new Map(),
});

export function currentRightOf(state: RegisterState, unitCode: string): RightState | undefined {
  for (const r of state.rights.values()) {
    if (r.unitCode === unitCode && r.status === 'current') return r;
  }
  return undefined;
}

/**
 * Applies one event to the state (mutating it) after checking it against the state. Throws
 * AppError REGISTER_INVARIANT_VIOLATED when the event would break the register.
 */
export function applyRegisterEvent(state: RegisterState, e: RegisterEvent): void {
  const problem = checkRegisterEvent(e);
  if (problem) throw registerInvariantViolated(problem);
  const addCertificate = (c: Certificate) => {
    if (state.certificates.has(c.certificateId)) throw registerInvariantViolated('证书重复');
    state.certificates.set(c.certificateId, { ...c, status: 'current' });
  };
  switch (e.type) {
    case 'unitRegistered':
      if (state.units.has(e.unit.unitCode)) throw registerInvariantViolated('不动产单元已登记');
      state.units.set(e.unit.unitCode, e.unit);
      return;
    case 'rightRecorded': {
      if (!state.units.has(e.right.unitCode)) throw registerInvariantViolated('不动产单元不存在');
      const previous = currentRightOf(state, e.right.unitCode);
      if (previous?.rightId !== e.supersedesRightId) {
        throw registerInvariantViolated('新权利必须注销该单元现有的权利');
      }
      if (previous) {
        previous.status = 'cancelled';
        const old = state.certificates.get(previous.certificateId);
        // under the reform an old paper certificate is announced void; otherwise cancelled. It
        // ends the day the new one is issued (a corrected or re-issued right keeps its date)
        if (old) old.status = endedCertificateStatus(old, e.certificate.issuedOn);
      }
      addCertificate(e.certificate);
      state.rights.set(e.right.rightId, { ...e.right, status: 'current' });
      return;
    }
    case 'restrictionRecorded':
      if (!state.units.has(e.restriction.unitCode)) {
        throw registerInvariantViolated('不动产单元不存在');
      }
      if (state.restrictions.has(e.restriction.restrictionId)) {
        throw registerInvariantViolated('限制登记重复');
      }
      if (e.certificate) addCertificate(e.certificate);
      state.restrictions.set(e.restriction.restrictionId, { ...e.restriction, status: 'current' });
      return;
    case 'restrictionCancelled': {
      const r = state.restrictions.get(e.restrictionId);
      if (!r || r.status !== 'current') throw registerInvariantViolated('没有可注销的限制登记');
      r.status = 'cancelled';
      r.cancelledOn = e.cancelledOn;
      if ('certificateId' in r) {
        // the registration proof ends with it: a paper one is announced void, as after a transfer
        const c = state.certificates.get(r.certificateId);
        if (c) c.status = endedCertificateStatus(c, e.cancelledOn);
      }
      return;
    }
  }
}

export function projectRegister(events: Iterable<RegisterEvent>): RegisterState {
  const state = emptyRegister();
  for (const e of events) applyRegisterEvent(state, e);
  return state;
}
