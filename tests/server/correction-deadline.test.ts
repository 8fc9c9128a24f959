/**
 * 补正期限 through the API: a 补正通知书 sets the period from the catalogue in working days and
 * shows it (in the notice and in the case); left unanswered past it, the machine ends the case on
 * its own (the node's periodic sweep, here every second, with an injected clock) with a sealed
 * 不予受理通知书 citing 条例第十七条, and files it. Nothing is kept in the process: a node started
 * after the date ends such a case at start too.
 */
import type {
  CaseDetail,
  DocumentResponse,
  RegistryPublicKeyResponse,
} from '../../mock-server/src/contract';
import { chinaWorkingDayCalendar } from '../../mock-server/src/domain/calendar';
import { DEFAULT_CORRECTION_WORKING_DAYS } from '../../mock-server/src/domain/catalogue';
import { beijingDate } from '../../mock-server/src/domain/cases';
import { verifySeal } from '../../mock-server/src/domain/documents';
import { createApp, openRegistry } from '../../mock-server/src/bootstrap';
import { createLogger } from '../../mock-server/src/logger';
import { client, eSign, eSignSpouses, login } from './support/cases-client';
import { startSigningHarness, type SigningHarness } from './support/signing';

const BUYER = { idNumber: '331023196801208629', name: '应敏', role: 'rightHolder' as const };
/** P010, sole owner of 海韵花园6幢1单元1203室 */
const SELLER = { idNumber: '331004198603249569', name: '郑静' };
const UNIT = '331022002008GB00162F00060001';
const DAY = 86_400_000;

describe('补正期限', () => {
  let h: SigningHarness;
  beforeAll(async () => {
    h = await startSigningHarness({ MACHINE_SWEEP_SECONDS: '1' });
  });
  afterAll(() => h.close());

  /** a sale whose filed contract is unreadable: the machine asks for corrections */
  async function correctionRequested() {
    const seller = client(h, await login(h, SELLER));
    const buyer = client(h, await login(h, BUYER));
    // the seller opens the sale from their unit and names the buyer
    let c = await seller.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'transfer.secondHandSale',
        unitCode: UNIT,
        parties: [BUYER],
        newCoOwnership: 'sole',
        answers: { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' },
        materials: [{ code: 'filedContract', source: 'scan', status: 'unclear' }],
      },
      201,
    );
    c = await seller.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    c = await eSign(seller, c.caseId);
    c = await eSign(buyer, c.caseId);
    await eSignSpouses(h, c);
    c = await buyer.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(c.status).toBe('correctionRequested');
    return { c, buyer };
  }

  /** the case as the buyer reads it, once `done` holds (the sweep runs on its own timer) */
  async function until(caseId: string, done: (c: CaseDetail) => boolean): Promise<CaseDetail> {
    const buyer = client(h, await login(h, BUYER));
    for (;;) {
      const c = await buyer.get<CaseDetail>(`/cases/${caseId}`);
      if (done(c)) return c;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('is set from the catalogue in working days, shown, and ends the case unanswered after it', async () => {
    const key = (
      (
        await h.app.inject({ method: 'GET', url: '/api/v1/registry/public-key' })
      ).json() as RegistryPublicKeyResponse
    ).publicKey;
    const { c, buyer } = await correctionRequested();
    const expected = chinaWorkingDayCalendar.addWorkingDays(
      beijingDate(c.correction!.requestedAt),
      DEFAULT_CORRECTION_WORKING_DAYS,
    ).date;
    // shown in the case returned to the app
    expect(c.correction).toMatchObject({ dueOn: expected, stage: 'intake' });

    // and in the sealed 补正通知书
    const n = c.notices.find((x) => x.title === '不动产登记补正材料通知书')!;
    const doc = await buyer.get<DocumentResponse>(`/cases/${c.caseId}/documents/${n.documentId}`);
    expect(verifySeal(doc.document as never, key)).toEqual({ valid: true });
    const body = doc.document.body as { correctionDueOn: string; text: string };
    expect(body.correctionDueOn).toBe(expected);
    expect(body.text).toContain(`补正期限：请于${expected}（含当日）前补正`);
    expect(body.text).toContain('不予受理（《不动产登记暂行条例》第十七条）');

    // the day after the last day (Beijing): the machine ends it by itself
    h.clock.ms = Date.parse(`${expected}T16:30:00.000Z`); // 00:30 Beijing, the next day
    const ended = await until(c.caseId, (x) => x.status !== 'correctionRequested');
    expect(ended.status).toBe('notAccepted');
    const last = ended.timeline.at(-1)!;
    expect(last).toMatchObject({ action: 'notAccept', from: 'correctionRequested', step: '受理' });
    expect(last.actor.displayName).toBe('台州市不动产登记服务中心');
    expect(ended.decisionReasons).toEqual([expect.objectContaining({ code: 'correctionLapsed' })]);
    const refusal = ended.notices.find((x) => x.title === '不动产登记不予受理通知书')!;
    expect(refusal).toBeDefined();
    const again = client(h, await login(h, BUYER)); // a session of the later day
    const r = await again.get<DocumentResponse>(
      `/cases/${c.caseId}/documents/${refusal.documentId}`,
    );
    expect(verifySeal(r.document as never, key)).toEqual({ valid: true });
    expect(r.document.body).toMatchObject({
      basis: ['《不动产登记暂行条例》第十七条'],
      reasons: [expect.objectContaining({ explanation: expect.stringContaining(expected) })],
    });
  });

  it('a node started after the date ends such a case at start (nothing kept in memory)', async () => {
    h.clock.ms = Date.now();
    const { c } = await correctionRequested();
    const due = c.correction!.dueOn!;
    // stop the node; start another well after the last day, whose timer would not run for a day:
    // the case is only in the store, and the machine's pass at start finds it by its due date
    await h.app.close();
    await h.registry.close();
    h.clock.ms = Date.parse(`${due}T16:00:00.000Z`) + DAY;
    const logger = createLogger('silent');
    const registry = await openRegistry(h.config, logger);
    const app = await createApp({ ...h.config, machineSweepSeconds: 86_400 }, registry, logger, {
      clock: h.clock,
    });
    // the harness' own close() closes the first ones (again: harmless)
    h.app = app;
    h.registry = registry;
    try {
      const ended = await until(c.caseId, (x) => x.status !== 'correctionRequested');
      expect(ended.status).toBe('notAccepted');
      expect(ended.notices.map((n) => n.title)).toContain('不动产登记不予受理通知书');
    } finally {
      await app.close();
      await registry.close();
    }
  });
});
