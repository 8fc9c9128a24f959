import { ConsultScreen } from '@/features/consultation/ConsultScreen';
import { Page } from '@/shared/ui';

export default function ConsultPage() {
  return (
    <Page title="在线咨询" className="consult-page">
      <ConsultScreen />
    </Page>
  );
}
