import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { DocumentCopyItem } from '@contract';
import { toApiError } from '@/shared/api';
import { downloadPdf, safeFileName } from '@/shared/lib/pdfDownload';
import { Button, Heading } from '@/shared/ui';
import { copyPath, fetchCopies } from './api';

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; percent?: number }
  | { kind: 'done' }
  | { kind: 'error'; message: string };

/** 下载 PDF of one document: the copy with the registry's seal and a QR that checks it. */
export function CopyDownload({ caseId, copy }: { caseId: string; copy: DocumentCopyItem }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const download = async () => {
    setState({ kind: 'busy' });
    try {
      await downloadPdf(
        copyPath(caseId, copy.ref),
        `${safeFileName(copy.number ? `${copy.title}-${copy.number}` : copy.title)}.pdf`,
        (percent) => setState({ kind: 'busy', percent }),
      );
      setState({ kind: 'done' });
    } catch (e) {
      setState({ kind: 'error', message: toApiError(e).message });
    }
  };
  return (
    <View className="copy" role="listitem" data-copy={copy.ref}>
      <Text className="copy__title">{copy.title}</Text>
      <Button
        variant="secondary"
        className="copy__download"
        label={`下载 ${copy.title} PDF`}
        disabled={state.kind === 'busy'}
        onPress={() => void download()}
      >
        {state.kind === 'busy'
          ? `正在生成${state.percent !== undefined ? ` ${state.percent}%` : '…'}`
          : '下载 PDF'}
      </Button>
      <View role="status" aria-live="polite">
        {state.kind === 'done' ? <Text className="copy__hint">已下载</Text> : null}
        {state.kind === 'error' ? (
          <Text className="copy__hint">下载失败：{state.message}</Text>
        ) : null}
      </View>
    </View>
  );
}

/** 文书副本: every document of the case the person may keep, each a PDF to download. */
export function CaseCopies({ caseId, refreshKey }: { caseId: string; refreshKey?: string }) {
  const [copies, setCopies] = useState<DocumentCopyItem[] | null>(null);
  // read again when the case changes (a paid fee adds its receipt, a notice its copy)
  useEffect(() => {
    fetchCopies(caseId).then(setCopies, () => setCopies([]));
  }, [caseId, refreshKey]);
  if (!copies?.length) return null;
  return (
    <>
      <Heading level={2}>文书副本（PDF）</Heading>
      <Text className="copies__hint">
        每份副本加盖登记机构电子印章并附核验二维码，内容以登记机构留存的电子文书为准。
      </Text>
      <View role="list" aria-label="文书副本" className="copies">
        {copies.map((x) => (
          <CopyDownload key={x.ref} caseId={caseId} copy={x} />
        ))}
      </View>
    </>
  );
}
