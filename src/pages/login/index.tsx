import { useRouter } from '@tarojs/taro';
import { LoginScreen } from '@/features/auth';
import { Page } from '@/shared/ui';

export default function LoginPage() {
  const { params } = useRouter();
  return (
    <Page title="实名登录" className="login-page">
      <LoginScreen reason={params.reason} />
    </Page>
  );
}
