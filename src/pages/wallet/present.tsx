import { useRouter } from '@tarojs/taro';
import { PresentScreen } from '@/features/wallet/PresentScreen';
import { Page } from '@/shared/ui';

export default function PresentPage() {
  const { params } = useRouter();
  return (
    <Page title="亮证" className="present-page">
      <PresentScreen id={decodeURIComponent(params.id ?? '')} />
    </Page>
  );
}
