import { CasesScreen } from '@/features/cases/CasesScreen';
import { Page } from '@/shared/ui';

export default function CasesPage() {
  return (
    <Page title="我的办件" className="cases">
      <CasesScreen />
    </Page>
  );
}
