/**
 * Invitations — a 6-character code for one party, opened only by the person whose
 * verified identity is that party (others learn nothing), 待我签署 by ID number, and expiry after
 * the configured days (injected clock).
 */
import type {
  CaseDetail,
  InvitationResponse,
  ToSignResponse,
} from '../../mock-server/src/contract';
import {
  as,
  BUYER,
  openSale,
  parties,
  partyId,
  SELLER_A,
  SELLER_B,
  startSigningHarness,
  STRANGER,
  type SigningHarness,
} from './support/signing';

let h: SigningHarness;
beforeAll(async () => {
  h = await startSigningHarness({ INVITATION_TTL_DAYS: '3' });
});
afterAll(() => h.close());

describe('invitations', () => {
  it('only the invited party, by verified identity, opens the case by code; others get 404', async () => {
    const p = await parties(h);
    // the seller 李国平 opened the sale and invites the buyer (a buyer joins by invitation)
    const c = await p.sellerA.get<CaseDetail>(`/cases/${(await openSale(p.buyer)).caseId}`);
    expect(c.availableActions).toContain('invite');
    const inv = await p.sellerA.post<InvitationResponse>(
      `/cases/${c.caseId}/invitations`,
      { partyId: partyId(c, BUYER.name) },
      201,
    );
    expect(inv.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    expect(inv.link).toContain(inv.code);
    expect(Date.parse(inv.expiresAt) - h.clock.ms).toBe(3 * 86_400_000);

    for (const who of [p.stranger, p.sellerB]) {
      const r = await who.post<{ code: string; message: string }>(
        '/invitations/accept',
        { code: inv.code },
        404,
      );
      expect(r.code).toBe('INVITATION_NOT_FOUND');
      expect(r.message).not.toContain(BUYER.name);
      expect(r.message).not.toContain(SELLER_A.name);
    }
    await p.stranger.get(`/cases/${c.caseId}`, 404);
    await p.stranger.post('/invitations/accept', { code: 'ZZZZZZ' }, 404);
    const ok = await p.buyer.post<{ caseId: string }>('/invitations/accept', {
      code: inv.code.toLowerCase(),
    });
    expect(ok.caseId).toBe(c.caseId);

    // 待我签署 by the ID number the initiator entered; nothing for a stranger
    const mine = await p.buyer.get<ToSignResponse>('/me/to-sign');
    expect(mine.items.map((x) => x.caseId)).toContain(c.caseId);
    expect((await p.stranger.get<ToSignResponse>('/me/to-sign')).items).toEqual([]);
    expect(
      (await p.sellerA.get<ToSignResponse>('/me/to-sign')).items.map((x) => x.caseId),
    ).toContain(c.caseId);

    // only the initiator invites, and only the case's parties
    const r = await p.buyer.post<{ code: string }>(
      `/cases/${c.caseId}/invitations`,
      { partyId: partyId(c, SELLER_B.name) },
      403,
    );
    expect(r.code).toBe('FORBIDDEN');
    await p.sellerA.post(`/cases/${c.caseId}/invitations`, { partyId: 'P-NOBODY' }, 404);
    await p.stranger.post(
      `/cases/${c.caseId}/invitations`,
      { partyId: partyId(c, SELLER_B.name) },
      404,
    );
  });

  it('expires after the configured days', async () => {
    const p = await parties(h);
    const c: CaseDetail = await openSale(p.buyer);
    const inv = await p.sellerA.post<InvitationResponse>(
      `/cases/${c.caseId}/invitations`,
      { partyId: partyId(c, SELLER_B.name) },
      201,
    );
    h.clock.advance(3 * 86_400_000 - 1000);
    const b = await as(h, SELLER_B);
    await b.post('/invitations/accept', { code: inv.code });
    h.clock.advance(2000);
    const late = await (
      await as(h, SELLER_B)
    ).post<{ code: string }>('/invitations/accept', { code: inv.code }, 410);
    expect(late.code).toBe('INVITATION_EXPIRED');
    // an expired code still reveals nothing to anybody else
    await (await as(h, STRANGER)).post('/invitations/accept', { code: inv.code }, 404);
  });
});
