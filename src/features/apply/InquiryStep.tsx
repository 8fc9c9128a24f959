/** 询问笔录 of one party: load the questions asked of this case, answer, save (PUT). */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';
import { Button } from '@/shared/ui';
import { fetchInquiry, saveInquiry } from './api';
import { Loadable } from './Loadable';
import { Questionnaire } from './Questionnaire';
import { answersToSend, checkAnswers, type Answers } from './questions';
import { useAsync } from './useAsync';

export interface InquiryFormProps {
  caseId: string;
  partyId: string;
  /** called after the answers are saved */
  onSaved: () => void;
  nextLabel?: string;
  /**
   * The new co-ownership the application already states: the answer to 单独所有/共有 starts from
   * it (typed once, on the 当事人 step), and the party may still change it before saving.
   */
  newCoOwnership?: 'sole' | 'joint' | 'shares';
}

/** Answers the application already gives; the party's own saved answers come first. */
export function answersFromApplication(
  newCoOwnership: InquiryFormProps['newCoOwnership'],
): Answers {
  if (newCoOwnership === undefined) return {};
  return { soleOrCoOwned: newCoOwnership === 'sole' ? '单独所有' : '共有' };
}

export function InquiryForm({
  caseId,
  partyId,
  onSaved,
  nextLabel = '保存，下一步',
  newCoOwnership,
}: InquiryFormProps) {
  const inquiry = useAsync(() => fetchInquiry(caseId, partyId), `${caseId}|${partyId}`);
  const [answers, setAnswers] = useState<Answers>({});
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (inquiry.data) {
      const given = answersFromApplication(newCoOwnership);
      // only a question this case asks, never over the party's own saved answer
      const asked = Object.fromEntries(
        Object.entries(given).filter(([code]) =>
          inquiry.data!.questions.some((q) => q.code === code),
        ),
      );
      setAnswers((a) => ({ ...asked, ...inquiry.data!.answers, ...a }));
    }
  }, [inquiry.data]);

  return (
    <Loadable state={inquiry} loadingText="正在读取询问笔录…">
      {(inq) => {
        const check = checkAnswers(inq.questions, answers);
        const save = async () => {
          setTried(true);
          setError(null);
          if (!check.ok) return;
          setSaving(true);
          try {
            await saveInquiry(caseId, partyId, answersToSend(inq.questions, answers));
            onSaved();
          } catch (e) {
            setError(toApiError(e));
          } finally {
            setSaving(false);
          }
        };
        if (inq.questions.length === 0) {
          return (
            <View>
              <Text className="apply-note">本业务无需询问笔录。</Text>
              <Button className="apply-next" onPress={onSaved}>
                下一步
              </Button>
            </View>
          );
        }
        return (
          <View className="apply-inquiry">
            <Text className="apply-note">
              以下询问由登记机构提出，请如实回答。您的回答将生成《询问笔录》，由您本人签名确认。
            </Text>
            <Questionnaire
              questions={inq.questions}
              answers={answers}
              onChange={setAnswers}
              missing={tried ? check.missing : []}
            />
            {error ? (
              <View className="apply-error" role="alert">
                ⚠ {error.message}
              </View>
            ) : null}
            <Button
              className="apply-next inquiry-save"
              onPress={() => void save()}
              disabled={saving || check.blocking.length > 0}
            >
              {saving ? '正在保存…' : check.blocking.length > 0 ? '此回答不能在线申请' : nextLabel}
            </Button>
          </View>
        );
      }}
    </Loadable>
  );
}
