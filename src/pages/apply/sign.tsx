import { useRouter } from '@tarojs/taro';
import { CoSignScreen } from '@/features/apply';
import { Page } from '@/shared/ui';

export default function SignPage() {
  const { params } = useRouter();
  return (
    <Page title="签署申请" className="sign-page">
      <CoSignScreen caseId={decodeURIComponent(params.caseId ?? '')} />
    </Page>
  );
}
