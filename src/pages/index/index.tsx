import { View } from '@tarojs/components';
import {
  CatalogueSection,
  ServiceEntries,
  useCataloguePullDownRefresh,
} from '@/features/catalogue';
import { maskName } from '@/shared/lib/mask';
import { useSession } from '@/shared/session/store';
import { ElderModeSwitch } from '@/shared/theme';
import { Page } from '@/shared/ui';

export default function IndexPage() {
  useCataloguePullDownRefresh();
  const name = useSession((s) => s.user?.name);
  return (
    <Page title="掌上不动产" className="home">
      {/* each on its own line (blocks, not inline text that runs into the next) */}
      {name ? <View className="home__user">您好，{maskName(name)}</View> : null}
      <View className="home__intro">台州市不动产登记，掌上申请、全程无纸化。</View>
      <ElderModeSwitch className="elder-entry" hint="开启后字更大、按钮更大" />
      <ServiceEntries />
      <CatalogueSection />
    </Page>
  );
}
