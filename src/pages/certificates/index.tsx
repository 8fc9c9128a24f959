import { Text } from '@tarojs/components';
import { Page, StateView } from '@/shared/ui';

export default function CertificatesPage() {
  return (
    <Page title="我的证照" className="certificates">
      <StateView
        variant="empty"
        title="这里将显示您的电子证照"
        message="您名下的不动产权证书、不动产登记证明等电子证照会列在这里，可出示和核验。"
      >
        <Text className="state-view__message">查看证照需要先实名登录，实名登录功能即将开放。</Text>
      </StateView>
    </Page>
  );
}
