/**
 * 办件 tab: 待我签署 (cases waiting for my signature), an invitation code box, and my cases with
 * their status. Drafts continue in 我要申请.
 */
import Taro, { useDidShow } from '@tarojs/taro';
import type { CaseDetail } from '@contract';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';
import { useSession } from '@/shared/session';
import { Button, Cell, Heading, List, StateView } from '@/shared/ui';
import { acceptInvitation, fetchMyCases, fetchToSign } from './api';
import { INVITE_CODE, normaliseCode, statusLine } from './labels';
import { CodeInput } from './CodeInput';
import './cases.css';

export const APPLY_PAGE = '/pages/apply/index';
export const SIGN_PAGE = '/pages/apply/sign';
export const DETAIL_PAGE = '/pages/apply/detail';

export const openCase = (c: CaseDetail) => {
  const url =
    c.status === 'draft'
      ? `${APPLY_PAGE}?caseId=${encodeURIComponent(c.caseId)}`
      : `${DETAIL_PAGE}?caseId=${encodeURIComponent(c.caseId)}`;
  void Taro.navigateTo({ url });
};
export const openSign = (caseId: string) =>
  void Taro.navigateTo({ url: `${SIGN_PAGE}?caseId=${encodeURIComponent(caseId)}` });

export function InvitationCodeBox({ initial = '' }: { initial?: string }) {
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = useCallback(async (value: string) => {
    const c = normaliseCode(value);
    if (!INVITE_CODE.test(c)) {
      setError('邀请码为 6 位字母或数字（不含 0、O、1、I、L）');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const r = await acceptInvitation(c);
      openSign(r.caseId);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  }, []);
  useEffect(() => {
    if (initial) void submit(initial);
  }, [initial, submit]);
  return (
    <View className="invite-box">
      <CodeInput value={code} onInput={setCode} error={error} />
      <Button className="invite-box__submit" onPress={() => void submit(code)} disabled={busy}>
        {busy ? '正在打开…' : '打开邀请'}
      </Button>
    </View>
  );
}

export function CasesScreen() {
  const user = useSession((s) => s.user);
  const [toSign, setToSign] = useState<CaseDetail[] | null>(null);
  const [mine, setMine] = useState<CaseDetail[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    setError(null);
    Promise.all([fetchToSign(), fetchMyCases()]).then(
      ([a, b]) => {
        setToSign(a);
        setMine(b);
      },
      (e) => setError(toApiError(e)),
    );
  }, []);
  useEffect(() => {
    if (user) load();
  }, [user, load]);
  useDidShow(() => {
    if (user) load();
  });

  if (!user) {
    return (
      <StateView
        variant="empty"
        title="请先登录"
        message="查看办件和办理进度需要先实名登录（刷脸验证本人身份）。"
      >
        <Button
          className="cases-login"
          onPress={() => void Taro.navigateTo({ url: '/pages/login/index' })}
        >
          去登录
        </Button>
      </StateView>
    );
  }
  if (error && !mine) {
    return (
      <StateView
        variant={error.code === 'OFFLINE' ? 'offline' : 'error'}
        message={error.message}
        onRetry={load}
      />
    );
  }
  if (!mine || !toSign) return <StateView variant="loading" message="正在读取办件…" />;
  const others = mine.filter((c) => !toSign.some((t) => t.caseId === c.caseId));
  return (
    <View className="cases-screen">
      <Button className="cases-apply" onPress={() => void Taro.navigateTo({ url: APPLY_PAGE })}>
        我要申请
      </Button>
      <Heading level={2}>待我签署</Heading>
      {toSign.length === 0 ? (
        <Text className="cases-none">暂无需要您签署的申请。</Text>
      ) : (
        <List label="待我签署" className="to-sign">
          {toSign.map((c) => (
            <Cell
              key={c.caseId}
              className="to-sign__item"
              title={`${c.businessTypeName}`}
              description={`${c.location ?? c.unitCode} · 发起：${c.parties[0]?.name ?? ''}`}
              extra={<Text>去签署</Text>}
              label={`签署 ${c.businessTypeName} ${c.location ?? ''}`}
              onPress={() => openSign(c.caseId)}
            />
          ))}
        </List>
      )}
      <Heading level={2}>输入邀请码</Heading>
      <InvitationCodeBox />
      <Heading level={2}>我的办件</Heading>
      {others.length === 0 ? (
        <StateView
          variant="empty"
          title="暂无办件"
          message="您发起或参与的不动产登记申请会列在这里。"
        />
      ) : (
        <List label="我的办件" className="my-cases">
          {others.map((c) => (
            <Cell
              key={c.caseId}
              className={`my-case my-case--${c.status}`}
              title={c.businessTypeName}
              description={`${c.location ?? c.unitCode}${c.caseNumber ? ` · 受理编号 ${c.caseNumber}` : ''}`}
              extra={<Text className="my-case__status">{statusLine(c)}</Text>}
              label={`${c.businessTypeName} ${c.location ?? ''} ${statusLine(c)}`}
              onPress={() => openCase(c)}
            />
          ))}
        </List>
      )}
    </View>
  );
}
