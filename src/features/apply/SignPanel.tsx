/**
 * One party signs: read every document of the bundle → draw the handwritten signature → submit
 * it with the bundle digest. The server demands a face check less than 5 minutes old (the login
 * face check counts); without one it answers STEP_UP_REQUIRED and the API client runs it and resends. A changed bundle (409 BUNDLE_CHANGED) is read again.
 */
import type { BundleResponse } from '@contract';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { toApiError } from '@/shared/api';
import { Button, Heading } from '@/shared/ui';
import { SignaturePad, type SignaturePadHandle } from '@/shared/ui/SignaturePad';
import { fetchBundle, signBundle } from './api';
import { BundleView } from './BundleView';
import { Loadable } from './Loadable';
import { useReadDocuments } from './readState';
import { useAsync } from './useAsync';

export interface SignPanelProps {
  caseId: string;
  signerName: string;
  onSigned: () => void;
}

export function SignPanel({ caseId, signerName, onSigned }: SignPanelProps) {
  const bundle = useAsync(() => fetchBundle(caseId), caseId);
  const { read, open: markRead } = useReadDocuments(caseId, bundle.data?.documents);
  const [open, setOpen] = useState<string | null>(null);
  const [ink, setInk] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const pad = useRef<SignaturePadHandle>(null);
  const digest = useRef<string | null>(null);

  useEffect(() => {
    const b = bundle.data;
    if (!b) return;
    // a changed document is unread again (its read state is kept per content, readState.ts)
    if (digest.current && digest.current !== b.bundleDigest)
      setNotice('文书内容已变更，请阅读有变更的文书后再签名。');
    digest.current = b.bundleDigest;
    // the first document still unread opens by itself: reading starts without a tap (each next
    // one is opened by the signer; every one must have been open before the signature pad
    // shows). Documents already read at 预览文书 or before a reload are not asked for again.
    const first = b.documents.find((d) => !read.includes(d.id));
    if (!open && first) {
      setOpen(first.id);
      markRead(first);
    }
  }, [bundle.data]);

  const onOpen = (id: string | null) => {
    setOpen(id);
    const doc = id ? bundle.data?.documents.find((d) => d.id === id) : undefined;
    if (doc) markRead(doc);
  };

  const sign = async (b: BundleResponse) => {
    setError(null);
    const png = await pad.current?.toPng();
    if (!png) {
      setError('请先在签名框内签写您的姓名');
      return;
    }
    setBusy(true);
    try {
      await signBundle(caseId, png, b.bundleDigest);
      onSigned();
    } catch (e) {
      const err = toApiError(e);
      if (err.code === 'BUNDLE_CHANGED') {
        setNotice('文书内容已变更，请阅读有变更的文书后再签名。');
        bundle.reload();
      } else if (err.code === 'STEP_UP_REQUIRED') {
        setError('签名前需要刷脸确认是本人。您尚未完成刷脸验证，请再点“确认签名”。');
      } else setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Loadable state={bundle} loadingText="正在生成待签署文书…">
      {(b) => {
        const covered =
          (b as { coveredDocumentIds?: string[] }).coveredDocumentIds ??
          b.documents.map((d) => d.id);
        const allRead = covered.every((id) => read.includes(id));
        return (
          <View className="sign-panel">
            {notice ? (
              <View className="apply-warning" role="alert">
                ⚠ {notice}
              </View>
            ) : null}
            <Heading level={2}>
              阅读文书（{read.filter((id) => b.documents.some((d) => d.id === id)).length}/
              {b.documents.length}）
            </Heading>
            <BundleView bundle={b} read={read} open={open} onOpen={onOpen} />
            <Heading level={2}>手写签名</Heading>
            {allRead ? (
              <>
                <Text className="apply-note">
                  {signerName}
                  ，请在下框内签写您的姓名。签名需要本人 5
                  分钟内的刷脸验证（登录时的刷脸也算），超过 5
                  分钟会请您再刷一次脸；签名由电子认证服务机构对全部文书的摘要进行数字签名。
                </Text>
                <SignaturePad ref={pad} label={`${signerName}的手写签名`} onChange={setInk} />
                {error ? (
                  <View className="apply-error" role="alert">
                    ⚠ {error}
                  </View>
                ) : null}
                <Button
                  className="sign-submit"
                  onPress={() => void sign(b)}
                  disabled={busy || !ink}
                >
                  {busy ? '正在签名…' : '确认签名'}
                </Button>
              </>
            ) : (
              <Text className="apply-note sign-unread">请先阅读以上全部文书，再签名。</Text>
            )}
          </View>
        );
      }}
    </Loadable>
  );
}
