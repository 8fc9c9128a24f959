import { useRouter } from '@tarojs/taro';
import { CertificateDetailScreen } from '@/features/wallet/CertificateDetailScreen';
import { Page } from '@/shared/ui';

export default function CertificateDetailPage() {
  const { params } = useRouter();
  return (
    <Page title="证照详情" className="certificate-page">
      <CertificateDetailScreen id={decodeURIComponent(params.id ?? '')} />
    </Page>
  );
}
