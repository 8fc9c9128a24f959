import { useRouter } from '@tarojs/taro';
import { UnitRecordScreen } from '@/features/myUnits';
import { Page } from '@/shared/ui';

export default function UnitRecordPage() {
  const { params } = useRouter();
  return (
    <Page title="登记记录" className="record-page">
      <UnitRecordScreen unitCode={decodeURIComponent(params.unitCode ?? '')} />
    </Page>
  );
}
