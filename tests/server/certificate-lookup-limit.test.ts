/**
 * Naming a unit by certificate number reveals that a unit exists and where it is, so
 * the lookups are limited per person: CERTIFICATE_LOOKUPS_PER_WINDOW an hour, found or not, then
 * 429 RATE_LIMITED with a Chinese message — nothing is created; other people and applications by
 * unit code are not affected.
 */
import { CERTIFICATE_LOOKUPS_PER_WINDOW } from '../../mock-server/src/usecases/cases/certificateLookupLimit';
import { login } from './support/cases-client';
import { startHarness, type Harness } from './support/registry';

const YING = { idNumber: '331023196801208629', name: '应敏' };
const LI = { idNumber: '331081198512258315', name: '李国平' };

describe('certificate-number lookups are limited per person', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const apply = (token: string, serial: number) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        businessTypeCode: 'transfer.secondHandSale',
        certificateNumber: `浙(2023)天台县不动产权第${String(serial).padStart(7, '0')}号`,
        parties: [{ ...YING, role: 'rightHolder' }],
        newCoOwnership: 'sole',
      },
    });
  const cases = async () =>
    ((await h.registry.sql.get('SELECT COUNT(*) AS n FROM cases')) as { n: number }).n;

  it('answers up to the limit, then refuses with RATE_LIMITED and creates nothing', async () => {
    const token = await login(h, YING);
    const before = await cases();
    for (let i = 0; i < CERTIFICATE_LOOKUPS_PER_WINDOW; i++) {
      const r = await apply(token, 9_900_000 + i);
      expect(r.statusCode).toBe(404);
      expect(r.json()).toMatchObject({ code: 'CERTIFICATE_NOT_FOUND' });
    }
    const limited = await apply(token, 9_999_999);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.json().message).toMatch(/查找不动产的次数过多/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3000);
    expect(await cases()).toBe(before);
    // somebody else is still answered
    const other = await apply(await login(h, LI), 9_900_000);
    expect(other.statusCode).toBe(404);
  });
});
