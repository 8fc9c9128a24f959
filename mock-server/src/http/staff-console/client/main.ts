/**
 * The staff console in the browser: signing in and out, the sections and the hash routing. The
 * entry point that ../script.ts bundles (with the server's time module and the app's status
 * words) into /staff/console.js.
 */
import type { StaffSessionResponse } from '../../../contract';
import { renderCase } from './case';
import { renderConsultation } from './consultation';
import { renderCounter } from './counter';
import { renderQueue } from './queue';
import { $, call, el, messageOf, say, session, showLogin, valueOf } from './shell';
import { renderSurvey } from './survey';

/** Console sections: add one entry and a render function to extend the console. */
const SECTIONS: { id: string; title: string; render: (view: HTMLElement) => void }[] = [
  { id: 'queue', title: '人工审核队列', render: renderQueue },
  { id: 'counter', title: '窗口受理', render: renderCounter },
  { id: 'consult', title: '咨询答复', render: renderConsultation },
  { id: 'survey', title: '权籍调查成果', render: renderSurvey },
];

function route(): void {
  if (!session.me) return;
  const parts = (location.hash.replace(/^#/, '') || 'queue').split('/');
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.getAttribute('href') === `#${parts[0]}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const view = $('view');
  view.textContent = '';
  if (parts[0] === 'case' && parts[1]) {
    renderCase(view, decodeURIComponent(parts[1]));
    return;
  }
  (SECTIONS.find((s) => s.id === parts[0]) ?? SECTIONS[0]).render(view);
}

function signedIn(s: StaffSessionResponse): void {
  session.me = s.staff;
  session.csrf = s.csrfToken;
  $('who-name').textContent = `${s.staff.displayName}（${s.staff.post}）`;
  $('who').hidden = false;
  $('login-section').hidden = true;
  $('nav').hidden = false;
  const list = $('nav-list');
  list.textContent = '';
  for (const x of SECTIONS)
    list.appendChild(el('li', {}, [el('a', { href: `#${x.id}`, text: x.title })]));
  route();
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const password = $('password') as HTMLInputElement;
    call<StaffSessionResponse>('POST', '/session', {
      username: valueOf('username'),
      password: password.value,
    })
      .then((s) => {
        password.value = '';
        say('');
        signedIn(s);
      })
      .catch((e: unknown) => say(messageOf(e), true));
  });
  $('logout').addEventListener('click', () => {
    call('POST', '/session/end')
      .then(() => {
        say('已退出登录');
        showLogin();
      })
      .catch((e: unknown) => say(messageOf(e), true));
  });
  window.addEventListener('hashchange', () => {
    say('');
    route();
  });
  call<StaffSessionResponse>('GET', '/session')
    .then(signedIn)
    .catch(() => showLogin());
});
