/**
 * Raising messages: each goes into the person's 消息 box and, when it tells an event the
 * channels carry, into the outbox once per channel (短信, 浙里办消息) with its template's text —
 * all in the transaction of the change that raised it (the caller's, joined), so a stop between
 * the change and the send loses nothing. The per-person limit is counted in the store, on every
 * node alike: past it a delivery is logged `rateLimited` and the message stays in the app only.
 * The sends themselves follow the commit (MessageDispatch).
 */
import { sm3Text } from '../auth/throttle';
import {
  MESSAGE_CHANNELS,
  MESSAGE_RATE_LIMIT,
  renderTemplate,
  type DeliveryStatus,
  type TemplateFacts,
} from '../../domain/messaging';
import type { CaseStore, Clock, Message, PartyDirectory, RateCounterStore } from '../../ports';
import type { Delivery, MessageBoxStore } from '../../ports/messaging';

/** a message to raise; `facts` fill its event's template (only what the template needs) */
export type OutgoingMessage = Message & { facts?: TemplateFacts };

/** what the other use cases are given: messages delivered (and told on the channels) */
export interface MessageBox {
  deliver(messages: readonly OutgoingMessage[]): Promise<void>;
}

export interface RaiseMessagesDeps {
  store: Pick<CaseStore, 'transaction' | 'afterCommit' | 'deliver'>;
  outbox: Pick<MessageBoxStore, 'enqueue'>;
  counters: Pick<RateCounterStore, 'hit'>;
  parties: Pick<PartyDirectory, 'person'>;
  clock: Clock;
  newId: (prefix: string) => string;
  /** the sends after the commit (the dispatch, outside the transaction) */
  sendSoon: () => void;
}

export class RaiseMessages implements MessageBox {
  constructor(private readonly deps: RaiseMessagesDeps) {}

  deliver(messages: readonly OutgoingMessage[]): Promise<void> {
    const { deps } = this;
    return deps.store.transaction(async () => {
      await deps.store.deliver(messages.map(({ facts: _facts, ...m }) => m));
      const now = deps.clock.now();
      const at = now.toISOString();
      const deliveries: Delivery[] = [];
      for (const m of messages) {
        if (!m.event) continue;
        const hits = (
          await deps.counters.hit(
            sm3Text(`messages:${m.personId}`),
            MESSAGE_RATE_LIMIT.windowMs,
            now.getTime(),
          )
        ).hits;
        const limited = hits > MESSAGE_RATE_LIMIT.perWindow;
        const phone = (await deps.parties.person(m.personId))?.phone;
        for (const channel of MESSAGE_CHANNELS) {
          const status: DeliveryStatus = limited
            ? 'rateLimited'
            : channel === 'sms' && !phone
              ? 'noAddress'
              : 'pending';
          deliveries.push({
            deliveryId: deps.newId('DLV'),
            messageId: m.messageId,
            personId: m.personId,
            channel,
            event: m.event,
            text: renderTemplate(m.event, m.facts ?? {}, channel),
            status,
            attempts: 0,
            nextAttemptAt: at,
            createdAt: at,
          });
        }
      }
      if (deliveries.length === 0) return;
      await deps.outbox.enqueue(deliveries);
      if (deliveries.some((d) => d.status === 'pending')) deps.store.afterCommit(deps.sendSoon);
    });
  }
}
