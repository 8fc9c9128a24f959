/**
 * 测绘单位 (H5): a surveying firm's user signs in with the account the registry gave the firm,
 * sees the firm (统一社会信用代码, 测绘资质) and its submitted 权籍调查 results with what became of
 * each (已入库 / 已退回 with the registry's reasons / 已首次登记), and opens the submission form.
 */
import Taro, { useDidShow } from '@tarojs/taro';
import type { SurveyResultSummary, SurveySessionResponse } from '@contract';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { toApiError } from '@/shared/api';
import { dateTime } from '@/shared/lib/time';
import { Button, Heading, StateView } from '@/shared/ui';
import { Input } from '@/shared/ui/controls';
import { currentSession, login, logout, myResults } from './api';
import './survey.css';

export const SUBMIT_PAGE = '/pages/survey/submit';

function LoginForm({ onSignedIn }: { onSignedIn: (s: SurveySessionResponse) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    if (!username.trim() || !password) return setError('请填写用户名和密码');
    setBusy(true);
    try {
      onSignedIn(await login(username.trim(), password));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="survey__section">
      <Heading level={2}>测绘单位登录</Heading>
      <Text className="survey__hint">
        使用登记中心为贵单位开通的账号登录。账号由登记中心开通，不能自行注册。
      </Text>
      <Text className="survey__label" id="survey-username-label">
        用户名
      </Text>
      <Input
        className="survey__input"
        value={username}
        maxlength={64}
        onInput={(e) => setUsername(e.detail.value)}
        nativeProps={{ 'aria-labelledby': 'survey-username-label', id: 'survey-username' }}
      />
      <Text className="survey__label" id="survey-password-label">
        密码
      </Text>
      <Input
        className="survey__input"
        value={password}
        password
        maxlength={200}
        onInput={(e) => setPassword(e.detail.value)}
        onConfirm={() => void submit()}
        nativeProps={{ 'aria-labelledby': 'survey-password-label', id: 'survey-password' }}
      />
      <Button disabled={busy} onPress={() => void submit()}>
        {busy ? '正在登录…' : '登录'}
      </Button>
      {error ? (
        <View className="survey__error" role="alert">
          ⚠ {error}
        </View>
      ) : null}
    </View>
  );
}

/** One result; `inList` when it is an item of a list (its role then says so). */
export function ResultCard({ r, inList }: { r: SurveyResultSummary; inList?: boolean }) {
  return (
    <View
      className="survey__card"
      {...(inList ? { role: 'listitem' } : {})}
      data-result={r.resultId}
    >
      <Text className="survey__status">
        {r.buildingName} · {r.statusText}
      </Text>
      <Text className="survey__meta">
        {r.location} · {r.unitCount} 户 · 建筑面积 {r.buildingArea.toFixed(2)} 平方米
      </Text>
      <Text className="survey__meta">
        宗地代码 {r.parcelCode} · 提交于 {dateTime(r.submittedAt)}
      </Text>
      {r.refusalReasons.length ? (
        <Text className="survey__error">退回理由：{r.refusalReasons.join('；')}</Text>
      ) : null}
      {r.firstRegistration ? (
        <Text className="survey__meta">
          已据此办理首次登记，颁发不动产权证书 {r.firstRegistration.certificateCount} 本
        </Text>
      ) : null}
    </View>
  );
}

export function SurveyHome() {
  const [session, setSession] = useState<SurveySessionResponse | null | undefined>(undefined);
  const [items, setItems] = useState<SurveyResultSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    currentSession().then(
      (s) => {
        setSession(s);
        if (s) myResults().then(setItems, (e) => setError(toApiError(e).message));
      },
      (e) => {
        setSession(null);
        setError(toApiError(e).message);
      },
    );
  }, []);
  useEffect(load, [load]);
  // back from the submission form: the list again (ignored while signed out)
  useDidShow(() => {
    myResults().then(setItems, () => undefined);
  });

  if (session === undefined) return <StateView variant="loading" message="正在读取登录状态…" />;
  if (!session)
    return (
      <View className="survey">
        <LoginForm onSignedIn={() => load()} />
      </View>
    );
  return (
    <View className="survey">
      <View className="survey__section">
        <Heading level={2}>{session.firm.name}</Heading>
        <Text className="survey__meta">
          统一社会信用代码 {session.firm.creditCode} · 测绘资质 {session.firm.licenceNumber}
          （有效期至 {session.firm.licenceValidUntil}）
        </Text>
        <Text className="survey__meta">当前用户：{session.user.displayName}</Text>
        <View className="survey__row">
          <Button onPress={() => void Taro.navigateTo({ url: SUBMIT_PAGE })}>
            提交权籍调查成果
          </Button>
          <Button
            variant="secondary"
            onPress={() =>
              void logout().then(() => {
                setSession(null);
                setItems(null);
              })
            }
          >
            退出登录
          </Button>
        </View>
      </View>
      <View className="survey__section">
        <Heading level={2}>本单位提交的成果</Heading>
        {error ? (
          <StateView variant="error" message={error} onRetry={load} />
        ) : !items ? (
          <StateView variant="loading" message="正在读取…" />
        ) : items.length === 0 ? (
          <StateView
            variant="empty"
            title="还没有提交成果"
            message="提交后，入库结果会显示在这里。"
          />
        ) : (
          <View className="survey__results" role="list" aria-label="本单位提交的成果">
            {items.map((r) => (
              <ResultCard key={r.resultId} r={r} inList />
            ))}
          </View>
        )}
      </View>
    </View>
  );
}
