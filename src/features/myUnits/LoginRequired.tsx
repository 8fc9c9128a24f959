import Taro from '@tarojs/taro';
import { StateView, Button } from '@/shared/ui';

export function LoginRequired({ what }: { what: string }) {
  return (
    <StateView variant="empty" title="请先登录" message={`${what}需要先刷脸验证本人身份。`}>
      <Button
        className="units__login"
        onPress={() => void Taro.navigateTo({ url: '/pages/login/index' })}
      >
        去登录
      </Button>
    </StateView>
  );
}
