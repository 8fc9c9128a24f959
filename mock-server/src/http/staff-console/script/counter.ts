/** Console script, section 窗口受理: the intake form for people who cannot apply online. */
export const COUNTER_JS = String.raw`
  // ---------------------------------------------------------------- 窗口受理
  /**
   * The intake form adapts to the business type: each group of fields carries data-records (the
   * catalogue's application.records values it applies to, or a business type code), and only the
   * groups of the chosen type are shown (hidden fields are out of the tab order and not sent).
   */
  /**
   * 询问笔录 at the counter: the chosen type's questions from the catalogue, each asked of the
   * applicant and recorded as answered. No answer is preset: a select starts at 请选择, and a
   * required question left unanswered is not sent (the server refuses it too). Questions that
   * apply only to some units or co-ownerships say so and are left blank where they do not apply.
   */
  var NEW_CO = { sole: '单独所有', joint: '共同共有', shares: '按份共有' };
  function questionField(q) {
    var input;
    if (q.kind === 'text') input = el('input', { autocomplete: 'off' });
    else {
      var choices = q.kind === 'yesNo' ? ['是', '否'] : (q.choices || []);
      input = el('select', {}, [el('option', { value: '', text: '请选择（按申请人的回答）' })].concat(
        choices.map(function (c) { return el('option', { value: c, text: c }); })));
    }
    input.id = 'c-q-' + q.code; input.name = input.id;
    input.setAttribute('data-question', q.code);
    if (q.required && !q.whenNewCoOwnership && !q.whenUnitCoOwnership) input.setAttribute('aria-required', 'true');
    var when = [];
    if (q.whenNewCoOwnership) when.push('共有方式为' + q.whenNewCoOwnership.map(function (w) { return NEW_CO[w]; }).join('或') + '时');
    if (q.whenUnitCoOwnership) when.push('该不动产现为' + q.whenUnitCoOwnership.map(function (w) { return NEW_CO[w]; }).join('或') + '时');
    var p = el('p', { 'data-when-new': (q.whenNewCoOwnership || []).join(' ') }, [
      el('label', { for: input.id, text: q.text + (when.length ? '（' + when.join('，') + '回答）' : '') }), input]);
    return p;
  }
  function renderCounter(view) {
    var form = el('form', { id: 'counter-form', novalidate: '' });
    var types = {};
    function field(id, label, input, hint) {
      input.id = id; input.name = id;
      if (hint) input.setAttribute('aria-describedby', id + '-hint');
      return el('p', {}, [el('label', { for: id, text: label }), input, hint ? el('span', { id: id + '-hint', class: 'hint', text: ' ' + hint }) : null]);
    }
    function group(records, legend, children) {
      return el('fieldset', { 'data-records': records }, [el('legend', { text: legend })].concat(children));
    }
    function person(prefix, nameLabel, idLabel) {
      return [field(prefix + '-name', nameLabel || '姓名', el('input', { autocomplete: 'off' })),
        field(prefix + '-id', idLabel || '公民身份号码', el('input', { autocomplete: 'off', inputmode: 'text' }))];
    }
    var bt = el('select', {});
    var coOwn = el('select', {}, [el('option', { value: 'sole', text: '单独所有' }), el('option', { value: 'joint', text: '共同共有（两位买方）' })]);
    var mType = el('select', {}, [el('option', { value: '一般抵押', text: '一般抵押' }), el('option', { value: '最高额抵押', text: '最高额抵押' })]);
    var cancelRole = el('select', {}, [el('option', { value: 'rightHolder', text: '抵押人（不动产权利人）' }), el('option', { value: 'mortgagee', text: '抵押权人（银行等）' })]);
    var questions = el('fieldset', { id: 'c-questions' }, [el('legend', { text: '询问笔录（当面询问申请人，按其回答如实记录）' })]);
    form.appendChild(field('c-bt', '业务类型', bt));
    form.appendChild(group('transfer mortgage holderIdentityChange', '不动产', [
      field('c-unit', '不动产单元号', el('input', { autocomplete: 'off' }), '28位；或填写下方证书号'),
      field('c-cert', '证书号', el('input', { autocomplete: 'off' }), '不动产权证书号；预告转本填写预告登记证明号'),
    ]));
    form.appendChild(group('mortgageCancellation', '要注销的抵押权', [
      field('c-proof', '不动产登记证明号', el('input', { autocomplete: 'off' }), '如“浙(2026)台州市不动产证明第0001234号”'),
    ]));
    form.appendChild(group('transfer.secondHandSale', '卖方（义务人，登记簿上的全部权利人一并列入）', person('c-seller')));
    form.appendChild(group('transfer', '买方（权利人）', person('c-buyer').concat([
      field('c-coown', '共有方式', coOwn), field('c-price', '成交价（元）', el('input', { inputmode: 'numeric' }))])));
    form.appendChild(group('transfer', '共同购买的另一位买方（共同共有时填写）', person('c-buyer2')));
    form.appendChild(group('mortgage', '抵押人（不动产的权利人）', person('c-mortgagor')));
    form.appendChild(group('mortgage', '抵押权人（银行等金融机构）', person('c-bank', '名称', '统一社会信用代码')));
    form.appendChild(group('mortgage', '抵押信息', [
      field('c-mtype', '抵押方式', mType),
      field('c-amount', '被担保债权数额（元）', el('input', { inputmode: 'numeric' })),
      field('c-start', '债务履行期限起', el('input', { type: 'date' })),
      field('c-end', '债务履行期限止', el('input', { type: 'date' })),
    ]));
    form.appendChild(group('mortgageCancellation', '申请人', person('c-applicant', '姓名或名称', '证件号码').concat([field('c-role', '身份', cancelRole)])));
    form.appendChild(group('holderIdentityChange', '权利人（按登记簿记载的原姓名、原身份证号）', person('c-holder')));
    form.appendChild(group('holderIdentityChange', '变更后（以公安机关证明为准）', [
      field('c-newname', '变更后姓名', el('input', { autocomplete: 'off' })),
      field('c-newid', '变更后公民身份号码', el('input', { autocomplete: 'off' })),
    ]));
    form.appendChild(field('c-note', '备注', el('input', {})));
    form.appendChild(el('p', { text: '登记簿上的其他当事人（如卖方共有人、抵押权人）以及婚姻信息显示已婚、须同意的配偶，由系统自动列入，并须到窗口当面签字。' }));
    form.appendChild(questions);
    form.appendChild(el('p', { text: '申请人已在窗口当面核验身份，询问笔录由申请人本人回答，经办人见证记录，当事人当面签字。' }));
    form.appendChild(el('p', {}, [el('button', { type: 'submit', text: '录入并提交' })]));

    function records() { var b = types[bt.value]; return b && b.application ? b.application.records : ''; }
    function adapt() {
      var r = records();
      Array.prototype.forEach.call(form.querySelectorAll('fieldset[data-records]'), function (f) {
        var list = f.getAttribute('data-records').split(' ');
        f.hidden = !(list.indexOf(r) >= 0 || list.indexOf(bt.value) >= 0);
        f.disabled = f.hidden;
      });
      var b = types[bt.value];
      Array.prototype.slice.call(questions.querySelectorAll('p')).forEach(function (x) { questions.removeChild(x); });
      ((b && b.questions) || []).forEach(function (q) { questions.appendChild(questionField(q)); });
      if (!(b && b.questions && b.questions.length)) questions.appendChild(el('p', { text: '本业务无询问事项' }));
      adaptQuestions();
    }
    /** questions asked only for some new co-ownerships follow the chosen one */
    function adaptQuestions() {
      Array.prototype.forEach.call(questions.querySelectorAll('p[data-when-new]'), function (p) {
        var w = p.getAttribute('data-when-new');
        p.hidden = Boolean(w) && (records() !== 'transfer' || w.split(' ').indexOf(coOwn.value) < 0);
        Array.prototype.forEach.call(p.querySelectorAll('select,input'), function (i) { i.disabled = p.hidden; });
      });
    }
    bt.addEventListener('change', adapt);
    coOwn.addEventListener('change', adaptQuestions);
    fetch('/api/v1/catalogue').then(function (r) { return r.json(); }).catch(function () { return { items: [] }; }).then(function (cat) {
      (cat.items || []).filter(function (b) { return b.application && b.application.records; }).forEach(function (b) {
        types[b.code] = b;
        bt.appendChild(el('option', { value: b.code, text: b.name }));
      });
      if (!bt.options.length) say('业务目录暂时无法读取，请刷新重试', true);
      adapt();
    });

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var v = function (id) { return $(id).value.trim(); };
      var who = function (prefix, role) { return { name: v(prefix + '-name'), idNumber: v(prefix + '-id').toUpperCase(), role: role }; };
      var r = records();
      var body = { businessTypeCode: bt.value, parties: [] };
      if (r !== 'mortgageCancellation') {
        if (v('c-unit')) body.unitCode = v('c-unit');
        if (v('c-cert')) body.certificateNumber = v('c-cert');
      }
      // the applicant's answers exactly as given; a required question unanswered is not sent
      var answers = {}, missing = null;
      Array.prototype.forEach.call(questions.querySelectorAll('[data-question]'), function (i) {
        if (i.disabled) return;
        var a = i.value.trim();
        if (a) answers[i.getAttribute('data-question')] = a;
        else if (!missing && i.getAttribute('aria-required') === 'true') missing = i;
      });
      if (r === 'transfer') {
        body.parties.push(who('c-buyer', 'rightHolder'));
        if (coOwn.value === 'joint') {
          if (!v('c-buyer2-name') || !v('c-buyer2-id')) { say('共同共有须填写另一位买方', true); $('c-buyer2-name').focus(); return; }
          body.parties.push(who('c-buyer2', 'rightHolder'));
        }
        if (bt.value === 'transfer.secondHandSale' && v('c-seller-name')) body.parties.push(who('c-seller', 'obligor'));
        body.newCoOwnership = coOwn.value;
        if (v('c-price')) {
          if (!/^\d{1,11}$/.test(v('c-price'))) { say('成交价请填写整数（元）', true); $('c-price').focus(); return; }
          body.priceYuan = Number(v('c-price'));
        }
      } else if (r === 'mortgage') {
        body.parties.push(who('c-mortgagor', 'rightHolder'), who('c-bank', 'mortgagee'));
        if (!/^\d{1,11}$/.test(v('c-amount')) || Number(v('c-amount')) < 1) { say('被担保债权数额请填写大于0的整数（元）', true); $('c-amount').focus(); return; }
        if (!v('c-start') || !v('c-end')) { say('请填写债务履行期限', true); $(v('c-start') ? 'c-end' : 'c-start').focus(); return; }
        body.mortgage = { mortgageType: mType.value, securedAmountYuan: Number(v('c-amount')), debtStartsOn: v('c-start'), debtEndsOn: v('c-end') };
      } else if (r === 'mortgageCancellation') {
        body.certificateNumber = v('c-proof');
        body.parties.push(who('c-applicant', cancelRole.value));
      } else if (r === 'holderIdentityChange') {
        body.parties.push(who('c-holder', 'rightHolder'));
        body.identityChange = { newName: v('c-newname'), newIdNumber: v('c-newid').toUpperCase() };
      }
      if (missing) { say('请询问申请人并记录其回答：' + $(missing.id).closest('p').querySelector('label').textContent, true); missing.focus(); return; }
      if (Object.keys(answers).length) body.answers = answers;
      if (v('c-note')) body.note = v('c-note');
      call('POST', '/counter-intake', body).then(function (res) {
        say('已受理：业务号 ' + (res.case.caseNumber || res.case.caseId) + '，状态：' + (STATUS[res.case.status] || res.case.status));
        location.hash = '#case/' + encodeURIComponent(res.case.caseId);
      }).catch(function (e) { say(e.message, true); });
    });
    view.appendChild(el('section', { 'aria-labelledby': 'counter-title' }, [el('h2', { id: 'counter-title', text: '窗口受理（为不能在线申请的群众录入）' }), form]));
  }
`;
