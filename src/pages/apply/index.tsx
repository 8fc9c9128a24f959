import { useRouter } from '@tarojs/taro';
import { ApplyScreen } from '@/features/apply';
import { SaleBeforeSigning } from '@/features/sale';
import { Page } from '@/shared/ui';

export default function ApplyPage() {
  const { params } = useRouter();
  return (
    <Page title="我要申请" className="apply-page">
      <ApplyScreen
        caseId={params.caseId ? decodeURIComponent(params.caseId) : undefined}
        businessType={params.businessType ? decodeURIComponent(params.businessType) : undefined}
        beforeSigning={(a) => <SaleBeforeSigning {...a} />}
      />
    </Page>
  );
}
