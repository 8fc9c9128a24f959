import type { PrintCheckResponse, VerificationResult } from '@contract';
import { Text, View } from '@tarojs/components';
import { Input } from '@/shared/ui/controls';
import { useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';
import { getPlatform } from '@/shared/platform';
import { getScanCapability, ScanError } from '@/shared/platform/scan';
import { citizenText, plainWords } from '@/shared/lib/publicWords';
import { Button, Details, Heading } from '@/shared/ui';
import { checkPrinted, registryPublicKey, verifyPresentation } from './api';
import { checkTokenSeal, extractToken, OFFLINE_REFUSALS, printedCheckOf } from './offline';
import './verify.css';
import { dateTimeSeconds } from '@/shared/lib/time';

/** A printed certificate's QR: number and status now (the paper shows the rest). */
function PrintedResult({ printed }: { printed: PrintCheckResponse }) {
  const current = printed.status.certificate === 'current';
  const clean = current && printed.status.restrictions.length === 0;
  const rows: [string, string][] = [
    ['证照', `${printed.title}（打印版）`],
    ['证号', printed.number],
    ['当前状态', plainWords(printed.status.summary)],
    ['核验时间', dateTimeSeconds(printed.checkedAt)],
  ];
  return (
    <View
      className={`verify-result verify-result--${clean ? 'ok' : current ? 'warn' : 'bad'}`}
      role="alert"
    >
      <Text className="verify-result__verdict">
        {current
          ? `核验通过：${plainWords(printed.status.summary)}`
          : `证书${plainWords(printed.status.summary)}`}
      </Text>
      <Text className="verify-result__message">{citizenText(printed.message)}</Text>
      <View className="verify-result__fields" role="list">
        {rows.map(([k, v]) => (
          <View key={k} className="verify-result__row" role="listitem">
            <Text className="verify-result__key">{k}</Text>
            <Text className="verify-result__value">{v}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function Result({
  result,
  error,
  sealCheckedHere,
}: {
  result: VerificationResult | null;
  error: ApiError | null;
  sealCheckedHere: boolean;
}) {
  if (error) {
    return (
      <View className="verify-result verify-result--bad" role="alert" data-code={error.code}>
        <Text className="verify-result__verdict">核验不通过</Text>
        <Text className="verify-result__message">{citizenText(error.message)}</Text>
        <Details>
          <Text className="verify-result__code">原因代码 {error.code}</Text>
        </Details>
      </View>
    );
  }
  if (!result) return null;
  const current = result.status.certificate === 'current';
  const clean = current && result.status.restrictions.length === 0;
  return (
    <View
      className={`verify-result verify-result--${clean ? 'ok' : current ? 'warn' : 'bad'}`}
      role="alert"
    >
      <Text className="verify-result__verdict">
        {current
          ? `核验通过：${plainWords(result.status.summary)}`
          : `证照${plainWords(result.status.summary)}`}
      </Text>
      <Text className="verify-result__message">{citizenText(result.message)}</Text>
      <View className="verify-result__fields" role="list">
        <View className="verify-result__row" role="listitem">
          <Text className="verify-result__key">证照</Text>
          <Text className="verify-result__value">{result.document.title}</Text>
        </View>
        {result.fields.map((f) => (
          <View key={f.key} className="verify-result__row" role="listitem">
            <Text className="verify-result__key">{f.label}</Text>
            <Text className="verify-result__value">{f.value}</Text>
          </View>
        ))}
        <View className="verify-result__row" role="listitem">
          <Text className="verify-result__key">核验时间</Text>
          <Text className="verify-result__value">{dateTimeSeconds(result.verifiedAt)}</Text>
        </View>
        {sealCheckedHere ? (
          <View className="verify-result__row" role="listitem">
            <Text className="verify-result__key">电子印章</Text>
            <Text className="verify-result__value">有效（本机已用登记机构公钥核验）</Text>
          </View>
        ) : null}
      </View>
      <Details className="verify-result__details">
        <Text>签章算法 {result.seal.algorithm}</Text>
        <Text>密钥标识 {result.seal.keyId}</Text>
      </Details>
    </View>
  );
}

/** 扫码核验: the container's scanner (or the camera on H5) and the 6-digit code. */
export function VerifyScreen() {
  const platform = getPlatform();
  const scanner = getScanCapability(platform.name);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerificationResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement | null>(null);
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  const [sealCheckedHere, setSealCheckedHere] = useState(false);
  const [printed, setPrinted] = useState<PrintCheckResponse | null>(null);

  /**
   * A scanned token's seal is checked here first, with the registry's public key only: a forged
   * or damaged token is refused without asking the registry. Then the registry answers with the
   * status now. (Without the key — offline on first use — the registry checks the seal itself.)
   */
  const run = async (payload: { token: string } | { code: string }) => {
    setBusy(true);
    setError(null);
    setResult(null);
    setSealCheckedHere(false);
    setPrinted(null);
    const token = 'token' in payload ? extractToken(payload.token) : undefined;
    const paper = !token && 'token' in payload ? printedCheckOf(payload.token) : undefined;
    if (paper) {
      checkPrinted(paper.c, paper.check).then(
        (r) => {
          setBusy(false);
          setPrinted(r);
        },
        (e) => {
          setBusy(false);
          setError(toApiError(e));
        },
      );
      return;
    }
    if (token) {
      const key = await registryPublicKey().catch(() => undefined);
      const seal = key ? checkTokenSeal(token, key.publicKey) : undefined;
      if (seal === 'forged' || seal === 'malformed') {
        setBusy(false);
        setError(OFFLINE_REFUSALS[seal] as ApiError);
        return;
      }
      setSealCheckedHere(seal === 'sealed');
    }
    verifyPresentation(payload).then(
      (r) => {
        setBusy(false);
        setResult(r);
      },
      (e) => {
        setBusy(false);
        setError(toApiError(e));
      },
    );
  };

  const scanFailed = (e: unknown) => {
    setScanning(false);
    if (e instanceof ScanError && e.problem === 'cancelled') return;
    platform.toast(e instanceof ScanError ? e.message : '扫码失败，请输入6位核验码', 'error');
  };

  const startScan = () => {
    if (scanner.kind === 'native' && scanner.scan) {
      scanner.scan().then((text) => void run({ token: text }), scanFailed);
      return;
    }
    setScanning(true);
  };

  useEffect(() => {
    if (!scanning || !video.current || !scanner.openScanner) return;
    scanner
      .openScanner(video.current, (text) => {
        setScanning(false);
        void run({ token: text });
      })
      .then((s) => (stop.current = s), scanFailed);
    return () => {
      stop.current?.();
      stop.current = null;
    };
  }, [scanning]);

  const onFile = (e: { target: { files?: FileList | null; value: string } }) => {
    const file = e.target.files?.[0];
    if (!file || !scanner.decodeImage) return;
    scanner.decodeImage(file).then((text) => void run({ token: text }), scanFailed);
    e.target.value = '';
  };

  const submitCode = () => {
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setError({ code: 'VALIDATION_FAILED', message: '请输入6位数字核验码' } as ApiError);
      setResult(null);
      return;
    }
    void run({ code: digits });
  };

  return (
    <View className="verify">
      <View className="verify__section">
        <Heading level={2}>扫描亮证码</Heading>
        <Text className="verify__hint">请持证人打开“亮证”，扫描其二维码。</Text>
        {scanning ? (
          <View className="verify__camera">
            {process.env.TARO_ENV === 'h5' ? (
              <video
                ref={video}
                className="verify__video"
                muted
                playsInline
                aria-label="摄像头画面"
              />
            ) : null}
            <Button variant="secondary" onPress={() => setScanning(false)}>
              停止扫码
            </Button>
          </View>
        ) : (
          <Button className="verify__scan" onPress={startScan} disabled={busy}>
            扫码核验
          </Button>
        )}
        {process.env.TARO_ENV === 'h5' && scanner.decodeImage ? (
          <View className="verify__file">
            <label className="verify__file-label" htmlFor="verify-file">
              选择二维码图片
            </label>
            <input
              id="verify-file"
              className="verify__file-input"
              type="file"
              accept="image/*"
              onChange={onFile}
            />
          </View>
        ) : null}
      </View>
      <View className="verify__section">
        <Heading level={2}>输入6位核验码</Heading>
        <Input
          className="verify__code"
          type="number"
          maxlength={6}
          value={code}
          placeholder="6位数字"
          ariaLabel="6位核验码"
          nativeProps={{ inputMode: 'numeric', pattern: '[0-9]*' }}
          onInput={(e) => setCode(e.detail.value)}
        />
        <Button className="verify__submit" onPress={submitCode} disabled={busy}>
          {busy ? '正在核验…' : '核验'}
        </Button>
      </View>
      {printed && !error ? (
        <PrintedResult printed={printed} />
      ) : (
        <Result result={result} error={error} sealCheckedHere={sealCheckedHere} />
      )}
    </View>
  );
}
