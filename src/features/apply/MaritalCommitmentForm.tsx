/**
 * 婚姻状况承诺 (告知承诺): when 民政 cannot say whether the signed-in holder is married, the holder
 * pledges it here (未婚 / 已婚 / 离婚 / 丧偶; 已婚 names the spouse, who must then sign too). Only
 * the holder's own status: the form shows nothing to anyone else. Once pledged, it shows the pledge.
 */
import type { CaseDetail, MaritalCommitmentBody } from '@contract';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';
import { checkIdNumber, checkIdNumberTyping, normaliseIdNumber } from '@/shared/lib/idNumber';
import { useSession } from '@/shared/session';
import { Button } from '@/shared/ui';
import { commitMaritalStatus } from './api';
import { Choice, Field } from './Field';

type Status = MaritalCommitmentBody['maritalStatus'];
const STATUSES: { value: Status; label: string }[] = [
  { value: '未婚', label: '未婚' },
  { value: '已婚', label: '已婚' },
  { value: '离婚', label: '离婚' },
  { value: '丧偶', label: '丧偶' },
];

/** What is wrong with the form as typed (null fields are fine). */
export function checkMaritalForm(
  status: Status | undefined,
  spouseName: string,
  spouseId: string,
  final: boolean,
): { status: string | null; name: string | null; idNumber: string | null } {
  const married = status === '已婚';
  const id = married ? (final ? checkIdNumber(spouseId) : checkIdNumberTyping(spouseId)) : null;
  return {
    status: final && !status ? '请选择您目前的婚姻状况' : null,
    name: married && final && !spouseName.trim() ? '请填写配偶姓名' : null,
    idNumber: id && !id.ok ? id.message : null,
  };
}

export function MaritalCommitmentForm({
  detail,
  onDone,
}: {
  detail: CaseDetail;
  onDone: (d: CaseDetail) => void;
}) {
  const user = useSession((s) => s.user);
  const [status, setStatus] = useState<Status | undefined>();
  const [spouseName, setSpouseName] = useState('');
  const [spouseId, setSpouseId] = useState('');
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const mine = user
    ? detail.marriageCheck?.holders.find((h) => h.personId === user.personId)
    : undefined;
  if (!user || !mine || (detail.status !== 'draft' && detail.status !== 'signing')) return null;
  if (mine.commitment)
    return (
      <View className="apply-note marital-commitment-done" role="status">
        ✓ 您已作出婚姻状况承诺：{mine.commitment.maritalStatus}
        {mine.commitment.spouseName
          ? `（配偶 ${mine.commitment.spouseName}，需其本人签名同意）`
          : ''}
        。承诺书已列入待签署文件。
      </View>
    );
  if (mine.status !== 'unknown') return null;

  const problems = checkMaritalForm(status, spouseName, spouseId, tried);
  const send = async () => {
    setTried(true);
    setError(null);
    const final = checkMaritalForm(status, spouseName, spouseId, true);
    if (!status || final.status || final.name || final.idNumber) return;
    setSaving(true);
    try {
      onDone(
        await commitMaritalStatus(detail.caseId, {
          personId: user.personId,
          maritalStatus: status,
          ...(status === '已婚'
            ? { spouse: { name: spouseName.trim(), idNumber: normaliseIdNumber(spouseId) } }
            : {}),
        }),
      );
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <View className="apply-inquiry marital-commitment">
      <Text className="apply-note">
        民政暂未提供您的婚姻登记信息。您可以作出婚姻状况承诺（告知承诺）代替，承诺书将与申请一并由您签名；如与事实不符，需承担法律责任。
      </Text>
      <Choice
        label="您目前的婚姻状况"
        options={STATUSES}
        value={status}
        onChange={(v) => setStatus(v as Status)}
      />
      {problems.status ? (
        <View className="apply-error" role="alert">
          ⚠ {problems.status}
        </View>
      ) : null}
      {status === '已婚' ? (
        <View>
          <Field
            id="marital-spouse-name"
            className="marital-spouse-name"
            label="配偶姓名"
            value={spouseName}
            onInput={setSpouseName}
            maxlength={40}
            error={problems.name}
          />
          <Field
            id="marital-spouse-id"
            className="marital-spouse-id"
            label="配偶公民身份号码"
            type="idcard"
            value={spouseId}
            onInput={setSpouseId}
            maxlength={18}
            error={problems.idNumber}
            hint="配偶将列为当事人，需本人在手机上签名同意"
          />
        </View>
      ) : null}
      {error ? (
        <View className="apply-error" role="alert">
          ⚠ {error.message}
        </View>
      ) : null}
      <Button
        className="apply-next marital-commitment-save"
        onPress={() => void send()}
        disabled={saving}
      >
        {saving ? '正在提交承诺…' : '作出承诺'}
      </Button>
    </View>
  );
}
