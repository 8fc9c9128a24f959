import { WalletScreen } from '@/features/wallet/WalletScreen';
import { Page } from '@/shared/ui';

export default function CertificatesPage() {
  return (
    <Page title="我的证照" className="certificates">
      <WalletScreen />
    </Page>
  );
}
