import Taro from '@tarojs/taro';
import type { DeviceSession } from '@contract';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { toApiError } from '@/shared/api';
import { maskName } from '@/shared/lib/mask';
import { getPlatform } from '@/shared/platform';
import { signOut, useSession } from '@/shared/session';
import { Button, Cell, Heading, List, StateView } from '@/shared/ui';
import { endSession, fetchSessions, logout } from './api';
import './auth.css';
import { dateTime } from '@/shared/lib/time';

/** 我的: who is signed in, login / logout, and 当前登录设备 with 下线 for the others. */
export function AccountPanel() {
  const user = useSession((s) => s.user);
  if (!user) {
    return (
      <View className="account">
        <Heading level={2}>账号</Heading>
        <List label="账号">
          <Cell
            className="account-login"
            title="登录 / 实名认证"
            description="刷脸验证本人身份后，可查看名下不动产、办理登记"
            onPress={() => void Taro.navigateTo({ url: '/pages/login/index' })}
            label="登录 / 实名认证"
          />
        </List>
      </View>
    );
  }
  return (
    <View className="account">
      <Heading level={2}>账号</Heading>
      <List label="账号">
        <Cell
          className="account-user"
          title={maskName(user.name)}
          description={`公民身份号码 ${user.idNumberMasked} · 手机 ${user.phoneMasked}`}
        />
        <Cell
          className="account-units"
          title="我的不动产"
          description="名下不动产及其登记记录"
          onPress={() => void Taro.navigateTo({ url: '/pages/units/index' })}
          label="我的不动产"
        />
      </List>
      <Devices />
      <Button
        variant="secondary"
        className="account-logout"
        onPress={() => {
          void logout()
            .catch(() => undefined)
            .finally(() => {
              signOut();
              getPlatform().toast('已退出登录', 'success');
            });
        }}
      >
        退出登录
      </Button>
    </View>
  );
}

function Devices() {
  const [items, setItems] = useState<DeviceSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    fetchSessions().then(setItems, (e) => setError(toApiError(e).message));
  }, []);
  useEffect(load, [load]);

  const end = async (d: DeviceSession) => {
    try {
      await endSession(d.id);
      setItems((list) => (list ?? []).filter((x) => x.id !== d.id));
      getPlatform().toast(`已将“${d.deviceName}”下线`, 'success');
    } catch (e) {
      getPlatform().toast(toApiError(e).message, 'error');
    }
  };

  return (
    <View className="devices">
      <Heading level={2}>当前登录设备</Heading>
      {error ? (
        <StateView variant="error" message={error} onRetry={load} />
      ) : items === null ? (
        <StateView variant="loading" rows={1} />
      ) : (
        <List label="当前登录设备" className="devices__list">
          {items.map((d) => (
            <Cell
              key={d.id}
              className={`device${d.current ? ' device--current' : ''}`}
              title={
                <>
                  {d.deviceName}
                  {d.current ? <Text className="device__current">（本机）</Text> : null}
                </>
              }
              description={`登录于 ${dateTime(d.createdAt)} · 最近使用 ${dateTime(d.lastSeenAt)}`}
              extra={
                d.current ? null : (
                  <Button
                    variant="secondary"
                    className="device__end"
                    label={`将 ${d.deviceName} 下线`}
                    onPress={() => void end(d)}
                  >
                    下线
                  </Button>
                )
              }
            />
          ))}
        </List>
      )}
    </View>
  );
}
