import { AccountPanel } from '@/features/auth';
import { MessagesEntry } from '@/features/messages';
import { SettingsPanel } from '@/features/settings';
import { Page } from '@/shared/ui';

export default function MinePage() {
  return (
    <Page title="我的" className="mine">
      <AccountPanel />
      <MessagesEntry />
      <SettingsPanel />
    </Page>
  );
}
