import { useRouter } from '@tarojs/taro';
import { CoSignScreen } from '@/features/apply';
import { UtilitiesPanel } from '@/features/sale';
import { Page } from '@/shared/ui';

export default function SignPage() {
  const { params } = useRouter();
  return (
    <Page title="签署申请" className="sign-page">
      <CoSignScreen caseId={decodeURIComponent(params.caseId ?? '')} />
      {/* the buyer chooses the utilities that move with the title (others see nothing) */}
      <UtilitiesPanel caseId={decodeURIComponent(params.caseId ?? '')} status="signing" />
    </Page>
  );
}
