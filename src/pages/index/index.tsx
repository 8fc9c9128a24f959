import { Text } from '@tarojs/components';
import {
  CatalogueSection,
  ServiceEntries,
  useCataloguePullDownRefresh,
} from '@/features/catalogue';
import { ElderModeSwitch } from '@/shared/theme';
import { Page } from '@/shared/ui';

export default function IndexPage() {
  useCataloguePullDownRefresh();
  return (
    <Page title="掌上不动产" className="home">
      <Text className="home__intro">台州市不动产登记，掌上申请、全程无纸化。</Text>
      <ElderModeSwitch className="elder-entry" hint="开启后字更大、按钮更大" />
      <ServiceEntries />
      <CatalogueSection />
    </Page>
  );
}
