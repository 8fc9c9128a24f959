/** Section 咨询答复: open questions from the public and the answer form. */
import type { StaffQuestionsResponse } from '../../../contract';
import { call, el, messageOf, say, when } from './shell';

export function renderConsultation(view: HTMLElement): void {
  const sec = el('section', { 'aria-labelledby': 'consult-title' }, [
    el('h2', { id: 'consult-title', text: '咨询答复（待答复的群众提问）' }),
  ]);
  view.appendChild(sec);
  call<StaffQuestionsResponse>('GET', '/consultation/questions?status=open')
    .then((q) => {
      if (!q.items.length) {
        sec.appendChild(el('p', { id: 'consult-empty', text: '没有待答复的提问。' }));
        return;
      }
      sec.appendChild(
        el('p', { text: `共 ${q.items.length} 条，按提问时间排列。答复将发送到提问人的消息中。` }),
      );
      const list = el('ol', { class: 'questions' });
      q.items.forEach((it, i) => {
        const id = `answer-${i}`;
        const answer = el('textarea', { id, name: id, maxlength: '2000' });
        const send = el('button', { type: 'button', text: '发送答复' });
        const about =
          it.topic === 'case' ? `办件咨询（${it.caseNumber || it.caseId}）` : '一般咨询';
        send.addEventListener('click', () => {
          const text = answer.value.trim();
          if (!text) {
            say('请填写答复内容', true);
            answer.focus();
            return;
          }
          send.disabled = true;
          call('POST', `/consultation/questions/${encodeURIComponent(it.questionId)}/answer`, {
            answer: text,
          })
            .then(() => {
              say(`已答复 ${it.askerName} 的提问，答复已发送到其消息中`);
              view.textContent = '';
              renderConsultation(view);
            })
            .catch((e: unknown) => {
              send.disabled = false;
              say(messageOf(e), true);
            });
        });
        list.appendChild(
          el('li', { class: 'question' }, [
            el('h3', { text: `${it.askerName} · ${about}` }),
            el('p', { class: 'asked', text: `提问时间：${when(it.askedAt)}` }),
            el('p', { class: 'question-text', text: it.text }),
            el('p', {}, [el('label', { for: id, text: '答复' })]),
            answer,
            el('p', {}, [send]),
          ]),
        );
      });
      sec.appendChild(list);
    })
    .catch((e: unknown) => say(messageOf(e), true));
}
