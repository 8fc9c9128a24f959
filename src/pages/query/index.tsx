import { RecordsQueryScreen } from '@/features/recordsQuery/RecordsQueryScreen';
import { Page } from '@/shared/ui';

export default function RecordsQueryPage() {
  return (
    <Page title="权属查询" className="query-page">
      <RecordsQueryScreen />
    </Page>
  );
}
