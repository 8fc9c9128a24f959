/**
 * What an allowed action does to the case and what follows it (workflow.ts checks it is
 * allowed first). The lifecycle's actions go through `applyAction` (status, timeline, actor);
 * the steps change the case's fields at most. The effects are exactly what the use cases did
 * after each change: the notices of 受理/补正/不予受理/不予登记 (条例第十七条, 第二十二条), the
 * 待缴税 message, 登簿's register events and void announcement, the certificate and its message,
 * the submission's filing and shared data, the signatures voided or re-checked.
 */
import { AppError, notFound, validationFailed } from '../errors';
import { checkInquiry, questionsFor } from '../signing';
import type { MaterialSource } from '../catalogue';
import type { WorkflowContext } from './actions';
import type { CaseCommand, DecisionCommand } from './commands';
import { correctionWorkingDaysOf } from '../catalogue';
import { beijingDate, correctionDueOn, dueDates } from './deadlines';
import { maskName } from '../masking';
import { dateTimeText } from '../time';
import {
  addresseesOf,
  followUps,
  INTAKE_BASIS,
  issuedMessage,
  noticeFor,
  REFUSAL_BASIS,
  type CaseEffect,
} from './effects';
import { applyAction, type ActionOptions, type CaseCaller } from './lifecycle';
import { BUREAU, type CaseMaterial, type CaseRecord } from './model';
import { saleStep } from './saleSteps';
import { recheckNoted } from './timelineNote';
import { awaitsTax, correctionLapsed, isDraft, isUnderReview } from './status';

interface Ctx extends WorkflowContext {
  actor: CaseCaller;
  at: string;
  partyName?: string;
}

type Result = { next: CaseRecord; effects: CaseEffect[] };

const conflict = (message: string) => new AppError('CONFLICT', message);

/** A lifecycle action through the table: refused → 409 with the lifecycle's reason. */
function life(
  c: CaseRecord,
  action: Parameters<typeof applyAction>[1],
  ctx: Ctx,
  opts: ActionOptions = {},
): CaseRecord {
  const r = applyAction(c, action, ctx.actor, ctx.at, {
    businessType: ctx.businessType,
    ...(ctx.partyName ? { partyName: ctx.partyName } : {}),
    ...opts,
  });
  if (!r.ok) throw conflict(r.reason);
  return { ...r.case, version: c.version + 1 };
}

/** A step that changes the case's fields without moving it. */
const changed = (c: CaseRecord, patch: Partial<CaseRecord>, at: string): CaseRecord => ({
  ...c,
  ...patch,
  updatedAt: at,
  version: c.version + 1,
});

const withMaterial = (c: CaseRecord, m: CaseMaterial): CaseMaterial[] => [
  ...c.materials.filter((x) => x.code !== m.code),
  m,
];

/** The business type's material a party supplies by `source` (an upload or a 告知承诺). */
export function materialRefusal(
  ctx: WorkflowContext,
  code: string,
  source: MaterialSource,
): AppError | undefined {
  const m = ctx.businessType.materials.find((x) => x.code === code);
  if (!m) return notFound('本业务没有这项材料');
  if (!m.sources.includes(source) || code === 'applicationForm')
    return new AppError(
      'MATERIAL_SOURCE_NOT_ALLOWED',
      source === 'commitment'
        ? `“${m.name}”不能以承诺代替`
        : `“${m.name}”由${m.dataSource ?? '登记机构'}共享或在线生成，无需上传`,
    );
  return undefined;
}

/**
 * The checks of a command's input that come before whether the action is allowed now (the use
 * cases checked them first: which material, whose 询问笔录, whose pledge).
 */
export function inputRefusal(c: CaseRecord, cmd: CaseCommand, ctx: Ctx): AppError | undefined {
  const me = ctx.actor.kind === 'party' ? ctx.actor.personId : undefined;
  switch (cmd.type) {
    case 'uploadMaterial':
      return materialRefusal(ctx, cmd.materialCode, 'scan');
    case 'commitMaterial':
      return materialRefusal(ctx, cmd.materialCode, 'commitment');
    case 'answerInquiry':
      return cmd.partyId !== me || !c.parties.some((p) => p.personId === me)
        ? notFound('询问笔录不存在')
        : undefined;
    case 'pledgeMaritalStatus':
      return cmd.personId !== me
        ? new AppError(
            'MARITAL_COMMITMENT_NOT_YOURS',
            '婚姻状况承诺须由权利人本人作出，他人不能代为承诺',
          )
        : undefined;
    default:
      return undefined;
  }
}

function decide(c: CaseRecord, cmd: DecisionCommand, ctx: Ctx): Result {
  const byStaff = ctx.actor.kind === 'staff';
  const reasons = cmd.reasons ?? [];
  const patch: Partial<CaseRecord> = {};
  let note = cmd.note;
  switch (cmd.type) {
    case 'accept':
      Object.assign(patch, dueDates(beijingDate(ctx.at), ctx.businessType.promisedWorkingDays));
      break;
    case 'notAccept':
    case 'refuse':
      patch.decisionReasons = reasons;
      break;
    case 'requestCorrection':
      // 补正期限 from the catalogue, in working days after the notice's day
      patch.correction = {
        requestedAt: ctx.at,
        items: reasons,
        ...correctionDueOn(beijingDate(ctx.at), correctionWorkingDaysOf(ctx.businessType)),
        stage: c.status === 'accepted' ? 'review' : 'intake',
      };
      break;
    case 'queueForStaff':
      patch.manualQueue = {
        since: ctx.at,
        stage: isUnderReview(c) || awaitsTax(c) ? 'review' : 'intake',
        reasons,
      };
      note ??= '转人工审核';
      break;
    case 'approve': {
      // 继承公告 (docs/registry-facts.md §15): published on approval, recorded after its period
      const spec = ctx.businessType.announcement;
      if (!spec) break;
      const due = correctionDueOn(beijingDate(ctx.at), spec.workingDays);
      patch.announcement = {
        title: spec.title,
        publishedAt: ctx.at,
        endsOn: due.dueOn,
        ...(due.dueOnEstimated ? { endsOnEstimated: true } : {}),
        basis: spec.basis,
        text: c.reissue
          ? lossNoticeText(c, c.reissue, due.dueOn)
          : announcementText(c, ctx.businessType.name, spec.title, due.dueOn),
      };
      note ??= `审核通过，发布${spec.title}，公告期至${due.dueOn}（含当日），期满无异议后登簿`;
      break;
    }
    case 'awaitTax':
      note = byStaff
        ? ['人工审核通过，待缴纳税款后继续办理', cmd.note?.trim() ?? ''].filter(Boolean).join('；')
        : (cmd.note ?? reasons.map((r) => r.explanation).join('；'));
      break;
    default:
      break;
  }
  const next = life(c, cmd.type, ctx, { patch, ...(note ? { note } : {}) });
  const effects: CaseEffect[] = [...noticeFor(next, cmd.type, byStaff, reasons)];
  if (patch.announcement)
    effects.push({
      type: 'deliverMessage',
      title: `${ctx.businessType.name}：${patch.announcement.title}已发布`,
      body: `${patch.announcement.text}公告期满无异议的，登记机构将自动登簿并发证，无需您再操作。`,
      to: addresseesOf(c),
    });
  // 遗失补证: the 遗失声明 goes on the registry's public page with the certificate it voids
  // (细则 §22), the same list as every paper certificate announced void
  if (patch.announcement && c.reissue?.reason === 'lost')
    effects.push({
      type: 'announceVoid',
      certificateId: c.reissue.certificateId,
      certificateNumber: c.reissue.certificateNumber,
      unitCode: c.unitCode,
      location: c.reissue.location,
      reason: patch.announcement.text,
    });
  if (cmd.type === 'awaitTax')
    effects.push({
      type: 'deliverMessage',
      title: `${ctx.businessType.name}：${reasons.length && reasons.every((r) => r.code === 'fee.paid') ? '等待缴纳登记费' : '等待缴纳税款'}`,
      body: byStaff
        ? '人工审核已通过。请买卖双方按税务部门核定的金额缴纳税款，缴纳后登记继续办理。'
        : reasons.map((r) => r.explanation).join('；'),
      to: addresseesOf(c),
      event: 'paymentDue',
      facts: {
        businessTypeName: ctx.businessType.name,
        ...(next.caseNumber ? { caseNumber: next.caseNumber } : {}),
        payment: reasons.length && reasons.every((r) => r.code === 'fee.paid') ? 'fee' : 'tax',
      },
    });
  return { next, effects: [...effects, ...followUps(c, next)] };
}

/**
 * The 公告's published text: the business, the case number, the heirs who take the unit and those
 * who renounced, names masked (the public reads it), and until when an objection may be raised.
 */
export function announcementText(
  c: CaseRecord,
  businessTypeName: string,
  title: string,
  endsOn: string,
): string {
  const names = (role: string) =>
    c.parties
      .filter((p) => p.role === role)
      .map((p) => maskName(p.name))
      .join('、');
  const renounced = names('renouncingHeir');
  return (
    `${title}：不动产单元${c.unitCode}的${businessTypeName}（业务号${c.caseNumber ?? ''}）已经审核，` +
    `拟登记权利人为${names('rightHolder')}` +
    (renounced ? `，${renounced}已声明放弃继承` : '') +
    `。对此有异议的，请于${endsOn}（含当日）前向台州市不动产登记服务中心书面提出。`
  );
}

/**
 * The 遗失声明 (细则 §22) as the registry's portal publishes it: the certificate, where the unit
 * lies, the holders' names masked, and until when anyone holding the certificate may object.
 */
export function lossNoticeText(
  c: CaseRecord,
  r: NonNullable<CaseRecord['reissue']>,
  endsOn: string,
): string {
  const holders = c.parties
    .filter((p) => p.role === 'rightHolder')
    .map((p) => maskName(p.name))
    .join('、');
  return (
    `遗失声明：${holders}不慎遗失坐落于${r.location}的不动产权证书（证号${r.certificateNumber}），` +
    `已申请补发（业务号${c.caseNumber ?? ''}），原证书自本声明发布之日起作废。` +
    `对此有异议的，请于${endsOn}（含当日）前向台州市不动产登记服务中心书面提出；期满无异议的，登记机构补发新证。`
  );
}

/** Applies an allowed command; the input checks that need the command are made here. */
export function applyCommand(c: CaseRecord, cmd: CaseCommand, ctx: Ctx): Result {
  const note = 'note' in cmd && cmd.note ? { note: cmd.note } : {};
  const lifecycle = (patch: Partial<CaseRecord> = {}, extra: CaseEffect[] = []): Result => {
    const next = life(c, cmd.type as Parameters<typeof applyAction>[1], ctx, { patch, ...note });
    return { next, effects: [...extra, ...followUps(c, next)] };
  };
  switch (cmd.type) {
    case 'edit':
      return lifecycle(cmd.patch);
    case 'startSigning':
      return lifecycle({}, [{ type: 'organisationsSign' }]);
    case 'sign':
    case 'withdraw':
      return lifecycle();
    case 'submit':
      return lifecycle(
        {
          caseNumber: cmd.caseNumber,
          materials: cmd.materials,
          ...(cmd.marriageCheck ? { marriageCheck: cmd.marriageCheck } : {}),
        },
        [{ type: 'requestSharedData', after: 'submission' }, { type: 'fileContract' }],
      );
    case 'answerCorrection': {
      const known = new Set(ctx.businessType.materials.map((m) => m.code));
      for (const m of cmd.materials ?? [])
        if (!known.has(m.code)) throw validationFailed(`本业务没有“${m.code}”这项材料`);
      const byCode = new Map(c.materials.map((m) => [m.code, m]));
      for (const m of cmd.materials ?? []) byCode.set(m.code, m);
      return lifecycle({
        ...(cmd.materials ? { materials: [...byCode.values()] } : {}),
        ...(c.correction
          ? { correction: { ...c.correction, ...(cmd.note ? { note: cmd.note } : {}) } }
          : {}),
      });
    }
    case 'payTax':
      // the payment is shared as the tax receipt (契税法 §11: checked by shared data)
      return lifecycle({
        materials: withMaterial(c, {
          code: 'taxReceipt',
          source: 'sharedData',
          status: 'provided',
          ref: `税务:${cmd.receiptNo}`,
        }),
      });
    case 'payFee':
      // the 财政电子票据, checked with the finance department's key (docs/registry-facts.md §14)
      return lifecycle({
        materials: withMaterial(c, {
          code: 'feeReceipt',
          source: 'sharedData',
          status: 'provided',
          ref: `财政:${cmd.billNo}`,
        }),
      });
    case 'decline': {
      const next = life(c, 'decline', ctx, { note: cmd.reason });
      const name = next.timeline.at(-1)?.actor.displayName ?? '';
      return {
        next,
        effects: [
          { type: 'voidSignatures' },
          {
            type: 'deliverMessage',
            title: '当事人拒绝签署，办件已退回申请人',
            body: `${name}拒绝签署，理由：${cmd.reason}。办件已退回申请发起人修改，已有的签名作废，修改后需全体当事人重新签署。`,
            to: addresseesOf(c),
          },
        ],
      };
    }
    case 'accept':
    case 'notAccept':
    case 'requestCorrection':
    case 'queueForStaff':
    case 'startReview':
    case 'awaitTax':
    case 'approve':
    case 'refuse':
      return decide(c, cmd, ctx);
    case 'record': {
      const v = cmd.voidAnnouncement;
      const effects: CaseEffect[] = [
        ...(c.identityChange && ctx.businessType.application?.records === 'holderIdentityChange'
          ? [{ type: 'changeIdentity' as const, ...c.identityChange }]
          : []),
        { type: 'appendRegisterEvents', events: cmd.events },
        ...[...(v ? [v] : []), ...(cmd.moreVoidAnnouncements ?? [])].map((x) => ({
          type: 'announceVoid' as const,
          certificateId: x.certificateId,
          certificateNumber: x.certificateNumber,
          unitCode: c.unitCode,
          location: cmd.location,
          reason: `因办理${ctx.businessType.name}（业务号${c.caseNumber ?? ''}），原纸质证书公告作废`,
        })),
      ];
      // after a 公告, the entry says its period ended without the case being stopped
      const a = c.announcement;
      if (a && !cmd.note) {
        const next = life(c, 'record', ctx, {
          patch: { recording: cmd.recording },
          note: `${a.title}期满（${a.endsOn}）未收到异议，予以登簿`,
        });
        return { next, effects: [...effects, ...followUps(c, next)] };
      }
      return lifecycle({ recording: cmd.recording }, effects);
    }
    case 'issue': {
      const records = ctx.businessType.application?.records;
      const next = life(c, 'issue', ctx, {
        ...(cmd.note
          ? { note: cmd.note }
          : records === 'mortgageCancellation'
            ? {
                note: c.recording?.voidAnnounced
                  ? '注销登记不发新证，原纸质不动产登记证明已公告作废'
                  : '注销登记不发新证，原不动产登记证明已注销',
              }
            : {}),
      });
      const m = issuedMessage(next, ctx.businessType.name, records, cmd.location);
      const effects: CaseEffect[] = [
        ...(cmd.certificate ? [{ type: 'sealCertificate' as const, ...cmd.certificate }] : []),
        {
          type: 'deliverMessage',
          ...m,
          to: addresseesOf(next),
          ...(cmd.certificate
            ? {
                withCertificate: true as const,
                event: 'issued' as const,
                facts: issuedFacts(next, ctx.businessType.name, cmd.certificate.number),
              }
            : {}),
        },
        ...(cmd.mortgageProof
          ? [
              {
                type: 'sealCertificate' as const,
                kind: 'registrationProof' as const,
                ...cmd.mortgageProof,
              },
              {
                type: 'deliverMessage' as const,
                ...issuedMessage(next, ctx.businessType.name, 'mortgage', cmd.location, {
                  certificateNumber: cmd.mortgageProof.number,
                }),
                to: addresseesOf(next),
                withCertificate: true as const,
                event: 'issued' as const,
                facts: issuedFacts(next, ctx.businessType.name, cmd.mortgageProof.number),
              },
            ]
          : []),
      ];
      return { next, effects: [...effects, ...followUps(c, next)] };
    }
    case 'archive':
      return { next: life(c, 'archive', ctx, { note: `归档：${cmd.archiveNumber}` }), effects: [] };
    case 'lapseCorrection':
      return lapseCorrection(c, ctx);
    case 'lapseAdvanceNotice':
      return lapseAdvanceNotice(c, cmd, ctx);
    case 'lapseObjection':
      return lapseObjection(c, cmd, ctx);
    default:
      return step(c, cmd, ctx);
  }
}

/**
 * 补正期限 passed unanswered: the machine ends the case with a notice to every party. Asked at 受理,
 * the application is not accepted (条例第十七条: materials incomplete or not in the legal form);
 * asked after acceptance, the registration is refused (条例第二十二条). The case is then finished
 * like any other (filed, its shared data fetched once more).
 */
function lapseCorrection(c: CaseRecord, ctx: Ctx): Result {
  const dueOn = c.correction?.dueOn;
  if (!dueOn || !correctionLapsed(c, beijingDate(ctx.at)))
    throw conflict('补正期限尚未届满，办件继续等待补正');
  const review = c.correction?.stage === 'review';
  const action = review ? 'refuse' : 'notAccept';
  const reasons = [
    {
      code: 'correctionLapsed',
      explanation: `申请人未在补正期限（${dueOn}）内按补正通知书补正`,
    },
  ];
  const next = life(c, action, ctx, {
    patch: { decisionReasons: reasons },
    note: `补正期限（${dueOn}）届满未补正，${review ? '不予登记' : '不予受理'}`,
  });
  return {
    next,
    effects: [
      {
        type: 'sealNotice',
        kind: review ? 'refusalNotice' : 'nonAcceptanceNotice',
        reasons,
        basis: [review ? REFUSAL_BASIS : INTAKE_BASIS],
        to: addresseesOf(c),
      },
      ...followUps(c, next),
    ],
  };
}

/**
 * 预告登记 lapsed (民法典 §221): the registration it secures was not applied for within 90 days of
 * becoming possible. The register ends the notice (and its 不动产登记证明), the case that recorded
 * it notes the lapse in its timeline as a 登簿 step of the bureau, and every party is told.
 */
function lapseAdvanceNotice(
  c: CaseRecord,
  cmd: Extract<CaseCommand, { type: 'lapseAdvanceNotice' }>,
  ctx: Ctx,
): Result {
  const r = c.recording;
  if (!r || r.restrictionId !== cmd.restrictionId || r.lapsedOn)
    throw conflict('该办件登记的预告登记已不是现势状态');
  if (beijingDate(ctx.at) <= cmd.lastDay) throw conflict('预告登记的九十日期间尚未届满');
  const today = beijingDate(ctx.at);
  const text = `自能够进行不动产登记之日起九十日内未申请登记，预告登记于${cmd.lastDay}期满失效（《民法典》第二百二十一条），登记簿已注销该预告登记，不动产登记证明${r.certificateNumber}同时失效`;
  const last = c.timeline.at(-1);
  const next: CaseRecord = {
    ...c,
    recording: { ...r, lapsedOn: today },
    timeline: [
      ...c.timeline,
      {
        seq: (last?.seq ?? 0) + 1,
        action: 'lapseAdvanceNotice',
        step: '登簿',
        from: c.status,
        to: c.status,
        actor: BUREAU,
        at: ctx.at,
        note: text,
      },
    ],
    updatedAt: ctx.at,
    version: c.version + 1,
  };
  return {
    next,
    effects: [
      {
        type: 'appendRegisterEvents',
        events: [
          {
            eventId: `${cmd.restrictionId}-LAPSED`,
            type: 'restrictionCancelled',
            recordedAt: ctx.at,
            restrictionId: cmd.restrictionId,
            cancelledOn: today,
          },
        ],
      },
      {
        type: 'deliverMessage',
        title: `预告登记已失效（${r.certificateNumber}）`,
        body: `${cmd.location}的${ctx.businessType.name}${text}。`,
        to: addresseesOf(c),
      },
    ],
  };
}

/**
 * 异议登记 lapsed (民法典 §220 ¶2; 细则 §83): no lawsuit or arbitration within 15 days of its
 * registration. The register ends the objection and its 异议登记证明, the case notes the lapse in
 * its timeline as a 登簿 step of the bureau, and every party is told; the same objector may not
 * object again on the same matter and grounds (细则 §83 ¶2).
 */
function lapseObjection(
  c: CaseRecord,
  cmd: Extract<CaseCommand, { type: 'lapseObjection' }>,
  ctx: Ctx,
): Result {
  const r = c.recording;
  if (!r || r.restrictionId !== cmd.restrictionId || r.lapsedOn)
    throw conflict('该办件登记的异议登记已不是现势状态');
  const today = beijingDate(ctx.at);
  if (today <= cmd.lastDay) throw conflict('异议登记的十五日期间尚未届满');
  const text = `异议登记之日起十五日内未提起诉讼或申请仲裁，异议登记于${cmd.lastDay}期满失效（《民法典》第二百二十条第二款、《不动产登记暂行条例实施细则》第八十三条），登记簿已注销该异议登记，不动产登记证明${r.certificateNumber}同时失效；申请人以同一事项和理由再次申请异议登记的，不予受理`;
  const last = c.timeline.at(-1);
  const next: CaseRecord = {
    ...c,
    recording: { ...r, lapsedOn: today },
    timeline: [
      ...c.timeline,
      {
        seq: (last?.seq ?? 0) + 1,
        action: 'lapseObjection',
        step: '登簿',
        from: c.status,
        to: c.status,
        actor: BUREAU,
        at: ctx.at,
        note: text,
      },
    ],
    updatedAt: ctx.at,
    version: c.version + 1,
  };
  return {
    next,
    effects: [
      {
        type: 'appendRegisterEvents',
        events: [
          {
            eventId: `${cmd.restrictionId}-LAPSED`,
            type: 'restrictionCancelled',
            recordedAt: ctx.at,
            restrictionId: cmd.restrictionId,
            cancelledOn: today,
          },
        ],
      },
      {
        type: 'deliverMessage',
        title: `异议登记已失效（${r.certificateNumber}）`,
        body: `${cmd.location}的${ctx.businessType.name}：${text}。`,
        to: addresseesOf(c),
      },
    ],
  };
}

/** The steps that keep the status. */
function step(
  c: CaseRecord,
  cmd: Exclude<
    CaseCommand,
    | { type: Parameters<typeof applyAction>[1] }
    | { type: 'lapseCorrection' }
    | { type: 'lapseAdvanceNotice' }
    | { type: 'lapseObjection' }
  >,
  ctx: Ctx,
): Result {
  const me = ctx.actor.kind === 'party' ? ctx.actor.personId : '';
  switch (cmd.type) {
    case 'invite': {
      if (!c.parties.some((p) => p.personId === cmd.partyId) || cmd.partyId === me)
        throw notFound('该办件没有这位当事人');
      return {
        next: c,
        effects: [
          {
            type: 'saveInvitation',
            partyId: cmd.partyId,
            code: cmd.code,
            expiresAt: cmd.expiresAt,
          },
          {
            type: 'deliverMessage',
            title: '待我签署：您被邀请共同申请不动产登记',
            body: `${cmd.inviterName}邀请您共同办理登记。请登录后在“待我签署”中查看，或输入邀请码 ${cmd.code}（${dateTimeText(cmd.expiresAt)} 前有效）。`,
            to: [cmd.partyId],
            event: 'invitation',
            facts: { businessTypeName: ctx.businessType.name, actorName: cmd.inviterName },
            invitationCode: cmd.code,
          },
        ],
      };
    }
    case 'answerInquiry': {
      const check = checkInquiry(questionsFor(c, ctx.businessType), cmd.answers);
      if (!check.ok) throw new AppError(check.code, check.message);
      // the initiator's answers are also the application's (checked before signing starts)
      const next =
        cmd.partyId === c.createdBy && isDraft(c)
          ? changed(c, { answers: check.answers }, ctx.at)
          : c;
      return {
        next,
        effects: [
          { type: 'saveInquiry', partyId: cmd.partyId, answers: check.answers },
          { type: 'reconcileSignatures' },
        ],
      };
    }
    case 'uploadMaterial':
      return {
        next: changed(
          c,
          {
            materials: withMaterial(c, {
              code: cmd.materialCode,
              source: 'scan',
              status: 'provided',
              ref: cmd.fileId,
            }),
          },
          ctx.at,
        ),
        effects: [{ type: 'reconcileSignatures' }],
      };
    case 'commitMaterial':
      // a marital status is pledged by the holder it is about, never by the other side
      if (
        cmd.materialCode === 'marriage' &&
        c.marriageCheck &&
        !c.marriageCheck.holders.some((h) => h.personId === me)
      )
        throw new AppError(
          'MARITAL_COMMITMENT_NOT_YOURS',
          '婚姻状况须由登记簿上的权利人本人承诺，其他当事人不能代为承诺',
        );
      return {
        next: changed(
          c,
          {
            materials: withMaterial(c, {
              code: cmd.materialCode,
              source: 'commitment',
              status: 'provided',
              ref: `commitment:${me}`,
            }),
          },
          ctx.at,
        ),
        effects: [
          { type: 'saveCommitment', partyId: me, materialCode: cmd.materialCode },
          { type: 'reconcileSignatures' },
        ],
      };
    case 'pledgeMaritalStatus':
      return {
        next: changed(
          c,
          {
            parties: cmd.parties,
            marriageCheck: cmd.marriageCheck,
            materials: withMaterial(c, {
              code: 'marriage',
              source: 'commitment',
              status: 'provided',
              ref: `maritalCommitment:${me}`,
            }),
          },
          ctx.at,
        ),
        effects: [{ type: 'reconcileSignatures' }],
      };
    case 'recordMarriageAnswer':
      return {
        next: changed(c, { parties: cmd.parties, marriageCheck: cmd.marriageCheck }, ctx.at),
        effects: [{ type: 'reconcileSignatures' }],
      };
    case 'editContract':
    case 'chooseUtilities':
    case 'retryUtilities':
      return saleStep(c, cmd, ctx.at, me);
    case 'requestRecheck':
      // the record and its recheck are shared data's; the case keeps the note of it
      return { next: recheckNoted(c, cmd.by, cmd.text, ctx.at), effects: [] };
    case 'resolveSharedData':
    case 'objectToSharedData':
      // allowed now; shared data fetches again or files the objection (its own records)
      return { next: c, effects: [] };
    case 'renounceInheritance':
    case 'acceptInheritance': {
      // the heir's own choice changes the application's parties: every signature over the
      // old application is voided (reconcileSignatures) and the heir's shares are recounted
      const renounce = cmd.type === 'renounceInheritance';
      const parties = c.parties.map((p) => {
        if (p.personId !== me || p.role !== (renounce ? 'rightHolder' : 'renouncingHeir')) return p;
        const { shareBasisPoints: _share, ...rest } = p;
        void _share;
        return { ...rest, role: renounce ? ('renouncingHeir' as const) : ('rightHolder' as const) };
      });
      const holders = parties.filter((p) => p.role === 'rightHolder').length;
      return {
        next: changed(
          c,
          {
            parties,
            // one heir left takes the unit alone; several choose how they hold it again
            ...(holders === 1
              ? { newCoOwnership: 'sole' as const }
              : c.newCoOwnership === 'shares'
                ? { newCoOwnership: 'joint' as const }
                : {}),
          },
          ctx.at,
        ),
        effects: [
          { type: 'reconcileSignatures' },
          {
            type: 'deliverMessage',
            title: renounce ? '继承人声明放弃继承' : '继承人撤回放弃继承声明',
            body: renounce
              ? `${ctx.partyName ?? ''}已在线声明放弃继承。依《电子签名法》第三条，放弃继承声明不适用电子签名：请上传经公证的放弃继承声明，或由其本人到登记窗口当面签署确认。申请书已变更，已有的签名作废，需重新签署。`
              : `${ctx.partyName ?? ''}已撤回放弃继承声明，作为接受继承的继承人参加申请。申请书已变更，已有的签名作废，需重新签署。`,
            to: addresseesOf(c),
          },
        ],
      };
    }
  }
}

/** what the channels' template of an issued certificate needs: the business, 业务号, number */
const issuedFacts = (c: CaseRecord, businessTypeName: string, certificateNumber: string) => ({
  businessTypeName,
  ...(c.caseNumber ? { caseNumber: c.caseNumber } : {}),
  certificateNumber,
});
