import { UnitsScreen } from '@/features/myUnits';
import { Page } from '@/shared/ui';

export default function UnitsPage() {
  return (
    <Page title="我的不动产" className="units-page">
      <UnitsScreen />
    </Page>
  );
}
