/**
 * Section 窗口受理: the intake form for people who cannot apply online.
 *
 * The form adapts to the business type: each group of fields carries data-records (the
 * catalogue's application.records values it applies to, or a business type code), and only the
 * groups of the chosen type are shown (hidden fields are out of the tab order and not sent).
 *
 * 询问笔录 at the counter: the chosen type's questions from the catalogue, each asked of the
 * applicant and recorded as answered. No answer is preset: a select starts at 请选择, and a
 * required question left unanswered is not sent (the server refuses it too). Questions that
 * apply only to some units or co-ownerships say so and are left blank where they do not apply.
 */
import type {
  BusinessTypeSummary,
  CatalogueResponse,
  CounterIntakeBody,
  StaffCaseDecisionResponse,
} from '../../../contract';
import type { PartyRole } from '../../../domain/catalogue';
import { $, call, el, messageOf, say, statusText, valueOf } from './shell';

type Question = NonNullable<BusinessTypeSummary['questions']>[number];
type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const NEW_CO: Record<string, string> = { sole: '单独所有', joint: '共同共有', shares: '按份共有' };

function questionField(q: Question): HTMLElement {
  let input: Field;
  if (q.kind === 'text') input = el('input', { autocomplete: 'off' });
  else {
    const choices = q.kind === 'yesNo' ? ['是', '否'] : (q.choices ?? []);
    input = el('select', {}, [
      el('option', { value: '', text: '请选择（按申请人的回答）' }),
      ...choices.map((c) => el('option', { value: c, text: c })),
    ]);
  }
  input.id = `c-q-${q.code}`;
  input.name = input.id;
  input.setAttribute('data-question', q.code);
  if (q.required && !q.whenNewCoOwnership && !q.whenUnitCoOwnership)
    input.setAttribute('aria-required', 'true');
  const when: string[] = [];
  if (q.whenNewCoOwnership)
    when.push(`共有方式为${q.whenNewCoOwnership.map((w) => NEW_CO[w] ?? w).join('或')}时`);
  if (q.whenUnitCoOwnership)
    when.push(`该不动产现为${q.whenUnitCoOwnership.map((w) => NEW_CO[w] ?? w).join('或')}时`);
  return el('p', { 'data-when-new': (q.whenNewCoOwnership ?? []).join(' ') }, [
    el('label', {
      for: input.id,
      text: q.text + (when.length ? `（${when.join('，')}回答）` : ''),
    }),
    input,
  ]);
}

function field(id: string, label: string, input: Field, hint?: string): HTMLElement {
  input.id = id;
  input.name = id;
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return el('p', {}, [
    el('label', { for: id, text: label }),
    input,
    hint ? el('span', { id: `${id}-hint`, class: 'hint', text: ` ${hint}` }) : null,
  ]);
}

function group(records: string, legend: string, children: HTMLElement[]): HTMLFieldSetElement {
  return el('fieldset', { 'data-records': records }, [el('legend', { text: legend }), ...children]);
}

function person(prefix: string, nameLabel = '姓名', idLabel = '公民身份号码'): HTMLElement[] {
  return [
    field(`${prefix}-name`, nameLabel, el('input', { autocomplete: 'off' })),
    field(`${prefix}-id`, idLabel, el('input', { autocomplete: 'off', inputmode: 'text' })),
  ];
}

const options = (pairs: [string, string][]) =>
  pairs.map(([value, text]) => el('option', { value, text }));

export function renderCounter(view: HTMLElement): void {
  const form = el('form', { id: 'counter-form', novalidate: '' });
  const types = new Map<string, BusinessTypeSummary>();
  const bt = el('select', {});
  const coOwn = el(
    'select',
    {},
    options([
      ['sole', '单独所有'],
      ['joint', '共同共有（两位买方）'],
    ]),
  );
  const mType = el(
    'select',
    {},
    options([
      ['一般抵押', '一般抵押'],
      ['最高额抵押', '最高额抵押'],
    ]),
  );
  const cancelRole = el(
    'select',
    {},
    options([
      ['rightHolder', '抵押人（不动产权利人）'],
      ['mortgagee', '抵押权人（银行等）'],
    ]),
  );
  const questions = el('fieldset', { id: 'c-questions' }, [
    el('legend', { text: '询问笔录（当面询问申请人，按其回答如实记录）' }),
  ]);
  form.appendChild(field('c-bt', '业务类型', bt));
  form.appendChild(
    group('transfer mortgage holderIdentityChange', '不动产', [
      field(
        'c-unit',
        '不动产单元号',
        el('input', { autocomplete: 'off' }),
        '28位；或填写下方证书号',
      ),
      field(
        'c-cert',
        '证书号',
        el('input', { autocomplete: 'off' }),
        '不动产权证书号；预告转本填写预告登记证明号',
      ),
    ]),
  );
  form.appendChild(
    group('mortgageCancellation', '要注销的抵押权', [
      field(
        'c-proof',
        '不动产登记证明号',
        el('input', { autocomplete: 'off' }),
        '如“浙(2026)台州市不动产证明第0001234号”',
      ),
    ]),
  );
  form.appendChild(
    group(
      'transfer.secondHandSale',
      '卖方（义务人，登记簿上的全部权利人一并列入）',
      person('c-seller'),
    ),
  );
  form.appendChild(
    group('transfer', '买方（权利人）', [
      ...person('c-buyer'),
      field('c-coown', '共有方式', coOwn),
      field('c-price', '成交价（元）', el('input', { inputmode: 'numeric' })),
    ]),
  );
  form.appendChild(group('transfer', '共同购买的另一位买方（共同共有时填写）', person('c-buyer2')));
  form.appendChild(group('mortgage', '抵押人（不动产的权利人）', person('c-mortgagor')));
  form.appendChild(
    group('mortgage', '抵押权人（银行等金融机构）', person('c-bank', '名称', '统一社会信用代码')),
  );
  form.appendChild(
    group('mortgage', '抵押信息', [
      field('c-mtype', '抵押方式', mType),
      field('c-amount', '被担保债权数额（元）', el('input', { inputmode: 'numeric' })),
      field('c-start', '债务履行期限起', el('input', { type: 'date' })),
      field('c-end', '债务履行期限止', el('input', { type: 'date' })),
    ]),
  );
  form.appendChild(
    group('mortgageCancellation', '申请人', [
      ...person('c-applicant', '姓名或名称', '证件号码'),
      field('c-role', '身份', cancelRole),
    ]),
  );
  form.appendChild(
    group('holderIdentityChange', '权利人（按登记簿记载的原姓名、原身份证号）', person('c-holder')),
  );
  form.appendChild(
    group('holderIdentityChange', '变更后（以公安机关证明为准）', [
      field('c-newname', '变更后姓名', el('input', { autocomplete: 'off' })),
      field('c-newid', '变更后公民身份号码', el('input', { autocomplete: 'off' })),
    ]),
  );
  form.appendChild(field('c-note', '备注', el('input', {})));
  form.appendChild(
    el('p', {
      text: '登记簿上的其他当事人（如卖方共有人、抵押权人）以及婚姻信息显示已婚、须同意的配偶，由系统自动列入，并须到窗口当面签字。',
    }),
  );
  form.appendChild(questions);
  form.appendChild(
    el('p', {
      text: '申请人已在窗口当面核验身份，询问笔录由申请人本人回答，经办人见证记录，当事人当面签字。',
    }),
  );
  form.appendChild(el('p', {}, [el('button', { type: 'submit', text: '录入并提交' })]));

  const records = (): string => types.get(bt.value)?.application?.records ?? '';
  /** questions asked only for some new co-ownerships follow the chosen one */
  function adaptQuestions(): void {
    questions.querySelectorAll<HTMLElement>('p[data-when-new]').forEach((p) => {
      const w = p.getAttribute('data-when-new') ?? '';
      p.hidden = Boolean(w) && (records() !== 'transfer' || !w.split(' ').includes(coOwn.value));
      p.querySelectorAll<Field>('select,input').forEach((i) => {
        i.disabled = p.hidden;
      });
    });
  }
  function adapt(): void {
    const r = records();
    form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-records]').forEach((f) => {
      const list = (f.getAttribute('data-records') ?? '').split(' ');
      f.hidden = !(list.includes(r) || list.includes(bt.value));
      f.disabled = f.hidden;
    });
    const b = types.get(bt.value);
    questions.querySelectorAll('p').forEach((x) => questions.removeChild(x));
    for (const q of b?.questions ?? []) questions.appendChild(questionField(q));
    if (!b?.questions?.length) questions.appendChild(el('p', { text: '本业务无询问事项' }));
    adaptQuestions();
  }
  bt.addEventListener('change', adapt);
  coOwn.addEventListener('change', adaptQuestions);
  fetch('/api/v1/catalogue')
    .then((r) => r.json() as Promise<CatalogueResponse>)
    .catch((): CatalogueResponse => ({ items: [] }) as unknown as CatalogueResponse)
    .then((cat) => {
      for (const b of cat.items ?? []) {
        if (!b.application?.records) continue;
        types.set(b.code, b);
        bt.appendChild(el('option', { value: b.code, text: b.name }));
      }
      if (!bt.options.length) say('业务目录暂时无法读取，请刷新重试', true);
      adapt();
    });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = valueOf;
    const who = (prefix: string, role: PartyRole) => ({
      name: v(`${prefix}-name`),
      idNumber: v(`${prefix}-id`).toUpperCase(),
      role,
    });
    const r = records();
    const body: CounterIntakeBody = { businessTypeCode: bt.value, parties: [] };
    if (r !== 'mortgageCancellation') {
      if (v('c-unit')) body.unitCode = v('c-unit');
      if (v('c-cert')) body.certificateNumber = v('c-cert');
    }
    // the applicant's answers exactly as given; a required question unanswered is not sent
    const answers: Record<string, string> = {};
    let missing: Field | null = null;
    questions.querySelectorAll<Field>('[data-question]').forEach((i) => {
      if (i.disabled) return;
      const a = i.value.trim();
      if (a) answers[i.getAttribute('data-question') ?? ''] = a;
      else if (!missing && i.getAttribute('aria-required') === 'true') missing = i;
    });
    const stop = (message: string, focus: string) => {
      say(message, true);
      $(focus).focus();
    };
    if (r === 'transfer') {
      body.parties.push(who('c-buyer', 'rightHolder'));
      if (coOwn.value === 'joint') {
        if (!v('c-buyer2-name') || !v('c-buyer2-id'))
          return stop('共同共有须填写另一位买方', 'c-buyer2-name');
        body.parties.push(who('c-buyer2', 'rightHolder'));
      }
      if (bt.value === 'transfer.secondHandSale' && v('c-seller-name'))
        body.parties.push(who('c-seller', 'obligor'));
      body.newCoOwnership = coOwn.value as CounterIntakeBody['newCoOwnership'];
      if (v('c-price')) {
        if (!/^\d{1,11}$/.test(v('c-price'))) return stop('成交价请填写整数（元）', 'c-price');
        body.priceYuan = Number(v('c-price'));
      }
    } else if (r === 'mortgage') {
      body.parties.push(who('c-mortgagor', 'rightHolder'), who('c-bank', 'mortgagee'));
      if (!/^\d{1,11}$/.test(v('c-amount')) || Number(v('c-amount')) < 1)
        return stop('被担保债权数额请填写大于0的整数（元）', 'c-amount');
      if (!v('c-start') || !v('c-end'))
        return stop('请填写债务履行期限', v('c-start') ? 'c-end' : 'c-start');
      body.mortgage = {
        mortgageType: mType.value,
        securedAmountYuan: Number(v('c-amount')),
        debtStartsOn: v('c-start'),
        debtEndsOn: v('c-end'),
      } as CounterIntakeBody['mortgage'];
    } else if (r === 'mortgageCancellation') {
      body.certificateNumber = v('c-proof');
      body.parties.push(who('c-applicant', cancelRole.value as PartyRole));
    } else if (r === 'holderIdentityChange') {
      body.parties.push(who('c-holder', 'rightHolder'));
      body.identityChange = { newName: v('c-newname'), newIdNumber: v('c-newid').toUpperCase() };
    }
    const unanswered = missing as Field | null;
    if (unanswered) {
      const label = unanswered.closest('p')?.querySelector('label')?.textContent ?? '';
      say(`请询问申请人并记录其回答：${label}`, true);
      unanswered.focus();
      return;
    }
    if (Object.keys(answers).length) body.answers = answers;
    if (v('c-note')) body.note = v('c-note');
    call<StaffCaseDecisionResponse>('POST', '/counter-intake', body)
      .then((res) => {
        say(
          `已受理：业务号 ${res.case.caseNumber || res.case.caseId}，状态：${statusText(res.case.status)}`,
        );
        location.hash = `#case/${encodeURIComponent(res.case.caseId)}`;
      })
      .catch((e: unknown) => say(messageOf(e), true));
  });
  view.appendChild(
    el('section', { 'aria-labelledby': 'counter-title' }, [
      el('h2', { id: 'counter-title', text: '窗口受理（为不能在线申请的群众录入）' }),
      form,
    ]),
  );
}
