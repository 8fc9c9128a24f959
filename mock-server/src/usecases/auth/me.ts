/**
 * 我的: the caller's profile, their units in the register, and one unit's register history
 * (a records query: the route demands a fresh step-up). Everyone but the caller is masked;
 * organisations (banks, courts, developers) are public and shown by name.
 */
import { notFound } from '../../domain/errors';
import { maskIdNumber, maskName, maskPhone } from '../../domain/masking';
import { isOldStyle, type Person, type RegisterEvent } from '../../domain/register';
import type { HoldingsQuery, PartyDirectory, RegisterRepository } from '../../ports';
import { stepUpValidUntil, type Caller } from './service';

export interface MeDeps {
  holdings: HoldingsQuery;
  register: RegisterRepository;
  parties: PartyDirectory;
  clock: { now(): Date };
}

export interface Profile {
  personId: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  stepUpValidUntil?: string;
}

/** The caller as the app shows them: masked even to themselves (a phone screen is public). */
export function profileOf(person: Person): Omit<Profile, 'stepUpValidUntil'> {
  return {
    personId: person.personId,
    name: maskName(person.name),
    idNumberMasked: maskIdNumber(person.idNumber),
    phoneMasked: person.phone ? maskPhone(person.phone) : '',
  };
}

export async function myProfile(deps: MeDeps, caller: Caller): Promise<Profile> {
  const person = await deps.parties.person(caller.personId);
  if (!person) throw notFound('未找到该用户');
  const until = stepUpValidUntil(caller.stepUpAt);
  const fresh = until !== undefined && deps.clock.now().getTime() < Date.parse(until);
  return { ...profileOf(person), ...(fresh ? { stepUpValidUntil: until } : {}) };
}

export interface MyUnitView {
  unitCode: string;
  location: string;
  certificateNumber: string | null;
  rightType: string;
  area: number;
  use: string;
  coOwnership: string;
  coOwners: { nameMasked: string; idNumberMasked: string }[];
  restrictions: { kind: string; since: string }[];
  paperOnly: boolean;
  oldStyle: boolean;
}

export async function myUnits(deps: MeDeps, caller: Caller): Promise<MyUnitView[]> {
  const out: MyUnitView[] = [];
  for (const code of await deps.holdings.unitCodesHeldBy(caller.personId)) {
    const v = await deps.register.unit(code);
    if (!v?.right) continue;
    const right = v.right;
    const coOwners = [];
    for (const h of right.holders) {
      if (h.personId !== caller.personId) coOwners.push(await maskedParty(deps, h.personId));
    }
    out.push({
      unitCode: v.unit.unitCode,
      location: v.unit.location,
      certificateNumber: v.certificate?.number ?? null,
      rightType: right.rightType,
      area: v.unit.buildingArea,
      use: v.unit.use,
      coOwnership: right.coOwnership,
      coOwners,
      restrictions: v.restrictions.map((r) => ({ kind: r.kind, since: r.registeredOn })),
      paperOnly: v.certificate?.form === 'paper',
      oldStyle: v.certificate ? isOldStyle(v.certificate.kind) : false,
    });
  }
  return out;
}

async function maskedParty(deps: MeDeps, personId: string) {
  const p = await deps.parties.person(personId);
  return p
    ? { nameMasked: maskName(p.name), idNumberMasked: maskIdNumber(p.idNumber) }
    : { nameMasked: '*', idNumberMasked: '*' };
}

export interface UnitRecordView {
  unitCode: string;
  location: string;
  events: {
    seq: number;
    type: string;
    recordedAt: string;
    summary: string;
    details: Record<string, unknown>;
  }[];
}

const RESTRICTION_NAMES = {
  mortgage: '抵押权',
  seizure: '查封',
  objection: '异议',
  advanceNotice: '预告',
} as const;

/**
 * The register history of a unit in which the caller holds a current right. Any other unit —
 * existing or not — is NOT_FOUND, so the answer never reveals whether it exists.
 */
export async function unitRecord(
  deps: MeDeps,
  caller: Caller,
  unitCode: string,
): Promise<UnitRecordView> {
  const code = unitCode.replace(/\s+/g, '').toUpperCase();
  if (!(await deps.holdings.unitCodesHeldBy(caller.personId)).includes(code)) {
    throw notFound('未找到该不动产单元');
  }
  const view = await deps.register.unit(code);
  if (!view) throw notFound('未找到该不动产单元');
  const events = await deps.holdings.unitEvents(code);
  // everyone the events name, looked up once
  const persons = new Map<string, Person | undefined>();
  for (const id of new Set(events.flatMap(({ event }) => partiesNamedBy(event)))) {
    persons.set(id, await deps.parties.person(id));
  }
  const party = (personId: string) => {
    const p = persons.get(personId);
    if (!p) return { name: '*' };
    if (p.kind === 'legal') return { name: p.name };
    if (p.personId === caller.personId)
      return { name: p.name, idNumberMasked: maskIdNumber(p.idNumber), self: true };
    return { name: maskName(p.name), idNumberMasked: maskIdNumber(p.idNumber) };
  };
  const describe = (e: RegisterEvent): { summary: string; details: Record<string, unknown> } => {
    switch (e.type) {
      case 'unitRegistered':
        return {
          summary: '不动产单元登记',
          details: {
            location: e.unit.location,
            use: e.unit.use,
            buildingArea: e.unit.buildingArea,
            structure: e.unit.structure,
            floor: e.unit.floor,
            totalFloors: e.unit.totalFloors,
            landUseEndsOn: e.unit.landUseEndsOn,
          },
        };
      case 'rightRecorded':
        return {
          summary: `${e.supersedesRightId ? '转移登记' : '首次登记'}：${e.right.rightType}`,
          details: {
            rightType: e.right.rightType,
            coOwnership: e.right.coOwnership,
            registeredOn: e.right.registeredOn,
            holders: e.right.holders.map((h) => ({
              ...party(h.personId),
              ...(h.shareBasisPoints ? { shareBasisPoints: h.shareBasisPoints } : {}),
            })),
            certificateNumber: e.certificate.number,
            certificateForm: e.certificate.form,
          },
        };
      case 'restrictionRecorded': {
        const r = e.restriction;
        const details: Record<string, unknown> = { kind: r.kind, registeredOn: r.registeredOn };
        if (r.kind === 'mortgage') {
          details.mortgagee = party(r.mortgageeId);
          details.mortgageType = r.mortgageType;
          details.securedAmountYuan = r.securedAmountYuan;
        } else if (r.kind === 'seizure') {
          details.court = party(r.courtId);
          details.rulingNumber = r.rulingNumber;
          details.endsOn = r.endsOn;
        } else if (r.kind === 'objection') {
          details.objector = party(r.objectorId);
        } else {
          details.rightHolders = r.rightHolderIds.map(party);
        }
        if (e.certificate) details.certificateNumber = e.certificate.number;
        return { summary: `${RESTRICTION_NAMES[r.kind]}登记`, details };
      }
      case 'restrictionCancelled':
        return {
          summary: '注销限制登记',
          details: { restrictionId: e.restrictionId, cancelledOn: e.cancelledOn },
        };
    }
  };
  return {
    unitCode: code,
    location: view.unit.location,
    events: events.map(({ seq, event }) => ({
      seq,
      type: event.type,
      recordedAt: event.recordedAt,
      ...describe(event),
    })),
  };
}

/** The persons and organisations an event names (holders, mortgagees, courts, objectors). */
function partiesNamedBy(e: RegisterEvent): string[] {
  switch (e.type) {
    case 'rightRecorded':
      return e.right.holders.map((h) => h.personId);
    case 'restrictionRecorded': {
      const r = e.restriction;
      if (r.kind === 'mortgage') return [r.mortgageeId];
      if (r.kind === 'seizure') return [r.courtId];
      if (r.kind === 'objection') return [r.objectorId];
      return [...r.rightHolderIds];
    }
    default:
      return [];
  }
}
