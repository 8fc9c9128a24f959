import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { toApiError } from '@/shared/api';
import { Button } from '@/shared/ui';
import { downloadCertificatePdf, downloadSignature, pdfFileName } from './download';

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; percent?: number }
  | { kind: 'done'; printedAt: string; signature?: string }
  | { kind: 'error'; message: string };

/** 下载 PDF: the printable certificate, then (optionally) the registry's signature file. */
export function PdfDownload({ id, number }: { id: string; number: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const fileName = pdfFileName(number);

  const download = async () => {
    setState({ kind: 'busy' });
    try {
      const r = await downloadCertificatePdf(id, fileName, (percent) =>
        setState({ kind: 'busy', percent }),
      );
      setState({ kind: 'done', printedAt: r.printedAt });
    } catch (e) {
      setState({ kind: 'error', message: toApiError(e).message });
    }
  };

  const signature = async (printedAt: string) => {
    try {
      const how = await downloadSignature(id, printedAt, fileName);
      setState({
        kind: 'done',
        printedAt,
        signature: how === 'saved' ? '已下载签名文件' : '签名已复制，可粘贴保存',
      });
    } catch (e) {
      setState({ kind: 'error', message: toApiError(e).message });
    }
  };

  return (
    <View className="certificate__pdf" role="group" aria-label="下载打印版">
      <Button
        variant="secondary"
        className="certificate__pdf-download"
        disabled={state.kind === 'busy'}
        onPress={() => void download()}
      >
        {state.kind === 'busy'
          ? `正在生成 PDF${state.percent !== undefined ? ` ${state.percent}%` : '…'}`
          : '下载 PDF'}
      </Button>
      <View role="status" aria-live="polite">
        <Text className="wallet__hint">
          {state.kind === 'done'
            ? (state.signature ??
              'PDF 已下载。打印版附登记机构签名，证书状态以在线核验结果为准（扫描PDF上的二维码）。')
            : state.kind === 'error'
              ? `下载失败：${state.message}`
              : '打印版含电子印章和核验二维码，证书状态以在线核验结果为准。'}
        </Text>
      </View>
      {state.kind === 'done' ? (
        <Button
          variant="secondary"
          className="certificate__pdf-signature"
          onPress={() => void signature(state.printedAt)}
        >
          下载签名文件
        </Button>
      ) : null}
      {state.kind === 'error' ? (
        <Button className="certificate__pdf-retry" onPress={() => void download()}>
          重试
        </Button>
      ) : null}
    </View>
  );
}
