/**
 * 代理人与监护人 on the case screen: a party appoints a 委托代理人 by name and ID number (the
 * server signs the 授权委托书 on a fresh face check), sees the authority with the code to hand
 * over, and revokes it; a refusal shows the server's Chinese reason; the card passes axe.
 */
import axe from 'axe-core';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { RepresentationView } from '@contract';
import { AgentsCard } from '@/features/cases/AgentsCard';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn } from '@/shared/session';
import { LOGIN } from './auth-fakes';
import { fakePlatform, serveScripted } from './fakes';

const ACTIVE: RepresentationView = {
  representationId: 'REP-1',
  caseId: 'CASE-1',
  kind: 'agent',
  capacity: '委托代理人',
  basis: 'onlinePowerOfAttorney',
  basisText: '委托人线上刷脸签署的授权委托书',
  status: 'active',
  statusText: '有效',
  principal: { partyId: 'P-ME', name: '叶美华', role: 'obligor' },
  agent: { name: '许慧芳' },
  statement: '委托代理人 许慧芳 代 委托人 叶美华',
  document: { title: '授权委托书', text: '委托人叶美华委托许慧芳为委托代理人……' },
  reviewReasons: [],
  createdAt: '2026-12-07T07:40:34.337Z',
  activatedAt: '2026-12-07T07:40:34.337Z',
  revocationNote: '委托人可随时撤销委托；撤销后，代理人尚未提交的签名失效。',
  canRevoke: true,
  invitation: { code: 'K7M2QX', link: '/pages/invite/index?agent=K7M2QX' },
};

async function axeViolations(node: Element) {
  const result = await axe.run(node, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

/** types into the Taro input rendered inside `selector` (its inner <input> appears async) */
async function typeInto(container: HTMLElement, selector: string, value: string) {
  const input = await waitFor(() => {
    const el = container.querySelector(`${selector} input`) as HTMLInputElement | null;
    if (!el) throw new Error(`no input in ${selector}`);
    return el;
  });
  act(() => {
    input.value = value;
    fireEvent.input(input, { target: { value } });
  });
}

describe('代理人与监护人 card', () => {
  beforeEach(() => {
    setPlatform(fakePlatform().platform);
    reloadSession();
    signIn(LOGIN);
  });
  afterEach(() => {
    setApiClient(undefined);
    setPlatform(undefined);
  });

  it('appoints an agent, shows on whose behalf with the code, and revokes', async () => {
    const s = serveScripted({ status: 200, data: { items: [] } });
    const { container } = render(<AgentsCard caseId="CASE-1" status="signing" canAppoint />);
    const card = await screen.findByRole('region', { name: '代理人与监护人' });
    await waitFor(() => expect(s.calls).toHaveLength(1));
    expect(s.calls[0].url).toBe('/cases/CASE-1/representations');

    fireEvent.click(within(card).getByText('委托他人代办'));
    const form = screen.getByRole('group', { name: '委托代理人' });
    await typeInto(form, '.agents__name', '许慧芳');
    await typeInto(form, '.agents__id', '33100319750804648x');
    s.reply({ status: 201, data: ACTIVE }, { status: 200, data: { items: [ACTIVE] } });
    fireEvent.click(within(form).getByText('刷脸签署授权委托书'));
    await waitFor(() => expect(card).toHaveTextContent('委托代理人 许慧芳 代 委托人 叶美华'));
    expect(s.calls[1].method).toBe('post');
    expect(s.calls[1].url).toBe('/cases/CASE-1/representations');
    expect(JSON.parse(String(s.calls[1].data))).toEqual({
      agent: { name: '许慧芳', idNumber: '33100319750804648X' },
      basis: 'onlinePowerOfAttorney',
    });
    expect(card).toHaveTextContent('邀请码 K7M2QX');
    expect(card).toHaveTextContent('依据：委托人线上刷脸签署的授权委托书 · 有效');
    expect(await axeViolations(container)).toEqual([]);

    const revoked = {
      ...ACTIVE,
      status: 'revoked',
      statusText: '已撤销',
      canRevoke: false,
      invitation: undefined,
      revocationNote: '委托已撤销，代理人尚未提交的签名已失效，请委托人本人签署或重新委托。',
    };
    s.reply({ status: 200, data: revoked }, { status: 200, data: { items: [revoked] } });
    fireEvent.click(within(card).getByText('撤销委托'));
    await waitFor(() => expect(card).toHaveTextContent('已撤销'));
    expect(s.calls[3].url).toBe('/representations/REP-1/revoke');
    expect(card).toHaveTextContent('代理人尚未提交的签名已失效');
    expect(within(card).queryByText('撤销委托')).toBeNull();
  });

  it('shows the server’s reason when the law refuses the agent', async () => {
    const s = serveScripted({ status: 200, data: { items: [] } });
    render(<AgentsCard caseId="CASE-1" status="signing" canAppoint />);
    fireEvent.click(await screen.findByText('委托他人代办'));
    const form = screen.getByRole('group', { name: '委托代理人' });
    await typeInto(form, '.agents__name', '应敏');
    await typeInto(form, '.agents__id', '331023196801208629');
    s.reply({
      status: 422,
      data: {
        code: 'REPRESENTATION_NOT_ALLOWED',
        message: '代理人不得是本办件的对方当事人（《民法典》第一百六十八条）',
        requestId: 'r',
      },
    });
    fireEvent.click(within(form).getByText('刷脸签署授权委托书'));
    expect(await screen.findByRole('alert')).toHaveTextContent('第一百六十八条');
  });
});
