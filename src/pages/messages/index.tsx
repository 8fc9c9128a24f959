import { MessagesScreen } from '@/features/messages';
import { Page } from '@/shared/ui';

export default function MessagesPage() {
  return (
    <Page title="消息" className="messages-page">
      <MessagesScreen />
    </Page>
  );
}
