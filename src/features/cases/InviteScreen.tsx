/** Opened from an invitation link (…?code=K7M2QX): accepts it and goes to the signing page. */
import { Text, View } from '@tarojs/components';
import { useSession } from '@/shared/session';
import { StateView, Button } from '@/shared/ui';
import Taro from '@tarojs/taro';
import { InvitationCodeBox } from './CasesScreen';
import { normaliseCode } from './labels';
import './cases.css';

export function InviteScreen({ code }: { code?: string }) {
  const user = useSession((s) => s.user);
  if (!user) {
    return (
      <StateView
        variant="empty"
        title="请先登录"
        message="打开签署邀请需要先刷脸验证本人身份。只有被邀请的本人才能看到申请内容。"
      >
        <Button
          className="cases-login"
          onPress={() => void Taro.navigateTo({ url: '/pages/login/index' })}
        >
          去登录
        </Button>
      </StateView>
    );
  }
  return (
    <View className="invite-screen">
      <Text className="apply-note">正在核对邀请，只有邀请中登记的本人才能打开申请。</Text>
      <InvitationCodeBox initial={code ? normaliseCode(code) : ''} />
    </View>
  );
}
