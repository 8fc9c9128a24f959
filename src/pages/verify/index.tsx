import { VerifyScreen } from '@/features/verify/VerifyScreen';
import { Page } from '@/shared/ui';

export default function VerifyPage() {
  return (
    <Page title="扫码核验" className="verify-page">
      <VerifyScreen />
    </Page>
  );
}
