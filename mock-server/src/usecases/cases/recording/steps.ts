/**
 * The steps every recording shares (登簿 and 发证 in one transaction): the unit with its current
 * right, the new certificate's number, and the common end of recording a new right — the register
 * events, the void announcement of an old paper certificate, the 登簿 step, the sealed
 * 不动产权证书, the 发证 step and its delivery to the parties.
 */
import type { BusinessType } from '../../../domain/catalogue';
import { beijingDate, type planTransferRecording, type CaseRecord } from '../../../domain/cases';
import {
  certificateIdentifiers,
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
  Sealer,
  UnitView,
} from '../../../ports';
import { sealBody } from '../../shared/sealing';
import { conflict } from '../access';
import type { CaseNotices } from '../notices';
import { systemStep } from '../systemStep';

export interface RecordingDeps {
  store: Pick<
    CaseStore,
    | 'transaction'
    | 'update'
    | 'nextSerial'
    | 'maxCertificateSerial'
    | 'saveDocument'
    | 'announceVoid'
  >;
  register: Pick<RegisterRepository, 'unit' | 'append' | 'certificateById'>;
  parties: Pick<PartyDirectory, 'person' | 'changeIdentity'>;
  sealer: Pick<Sealer, 'seal'>;
  clock: Clock;
  newId: (prefix: string) => string;
  notices: Pick<CaseNotices, 'deliver'>;
}

export type CertificateKind = 'titleCertificate' | 'registrationProof';

/** Numbers a certificate of the unit's registry for this year (不动产权 or 不动产证明). */
async function numberCertificate(
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
  title: string;
  message: string;
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

/** The common end of recording a new right (transfer, change of identity), in the caller's transaction. */
export async function recordRightAndIssue(
  deps: RecordingDeps,
  c: CaseRecord,
  bt: BusinessType,
  r: NewRightRecording,
): Promise<void> {
  const { at, view, plan, ids } = r;
  await deps.register.append(r.events);
  if (plan.voidAnnouncement) {
    await deps.store.announceVoid({
      announcementId: deps.newId('VOID'),
      certificateId: plan.voidAnnouncement.certificateId,
      certificateNumber: plan.voidAnnouncement.certificateNumber,
      unitCode: c.unitCode,
      location: view.unit.location,
      caseId: c.caseId,
      announcedAt: at,
      reason: `因办理${bt.name}（业务号${c.caseNumber ?? ''}），原纸质证书公告作废`,
    });
  }
  const recorded = await systemStep(deps, c, 'record', {
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
  });
  const right = plan.events[0].type === 'rightRecorded' ? plan.events[0].right : view.right;
  const nameOf = await namesOf(
    deps,
    right.holders.map((h) => h.personId),
    r.names,
  );
  const body = titleCertificateBody({
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
    ...(view.certificate ? { previousCertificateNumber: view.certificate.number } : {}),
  });
  const documentId = deps.newId('DOC');
  await deps.store.saveDocument({
    documentId,
    kind: 'titleCertificate',
    number: ids.number,
    caseId: c.caseId,
    certificateId: r.certificateId,
    issuedAt: at,
    document: sealBody(deps.sealer, body),
  });
  const issued = await systemStep(deps, recorded, 'issue', {});
  await deps.notices.deliver(
    issued,
    r.title,
    `${r.message}${plan.voidAnnouncement ? '原纸质证书已公告作废。' : '原证书已注销。'}`,
    documentId,
  );
}
