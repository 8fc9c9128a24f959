import { useRouter } from '@tarojs/taro';
import { FaceScreen } from '@/features/auth';
import { Page } from '@/shared/ui';

export default function FacePage() {
  const { params } = useRouter();
  const purpose = params.purpose === 'stepup' ? 'stepup' : 'login';
  return (
    <Page title={purpose === 'stepup' ? '刷脸确认本人' : '刷脸验证'} className="face-page">
      <FaceScreen purpose={purpose} />
    </Page>
  );
}
