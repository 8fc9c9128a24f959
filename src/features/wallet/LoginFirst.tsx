import Taro from '@tarojs/taro';
import { Button, StateView } from '@/shared/ui';

export function LoginFirst({ what }: { what: string }) {
  return (
    <StateView
      variant="empty"
      title="请先登录"
      message={`${what}需要先实名登录（刷脸验证本人身份）。`}
    >
      <Button
        className="wallet__login"
        onPress={() => void Taro.navigateTo({ url: '/pages/login/index' })}
      >
        去登录
      </Button>
    </StateView>
  );
}
