import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import {
  CONSENT_REQUIRED,
  FACE_CONSENT_TITLE,
  LoginScreen,
  NAME_MESSAGES,
  useClaim,
} from '@/features/auth';
import { ID_NUMBER_MESSAGES } from '@/shared/lib/idNumber';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signOut } from '@/shared/session';
import { fakePlatform } from './fakes';

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
  return input;
}

const errorOf = (container: HTMLElement, id: string) =>
  (container.querySelector(`#${id}`) as HTMLElement).textContent ?? '';

describe('login: name, 公民身份号码 and consent', () => {
  let navigateTo: jest.SpyInstance;
  beforeEach(() => {
    setPlatform(fakePlatform().platform);
    reloadSession();
    useClaim.getState().clear();
    navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never);
  });
  afterEach(() => {
    navigateTo.mockRestore();
    setPlatform(undefined);
  });

  it('checks the ID number as it is typed, one clear message per kind of mistake', async () => {
    const { container } = render(<LoginScreen />);
    await typeInto(container, '.login-id', '1101a');
    await waitFor(() =>
      expect(errorOf(container, 'login-id-error')).toContain(ID_NUMBER_MESSAGES.characters),
    );
    await typeInto(container, '.login-id', '11010519491331');
    await waitFor(() =>
      expect(errorOf(container, 'login-id-error')).toContain(ID_NUMBER_MESSAGES.birthDate),
    );
    await typeInto(container, '.login-id', '110105194912310021');
    await waitFor(() =>
      expect(errorOf(container, 'login-id-error')).toContain(ID_NUMBER_MESSAGES.checkDigit),
    );
    await typeInto(container, '.login-id', '1101051949123100');
    await waitFor(() => expect(errorOf(container, 'login-id-error')).toBe(''));
    expect(container.querySelector('.field__hint')).toHaveTextContent('已输入 16 / 18 位');
    await typeInto(container, '.login-id', '11010519491231002x');
    await waitFor(() => expect(errorOf(container, 'login-id-error')).toBe(''));
  });

  it('on submit: the name, a too-short number and the missing consent are each explained', async () => {
    const { container } = render(<LoginScreen />);
    await typeInto(container, '.login-id', '1101051949');
    fireEvent.click(screen.getByRole('button', { name: '开始刷脸验证' }));
    await waitFor(() =>
      expect(errorOf(container, 'login-name-error')).toContain(NAME_MESSAGES.empty),
    );
    expect(errorOf(container, 'login-id-error')).toContain(ID_NUMBER_MESSAGES.length);
    expect(errorOf(container, 'consent-error')).toContain(CONSENT_REQUIRED);
    expect(navigateTo).not.toHaveBeenCalled();
  });

  it('requires the separate consent even when name and number are right', async () => {
    const { container } = render(<LoginScreen />);
    await typeInto(container, '.login-name', '李国平');
    await typeInto(container, '.login-id', '331081198512258315');
    const consent = screen.getByRole('checkbox');
    expect(consent).toHaveAttribute('aria-checked', 'false');
    fireEvent.click(screen.getByRole('button', { name: '开始刷脸验证' }));
    await waitFor(() => expect(errorOf(container, 'consent-error')).toContain(CONSENT_REQUIRED));
    expect(navigateTo).not.toHaveBeenCalled();

    fireEvent.click(consent);
    expect(consent).toHaveAttribute('aria-checked', 'true');
    expect(errorOf(container, 'consent-error')).toBe('');
    fireEvent.click(screen.getByRole('button', { name: '开始刷脸验证' }));
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/face/index?purpose=login' });
    expect(useClaim.getState()).toMatchObject({
      name: '李国平',
      idNumber: '331081198512258315',
      consented: true,
    });
  });

  it('shows the full consent text one tap away', () => {
    render(<LoginScreen />);
    expect(screen.queryByRole('region', { name: FACE_CONSENT_TITLE })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: `查看${FACE_CONSENT_TITLE}全文` }));
    const region = screen.getByRole('region', { name: FACE_CONSENT_TITLE });
    expect(region).toHaveTextContent('个人信息保护法');
    expect(region).toHaveTextContent('单独同意');
    expect(region).toHaveTextContent('撤回');
  });

  it('says why the user was sent back to log in', () => {
    signOut('登录已失效，请重新登录');
    render(<LoginScreen reason="expired" />);
    expect(screen.getByRole('alert')).toHaveTextContent('登录已失效，请重新登录');
  });
});
