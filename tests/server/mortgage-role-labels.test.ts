/**
 * A mortgage names its parties 抵押人 and 抵押权人 everywhere the server names a role: the case
 * detail (app and staff console), the signing status and the application form the parties sign
 * (its heading and signature lines), never 权利人 for the mortgagor.
 */
import type {
  BundleResponse,
  CaseDetail,
  SigningStatusResponse,
} from '../../mock-server/src/contract';
import { client, login } from './support/cases-client';
import { startSigningHarness, type SigningHarness } from './support/signing';
import { BANK, mortgageTerms, PAN } from './support/business-types';

let h: SigningHarness;
beforeAll(async () => {
  h = await startSigningHarness();
});
afterAll(() => h.close());

it('a mortgage: 抵押人 and 抵押权人 in the case, the signing status and the signed application form', async () => {
  const pan = client(h, await login(h, PAN));
  let c = await pan.post<CaseDetail>(
    '/cases',
    {
      businessTypeCode: 'mortgage.first',
      certificateNumber: '浙(2023)天台县不动产权第0029887号',
      parties: [{ ...BANK, role: 'mortgagee' }],
      mortgage: mortgageTerms(500_000),
    },
    201,
  );
  expect(c.parties.map((p) => [p.name, p.roleLabel])).toEqual([
    [BANK.name, '抵押权人'],
    [PAN.name, '抵押人'],
  ]);
  const me = c.parties.find((p) => p.name === PAN.name)!.personId;
  await pan.put(`/cases/${c.caseId}/parties/${me}/inquiry`, {
    answers: { truthful: '是', signedVoluntarily: '是', otherCoOwners: '否' },
  });
  c = await pan.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
  const status = await pan.get<SigningStatusResponse>(`/cases/${c.caseId}/signing-status`);
  expect(status.parties.map((p) => [p.name, p.roleLabel])).toEqual([
    [BANK.name, '抵押权人'],
    [PAN.name, '抵押人'],
  ]);
  const bundle = await pan.get<BundleResponse>(`/cases/${c.caseId}/bundle`);
  const form = JSON.stringify(bundle.documents.find((d) => d.id === 'applicationForm')!.rendering);
  expect(form).toContain('抵押人情况');
  expect(form).toContain('抵押权人情况');
  expect(form).not.toContain('权利人情况');
  expect(form).not.toMatch(/"role":"权利人"/);
});
