import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { toApiError } from '@/shared/api';
import { maskName } from '@/shared/lib/mask';
import { getPlatform } from '@/shared/platform';
import { leaveSignIn, pageName, pageUnderSignIn } from '@/shared/platform/navigation';
import { getFace } from '@/shared/platform/face';
import { signIn, useSession } from '@/shared/session';
import { Button } from '@/shared/ui';
import { deviceName, loginWithZlbTicket } from './api';
import { IdentityForm } from './IdentityForm';
import { useClaim } from './store';
import './auth.css';

export const FACE_PAGE = '/pages/face/index?purpose=login';
export const UNITS_PAGE = '/pages/units/index';

export interface LoginScreenProps {
  /** 'expired' when the app sent the user here after a 401 */
  reason?: string;
}

/**
 * 实名登录: name + 公民身份号码 + the separate face-data consent, then the face page. Inside
 * 浙里办 the user is already identified by 浙里办: one tap exchanges its single sign-on ticket.
 */
export function LoginScreen({ reason }: LoginScreenProps) {
  const user = useSession((s) => s.user);
  const notice = useSession((s) => s.notice);
  const claim = useClaim();
  const [zlbBusy, setZlbBusy] = useState(false);
  const [zlbError, setZlbError] = useState<string | null>(null);
  const inZlb = getPlatform().name === 'zlb';

  const shown = notice ?? (reason === 'expired' ? '登录已失效，请重新登录' : null);
  // opened from a page (a case link, an invitation): say which page the login returns to
  const returnsTo = pageName(pageUnderSignIn());
  const context = returnsTo ? (
    <View className="login__context" role="note">
      登录后将回到“{returnsTo}”
    </View>
  ) : null;

  if (user) {
    return (
      <View className="login login--done">
        <View className="login__signed-in" role="status">
          您已登录：{maskName(user.name)}（{user.idNumberMasked}）
        </View>
        <Button onPress={() => void leaveSignIn(UNITS_PAGE)}>查看我的不动产</Button>
        <Button variant="secondary" className="login__leave" onPress={() => void leaveSignIn()}>
          返回
        </Button>
      </View>
    );
  }

  const zlbLogin = async () => {
    setZlbBusy(true);
    setZlbError(null);
    try {
      const sso = getFace().ssoTicket;
      if (!sso) throw new Error('no ssoTicket');
      signIn(await loginWithZlbTicket(await sso(), deviceName('zlb')));
    } catch (e) {
      setZlbError(e instanceof Error && e.name === 'ZlbError' ? e.message : toApiError(e).message);
    } finally {
      setZlbBusy(false);
    }
  };

  return (
    <View className="login">
      {context}
      {shown ? (
        <View className="login__notice" role="alert">
          ⚠ {shown}
        </View>
      ) : null}
      {inZlb ? (
        <View className="login__zlb">
          <Text className="login__intro">您已在浙里办实名登录，可直接使用浙里办账号登录。</Text>
          {zlbError ? (
            <View className="login__notice" role="alert">
              ⚠ {zlbError}
            </View>
          ) : null}
          <Button className="login-zlb" onPress={() => void zlbLogin()} disabled={zlbBusy}>
            浙里办账号登录
          </Button>
        </View>
      ) : (
        <>
          <Text className="login__intro">
            请填写本人的姓名和公民身份号码，然后进行刷脸验证。验证通过后即可办理不动产登记业务。
          </Text>
          <IdentityForm
            initialName={claim.name}
            initialIdNumber={claim.idNumber}
            submitLabel="开始刷脸验证"
            onSubmit={(c) => {
              claim.setClaim({ ...c, consented: true });
              void Taro.navigateTo({ url: FACE_PAGE });
            }}
          />
        </>
      )}
    </View>
  );
}
