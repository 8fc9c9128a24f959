import { AccountPanel } from '@/features/auth';
import { SettingsPanel } from '@/features/settings';
import { Page } from '@/shared/ui';

export default function MinePage() {
  return (
    <Page title="我的" className="mine">
      <AccountPanel />
      <SettingsPanel />
    </Page>
  );
}
