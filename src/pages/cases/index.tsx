import { Text } from '@tarojs/components';
import { Page, StateView } from '@/shared/ui';

export default function CasesPage() {
  return (
    <Page title="我的办件" className="cases">
      <StateView
        variant="empty"
        title="这里将显示您的办件"
        message="您提交的不动产登记申请和每一步的办理进度会列在这里。"
      >
        <Text className="state-view__message">查看办件需要先实名登录，实名登录功能即将开放。</Text>
      </StateView>
    </Page>
  );
}
