/**
 * The steps every recording shares (登簿 and 发证 in one transaction): the unit with its current
 * right, the new certificate's number, 登簿 and 发证 through the workflow, and the common end of
 * recording a new right — its 不动产权证书's body (the workflow's effects append the register
 * events, announce an old paper certificate void, seal the certificate and tell the parties).
 */
import type { BusinessType } from '../../../domain/catalogue';
import {
  beijingDate,
  type CaseCommand,
  type CaseRecord,
  type planTransferRecording,
} from '../../../domain/cases';
import {
  certificateIdentifiers,
  qrCheckFrom,
  registryNameOf,
  serialKey,
  titleCertificateBody,
} from '../../../domain/documents';
import type { RegisterEvent } from '../../../domain/register';
import type {
  CaseStore,
  Clock,
  PartyDirectory,
  RegisterRepository,
  UnitView,
} from '../../../ports';
import { conflict } from '../access';
import type { CaseEffects } from '../effectsRunner';
import { systemStep, type StoredStep } from '../systemStep';

export interface RecordingDeps {
  store: Pick<CaseStore, 'transaction' | 'nextSerial' | 'maxCertificateSerial'>;
  register: Pick<RegisterRepository, 'unit' | 'certificateById'>;
  parties: Pick<PartyDirectory, 'person'>;
  clock: Clock;
  newId: (prefix: string) => string;
  /** the one effects runner: the steps and their store effects */
  effects: Pick<CaseEffects, 'store'>;
}

export type CertificateKind = 'titleCertificate' | 'registrationProof';

/** Numbers a certificate of the unit's registry for this year (不动产权 or 不动产证明). */
export async function numberCertificate(
  deps: RecordingDeps,
  kind: CertificateKind,
  unitCode: string,
  year: number,
) {
  const registryName = registryNameOf(unitCode);
  const prefix = `浙(${year})${registryName}${kind === 'titleCertificate' ? '不动产权' : '不动产证明'}第`;
  const serial = await deps.store.nextSerial(serialKey(kind, year, registryName), () =>
    deps.store.maxCertificateSerial(prefix),
  );
  return certificateIdentifiers({ kind, unitCode, year, serial });
}

/**
 * The start of recording a case that issues a certificate: now, the Beijing registration date,
 * the unit with its current right (409 without one), and the new certificate's number.
 */
export async function startRecording(deps: RecordingDeps, c: CaseRecord, kind: CertificateKind) {
  const at = deps.clock.now().toISOString();
  const registeredOn = beijingDate(at);
  const unit = await deps.register.unit(c.unitCode);
  if (!unit?.right) throw conflict('登记簿中没有现势权利，无法登簿');
  const view = { ...unit, right: unit.right };
  const ids = await numberCertificate(deps, kind, c.unitCode, Number(registeredOn.slice(0, 4)));
  return { at, registeredOn, view, ids };
}

export interface NewRightRecording {
  at: string;
  registeredOn: string;
  view: UnitView & { right: NonNullable<UnitView['right']> };
  ids: { number: string; licenceId: string };
  rightId: string;
  certificateId: string;
  plan: ReturnType<typeof planTransferRecording>;
  events: RegisterEvent[];
  /** names the case knows already (they win over the party directory's) */
  names: ReadonlyMap<string, string>;
  /** 附记 on the issue itself: 补发 / 换发 / 更正 */
  issueRemark?: string;
}

/**
 * The holders' names for a pure document builder: those given, the others from the party
 * directory (loaded first: the builder cannot wait), else the person id itself.
 */
export async function namesOf(
  deps: Pick<RecordingDeps, 'parties'>,
  personIds: readonly string[],
  known: ReadonlyMap<string, string> = new Map(),
): Promise<(personId: string) => string> {
  const names = new Map(known);
  for (const id of personIds) {
    if (names.has(id)) continue;
    const p = await deps.parties.person(id);
    if (p) names.set(id, p.name);
  }
  return (id) => names.get(id) ?? id;
}

type IssueCommand = Extract<CaseCommand, { type: 'issue' }>;

/**
 * 登簿 then 发证 through the workflow, in the caller's transaction: each step stored with its
 * store effects (register events, void announcement, change of identity, the sealed
 * certificate, the message to every party). `issue` may be made once the register holds the
 * recording (a certificate that reads the register as recorded). Returns the case issued and
 * what follows the commit.
 */
export async function recordAndIssue(
  deps: RecordingDeps,
  c: CaseRecord,
  bt: BusinessType,
  at: string,
  record: Extract<CaseCommand, { type: 'record' }>,
  issue: IssueCommand | (() => Promise<IssueCommand>),
): Promise<StoredStep> {
  const recorded = await systemStep(deps, c, record, bt, at);
  const command = typeof issue === 'function' ? await issue() : issue;
  const issued = await systemStep(deps, recorded.next, command, bt, at);
  return { next: issued.next, after: [...recorded.after, ...issued.after] };
}

/** The common end of recording a new right (transfer, change of identity), in the caller's transaction. */
export async function recordRightAndIssue(
  deps: RecordingDeps,
  c: CaseRecord,
  bt: BusinessType,
  r: NewRightRecording,
): Promise<StoredStep> {
  const { at, view, plan, ids } = r;
  const right = plan.events[0].type === 'rightRecorded' ? plan.events[0].right : view.right;
  const nameOf = await namesOf(
    deps,
    right.holders.map((h) => h.personId),
    r.names,
  );
  const qrCheck = qrCheckFrom(deps.newId('QR'));
  // 发证 follows 登簿: 附记 names the old certificate with the status the register now holds
  const issue = async (): Promise<IssueCommand> => {
    const old =
      view.certificate && (await deps.register.certificateById(view.certificate.certificateId));
    const body = titleCertificateBody({
      certificateId: r.certificateId,
      qrCheck,
      number: ids.number,
      licenceId: ids.licenceId,
      issuedAt: at,
      registeredOn: r.registeredOn,
      unit: view.unit,
      rightType: view.right.rightType,
      coOwnership: right.coOwnership,
      holders: right.holders,
      nameOf,
      caseNumber: c.caseNumber ?? '',
      ...(old ? { previousCertificate: { number: old.number, status: old.status } } : {}),
      ...(r.issueRemark ? { issueRemark: r.issueRemark } : {}),
    });
    return {
      type: 'issue',
      certificate: {
        kind: 'titleCertificate',
        certificateId: r.certificateId,
        number: ids.number,
        body,
      },
      location: view.unit.location,
    };
  };
  return recordAndIssue(
    deps,
    c,
    bt,
    at,
    {
      type: 'record',
      recording: {
        kind: 'right',
        rightId: r.rightId,
        certificateId: r.certificateId,
        certificateNumber: ids.number,
        licenceId: ids.licenceId,
        recordedAt: at,
        supersededRightId: view.right.rightId,
        ...(view.certificate ? { supersededCertificateId: view.certificate.certificateId } : {}),
        voidAnnounced: Boolean(plan.voidAnnouncement),
      },
      events: r.events,
      ...(plan.voidAnnouncement ? { voidAnnouncement: plan.voidAnnouncement } : {}),
      location: view.unit.location,
    },
    issue,
  );
}
