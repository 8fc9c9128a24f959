/**
 * Every generated document of the case, each to be opened and read before signing. A document
 * shows its readable rendering from the server (what the signature covers: the data and the
 * version of this rendering, both in the digest shown underneath). A document the caller is not a
 * party of (another party's 询问笔录 or 婚姻状况承诺书) comes as its digest only, with a line that
 * says so instead of an empty page.
 */
import type { BundleDocument, BundleResponse } from '@contract';
import { Text, View } from '@tarojs/components';
import { Button, Details, DocumentView } from '@/shared/ui';

const KIND_TEXT: Record<BundleDocument['kind'], string> = {
  applicationForm: '申请书',
  inquiry: '询问笔录',
  commitment: '告知承诺书',
  contract: '合同',
};

export interface BundleViewProps {
  bundle: BundleResponse;
  read: string[];
  open: string | null;
  onOpen: (id: string | null) => void;
}

export function BundleView({ bundle, read, open, onOpen }: BundleViewProps) {
  return (
    <View className="bundle" role="list" aria-label="待签署文书">
      {bundle.documents.map((d) => {
        const isOpen = open === d.id;
        const wasRead = read.includes(d.id);
        return (
          <View
            key={d.id}
            className={`bundle-doc${wasRead ? ' bundle-doc--read' : ''}`}
            role="listitem"
            data-doc={d.id}
          >
            <View className="bundle-doc__head">
              <Text className="bundle-doc__title">
                {wasRead ? '✓ 已阅读 · ' : '未阅读 · '}
                {d.title}
              </Text>
              <Text className="bundle-doc__kind">{KIND_TEXT[d.kind] ?? d.kind}</Text>
            </View>
            <Button
              variant="secondary"
              className="bundle-doc__toggle"
              label={`${isOpen ? '收起' : '阅读'} ${d.title}`}
              onPress={() => onOpen(isOpen ? null : d.id)}
            >
              {isOpen ? '收起' : '阅读全文'}
            </Button>
            {isOpen ? (
              <View className="bundle-doc__body" role="document" aria-label={d.title}>
                {d.rendering ? (
                  <>
                    <DocumentView rendering={d.rendering} />
                    <Details className="bundle-doc__details">
                      <Text className="bundle-doc__digest">
                        文书摘要（SM3，含内容与第{d.renderer.version}版呈现）：
                        {d.digest.slice(0, 16)}…
                      </Text>
                    </Details>
                  </>
                ) : (
                  // another party's own document (their 询问笔录, their 婚姻状况承诺书): the
                  // server sends its digest only, which the caller's signature covers
                  <View className="bundle-doc__withheld">
                    <Text className="bundle-doc__note">
                      {d.withheld ?? '该文件仅对其当事人可见，您可核对其摘要'}
                    </Text>
                    <Text className="bundle-doc__digest">文书摘要（SM3）：{d.digest}</Text>
                  </View>
                )}
              </View>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
