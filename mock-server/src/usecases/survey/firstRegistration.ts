/**
 * 首次登记 of a new building at the counter (条例 §14 the developer applies; 细则 §4: a 首次登记
 * rests on the 权籍调查 result, docs/registry-facts.md §16): the staff member names an accepted
 * survey result and the developer (名称, 统一社会信用代码); the units are drawn from the result —
 * codes, 套内 and 分摊 areas, floors, use, the building's storeys and structure, each unit's share
 * of the parcel (共用宗地面积, by building area) — and, in ONE transaction: every unit registered,
 * the developer's 国有建设用地使用权/房屋所有权 recorded on each with its electronic 不动产权证书
 * numbered, identified (证照标识) and sealed, the result marked used. The register events go on
 * the archive's tamper-evident log as every register event does; the registration itself is put
 * on it too (an audit leaf). A crash leaves all of it or none; a result is used once.
 */
import { beijingDate } from '../../domain/cases';
import {
  certificateIdentifiers,
  qrCheckFrom,
  registryNameOf,
  serialKey,
  titleCertificateBody,
} from '../../domain/documents';
import { AppError, notFound, validationFailed } from '../../domain/errors';
import { findCounty } from '../../domain/counties';
import { checkUscc } from '../../domain/identifiers';
import type { Person, RegisterEvent, Unit } from '../../domain/register';
import { checkBoundary, ringArea } from '../../domain/survey';
import type { CaseStore, Clock, PartyDirectory, RegisterRepository, Sealer } from '../../ports';
import type { SurveyStore } from '../../ports/survey';
import { sealBody } from '../shared/sealing';
import type { SurveyLog } from './submitResult';

export interface FirstRegistrationDeps {
  survey: Pick<SurveyStore, 'result' | 'markRegistered'>;
  cases: Pick<
    CaseStore,
    'transaction' | 'nextSerial' | 'maxCertificateSerial' | 'saveDocument' | 'personByIdNumber'
  >;
  register: Pick<RegisterRepository, 'append' | 'unit'>;
  parties: Pick<PartyDirectory, 'savePersons'>;
  sealer: Pick<Sealer, 'seal'>;
  log: SurveyLog;
  clock: Clock;
  newId: (prefix: string) => string;
}

export interface FirstRegistrationInput {
  developerName: string;
  developerCreditCode: string;
  landUseEndsOn: string;
  nature?: string;
}

export const RIGHT_TYPE = '国有建设用地使用权/房屋所有权';
const conflict = (message: string) => new AppError('CONFLICT', message);

/** 坐落 of a unit: the building's, then its room (室). */
const unitLocation = (building: string, room: string) =>
  `${building}${room}${room.endsWith('室') ? '' : '室'}`;

export class FirstRegistration {
  constructor(private readonly deps: FirstRegistrationDeps) {}

  async record(
    staff: { staffId: string; displayName: string },
    resultId: string,
    input: FirstRegistrationInput,
  ) {
    const { deps } = this;
    const uscc = checkUscc(input.developerCreditCode);
    if (!uscc.ok) throw validationFailed(`开发企业的${uscc.reason}`);
    const developerName = input.developerName.trim();
    const at = deps.clock.now().toISOString();
    const registeredOn = beijingDate(at);
    if (!(input.landUseEndsOn > registeredOn)) throw validationFailed('土地使用期限须晚于登记日期');
    const found = await deps.survey.result(resultId);
    if (!found) throw notFound('权籍调查成果不存在');
    const r = found.result;
    const ring = checkBoundary(r.boundary);
    const parcelArea = ring.ok ? ringArea(ring.ring) : 0;
    const total = r.units.reduce((s, u) => s + u.exclusiveArea + u.apportionedArea, 0);
    const registrationId = deps.newId('FR');
    const year = Number(registeredOn.slice(0, 4));

    return deps.cases.transaction(async () => {
      // read again inside: a result is used (or refused) once
      const current = await deps.survey.result(resultId);
      if (current?.status !== 'accepted')
        throw conflict(
          current?.status === 'registered'
            ? '该权籍调查成果已办理首次登记'
            : '该权籍调查成果已被退回，不能据以登记',
        );
      let developer = await deps.cases.personByIdNumber(uscc.value);
      if (developer && developer.name !== developerName)
        throw validationFailed('开发企业名称与统一社会信用代码登记的名称不一致');
      if (!developer) {
        developer = {
          personId: deps.newId('ORG'),
          kind: 'legal',
          name: developerName,
          idType: 'uscc',
          idNumber: uscc.value,
        } satisfies Person;
        await deps.parties.savePersons([developer]);
      }
      const events: RegisterEvent[] = [];
      const issued: {
        unit: Unit;
        rightId: string;
        certificateId: string;
        number: string;
        licenceId: string;
      }[] = [];
      for (const u of r.units) {
        if (await deps.register.unit(u.unitCode))
          throw conflict(`不动产单元 ${u.unitCode} 已在登记簿中`);
        const countyCode = u.unitCode.slice(0, 6);
        if (!findCounty(countyCode)) throw validationFailed('不动产单元不在台州市辖区内');
        const buildingArea = Math.round((u.exclusiveArea + u.apportionedArea) * 100) / 100;
        const unit: Unit = {
          unitCode: u.unitCode,
          countyCode,
          location: unitLocation(r.location, u.room),
          use: u.use,
          nature: input.nature?.trim() || '出让/商品房',
          buildingArea,
          exclusiveArea: u.exclusiveArea,
          apportionedArea: u.apportionedArea,
          sharedLandArea:
            total > 0 ? Math.round((parcelArea * buildingArea * 100) / total) / 100 : 0,
          structure: r.structure,
          floor: u.floor,
          totalFloors: r.storeys,
          landUseEndsOn: input.landUseEndsOn,
        };
        const registryName = registryNameOf(u.unitCode);
        const prefix = `浙(${year})${registryName}不动产权第`;
        const serial = await deps.cases.nextSerial(
          serialKey('titleCertificate', year, registryName),
          () => deps.cases.maxCertificateSerial(prefix),
        );
        const ids = certificateIdentifiers({
          kind: 'titleCertificate',
          unitCode: u.unitCode,
          year,
          serial,
        });
        const rightId = deps.newId('RIGHT');
        const certificateId = deps.newId('CERT');
        events.push(
          { eventId: deps.newId('EV'), recordedAt: at, type: 'unitRegistered', unit },
          {
            eventId: deps.newId('EV'),
            recordedAt: at,
            type: 'rightRecorded',
            right: {
              rightId,
              unitCode: u.unitCode,
              rightType: RIGHT_TYPE,
              coOwnership: 'sole',
              holders: [{ personId: developer.personId }],
              registeredOn,
              certificateId,
            },
            certificate: {
              certificateId,
              kind: 'titleCertificate',
              number: ids.number,
              unitCode: u.unitCode,
              issuedOn: registeredOn,
              form: 'electronic',
              licenceId: ids.licenceId,
            },
          },
        );
        issued.push({ unit, rightId, certificateId, number: ids.number, licenceId: ids.licenceId });
      }
      // 登簿: the register refuses anything that would break it (all or none)
      await deps.register.append(events);
      // 发证: each certificate sealed with the registry's key, as a case's are
      for (const c of issued) {
        const body = titleCertificateBody({
          certificateId: c.certificateId,
          qrCheck: qrCheckFrom(deps.newId('QR')),
          number: c.number,
          licenceId: c.licenceId,
          issuedAt: at,
          registeredOn,
          unit: c.unit,
          rightType: RIGHT_TYPE,
          coOwnership: 'sole',
          holders: [{ personId: developer.personId }],
          nameOf: () => developerName,
          caseNumber: registrationId,
        });
        await deps.cases.saveDocument({
          documentId: deps.newId('DOC'),
          kind: 'titleCertificate',
          number: c.number,
          certificateId: c.certificateId,
          issuedAt: at,
          document: sealBody(deps.sealer, body),
        });
      }
      if (
        !(await deps.survey.markRegistered(resultId, {
          registrationId,
          registeredAt: at,
          certificateCount: issued.length,
        }))
      )
        throw conflict('该权籍调查成果已办理首次登记');
      await deps.log(
        { actorId: staff.staffId, role: 'staff', purpose: '首次登记' },
        'firstRegistrationRecorded',
        `${registrationId}|${resultId}|${found.digest}`,
        'recorded',
      );
      return {
        registrationId,
        resultId,
        registeredAt: at,
        certificates: issued.map((c) => ({
          unitCode: c.unit.unitCode,
          location: c.unit.location,
          certificateNumber: c.number,
          licenceId: c.licenceId,
        })),
      };
    });
  }
}
