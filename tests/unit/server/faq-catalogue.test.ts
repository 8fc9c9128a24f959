/**
 * The FAQ says only what the catalogue offers: the answer to 在手机上办理可以办哪些业务 is written
 * from the catalogue (every business type applied for online named, nothing promised that it does
 * not list, such as 权籍调查入库 or "各类不动产登记业务"), and follows the catalogue when it changes.
 */
import { CURRENT_CATALOGUE as CATALOGUE } from '../../../mock-server/src/adapters/seed';
import { applicationOf } from '../../../mock-server/src/domain/catalogue';
import { FAQ, faqWithCatalogue } from '../../../mock-server/src/domain/consultation';

const services = (bts = CATALOGUE.businessTypes) =>
  faqWithCatalogue(FAQ, bts).find((e) => e.question === '在手机上办理可以办哪些业务？')!;

describe('the FAQ on what can be applied for', () => {
  it('names every business type the catalogue offers online, and promises nothing else', () => {
    const e = services();
    for (const bt of CATALOGUE.businessTypes.filter((b) => applicationOf(b).online))
      expect(e.answer).toContain(bt.name);
    expect(e.answer).not.toMatch(/各类不动产登记业务/);
    expect(e.answer).not.toMatch(/权籍调查入库业务[^（]*可以/);
    for (const f of FAQ) expect(f.answer).not.toMatch(/权籍调查入库业务，都可以/);
  });

  it('follows the catalogue: a business type taken off is no longer offered', () => {
    const without = CATALOGUE.businessTypes.filter((b) => b.code !== 'mortgage.first');
    // quoted as the answer lists it: 转移+抵押 also names 抵押权首次登记 inside its own name
    const name = `“${CATALOGUE.businessTypes.find((b) => b.code === 'mortgage.first')!.name}”`;
    expect(services(without).answer).not.toContain(name);
    expect(services().answer).toContain(name);
  });

  it('keeps one entry per id (the catalogue entry replaces the static one)', () => {
    const all = faqWithCatalogue(FAQ, CATALOGUE.businessTypes);
    expect(all).toHaveLength(FAQ.length);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  });
});
