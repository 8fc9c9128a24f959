/**
 * 我要申请: the guided application. Business → unit → parties → 询问笔录 → materials → preview
 * → sign → invite and submit. Each step validates as the user goes; 上一步 keeps everything
 * (the form lives in the store and on the device); the server draft follows every saved step.
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState, type ReactNode } from 'react';
import { toApiError } from '@/shared/api';
import { useSession } from '@/shared/session';
import { Button, Heading, StateView } from '@/shared/ui';
import { caseAction, fetchBundle, fetchCase, fetchSigningStatus } from './api';
import { BundleView } from './BundleView';
import { BusinessStep, UnitStep } from './ChooseSteps';
import {
  clearCachedDraft,
  preferBusinessType,
  refreshCase,
  restore,
  setDetail,
  setStep,
  startOver,
  stepIndex,
  STEPS,
  useApply,
  type StepKey,
} from './draft';
import { InquiryForm } from './InquiryStep';
import { Loadable } from './Loadable';
import { useReadDocuments } from './readState';
import { MaterialsChecklist } from './MaterialsStep';
import { PartiesStep } from './PartiesStep';
import { SignPanel } from './SignPanel';
import { SigningStatusPanel } from './SigningStatusPanel';
import { useAsync } from './useAsync';
import './apply.css';
import { dateTime } from '@/shared/lib/time';

export const CASE_DETAIL_PAGE = '/pages/apply/detail';

export function LoginFirst({ what }: { what: string }) {
  return (
    <StateView variant="empty" title="请先登录" message={`${what}需要先刷脸验证本人身份。`}>
      <Button
        className="apply-login"
        onPress={() => void Taro.navigateTo({ url: '/pages/login/index' })}
      >
        去登录
      </Button>
    </StateView>
  );
}

function Stepper({ step }: { step: StepKey }) {
  const i = stepIndex(step);
  return (
    <View className="apply-stepper">
      <View className="apply-stepper__now" role="status">
        第 {i + 1} / {STEPS.length} 步：{STEPS[i].title}
      </View>
      <View className="apply-stepper__bar" aria-hidden="true">
        {STEPS.map((s, j) => (
          <View
            key={s.key}
            className={`apply-stepper__dot${j <= i ? ' apply-stepper__dot--done' : ''}`}
          />
        ))}
      </View>
    </View>
  );
}

/**
 * what a business adds before signing (a sale's contract terms and utilities), composed
 * by the page. It calls `onReady(false)` while something needed is missing, and `onSaved` after a
 * change of the documents to sign.
 */
export type BeforeSigning = (args: {
  caseId: string;
  businessTypeCode?: string;
  /** the price given on the 当事人 step (a sale), so that nothing asks for it twice */
  priceYuan?: number;
  status: string;
  onReady: (ready: boolean) => void;
  onSaved: () => void;
}) => ReactNode;

function PreviewStep({ caseId, before }: { caseId: string; before?: BeforeSigning }) {
  const bundle = useAsync(() => fetchBundle(caseId), caseId);
  const { read, open: markRead } = useReadDocuments(caseId, bundle.data?.documents);
  const [extraReady, setExtraReady] = useState<boolean | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const detail = useApply((s) => s.detail);
  const start = async () => {
    setError(null);
    setBusy(true);
    try {
      // signing already started: read the case again, a change may have voided a signature
      setDetail(
        detail?.status === 'draft'
          ? await caseAction(caseId, 'start-signing')
          : await fetchCase(caseId),
      );
      setStep('sign');
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Loadable state={bundle} loadingText="正在生成文书…">
      {(b) => {
        const allRead = b.documents.every((d) => read.includes(d.id));
        const ready = allRead && extraReady !== false;
        return (
          <View className="apply-preview">
            {before
              ? before({
                  caseId,
                  ...(detail?.businessTypeCode
                    ? { businessTypeCode: detail.businessTypeCode }
                    : {}),
                  ...(detail?.priceYuan !== undefined ? { priceYuan: detail.priceYuan } : {}),
                  status: detail?.status ?? 'draft',
                  onReady: setExtraReady,
                  onSaved: () => {
                    // the documents changed: the changed ones are unread again (readState.ts)
                    bundle.reload();
                  },
                })
              : null}
            <Text className="apply-note">
              以下文书根据您填写的内容生成，请逐份阅读。各方签名的是这些文书的内容。
            </Text>
            <BundleView
              bundle={b}
              read={read}
              open={open}
              onOpen={(id) => {
                setOpen(id);
                const doc = id ? b.documents.find((d) => d.id === id) : undefined;
                if (doc) markRead(doc);
              }}
            />
            {error ? (
              <View className="apply-error" role="alert">
                ⚠ {error}
              </View>
            ) : null}
            <Button
              className="apply-next preview-next"
              disabled={!ready || busy}
              onPress={() => void start()}
            >
              {extraReady === false
                ? '请先填写并保存买卖合同条款'
                : allRead
                  ? busy
                    ? '正在发起签名…'
                    : '内容无误，发起签名'
                  : `请先阅读全部文书（${read.length}/${b.documents.length}）`}
            </Button>
          </View>
        );
      }}
    </Loadable>
  );
}

/** What changed since the last signatures, when a change voided them (else null). */
function useLastChange(caseId: string): string[] | null {
  const [changes, setChanges] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    fetchSigningStatus(caseId).then(
      (r) => {
        if (live) setChanges(r.status?.lastChange?.changes ?? null);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [caseId]);
  return changes;
}

function SignStep({ caseId }: { caseId: string }) {
  const user = useSession((s) => s.user);
  const detail = useApply((s) => s.detail);
  const me = detail?.parties.find((p) => p.personId === user?.personId);
  const changed = useLastChange(caseId);
  if (me?.signedAt) {
    return (
      <View>
        <Text className="apply-note">✓ 您已签名（{dateTime(me.signedAt)}）。</Text>
        <Button className="apply-next" onPress={() => setStep('submit')}>
          下一步：邀请其他当事人签名
        </Button>
      </View>
    );
  }
  return (
    <View>
      {changed?.length ? (
        <View className="apply-warning sign-changed" role="alert">
          <Text>
            ⚠ 申请内容在签名后发生了变更，之前的签名已作废，请阅读有变更的文书并重新签名：
          </Text>
          {changed.map((c) => (
            <Text key={c} className="sign-changed__item">
              · {c}
            </Text>
          ))}
        </View>
      ) : null}
      <SignPanel
        caseId={caseId}
        signerName={me?.name ?? user?.name ?? ''}
        onSigned={() => {
          void refreshCase().finally(() => setStep('submit'));
        }}
      />
    </View>
  );
}

export function ApplyScreen({
  caseId: routeCaseId,
  businessType,
  beforeSigning,
}: {
  caseId?: string;
  /** a business type chosen on 首页 (its card), selected once the application is restored */
  businessType?: string;
  /** a sale's contract terms and utilities, shown at 预览文书 (composed by the page) */
  beforeSigning?: BeforeSigning;
}) {
  const user = useSession((s) => s.user);
  const { restoring, step, caseId, form, save } = useApply();
  useEffect(() => {
    if (!user) return;
    void restore(routeCaseId).then(() => {
      if (businessType && !routeCaseId) preferBusinessType(businessType);
    });
  }, [user, routeCaseId, businessType]);

  if (!user) return <LoginFirst what="在线申请" />;
  if (restoring) return <StateView variant="loading" message="正在恢复您的申请…" />;

  const i = stepIndex(step);
  const back = () => setStep(STEPS[Math.max(0, i - 1)].key);
  const needCase = ['inquiry', 'materials', 'preview', 'sign', 'submit'].includes(step);
  let body: JSX.Element;
  if (needCase && !caseId) {
    body = (
      <StateView
        variant="error"
        title="申请尚未保存"
        message="请返回“当事人”一步保存后继续。"
        onRetry={() => setStep('parties')}
      />
    );
  } else if (step === 'business') body = <BusinessStep />;
  else if (step === 'unit') body = <UnitStep />;
  else if (step === 'parties') body = <PartiesStep />;
  else if (step === 'inquiry')
    body = (
      <InquiryForm
        caseId={caseId!}
        partyId={user.personId}
        onSaved={() => {
          void refreshCase().catch(() => undefined);
          setStep('materials');
        }}
      />
    );
  else if (step === 'materials')
    body = <MaterialsChecklist caseId={caseId!} onReady={() => setStep('preview')} />;
  else if (step === 'preview') body = <PreviewStep caseId={caseId!} before={beforeSigning} />;
  else if (step === 'sign') body = <SignStep caseId={caseId!} />;
  else
    body = (
      <SigningStatusPanel
        caseId={caseId!}
        myPartyId={user.personId}
        onSubmitted={(id) => {
          clearCachedDraft();
          startOver();
          void Taro.redirectTo({ url: `${CASE_DETAIL_PAGE}?caseId=${encodeURIComponent(id)}` });
        }}
      />
    );

  return (
    <View className="apply" data-step={step}>
      <Stepper step={step} />
      {form.businessTypeName || form.location ? (
        <Text className="apply-summary">
          {form.businessTypeName ?? ''}
          {form.location ? ` · ${form.location}` : ''}
        </Text>
      ) : null}
      {caseId ? (
        <View className="apply-saved" role="status">
          {save === 'saving' ? '正在保存…' : '草稿已保存，可随时继续（换手机登录后也能继续）'}
        </View>
      ) : null}
      <Heading level={2} className="apply-step-title">
        {STEPS[i].title}
      </Heading>
      {body}
      <View className="apply-nav">
        {i > 0 ? (
          <Button variant="secondary" className="apply-back" onPress={back}>
            上一步
          </Button>
        ) : null}
        {!caseId && i > 0 ? (
          <Button variant="text" className="apply-restart" onPress={startOver}>
            重新开始
          </Button>
        ) : null}
      </View>
    </View>
  );
}
