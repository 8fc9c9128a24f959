import type { PresentationResponse, PresentationView } from '@contract';
import { Text, View } from '@tarojs/components';
import { Image } from '@/shared/ui/controls';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';
import { useSession } from '@/shared/session';
import { Button, Heading, StateView } from '@/shared/ui';
import { createPresentation } from './api';
import { LoginFirst } from './LoginFirst';
import { qrDataUrl, verifyPage, verifyUrl } from './qr';
import './wallet.css';

const VIEWS: { view: PresentationView; title: string; text: string }[] = [
  {
    view: 'minimal',
    title: '最小披露',
    text: '只出示坐落、权利类型、用途和状态，权利人姓名遮挡，面积、证号等隐藏',
  },
  { view: 'full', title: '完整证书', text: '出示证书全部内容，与纸质证书一致' },
];

/**
 * 亮证: after a fresh face check (the API client runs it on STEP_UP_REQUIRED) the holder
 * chooses what to disclose; the QR code and the 6-digit code are renewed before they expire
 * (every ≤ 60 s), so a screenshot soon stops working.
 */
export function PresentScreen({ id }: { id: string }) {
  const user = useSession((s) => s.user);
  const [view, setView] = useState<PresentationView | null>(null);
  const [p, setP] = useState<PresentationResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const present = useCallback(
    (v: PresentationView) => {
      setError(null);
      createPresentation(id, v).then(
        (r) => alive.current && setP(r),
        (e) => alive.current && setError(toApiError(e)),
      );
    },
    [id],
  );

  useEffect(() => {
    if (!view) return;
    present(view);
  }, [view, present]);

  useEffect(() => {
    if (!p || !view) return;
    const refresh = setTimeout(() => present(view), p.refreshAfterSeconds * 1000);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearTimeout(refresh);
      clearInterval(tick);
    };
  }, [p, view, present]);

  if (!user) return <LoginFirst what="亮证" />;

  if (!view) {
    return (
      <View className="present">
        <Heading level={2}>选择出示内容</Heading>
        <View className="present__choices" role="list">
          {VIEWS.map((c) => (
            <View key={c.view} role="listitem" className="present__choice">
              <Button
                className={`present__choose present__choose--${c.view}`}
                onPress={() => setView(c.view)}
              >
                {c.title}
              </Button>
              <Text className="wallet__hint">{c.text}</Text>
            </View>
          ))}
        </View>
        <Text className="wallet__hint">出示前需要刷脸确认是本人。</Text>
      </View>
    );
  }
  if (error) {
    return (
      <StateView
        variant={error.code === 'OFFLINE' ? 'offline' : 'error'}
        title={error.code === 'STEP_UP_REQUIRED' ? '需要刷脸验证' : undefined}
        message={
          error.code === 'STEP_UP_REQUIRED'
            ? '亮证前需要刷脸确认是本人。您尚未完成刷脸验证，请点“重试”。'
            : error.message
        }
        onRetry={() => present(view)}
      />
    );
  }
  if (!p) return <StateView variant="loading" message="正在生成亮证码…" rows={2} />;

  const left = Math.max(0, Math.round((Date.parse(p.expiresAt) - now) / 1000));
  const nextRefresh = Math.max(
    0,
    Math.round((Date.parse(p.issuedAt) + p.refreshAfterSeconds * 1000 - now) / 1000),
  );
  const url = verifyUrl(p.verifyPath, p.token, API_BASE_URL);
  const qr = qrDataUrl(url);
  return (
    <View className="present present--live">
      <Text className="present__view">
        {p.view === 'minimal' ? '最小披露：部分信息已隐藏' : '完整证书'}
      </Text>
      {process.env.TARO_ENV === 'h5' ? (
        <img className="present__qr" src={qr} alt="亮证二维码，请核验人扫描" />
      ) : (
        <Image
          className="present__qr"
          src={qr}
          mode="aspectFit"
          ariaLabel="亮证二维码，请核验人扫描"
        />
      )}
      {/* the address the QR code carries, for a verifier who cannot scan (typed or copied) */}
      <View className="present__address" role="group" aria-label="核验地址">
        <Text className="present__address-label">核验地址</Text>
        <Text className="present__address-url" userSelect>
          {url}
        </Text>
      </View>
      <View className="present__code" role="group" aria-label="6位核验码">
        <Text className="present__code-label">核验码</Text>
        <Text className="present__code-digits">{p.code}</Text>
      </View>
      <View className="present__timer" role="timer">
        {left > 0 ? `${nextRefresh} 秒后自动刷新 · 有效期还剩 ${left} 秒` : '已过期，正在刷新…'}
      </View>
      <Text className="wallet__hint">
        {`核验人可用手机相机或“掌上不动产”扫码核验，或在浏览器打开 ${verifyPage(url)} 输入核验码。二维码每分钟更新，截图无法重复使用。`}
      </Text>
      <Button variant="secondary" className="present__switch" onPress={() => setView(null)}>
        更换出示内容
      </Button>
    </View>
  );
}
