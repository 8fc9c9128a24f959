/**
 * One question, one material and one fee read the same in every business type that uses them, and
 * every answer the 询问笔录 lets through leads where the review rule on the same fact leads.
 */
import { CURRENT_CATALOGUE as CATALOGUE } from '../../../mock-server/src/adapters/seed';
import type { BusinessType } from '../../../mock-server/src/domain/catalogue';

const types = CATALOGUE.businessTypes;

/** a type's fee lines of one code, by the unit's use */
const feeLinesFor = (bt: BusinessType, code: string) =>
  (bt.fees ?? [])
    .filter((f) => f.code === code)
    .map((f) => ({
      unitUse: f.unitUse,
      amountYuan: f.amountYuan,
      extraCertificateYuan: f.extraCertificateYuan,
    }));

describe('catalogue consistency across business types', () => {
  it('words each question code the same in every type', () => {
    const texts = new Map<string, Set<string>>();
    for (const bt of types)
      for (const q of bt.questions ?? []) {
        const seen = texts.get(q.code) ?? new Set<string>();
        seen.add(`${q.kind}｜${q.text}｜${(q.choices ?? []).join('/')}`);
        texts.set(q.code, seen);
      }
    const differing = [...texts].filter(([, s]) => s.size > 1).map(([code, s]) => [code, [...s]]);
    expect(differing).toEqual([]);
  });

  it('sends a declared dispute to staff wherever the question is asked (条例§22(二))', () => {
    const missing = types
      .filter((bt) => (bt.questions ?? []).some((q) => q.code === 'disputed'))
      .filter((bt) => !(bt.rules ?? []).some((r) => r.code === 'inquiry.disputeDeclared'))
      .map((bt) => bt.code);
    expect(missing).toEqual([]);
  });

  it('asks about seizure apart from disputes, and stops a seized unit at the questionnaire', () => {
    for (const bt of types)
      for (const q of bt.questions ?? [])
        if (q.code === 'disputeOrSeizure') {
          expect([bt.code, q.text]).toEqual([bt.code, '申请登记的不动产是否被查封、冻结？']);
          expect(q.blockingAnswer).toBe('是');
        }
  });

  it('charges every fee-paying type by the unit’s use: 住宅 80 元, 非住宅 550 元 (§14)', () => {
    const paying = types.filter((bt) => (bt.fees ?? []).length > 0);
    expect(paying.length).toBeGreaterThanOrEqual(8);
    for (const bt of paying) {
      // a re-issued certificate (补证, 换证) pays the 证书工本费 alone: 10 元 a certificate
      const registration = bt.fees!.filter((f) => !f.certificateCost);
      for (const f of bt.fees!.filter((x) => x.certificateCost))
        expect([bt.code, f.amountYuan, f.unitUse]).toEqual([bt.code, 10, undefined]);
      for (const code of new Set(registration.map((f) => f.code))) {
        expect([bt.code, code, feeLinesFor(bt, code)]).toEqual([
          bt.code,
          code,
          [
            { unitUse: 'residential', amountYuan: 80, extraCertificateYuan: 10 },
            { unitUse: 'nonResidential', amountYuan: 550, extraCertificateYuan: 10 },
          ],
        ]);
      }
      for (const f of bt.fees!) {
        expect(f.basis).toBe('发改价格规〔2016〕2559号、财税〔2016〕79号');
        expect(f.exemptPayers).toEqual(['smallMicroEnterprise', 'individualBusiness']);
      }
    }
  });
});
