/**
 * Messages through the API: an invitation, a 补正 and an issued certificate reach the person's
 * 消息 list and, as the same events, the messaging simulator's delivery log on both channels
 * (短信, 浙里办消息) with templates that carry no ID number, phone, invitation code or unmasked
 * name; a channel that is down fails the send, and the node's sweep retries it after its backoff
 * and delivers it exactly once; past the per-person limit a message stays in the app only.
 */
import type {
  CaseDetail,
  DeliveryLogEntryView,
  DeliveryLogResponse,
  InvitationResponse,
  MessageItem,
  MessagesPage,
  UnreadCountResponse,
} from '../../mock-server/src/contract';
import { MESSAGE_RATE_LIMIT } from '../../mock-server/src/domain/messaging';
import { client, eSign, eSignSpouses, login, payOwnTaxes } from './support/cases-client';
import {
  as,
  BUYER,
  openSale,
  partyId,
  SELLER_A,
  SELLER_B,
  startSigningHarness,
  type SigningHarness,
} from './support/signing';

/** P010, sole owner of 海韵花园6幢1单元1203室 (the 补正 case) */
const SELLER_C = { idNumber: '331004198603249569', name: '郑静' };
const UNIT_C = '331022002008GB00162F00060001';

let h: SigningHarness;
beforeAll(async () => {
  // the sweep that retries failed sends runs every second (the clock is the test's)
  h = await startSigningHarness({ MACHINE_SWEEP_SECONDS: '1' });
});
afterAll(() => h.close());

const sim = async (url: string, payload?: object) => {
  const r = await h.app.inject({ method: payload ? 'POST' : 'GET', url: `/api/v1${url}`, payload });
  if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  return r.statusCode === 204 ? undefined : r.json();
};
const logOf = async (personId: string): Promise<DeliveryLogEntryView[]> =>
  ((await sim(`/sim/messaging/deliveries?personId=${personId}`)) as DeliveryLogResponse).items;

/** waits for a condition on the delivery log (sends run after the commit and on the sweep) */
async function until(
  personId: string,
  done: (log: DeliveryLogEntryView[]) => boolean,
): Promise<DeliveryLogEntryView[]> {
  for (;;) {
    const log = await logOf(personId);
    if (done(log)) return log;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const settled = (log: DeliveryLogEntryView[]) => log.every((d) => d.status !== 'pending');

const buyerSession = async () => client(h, await login(h, BUYER));
const allMessages = async (who: ReturnType<typeof client>): Promise<MessageItem[]> => {
  const out: MessageItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await who.get<MessagesPage>(
      `/me/messages?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
};

describe('messages: the 消息 list and the simulator delivery log', () => {
  let buyerId = '';

  it('an invitation, the case accepted, the tax due and the certificate issued reach both; a channel down is retried once', async () => {
    const buyer = await buyerSession();
    const sellerA = client(h, await login(h, SELLER_A));
    const sellerB = client(h, await login(h, SELLER_B));
    const c0 = await openSale(await as(h, BUYER));
    buyerId = partyId(c0, BUYER.name);

    // 浙里办 消息 is down: the invitation's send there fails and waits for its retry
    await sim('/sim/messaging/channels', { channel: 'zlb', down: true });
    const seller = await sellerA.get<CaseDetail>(`/cases/${c0.caseId}`);
    const inv = await sellerA.post<InvitationResponse>(
      `/cases/${c0.caseId}/invitations`,
      { partyId: partyId(seller, BUYER.name) },
      201,
    );
    let log = await until(buyerId, (l) =>
      l.some(
        (d) => d.channel === 'zlb' && d.event === 'invitation' && d.attempts === 1 && !!d.lastError,
      ),
    );
    const failed = log.find((d) => d.channel === 'zlb' && d.event === 'invitation')!;
    expect(failed).toMatchObject({ status: 'pending', lastError: '浙里办消息通道暂不可用' });
    expect(failed.received).toBeUndefined();
    const sms = await until(buyerId, (l) =>
      l.some((d) => d.channel === 'sms' && d.event === 'invitation' && d.status === 'sent'),
    );
    expect(sms.find((d) => d.channel === 'sms')!.received!.recipient).toMatch(/^1\d{2}\*{4}\d{4}$/);

    // back up; after the backoff the sweep sends it, once
    await sim('/sim/messaging/channels', { channel: 'zlb', down: false });
    h.clock.advance(31_000);
    log = await until(buyerId, (l) =>
      l.some((d) => d.deliveryId === failed.deliveryId && d.status === 'sent'),
    );
    const retried = log.find((d) => d.deliveryId === failed.deliveryId)!;
    expect(retried.attempts).toBe(2);
    expect(retried.received).toBeDefined();
    const received = await h.registry.sql.all(
      'SELECT * FROM messaging_sim_received WHERE delivery_id = ?',
      [failed.deliveryId],
    );
    expect(received).toHaveLength(1);

    // the invitation in the 消息 list opens the invitation; the channels carry no code, no ID
    // number, no phone and the inviter's name masked
    const invitation = (await buyer.get<MessagesPage>('/me/messages')).items.find(
      (m) => m.event === 'invitation',
    )!;
    expect(invitation.target).toEqual({ kind: 'invitation', code: inv.code, caseId: c0.caseId });
    for (const d of log.filter((x) => x.event === 'invitation')) {
      expect(d.messageId).toBe(invitation.messageId);
      expect(d.text).toContain('李*平');
      expect(d.text).not.toContain(SELLER_A.name);
      expect(d.text).not.toContain(inv.code);
      expect(d.text).not.toMatch(/\d{11}/);
    }

    // signed by all, submitted (受理, the tax due), paid: issued
    let c = await eSign(sellerA, c0.caseId);
    c = await eSign(buyer, c0.caseId);
    c = await eSign(sellerB, c0.caseId);
    c = await sellerB.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(c.status).toBe('taxPending');
    c = await payOwnTaxes([sellerA, sellerB, buyer], c.caseId);
    expect(c.status).toBe('issued');

    log = await until(buyerId, (l) => l.some((d) => d.event === 'issued') && settled(l));
    const box = await allMessages(buyer);
    const issued = box.find((m) => m.event === 'issued')!;
    expect(issued.target).toEqual({ kind: 'certificate', certificateId: expect.any(String) });
    const certificates = await buyer.get<{ items: { certificateId: string }[] }>(
      '/me/certificates',
    );
    expect(certificates.items.map((x) => x.certificateId)).toContain(
      (issued.target as { certificateId: string }).certificateId,
    );
    expect(box.find((m) => m.event === 'accepted')!.target).toEqual({
      kind: 'case',
      caseId: c.caseId,
    });
    // the same events in the list and in the log, each on both channels, all sent
    const told = box.filter((m) => m.event).map((m) => `${m.messageId}:${m.event}`);
    expect(told.map((x) => x.split(':')[1]).sort()).toEqual(
      expect.arrayContaining(['accepted', 'invitation', 'issued', 'paymentDue']),
    );
    for (const channel of ['sms', 'zlb'] as const)
      expect(
        log
          .filter((d) => d.channel === channel)
          .map((d) => `${d.messageId}:${d.event}`)
          .sort(),
      ).toEqual([...told].sort());
    expect(log.every((d) => d.status === 'sent')).toBe(true);
    const issuedText = log.find((d) => d.event === 'issued' && d.channel === 'sms')!.text;
    expect(issuedText).toMatch(/^【台州不动产】/);
    expect(issuedText).toContain(c.caseNumber!);
    expect(issuedText).not.toContain(BUYER.idNumber);
  });

  it('a 补正 reaches both; past the per-person limit a message stays in the app only', async () => {
    const seller = client(h, await login(h, SELLER_C));
    let c = await seller.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'transfer.secondHandSale',
        unitCode: UNIT_C,
        parties: [{ ...BUYER, role: 'rightHolder' }],
        newCoOwnership: 'sole',
        answers: { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' },
        materials: [{ code: 'filedContract', source: 'scan', status: 'unclear' }],
      },
      201,
    );
    // invitations until the buyer's limit on the channels is passed (the window is the store's)
    const before = (await logOf(buyerId)).filter((d) => d.channel === 'zlb').length;
    const extra = MESSAGE_RATE_LIMIT.perWindow - before + 1;
    expect(extra).toBeGreaterThan(0);
    for (let i = 0; i < extra; i++)
      await seller.post(`/cases/${c.caseId}/invitations`, { partyId: buyerId }, 201);
    const limited = await until(
      buyerId,
      (l) => l.some((d) => d.status === 'rateLimited') && settled(l),
    );
    const over = limited.filter((d) => d.status === 'rateLimited');
    expect(over.map((d) => d.channel).sort()).toEqual(['sms', 'zlb']);
    expect(over.every((d) => d.received === undefined && d.attempts === 0)).toBe(true);
    const buyer = await buyerSession();
    const box = await allMessages(buyer);
    expect(box.map((m) => m.messageId)).toContain(over[0].messageId);
    const unread = await buyer.get<UnreadCountResponse>('/me/messages/unread-count');
    expect(unread.unread).toBe(box.filter((m) => !m.readAt).length);

    // a new window: the 补正 is told on the channels again
    h.clock.advance(MESSAGE_RATE_LIMIT.windowMs + 1000);
    const s2 = client(h, await login(h, SELLER_C));
    const b2 = await buyerSession();
    c = await s2.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    c = await eSign(s2, c.caseId);
    c = await eSign(b2, c.caseId);
    await eSignSpouses(h, c);
    c = await b2.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(c.status).toBe('correctionRequested');
    const log = await until(buyerId, (l) => l.some((d) => d.event === 'correction') && settled(l));
    const correction = (await allMessages(b2)).find((m) => m.event === 'correction')!;
    expect(correction.target).toEqual({ kind: 'case', caseId: c.caseId });
    const lines = log.filter((d) => d.event === 'correction');
    expect(lines.map((d) => [d.channel, d.status, d.messageId]).sort()).toEqual([
      ['sms', 'sent', correction.messageId],
      ['zlb', 'sent', correction.messageId],
    ]);
    expect(lines[0].text).toContain(`请于${c.correction!.dueOn}前补正`);
    expect(lines[0].text).not.toContain(SELLER_C.name);

    // marking read is the reader's own and idempotent
    const read = await b2.post<MessageItem>(`/me/messages/${correction.messageId}/read`, {});
    const again = await b2.post<MessageItem>(`/me/messages/${correction.messageId}/read`, {});
    expect(again.readAt).toBe(read.readAt);
    await s2.post(`/me/messages/${correction.messageId}/read`, {}, 404);
  });
});
