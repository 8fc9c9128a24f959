/**
 * Step 3 for the business types other than transfers: a mortgage (the bank and the mortgage's
 * terms), a mortgage's cancellation (everything from the register) or a change of the holder's
 * name and ID number. The holders, a cancelled mortgage's bank and a married holder's spouse
 * whose consent the marriage data requires come from the register and are shown read-only.
 */
import type { CaseDetail } from '@contract';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { addYears, today } from '@/shared/lib/time';
import { Button, Heading } from '@/shared/ui';
// not from the kit's index: the picker loads with the pages that ask for a date, not on 首页
import { DateField } from '@/shared/ui/DateField';
import { Choice, Field } from './Field';
import './terms.css';
import {
  checkTerms,
  saveParties,
  setDetail,
  setStep,
  updateForm,
  useApply,
  type DraftForm,
} from './draft';
import { MaritalCommitmentForm } from './MaritalCommitmentForm';

const MORTGAGE_TYPES = [
  { value: '一般抵押', label: '一般抵押' },
  { value: '最高额抵押', label: '最高额抵押' },
];

const ROLE = {
  rightHolder: { mortgage: '抵押人', holderIdentityChange: '权利人', other: '抵押人' },
} as const;

/** The parties the register supplied, and the spouse who must consent. */
export function RegisterParties({
  detail,
  records,
}: {
  detail: CaseDetail | null;
  records: DraftForm['records'];
}) {
  if (!detail) return null;
  const holders = detail.parties.filter((p) => p.role === 'rightHolder' || p.role === 'obligor');
  const bank = detail.parties.filter((p) => p.role === 'mortgagee');
  const spouses = detail.parties.filter((p) => p.role === 'consentingSpouse');
  const holderRole =
    records === 'holderIdentityChange'
      ? ROLE.rightHolder.holderIdentityChange
      : records === 'transfer' || records === undefined
        ? '义务人（卖方）'
        : ROLE.rightHolder.mortgage;
  // 民政 has not answered whether a holder is married: the case waits for it
  const pending = detail.marriageCheck?.message;
  return (
    <>
      <View className="apply-register-parties" role="list" aria-label="登记簿带出的当事人">
        {holders.map((p) => (
          <View key={`${p.role}-${p.personId}`} className="apply-obligor" role="listitem">
            {p.name}（{p.role === 'obligor' ? '义务人（卖方）' : holderRole}，登记簿记载的权利人）
          </View>
        ))}
        {bank.map((p) => (
          <View key={p.personId} className="apply-obligor apply-mortgagee" role="listitem">
            {p.name}（抵押权人，由银行系统电子签章）
          </View>
        ))}
        {spouses.map((p) => (
          <View key={p.personId} className="apply-spouse" role="listitem">
            {p.name}
            （配偶）：婚姻登记信息显示该不动产为夫妻共同财产，需配偶本人在手机上签名同意后才能提交
          </View>
        ))}
      </View>
      {pending ? (
        <View className="apply-spouse apply-marriage-pending" role="status">
          {pending}
        </View>
      ) : null}
      <MaritalCommitmentForm detail={detail} onDone={setDetail} />
    </>
  );
}

export function TermsStep() {
  const form = useApply((s) => s.form);
  const detail = useApply((s) => s.detail);
  const save = useApply((s) => s.save);
  const saveError = useApply((s) => s.saveError);
  const [tried, setTried] = useState(false);
  const check = checkTerms(form);
  const err = (k: keyof typeof check.fields) => (tried ? (check.fields[k] ?? null) : null);
  const onNext = async () => {
    setTried(true);
    if (!check.ok) return;
    try {
      await saveParties();
      setStep('inquiry');
    } catch {
      /* shown below */
    }
  };
  return (
    <View className={`apply-terms apply-terms--${form.records ?? 'transfer'}`}>
      <Heading level={2}>
        {form.records === 'holderIdentityChange' ? '权利人' : '抵押人与抵押权人'}
      </Heading>
      {detail ? (
        <RegisterParties detail={detail} records={form.records} />
      ) : (
        <Text className="apply-note">
          {form.records === 'mortgageCancellation'
            ? '抵押人和抵押权人（银行）由登记簿带出，保存后显示。'
            : '登记簿上的全部权利人会自动列为申请人；如婚姻登记信息显示为夫妻共同财产，配偶也会列为当事人，需其本人签名同意。'}
        </Text>
      )}

      {form.records === 'mortgage' ? (
        <View className="apply-mortgage" role="group" aria-label="抵押信息">
          <Heading level={2}>抵押权人（银行）</Heading>
          <Field
            id="mortgagee-name"
            className="mortgagee-name"
            label="银行名称"
            value={form.mortgageeName ?? ''}
            maxlength={50}
            onInput={(v) => updateForm({ mortgageeName: v })}
            error={err('mortgageeName')}
          />
          <Field
            id="mortgagee-uscc"
            className="mortgagee-uscc"
            label="统一社会信用代码"
            value={form.mortgageeUscc ?? ''}
            maxlength={18}
            onInput={(v) => updateForm({ mortgageeUscc: v.trim().toUpperCase() })}
            error={err('mortgageeUscc')}
            hint="见借款合同，银行会通过本机构系统电子签章"
          />
          <Heading level={2}>抵押信息</Heading>
          <Choice
            className="mortgage-type"
            label="抵押方式"
            options={MORTGAGE_TYPES}
            value={form.mortgageType}
            onChange={(v) => updateForm({ mortgageType: v as DraftForm['mortgageType'] })}
          />
          {err('mortgageType') ? (
            <View className="apply-field__error" role="alert">
              ⚠ {err('mortgageType')}
            </View>
          ) : null}
          <Field
            id="mortgage-amount"
            className="mortgage-amount"
            label={
              form.mortgageType === '最高额抵押' ? '最高债权额（元）' : '被担保主债权数额（元）'
            }
            type="number"
            value={form.securedAmountYuan ?? ''}
            maxlength={10}
            onInput={(v) => updateForm({ securedAmountYuan: v.replace(/\D/g, '') })}
            error={err('securedAmountYuan')}
          />
          <DateField
            id="mortgage-start"
            className="mortgage-start"
            label="债务履行期限起"
            value={form.debtStartsOn ?? ''}
            start={addYears(today(), -10)}
            end={addYears(today(), 5)}
            onChange={(v) => updateForm({ debtStartsOn: v })}
            error={err('debtStartsOn')}
          />
          <DateField
            id="mortgage-end"
            className="mortgage-end"
            label="债务履行期限止"
            value={form.debtEndsOn ?? ''}
            start={form.debtStartsOn || addYears(today(), -10)}
            end={addYears(today(), 50)}
            onChange={(v) => updateForm({ debtEndsOn: v })}
            error={err('debtEndsOn')}
          />
        </View>
      ) : null}

      {form.records === 'holderIdentityChange' ? (
        <View className="apply-identity-change" role="group" aria-label="变更后的身份信息">
          <Heading level={2}>变更后的身份信息</Heading>
          <Text className="apply-note">
            填写公安机关登记的新姓名和公民身份号码；变更证明由公安共享，无需上传。
          </Text>
          <Field
            id="new-name"
            className="new-name"
            label="变更后的姓名"
            value={form.newName ?? ''}
            maxlength={30}
            onInput={(v) => updateForm({ newName: v })}
            error={err('newName')}
          />
          <Field
            id="new-id"
            className="new-id"
            label="变更后的公民身份号码"
            type="idcard"
            value={form.newIdNumber ?? ''}
            maxlength={18}
            onInput={(v) => updateForm({ newIdNumber: v.trim().toUpperCase() })}
            error={tried || (form.newIdNumber ?? '').length >= 18 ? check.fields.newIdNumber : null}
          />
        </View>
      ) : null}

      {tried && !check.ok ? (
        <View className="apply-error" role="alert">
          ⚠ {check.message}
        </View>
      ) : null}
      {save === 'error' && saveError ? (
        <View className="apply-error" role="alert">
          ⚠ 保存失败：{saveError.message}
        </View>
      ) : null}
      <Button className="apply-next" onPress={() => void onNext()} disabled={save === 'saving'}>
        {save === 'saving' ? '正在保存…' : '保存，下一步'}
      </Button>
    </View>
  );
}
