/**
 * The H5 tab bar's tap height (≥ 48 px, ≥ 60 px in 长辈版) and input text vertically centred in
 * every field (长辈版 fields are taller), read from the stylesheets the build ships: the app's
 * CSS over Taro's own tab bar and input styles, on the markup Taro renders, with 长辈版 switched
 * on the way the app does it (ThemeRoot's class on <html>). Declarations are resolved with
 * specificity (tests/support/declared-style.ts); the end-to-end shell test measures the same in
 * chromium.
 */
import { Input } from '@tarojs/components';
import { act, render, waitFor } from '@testing-library/react';
import { setPlatform } from '@/shared/platform';
import { ELDER_MODE_KEY, initElderMode, ThemeRoot } from '@/shared/theme';
import {
  customProperty,
  declared,
  declaredHeight,
  loadCss,
  px,
  resolveVars,
} from '../support/declared-style';
import { fakePlatform } from './fakes';

const TARO_CSS = 'node_modules/@tarojs/components/dist/collection/components';
const TARO_TABBAR_CSS = `${TARO_CSS}/tabbar/style/index.css`;
const TARO_INPUT_CSS = `${TARO_CSS}/input/style/index.css`;
const TABS = ['首页', '办件', '证照', '我的'];

/** The DOM of Taro's H5 <taro-tabbar> (tabbar.js / tabbar-item.js of @tarojs/components). */
function taroTabBar(): HTMLElement {
  const host = document.createElement('div');
  host.className = 'taro-tabbar__tabbar taro-tabbar__tabbar-bottom';
  const bar = document.createElement('div');
  bar.className = 'weui-tabbar taro-tabbar__border-black';
  bar.style.height = 'inherit';
  TABS.forEach((text, i) => {
    const a = document.createElement('a');
    a.className = `weui-tabbar__item${i === 0 ? ' weui-bar__item_on' : ''}`;
    a.innerHTML = `<span><img class="weui-tabbar__icon" alt="" /></span><p class="weui-tabbar__label">${text}</p>`;
    bar.appendChild(a);
  });
  host.appendChild(bar);
  document.body.appendChild(host);
  return host;
}

async function inMode(mode: 'normal' | 'elder') {
  const fake = fakePlatform({ stored: { [ELDER_MODE_KEY]: mode } });
  setPlatform(fake.platform);
  await act(() => initElderMode(fake.platform));
}

let unload: () => void = () => undefined;
afterEach(() => {
  unload();
  setPlatform(undefined);
  document.documentElement.classList.remove('he-elder');
  document.body.innerHTML = '';
});

describe.each([
  ['normal', 48],
  ['elder', 60],
] as const)('%s mode', (mode, min) => {
  it(`every tab of the tab bar is a tap target at least ${min} px high`, async () => {
    unload = loadCss(TARO_TABBAR_CSS, 'src/app.css');
    await inMode(mode);
    render(<ThemeRoot />);
    expect(document.documentElement.classList.contains('he-elder')).toBe(mode === 'elder');
    const host = taroTabBar();
    // the height Taro reserves under the pages, and the bar that fills it
    const reserved = parseFloat(resolveVars(host, 'var(--taro-tabbar-height)'));
    expect(reserved).toBeGreaterThanOrEqual(min);
    const items = Array.from(host.querySelectorAll('.weui-tabbar__item'));
    expect(items.map((a) => a.textContent)).toEqual(TABS);
    for (const item of items) {
      expect(px(item, 'min-height')).toBeGreaterThanOrEqual(min);
      expect(declaredHeight(item)).toBeGreaterThanOrEqual(min);
      // the whole item is the target: nothing squeezes it below the bar's height
      expect(declared(item, 'height')).toBe('100%');
      expect(declared(item, 'box-sizing')).toBe('border-box');
    }
  });

  it('input text sits in the vertical middle of every field', async () => {
    unload = loadCss(
      'src/shared/ui/ui.css',
      'src/features/auth/auth.css',
      'src/features/apply/apply.css',
      'src/features/sale/sale.css',
      'src/features/cases/cases.css',
      'src/features/consultation/consultation.css',
      'src/features/recordsQuery/recordsQuery.css',
      // Taro's own input styles last: the app's must win whatever order the build loads them in
      TARO_INPUT_CSS,
    );
    await inMode(mode);
    const fields = [
      'field__input',
      'apply-field__input',
      'sale-field__input',
      'code-input__field',
      'consult__input',
      'rq-field__input',
    ];
    const { container } = render(
      <ThemeRoot>
        {fields.map((c) => (
          <Input key={c} className={c} />
        ))}
      </ThemeRoot>,
    );
    const tap = parseFloat(customProperty(container.querySelector('.theme-root')!, '--he-tap')!);
    expect(tap).toBeGreaterThanOrEqual(mode === 'elder' ? 60 : 44);
    for (const c of fields) {
      const host = container.querySelector(`.${c}`) as HTMLElement;
      // Taro's <taro-input-core> renders its inner <input> asynchronously
      const input = await waitFor(() => {
        const el = host.querySelector('input');
        if (!el) throw new Error(`no input inside .${c}`);
        return el;
      });
      // the field is a flex box centring its one line of text…
      expect([c, declared(host, 'display')]).toEqual([c, 'flex']);
      expect([c, declared(host, 'align-items')]).toEqual([c, 'center']);
      expect([c, declaredHeight(host)]).toEqual([c, tap]);
      // …and the text box inside keeps no height or padding of its own that could push it off
      // the middle or out of the field
      expect([c, declared(input, 'height')]).toEqual([c, 'auto']);
      expect([c, px(input, 'min-height') ?? 0]).toEqual([c, 0]);
      expect([c, px(input, 'padding-top') ?? 0, px(input, 'padding-bottom') ?? 0]).toEqual([
        c,
        0,
        0,
      ]);
      expect([c, px(input, 'margin-top') ?? 0]).toEqual([c, 0]);
    }
  });
});
