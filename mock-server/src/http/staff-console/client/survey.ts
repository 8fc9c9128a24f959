/**
 * Section 权籍调查成果: every surveying firm's results as entered, refusing an accepted one with
 * reasons (its unit codes freed for a corrected result), and the 首次登记 of a new building from
 * an accepted result at the counter (the developer, the land-use term): its units registered and
 * their 不动产权证书 issued.
 */
import type { FirstRegistrationResponse, SurveyResultListResponse } from '../../../contract';
import { call, el, messageOf, say, when } from './shell';

export function renderSurvey(view: HTMLElement): void {
  const sec = el('section', { 'aria-labelledby': 'survey-title' }, [
    el('h2', { id: 'survey-title', text: '权籍调查成果（测绘单位提交）' }),
  ]);
  view.appendChild(sec);
  const again = () => {
    view.textContent = '';
    renderSurvey(view);
  };
  call<SurveyResultListResponse>('GET', '/survey-results')
    .then((r) => {
      if (!r.items.length) {
        sec.appendChild(el('p', { id: 'survey-empty', text: '还没有测绘单位提交的成果。' }));
        return;
      }
      const list = el('ol', { class: 'questions' });
      r.items.forEach((it, i) => {
        const item = el('li', { class: 'question', 'data-result': it.resultId }, [
          el('h3', { text: `${it.buildingName} · ${it.statusText}` }),
          el('p', { text: `${it.firmName} · 提交于 ${when(it.submittedAt)}` }),
          el('p', {
            text: `${it.location} · ${it.unitCount} 户 · 建筑面积 ${it.buildingArea.toFixed(2)} 平方米`,
          }),
          el('p', { text: `宗地代码 ${it.parcelCode} · 电子签章证书 ${it.sealCertificateSerial}` }),
        ]);
        if (it.refusalReasons.length)
          item.appendChild(el('p', { text: `退回理由：${it.refusalReasons.join('；')}` }));
        if (it.firstRegistration)
          item.appendChild(
            el('p', {
              text: `已首次登记（${it.firstRegistration.registrationId}），颁发不动产权证书 ${it.firstRegistration.certificateCount} 本`,
            }),
          );
        if (it.status === 'accepted') {
          const rid = `survey-refuse-${i}`;
          const reason = el('textarea', { id: rid, name: rid, maxlength: '200' });
          const refuse = el('button', { type: 'button', text: '退回成果' });
          refuse.addEventListener('click', () => {
            const text = reason.value.trim();
            if (text.length < 2) {
              say('请写明退回理由', true);
              reason.focus();
              return;
            }
            refuse.disabled = true;
            call('POST', `/survey-results/${encodeURIComponent(it.resultId)}/refusal`, {
              reasons: [text],
            })
              .then(() => {
                say(`已退回 ${it.buildingName} 的成果`);
                again();
              })
              .catch((e: unknown) => {
                refuse.disabled = false;
                say(messageOf(e), true);
              });
          });
          const dn = `survey-dev-name-${i}`;
          const dc = `survey-dev-code-${i}`;
          const de = `survey-land-${i}`;
          const devName = el('input', { id: dn, name: dn, maxlength: '60' });
          const devCode = el('input', { id: dc, name: dc, maxlength: '18' });
          const landEnds = el('input', { id: de, name: de, type: 'date' });
          const register = el('button', { type: 'button', text: '办理首次登记' });
          register.addEventListener('click', () => {
            register.disabled = true;
            call<FirstRegistrationResponse>(
              'POST',
              `/survey-results/${encodeURIComponent(it.resultId)}/first-registration`,
              {
                developerName: devName.value.trim(),
                developerCreditCode: devCode.value.trim().toUpperCase(),
                landUseEndsOn: landEnds.value,
              },
            )
              .then((out) => {
                say(
                  `首次登记已登簿，颁发不动产权证书 ${out.certificates.length} 本：${out.certificates.map((c) => c.certificateNumber).join('、')}`,
                );
                again();
              })
              .catch((e: unknown) => {
                register.disabled = false;
                say(messageOf(e), true);
              });
          });
          item.appendChild(el('p', {}, [el('label', { for: rid, text: '退回理由' })]));
          item.appendChild(reason);
          item.appendChild(el('p', {}, [refuse]));
          item.appendChild(el('h4', { text: '首次登记（开发企业窗口申请）' }));
          item.appendChild(el('p', {}, [el('label', { for: dn, text: '开发企业名称' }), devName]));
          item.appendChild(
            el('p', {}, [el('label', { for: dc, text: '统一社会信用代码' }), devCode]),
          );
          item.appendChild(
            el('p', {}, [el('label', { for: de, text: '土地使用期限至' }), landEnds]),
          );
          item.appendChild(el('p', {}, [register]));
        }
        list.appendChild(item);
      });
      sec.appendChild(list);
    })
    .catch((e: unknown) => say(messageOf(e), true));
}
