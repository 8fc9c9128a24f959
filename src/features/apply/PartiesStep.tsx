/** Step 3: obligors from the register (read-only), right holders, co-ownership and shares, price. */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Button, Heading } from '@/shared/ui';
import { Choice, Field } from './Field';
import { SharesEditor } from './SharesEditor';
import {
  checkParties,
  newHolder,
  saveParties,
  setStep,
  updateForm,
  useApply,
  type CoOwnershipMode,
  type HolderForm,
} from './draft';
import { evenShares } from './shares';
import { RegisterParties, TermsStep } from './TermsStep';

const MODES: { value: CoOwnershipMode; label: string }[] = [
  { value: 'joint', label: '共同共有' },
  { value: 'shares', label: '按份共有' },
];

/** Step 3: a transfer's buyers and price, or the terms of the other business types. */
export function PartiesStep() {
  const records = useApply((s) => s.form.records);
  return records && records !== 'transfer' ? <TermsStep /> : <TransferParties />;
}

function TransferParties() {
  const form = useApply((s) => s.form);
  const detail = useApply((s) => s.detail);
  const save = useApply((s) => s.save);
  const saveError = useApply((s) => s.saveError);
  const [tried, setTried] = useState(false);
  const needsPrice = form.businessTypeCode === 'transfer.secondHandSale';
  const byNumber = !!form.certificateNumber;
  const check = checkParties(form, needsPrice);
  const obligors = detail?.parties.filter((p) => p.role === 'obligor') ?? [];
  const spouses = detail?.parties.filter((p) => p.role === 'consentingSpouse') ?? [];

  const setHolder = (i: number, change: Partial<HolderForm>) =>
    updateForm({ holders: form.holders.map((h, j) => (j === i ? { ...h, ...change } : h)) });
  const addHolder = () => {
    const holders = [...form.holders, newHolder()];
    updateForm({
      holders,
      ...(holders.length > 1 && form.coOwnership === 'sole'
        ? { coOwnership: 'joint' as const }
        : {}),
    });
  };
  const removeHolder = (i: number) =>
    updateForm({ holders: form.holders.filter((_, j) => j !== i) });
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

  useEffect(() => {
    // start with one empty buyer row
    if (useApply.getState().form.holders.length === 0) updateForm({ holders: [newHolder()] });
  }, []);

  return (
    <View className="apply-parties">
      <Heading level={2}>义务人（卖方）</Heading>
      {obligors.length ? (
        <View role="list" aria-label="义务人">
          {obligors.map((p) => (
            <View key={p.personId} className="apply-obligor" role="listitem">
              {p.name}（登记簿记载的权利人）
            </View>
          ))}
        </View>
      ) : (
        <Text className="apply-note">
          义务人为登记簿上 {form.location ?? '该不动产'}{' '}
          的现权利人，保存后自动带出；如婚姻登记信息显示为夫妻共同财产，配偶也会列为当事人。
        </Text>
      )}
      {spouses.length || detail?.marriageCheck?.message ? (
        <RegisterParties detail={{ ...detail!, parties: spouses }} records="transfer" />
      ) : null}

      <Heading level={2}>权利人（买方）</Heading>
      {byNumber ? (
        <Text className="apply-note">
          凭您本人的证书号申请时，义务人（卖方）由登记簿带出；请填写买方，保存后邀请买方在其手机上签名。
        </Text>
      ) : null}
      {form.holders.map((h, i) => {
        const err = tried || h.idNumber.length >= 18 ? check.holders[i] : {};
        return (
          <View key={h.key} className="apply-holder" role="group" aria-label={`权利人${i + 1}`}>
            <Field
              id={`holder-${i}-name`}
              className="holder-name"
              label="姓名"
              value={h.name}
              maxlength={30}
              onInput={(v) => setHolder(i, { name: v })}
              error={tried ? err?.name : null}
            />
            <Field
              id={`holder-${i}-id`}
              className="holder-id"
              label="公民身份号码"
              type="idcard"
              value={h.idNumber}
              maxlength={18}
              onInput={(v) => setHolder(i, { idNumber: v.trim().toUpperCase() })}
              error={err?.idNumber}
            />
            <Field
              id={`holder-${i}-phone`}
              className="holder-phone"
              label="手机号码"
              type="number"
              value={h.phone}
              maxlength={11}
              onInput={(v) => setHolder(i, { phone: v })}
              error={tried ? err?.phone : null}
              hint="用于接收签名邀请和办理进度"
            />
            {form.holders.length > 1 ? (
              <Button
                variant="text"
                className="holder-remove"
                onPress={() => removeHolder(i)}
                label={`删除权利人${i + 1}`}
              >
                删除此权利人
              </Button>
            ) : null}
          </View>
        );
      })}
      <Button variant="secondary" className="apply-add-holder" onPress={addHolder}>
        ＋ 添加权利人
      </Button>

      {form.holders.length > 1 ? (
        <View className="apply-mode">
          <Heading level={2}>共有方式</Heading>
          <Choice
            className="apply-mode__choice"
            label="共有方式"
            options={MODES}
            value={form.coOwnership === 'sole' ? undefined : form.coOwnership}
            onChange={(v) => {
              const mode = v as CoOwnershipMode;
              const even = evenShares(form.holders.length);
              updateForm({
                coOwnership: mode,
                ...(mode === 'shares' && form.holders.every((h) => !h.percent)
                  ? { holders: form.holders.map((h, i) => ({ ...h, percent: even[i] })) }
                  : {}),
              });
            }}
          />
          {form.coOwnership === 'shares' ? (
            <SharesEditor
              holders={form.holders}
              showErrors={tried}
              onChange={(p) =>
                updateForm({ holders: form.holders.map((h, i) => ({ ...h, percent: p[i] })) })
              }
            />
          ) : null}
        </View>
      ) : null}

      {needsPrice ? (
        <Field
          id="apply-price"
          className="apply-price"
          label="成交价格（元）"
          type="number"
          value={form.priceYuan}
          maxlength={10}
          onInput={(v) => updateForm({ priceYuan: v.replace(/\D/g, '') })}
          error={tried ? check.price : null}
          hint="将写入网签合同，无需再填"
        />
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
