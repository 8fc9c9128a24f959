import Taro from '@tarojs/taro';
import { Camera, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError } from '@/shared/api';
import { maskName } from '@/shared/lib/mask';
import { getFace, type CameraTarget } from '@/shared/platform/face';
import { leaveSignIn, signInHasPageUnder } from '@/shared/platform/navigation';
import { settleStepUp, useSession } from '@/shared/session';
import { Button, StateView } from '@/shared/ui';
import { zlbStepUp } from './api';
import { IdentityForm } from './IdentityForm';
import { formatCountdown, secondsLeft } from './prompts';
import { useClaim } from './store';
import { useFaceCheck, type FacePurpose } from './useFaceCheck';
import './auth.css';

export interface FaceScreenProps {
  purpose: FacePurpose;
  /** ms each prompt stays on screen (tests shorten it) */
  stepMs?: number;
  /** after a successful step-up; default: back to the page that asked for it */
  onStepUpDone?: () => void;
}

const CAMERA_ID = 'face-camera';

function goBack(delta = 1) {
  void Taro.navigateBack({ delta }).catch(() => Taro.switchTab({ url: '/pages/index/index' }));
}

export function FaceScreen({ purpose, stepMs, onStepUpDone = () => goBack() }: FaceScreenProps) {
  const face = getFace();
  if (purpose === 'stepup' && face.kind === 'zlb') {
    return <ZlbStepUp onDone={onStepUpDone} />;
  }
  return <CameraFaceCheck purpose={purpose} stepMs={stepMs} onStepUpDone={onStepUpDone} />;
}

/** Settles a pending step-up as abandoned if this screen goes away without success. */
function useStepUpSettle(purpose: FacePurpose) {
  const settled = useRef(false);
  useEffect(
    () => () => {
      if (purpose === 'stepup' && !settled.current) settleStepUp(false);
    },
    [purpose],
  );
  return () => {
    settled.current = true;
    settleStepUp(true);
  };
}

function CameraFaceCheck({
  purpose,
  stepMs,
  onStepUpDone,
}: Required<Pick<FaceScreenProps, 'purpose' | 'onStepUpDone'>> & { stepMs?: number }) {
  const claim = useClaim();
  const user = useSession((s) => s.user);
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const target = useCallback(
    (): CameraTarget | null =>
      process.env.TARO_ENV === 'h5'
        ? videoRef.current
          ? { video: videoRef.current }
          : null
        : { cameraId: CAMERA_ID },
    [],
  );
  const { phase, run, demoOffered, demoOn } = useFaceCheck({
    purpose,
    claim: { name: claim.name, idNumber: claim.idNumber },
    target,
    stepMs,
  });
  const succeed = useStepUpSettle(purpose);
  const [now, setNow] = useState(Date.now());
  const needsClaim = purpose === 'login' && (!claim.name || !claim.idNumber || !claim.consented);

  useEffect(() => {
    if (!needsClaim) void run();
  }, [needsClaim, run]);

  useEffect(() => {
    if (phase.kind !== 'capturing') return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [phase.kind]);

  useEffect(() => {
    if (phase.kind === 'success' && purpose === 'stepup') {
      succeed();
      onStepUpDone();
    }
    // signed in from a page that sent the user here (an invitation, 我要申请 …): straight back to
    // it. The login face check also counts on the server as the fresh check that signing needs
    // (5 minutes), so a co-signer goes on to read and sign without a second face scan.
    if (phase.kind === 'success' && purpose === 'login' && signInHasPageUnder()) {
      void leaveSignIn();
    }
  }, [phase.kind]);

  if (needsClaim) {
    return (
      <StateView
        variant="empty"
        title="请先填写身份信息"
        message="刷脸登录前，需要先填写姓名和公民身份号码，并同意人脸信息处理授权。"
      >
        <Button
          className="face__to-login"
          onPress={() => Taro.redirectTo({ url: '/pages/login/index' })}
        >
          去填写
        </Button>
      </StateView>
    );
  }

  const cameraOn = phase.kind === 'camera' || phase.kind === 'capturing';
  const step = phase.kind === 'capturing' ? phase.steps[phase.step] : null;

  return (
    <View className="face">
      <View
        className={`face__viewport${cameraOn ? '' : ' face__viewport--off'}`}
        aria-hidden="true"
      >
        {process.env.TARO_ENV === 'h5' ? (
          <video ref={videoRef} className="face__video" autoPlay muted playsInline />
        ) : (
          <Camera id={CAMERA_ID} className="face__video" devicePosition="front" flash="off" />
        )}
        <View className="face__frame" />
        {demoOn && cameraOn ? (
          <View className="face__demo-badge">演示 · 演示摄像头 · 合成画面</View>
        ) : null}
      </View>
      {demoOffered &&
      !demoOn &&
      process.env.TARO_ENV === 'h5' &&
      (cameraOn || phase.kind === 'error') ? (
        // a demonstration environment (the identity platform simulator): a desktop browser
        // without a phone camera can still walk the flows
        <View className="face__demo" role="note">
          <Text className="face__demo-text">
            演示环境：没有手机摄像头时，可改用演示摄像头（合成的移动画面，仅供体验，不是真实的刷脸）。
          </Text>
          <Button
            variant="secondary"
            className="face__demo-start"
            onPress={() => void run({ demo: true })}
          >
            使用演示摄像头
          </Button>
        </View>
      ) : null}
      {demoOn && cameraOn ? (
        <View className="face__status face__status--demo" role="status">
          正在使用演示摄像头（演示）：画面是合成的，仅在模拟环境中可用。
        </View>
      ) : null}

      {phase.kind === 'starting' || phase.kind === 'idle' ? (
        <StateView variant="loading" message="正在准备刷脸验证…" rows={1} />
      ) : null}
      {phase.kind === 'camera' ? (
        <View className="face__status" role="status">
          正在打开前置摄像头…如浏览器询问，请选择“允许”。
        </View>
      ) : null}
      {phase.kind === 'capturing' && step ? (
        <View className="face__prompt">
          <View className="face__countdown" role="timer" aria-live="off">
            剩余时间{' '}
            <Text className="face__seconds">
              {formatCountdown(secondsLeft(phase.deadline, now))}
            </Text>
          </View>
          <View className="face__action" role="status" aria-live="assertive">
            <Text className="face__step">
              第 {phase.step + 1} / {phase.steps.length} 步
            </Text>
            <Text className="face__title">{step.title}</Text>
            <Text className="face__hint">{step.hint}</Text>
          </View>
          <Text className="face__frames">已拍摄 {phase.frames} 张</Text>
        </View>
      ) : null}
      {phase.kind === 'submitting' ? (
        <StateView variant="loading" message="正在核验，请稍候…" rows={1} />
      ) : null}
      {phase.kind === 'success' && purpose === 'login' ? (
        <View className="face__result face__result--success" role="status">
          <View className="face__result-title" role="heading" aria-level="2">
            ✓ 验证通过，已登录
          </View>
          {user ? <Text className="face__result-user">欢迎您，{maskName(user.name)}</Text> : null}
          {/* both leave the sign-in pages behind: back afterwards returns to where the user was */}
          <Button className="face__to-units" onPress={() => void leaveSignIn('/pages/units/index')}>
            查看我的不动产
          </Button>
          <Button variant="secondary" className="face__done" onPress={() => void leaveSignIn()}>
            完成
          </Button>
        </View>
      ) : null}
      {phase.kind === 'success' && purpose === 'stepup' ? (
        <View className="face__status" role="status">
          ✓ 验证通过，正在继续您的操作…
        </View>
      ) : null}
      {phase.kind === 'error' ? (
        <View className="face__result face__result--error" role="alert">
          <View className="face__result-title" role="heading" aria-level="2">
            ✕ 验证未通过
          </View>
          <Text className="face__error-message">{phase.message}</Text>
          {phase.canRetry ? (
            <Button className="face__retry" onPress={() => void run({ demo: demoOn })}>
              重试
            </Button>
          ) : null}
          {phase.fixEntry ? (
            <Button
              className="face__fix"
              onPress={() => Taro.redirectTo({ url: '/pages/login/index' })}
            >
              返回修改
            </Button>
          ) : null}
          <Button variant="secondary" className="face__cancel" onPress={() => goBack()}>
            {purpose === 'stepup' ? '取消' : '返回'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** 浙里办 step-up: 浙里办 verifies the face itself; it needs the full name and number. */
function ZlbStepUp({ onDone }: { onDone: () => void }) {
  const claim = useClaim();
  const succeed = useStepUpSettle('stepup');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verify = async (c: { name: string; idNumber: string }) => {
    setBusy(true);
    setError(null);
    try {
      const zm = getFace().zmAuthentication;
      if (!zm) throw new Error('no zmAuthentication');
      const { passId } = await zm(c.idNumber, c.name);
      await zlbStepUp(passId);
      succeed();
      onDone();
    } catch (e) {
      setError(e instanceof Error && e.name === 'ZlbError' ? e.message : toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="face face--zlb">
      <Text className="face__intro">此操作需要再次确认是本人。浙里办将进行刷脸认证。</Text>
      {error ? (
        <View className="face__result face__result--error" role="alert">
          <Text className="face__error-message">{error}</Text>
        </View>
      ) : null}
      <IdentityForm
        initialName={claim.name}
        initialIdNumber={claim.idNumber}
        submitLabel="浙里办刷脸认证"
        busy={busy}
        onSubmit={(c) => void verify(c)}
      />
    </View>
  );
}
