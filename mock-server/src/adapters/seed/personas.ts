/**
 * Renders docs/personas.md from the seed, so the document always tells the truth about the
 * demo data. Pure: give it the generated data, get Markdown back.
 */
import { findCounty } from '../../domain/counties';
import { DEMO_STAFF } from './staff';
import { formatUnitCode } from '../../domain/identifiers';
import {
  isOldStyle,
  mayGetElectronicTwin,
  projectRegister,
  type CertificateState,
  type Person,
  type RestrictionState,
  type RightState,
} from '../../domain/register';
import type { Catalogue } from '../../domain/catalogue';
import type { SeedData } from './generate';

/**
 * The identity platform simulator's face check never matches this citizen, so the
 * failure path can be tried by a person and by tests.
 */
export const FACE_MISMATCH_PERSON_ID = 'P036';

const CO_OWNERSHIP = { sole: '单独所有', joint: '共同共有', shares: '按份共有' } as const;
const CERT_STATUS = { current: '现势', cancelled: '已注销', void: '已作废（公告作废）' } as const;

export function renderPersonas(data: SeedData, catalogue: Catalogue): string {
  const state = projectRegister(data.events);
  const people = new Map(data.persons.map((p) => [p.personId, p]));
  const name = (id: string) => people.get(id)?.name ?? id;
  const spouse = new Map<string, string>();
  for (const m of data.marriages) {
    spouse.set(m.spouseIds[0], m.spouseIds[1]);
    spouse.set(m.spouseIds[1], m.spouseIds[0]);
  }
  const currentRights = [...state.rights.values()].filter((r) => r.status === 'current');
  const restrictionsOf = (unitCode: string) =>
    [...state.restrictions.values()].filter(
      (r) => r.unitCode === unitCode && r.status === 'current',
    );
  const cert = (id: string) => state.certificates.get(id) as CertificateState;

  const holdersText = (r: RightState) =>
    r.holders
      .map((h) =>
        h.shareBasisPoints ? `${name(h.personId)} ${h.shareBasisPoints / 100}%` : name(h.personId),
      )
      .join('、');

  const restrictionText = (r: RestrictionState) => {
    switch (r.kind) {
      case 'mortgage':
        return `抵押（${name(r.mortgageeId)}，${r.securedAmountYuan / 10000}万元，${r.mortgageType}）`;
      case 'seizure':
        return `查封（${name(r.courtId)} ${r.rulingNumber}，至${r.endsOn}）`;
      case 'objection':
        return `异议登记（异议人${name(r.objectorId)}，${r.lawsuitFiledOn ? `已于${r.lawsuitFiledOn}起诉` : '未起诉'}）`;
      case 'advanceNotice':
        return `预告登记（购房人${r.rightHolderIds.map(name).join('、')}）`;
    }
  };

  const situation = (r: RightState) => {
    const c = cert(r.certificateId);
    const tags: string[] = restrictionsOf(r.unitCode).map(restrictionText);
    if (isOldStyle(c.kind)) tags.push('旧版房屋所有权证：纸质，不制作电子证照');
    else if (mayGetElectronicTwin(c)) tags.push('改革前纸质证书，尚无电子证照');
    const previous = [...state.rights.values()].find(
      (x) => x.unitCode === r.unitCode && x.status === 'cancelled',
    );
    if (previous) {
      const pc = cert(previous.certificateId);
      tags.push(
        `二手房：原权利人${holdersText(previous)}，原证 ${pc.number} ${CERT_STATUS[pc.status]}`,
      );
    }
    return tags.join('；') || '—';
  };

  const ownedBy = (personId: string) =>
    currentRights.filter((r) => r.holders.some((h) => h.personId === personId));
  const lines: string[] = [];
  const row = (cells: (string | number)[]) =>
    lines.push(`| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`);

  lines.push(
    '# 演示人物与不动产 / Demo personas',
    '',
    `> 本文件由种子数据生成，请勿手改：\`npm run seed -- --personas > docs/personas.md\`（种子 ${data.seed}）。`,
    '> 所有人物、号码和地址均为虚构的演示数据；身份证号和统一社会信用代码能通过校验，但不属于任何真实的人或机构。',
    '> Generated from the seed generator; all people are fictitious. ID numbers are shown in full so a tester can log in.',
    '',
    `共 ${state.units.size} 个不动产单元（覆盖台州全部 9 个县市区），${data.persons.filter((p) => p.kind === 'natural').length} 位居民，${data.marriages.length} 对夫妻。`,
    '',
    '## 业务目录（假设值）/ Business catalogue (assumptions)',
    '',
    '承诺办结时限未查到台州公开数据，以下为本项目的假设值，均不超过《不动产登记暂行条例》第二十条的30个工作日；是否需要共同申请依据第十四条。补正期限亦未查到台州公开规定，业务目录未设定时为补正通知书送达次日起10个工作日（假设值）。',
    '',
  );
  row(['业务', 'code', '承诺时限（工作日，假设）', '共同申请']);
  row(['---', '---', '---', '---']);
  for (const b of catalogue.businessTypes) {
    row([b.name, `\`${b.code}\``, b.promisedWorkingDays, b.jointApplication ? '是' : '否']);
  }

  const faceless = data.persons.find((p) => p.personId === FACE_MISMATCH_PERSON_ID);
  lines.push('', '## 居民 / Citizens', '');
  if (faceless) {
    lines.push(
      `> 人脸登录演示：模拟的身份认证平台对 **${faceless.personId} ${faceless.name}** 的人脸比对总是不通过（FACE_MISMATCH），用于演示和测试失败路径；其他居民用任意摄像头画面即可通过。`,
      '> Face login: the simulated identity platform never matches this persona’s face; everyone else passes with any live camera frames.',
      '',
    );
  }
  row(['编号', '姓名', '公民身份号码', '手机', '配偶', '名下现势不动产']);
  row(['---', '---', '---', '---', '---', '---']);
  for (const p of data.persons.filter((x) => x.kind === 'natural')) {
    const owns = ownedBy(p.personId).map((r) => {
      const u = state.units.get(r.unitCode)!;
      return `${u.location}（${CO_OWNERSHIP[r.coOwnership]}）`;
    });
    const other = otherRoles(p, state.restrictions);
    row([
      p.personId,
      p.name,
      `\`${p.idNumber}\``,
      p.phone ?? '',
      spouse.has(p.personId) ? name(spouse.get(p.personId)!) : '—',
      [...owns, ...other].join('<br>') || '无（可演示“无房证明”）',
    ]);
  }

  lines.push('', '## 机构 / Organisations', '');
  row(['编号', '名称', '统一社会信用代码']);
  row(['---', '---', '---']);
  for (const p of data.persons.filter((x) => x.kind === 'legal'))
    row([p.personId, p.name, `\`${p.idNumber}\``]);

  lines.push('', '## 不动产单元 / Units', '');
  row([
    '县市区',
    '不动产单元号',
    '坐落',
    '用途 / 面积',
    '权利人（共有情况）',
    '证书号（形式，状态）',
    '情形',
  ]);
  row(['---', '---', '---', '---', '---', '---', '---']);
  const sorted = [...currentRights].sort((a, b) => a.unitCode.localeCompare(b.unitCode));
  for (const r of sorted) {
    const u = state.units.get(r.unitCode)!;
    const c = cert(r.certificateId);
    row([
      findCounty(u.countyCode)?.name ?? u.countyCode,
      `\`${formatUnitCode(u.unitCode)}\``,
      u.location,
      `${u.use} ${u.buildingArea.toFixed(2)}㎡`,
      `${holdersText(r)}（${CO_OWNERSHIP[r.coOwnership]}）`,
      `${c.number}（${c.form === 'electronic' ? '电子证照' : '纸质'}，${CERT_STATUS[c.status]}）`,
      situation(r),
    ]);
  }
  lines.push('');
  lines.push(...staffSection());
  return lines.join('\n');
}

/** Demo staff accounts of the console at /staff. */
function staffSection(): string[] {
  return [
    '## 工作人员（控制台 `/staff`）',
    '',
    '演示用工作人员账号（虚构人物，密码仅供演示；任何真实部署须自行建号）。控制台：人工审核队列、办件详情（办理过程、材料、规则检查结果）、受理/要求补正/不予受理/审核通过/不予登记，以及窗口受理（为不能在线申请的群众录入，见改革方案五(一)）。每项操作记入 staff_audit。',
    '',
    '| 用户名 | 姓名 | 岗位 | 密码 |',
    '| --- | --- | --- | --- |',
    ...DEMO_STAFF.map(
      (s) => `| \`${s.username}\` | ${s.displayName} | ${s.post} | \`${s.password}\` |`,
    ),
    '',
  ];
}

function otherRoles(p: Person, restrictions: Map<string, RestrictionState>): string[] {
  const out: string[] = [];
  for (const r of restrictions.values()) {
    if (r.status !== 'current') continue;
    if (r.kind === 'objection' && r.objectorId === p.personId)
      out.push(`异议登记的异议人（单元 ${r.unitCode}）`);
    if (r.kind === 'advanceNotice' && r.rightHolderIds.includes(p.personId)) {
      out.push(`预告登记的购房人（单元 ${r.unitCode}，可演示预告转本）`);
    }
  }
  return out;
}
