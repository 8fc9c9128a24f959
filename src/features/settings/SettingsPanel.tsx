import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { APP_NAME, APP_VERSION, SERVICE_HOTLINE } from '@/shared/lib/appInfo';
import { ElderModeSwitch } from '@/shared/theme';
import { Cell, Heading, List } from '@/shared/ui';
import './settings.css';

export function callHotline(): void {
  void Taro.makePhoneCall({ phoneNumber: SERVICE_HOTLINE }).catch(() => undefined);
}

/** 我的: 长辈版 switch, the 12345 hotline (tap to call), about and version. */
export function SettingsPanel() {
  return (
    <View className="settings">
      <Heading level={2}>显示</Heading>
      <ElderModeSwitch className="elder-switch" />
      <Heading level={2}>帮助</Heading>
      <List label="帮助与关于">
        <Cell
          className="hotline"
          title="服务热线"
          description="政务服务便民热线，点击拨打"
          extra={<Text className="hotline__number">{SERVICE_HOTLINE}</Text>}
          onPress={callHotline}
          pressRole="link"
          label={`拨打服务热线 ${SERVICE_HOTLINE}`}
        />
        <Cell
          className="about-version"
          title="关于"
          description={`${APP_NAME}：台州市不动产登记掌上办理`}
          extra={<Text className="about-version__number">版本 {APP_VERSION}</Text>}
        />
      </List>
    </View>
  );
}
