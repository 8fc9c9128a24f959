import { useRouter } from '@tarojs/taro';
import { InviteScreen } from '@/features/cases/InviteScreen';
import { Page } from '@/shared/ui';

export default function InvitePage() {
  const { params } = useRouter();
  return (
    <Page title="签署邀请" className="invite-page">
      <InviteScreen code={params.code ? decodeURIComponent(params.code) : undefined} />
    </Page>
  );
}
