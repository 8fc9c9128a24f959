/**
 * 在线签约: the sale contract's terms, filled by buyer or seller. Checked as the user types (the
 * server checks the same ranges again); what was typed is kept on the device until saved, so a
 * reload or a killed app loses nothing. Saved terms become a document of the signing bundle.
 */
import type { ContractResponse, PaymentMethod } from '@contract';
import { Text, View } from '@tarojs/components';
import { Input, Textarea } from '@/shared/ui/controls';
import { useEffect, useState } from 'react';
import { toApiError } from '@/shared/api';
import { getPlatform } from '@/shared/platform';
import { Button, Heading, pressable, StateView } from '@/shared/ui';
// not from the kit's index: the picker loads with the pages that ask for a date, not on 首页
import { DateField } from '@/shared/ui/DateField';
import { fetchContract, saveContract } from './api';
import {
  checkTerms,
  FIXTURES_MAX,
  fenToYuanText,
  formatFen,
  yuanToFen,
  type TermsErrors,
  type TermsInput,
} from './money';
import { useLoad } from './useLoad';
import './sale.css';
import { addYears, today } from '@/shared/lib/time';

const METHODS: { value: PaymentMethod; label: string }[] = [
  { value: 'fullPayment', label: '一次性付款' },
  { value: 'mortgageLoan', label: '商业贷款' },
  { value: 'providentFundLoan', label: '公积金贷款' },
  { value: 'instalments', label: '分期付款' },
];

const typedKey = (caseId: string) => `he.sale.contract.${caseId}`;

function readTyped(caseId: string): TermsInput | null {
  try {
    const raw = getPlatform().storage.get(typedKey(caseId));
    return raw ? (JSON.parse(raw) as TermsInput) : null;
  } catch {
    return null;
  }
}
function writeTyped(caseId: string, t: TermsInput | null): void {
  try {
    if (t) getPlatform().storage.set(typedKey(caseId), JSON.stringify(t));
    else getPlatform().storage.remove(typedKey(caseId));
  } catch {
    /* storage unavailable: the form still works */
  }
}

const fromServer = (c: ContractResponse): TermsInput => ({
  price: c.terms ? fenToYuanText(c.terms.priceFen) : '',
  paymentMethod: c.terms?.paymentMethod ?? '',
  handoverDate: c.terms?.handoverDate ?? '',
  fixtures: c.terms?.fixtures ?? '',
});

/** The saved contract as text (also used read-only on the case page). */
export function ContractSummary({ contract }: { contract: ContractResponse }) {
  const v = contract.view;
  if (!v) return <Text className="sale-note">尚未填写买卖合同条款。</Text>;
  return (
    <View className="sale-summary" role="group" aria-label="买卖合同条款">
      <Text className="sale-summary__row">
        卖方：{contract.sellers.join('、')}；买方：{contract.buyers.join('、')}
      </Text>
      <Text className="sale-summary__row sale-summary__price">
        成交价格：{formatFen(v.priceFen)}
      </Text>
      <Text className="sale-summary__row">付款方式：{v.paymentMethodName}</Text>
      <Text className="sale-summary__row">交房日期：{v.handoverDate}</Text>
      <Text className="sale-summary__row">附属设施：{v.fixtures || '无'}</Text>
      {contract.filing ? (
        <Text className="sale-summary__row sale-filing">
          ✓ 已网签备案，备案号 {contract.filing.contractNumber}（{contract.filing.filedBy}）
        </Text>
      ) : null}
    </View>
  );
}

export interface ContractFormProps {
  caseId: string;
  /**
   * The price already given with the application (当事人 step, whole yuan): the contract takes it
   * instead of asking for it a second time. Absent: the price is typed here.
   */
  declaredPriceYuan?: number;
  /** told whether saved terms exist (the application may go on to signing) */
  onReady?: (ready: boolean) => void;
  /** told after a save (the signing bundle changed) */
  onSaved?: (c: ContractResponse) => void;
}

export function ContractForm({ caseId, declaredPriceYuan, onReady, onSaved }: ContractFormProps) {
  const declared = declaredPriceYuan !== undefined ? String(declaredPriceYuan) : undefined;
  const state = useLoad(() => fetchContract(caseId), caseId);
  const [input, setInput] = useState<TermsInput | null>(null);
  const [touched, setTouched] = useState<Partial<Record<keyof TermsInput, boolean>>>({});
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const c = state.data;
  useEffect(() => {
    onReady?.(false);
  }, [caseId]);
  useEffect(() => {
    if (!c) return;
    const typed = readTyped(caseId);
    const start = typed ?? fromServer(c);
    setInput(declared !== undefined ? { ...start, price: declared } : start);
    // saved terms with another price than the application's: to be saved again
    const priceChanged =
      declared !== undefined && !!c.terms && c.terms.priceFen !== yuanToFen(declared);
    setEditing(c.editable && (!c.terms || typed !== null || priceChanged));
    onReady?.(Boolean(c.terms) && !priceChanged);
  }, [c, caseId, declared]);

  // not a sale (or not the caller's case): nothing to fill
  if (state.error?.code === 'NOT_FOUND') return null;
  if (state.error)
    return (
      <StateView
        variant={state.error.code === 'OFFLINE' ? 'offline' : 'error'}
        message={state.error.message}
        onRetry={state.reload}
      />
    );
  if (state.loading || !c || !input)
    return <StateView variant="loading" message="正在读取买卖合同…" />;

  const errors: TermsErrors = checkTerms(input, today());
  const shown = (k: keyof TermsInput) => (touched[k] ? errors[k] : undefined);
  const change = (k: keyof TermsInput, v: string) => {
    const next = { ...input, [k]: v };
    setInput(next);
    setTouched((t) => ({ ...t, [k]: true }));
    writeTyped(caseId, next);
  };
  const save = async () => {
    setTouched({ price: true, paymentMethod: true, handoverDate: true, fixtures: true });
    if (Object.keys(errors).length) return;
    setBusy(true);
    setSaveError(null);
    try {
      const saved = await saveContract(caseId, {
        priceFen: yuanToFen(input.price) as number,
        paymentMethod: input.paymentMethod as PaymentMethod,
        handoverDate: input.handoverDate.trim(),
        fixtures: input.fixtures.trim(),
      });
      writeTyped(caseId, null);
      state.set(saved);
      setEditing(false);
      onSaved?.(saved);
    } catch (e) {
      setSaveError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  if (!editing)
    return (
      <View className="sale-contract" role="region" aria-label="买卖合同">
        <Heading level={3}>存量房买卖合同（网签）</Heading>
        <ContractSummary contract={c} />
        {c.editable ? (
          <Button
            variant="secondary"
            className="contract-edit"
            onPress={() => {
              const saved = fromServer(c);
              setInput(declared !== undefined ? { ...saved, price: declared } : saved);
              setEditing(true);
            }}
          >
            修改合同条款
          </Button>
        ) : null}
      </View>
    );

  const field = (k: 'price', label: string, hint: string, type: 'digit') => (
    <View className="sale-field">
      <Text className="sale-field__label" id={`contract-${k}-label`}>
        {label}
      </Text>
      <Input
        className={`sale-field__input${shown(k) ? ' sale-field__input--invalid' : ''}`}
        type={type}
        value={input[k]}
        maxlength={15}
        placeholder={hint}
        onInput={(e) => change(k, e.detail.value)}
        nativeProps={{
          inputMode: 'decimal',
          'aria-labelledby': `contract-${k}-label`,
          'aria-label': label,
          'aria-describedby': `contract-${k}-error`,
          'aria-invalid': shown(k) ? 'true' : 'false',
          id: `contract-${k}`,
        }}
      />
      <View
        className="sale-field__error"
        id={`contract-${k}-error`}
        role={shown(k) ? 'alert' : undefined}
      >
        {shown(k) ? `⚠ ${shown(k)}` : ''}
      </View>
    </View>
  );

  const fen = yuanToFen(input.price);
  return (
    <View className="sale-contract" role="region" aria-label="填写买卖合同">
      <Heading level={3}>存量房买卖合同（网签）</Heading>
      <Text className="sale-note">
        买卖双方在线填写合同条款，双方签名后由登记机构报住建部门网签备案，作为登记和计税的依据。
      </Text>
      {declared !== undefined ? (
        <View className="sale-field sale-price-declared">
          <Text className="sale-field__label">成交价格</Text>
          <Text className="sale-summary__price">{fen !== null ? formatFen(fen) : '—'}</Text>
          <Text className="sale-field__hint">
            已在申请的“当事人”一步填写，无需再填；如需修改，请返回该步。
          </Text>
          {errors.price ? (
            <View className="sale-field__error" role="alert">
              ⚠ {errors.price}
            </View>
          ) : null}
        </View>
      ) : (
        <>
          {field('price', '成交价格（元）', '例如 1860000', 'digit')}
          {fen !== null && !errors.price ? (
            <Text className="sale-field__hint">合同金额：{formatFen(fen)}</Text>
          ) : null}
        </>
      )}
      <View className="sale-field">
        <Text className="sale-field__label">付款方式</Text>
        <View className="sale-choice" role="radiogroup" aria-label="付款方式">
          {METHODS.map((m) => {
            const on = input.paymentMethod === m.value;
            return (
              <View
                key={m.value}
                className={`sale-choice__option${on ? ' sale-choice__option--on' : ''}`}
                data-value={m.value}
                {...pressable(() => change('paymentMethod', m.value))}
                role="radio"
                aria-checked={on ? 'true' : 'false'}
              >
                <Text aria-hidden="true">{on ? '●' : '○'}</Text>
                <Text>{m.label}</Text>
              </View>
            );
          })}
        </View>
        <View className="sale-field__error" role={shown('paymentMethod') ? 'alert' : undefined}>
          {shown('paymentMethod') ? `⚠ ${shown('paymentMethod')}` : ''}
        </View>
      </View>
      <DateField
        id="contract-handoverDate"
        className="contract-handover"
        label="交房日期"
        value={input.handoverDate}
        start={addYears(today(), -1)}
        end={addYears(today(), 3)}
        onChange={(v) => change('handoverDate', v)}
        error={shown('handoverDate')}
      />
      <View className="sale-field">
        <Text className="sale-field__label" id="contract-fixtures-label">
          附属设施（选填，{[...input.fixtures].length}/{FIXTURES_MAX}字）
        </Text>
        <Textarea
          className={`sale-field__input sale-field__textarea${shown('fixtures') ? ' sale-field__input--invalid' : ''}`}
          value={input.fixtures}
          maxlength={FIXTURES_MAX + 20}
          placeholder="例如：空调两台、整体橱柜"
          onInput={(e) => change('fixtures', e.detail.value)}
          nativeProps={{
            'aria-labelledby': 'contract-fixtures-label',
            'aria-label': '附属设施',
            id: 'contract-fixtures',
          }}
        />
        <View className="sale-field__error" role={shown('fixtures') ? 'alert' : undefined}>
          {shown('fixtures') ? `⚠ ${shown('fixtures')}` : ''}
        </View>
      </View>
      {saveError ? (
        <View className="sale-error" role="alert">
          ⚠ {saveError}
        </View>
      ) : null}
      <Button className="contract-save" disabled={busy} onPress={() => void save()}>
        {busy ? '正在保存…' : '保存合同条款'}
      </Button>
      {c.terms ? (
        <Button
          variant="text"
          className="contract-cancel"
          onPress={() => {
            writeTyped(caseId, null);
            setInput(fromServer(c));
            setEditing(false);
          }}
        >
          放弃修改
        </Button>
      ) : null}
    </View>
  );
}
