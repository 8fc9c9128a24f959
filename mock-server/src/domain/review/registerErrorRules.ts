/**
 * Rules of 更正登记, 异议登记, 遗失补证 and 换证 (docs/registry-facts.md §15): who may ask, and the
 * facts only a staff member can establish (that the register is wrong, that the objector has an
 * interest), which send the case to staff with the reason rather than being guessed.
 */
import { fail, pass, partyIds, type ReviewRule } from './rule';

export const REGISTER_ERROR_RULES: readonly ReviewRule[] = [
  {
    code: 'correction.byAllHolders',
    stage: 'review',
    title: '更正登记由登记簿记载的全部权利人申请',
    // 细则 §79: a holder applies with proof of the error; an interested party needs the holders'
    // consent. A correction of how the unit is held changes every holder's right: all apply.
    basis: '《民法典》第二百二十条第一款；《不动产登记暂行条例实施细则》第七十九条',
    check(ctx) {
      if (!ctx.right) return fail(this.code, '登记簿中没有现势权利，无法更正。');
      const applicants = partyIds(ctx, 'rightHolder');
      const holders = ctx.right.holders.map((h) => h.personId);
      const same = applicants.size === holders.length && holders.every((id) => applicants.has(id));
      return same
        ? pass(this.code, '申请人为登记簿记载的全部权利人')
        : fail(
            this.code,
            '更正共有方式或份额须由登记簿记载的全部权利人共同申请；利害关系人申请更正的，须提交权利人同意更正的证明，请到登记窗口办理。',
          );
    },
  },
  {
    code: 'correction.noLaterEntries',
    stage: 'review',
    title: '错误登记之后未办理处分、预告或查封登记',
    basis: '《不动产登记暂行条例实施细则》第七十九条第三款',
    check(ctx) {
      const later = ctx.restrictions.filter(
        (r) =>
          r.status === 'current' &&
          (r.kind === 'mortgage' || r.kind === 'advanceNotice' || r.kind === 'seizure'),
      );
      return later.length
        ? fail(
            this.code,
            '该不动产在登记之后已办理抵押、预告或查封登记，更正可能影响其他权利人，需登记机构工作人员审核是否可以更正。',
          )
        : pass(this.code, '登记之后未办理抵押、预告或查封登记');
    },
  },
  {
    code: 'correction.errorVerified',
    stage: 'review',
    title: '登记簿记载确有错误',
    // whether the register is wrong is a finding on the proof and the original file: staff
    basis: '《不动产登记暂行条例实施细则》第七十九条第二款',
    check() {
      // never by the machine: the staff member's approval is the finding
      return fail(
        this.code,
        '登记簿记载是否确有错误，需登记机构工作人员对照原始登记档案核实申请人提交的证明材料；记载无误的，不予更正并书面告知。',
      );
    },
  },
  {
    code: 'objection.applicantNotHolder',
    stage: 'intake',
    title: '异议申请人不是登记簿记载的权利人',
    basis: '《民法典》第二百二十条第二款；《不动产登记暂行条例实施细则》第八十二条',
    check(ctx) {
      const holders = new Set((ctx.right?.holders ?? []).map((h) => h.personId));
      const own = [...partyIds(ctx, 'applicant')].some((id) => holders.has(id));
      return own
        ? fail(
            this.code,
            '权利人认为登记簿记载错误的，应申请更正登记；异议登记由权利人以外的利害关系人申请。',
          )
        : pass(this.code, '异议申请人为权利人以外的利害关系人');
    },
  },
  {
    code: 'objection.interestVerified',
    stage: 'review',
    title: '异议申请人与该不动产有利害关系，并有证实登记错误的材料',
    basis: '《不动产登记暂行条例实施细则》第八十二条',
    check() {
      // never by the machine: the staff member's approval is the finding
      return fail(
        this.code,
        '异议申请人与该不动产的利害关系及证实登记错误的材料，需登记机构工作人员核实。',
      );
    },
  },
  {
    code: 'reissue.paperCertificate',
    stage: 'intake',
    title: '补发、换发的是现势的纸质不动产权证书',
    // an electronic certificate can be neither lost nor damaged: it is shown again from 证照
    basis: '《不动产登记暂行条例实施细则》第二十二条',
    check(ctx) {
      const c = ctx.certificate;
      if (!c || c.status !== 'current')
        return fail(this.code, '登记簿中没有该不动产现势的不动产权证书，无法补发或换发。');
      return c.form === 'paper'
        ? pass(this.code, `原证书${c.number}为纸质证书`)
        : fail(
            this.code,
            '该不动产的证书为电子证书，不会遗失或损坏，无需补发或换发：请在“证照”中查看、下载或亮证。',
          );
    },
  },
];
