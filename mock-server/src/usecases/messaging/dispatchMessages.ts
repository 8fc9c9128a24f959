/**
 * Sending what the outbox holds: the deliveries due now are taken (each by one node, its attempt
 * counted), sent on their channel with their delivery id, and recorded sent, or failed and due
 * again after the backoff (30 s, 2 min, 10 min, …; given up after the last attempt). Run after
 * each raise commits and by every node's sweep, so a channel that was down, or a node stopped
 * mid-send, is caught up; the channel answers a repeated delivery id with its first receipt, so
 * a retry never reaches the person twice.
 */
import { afterFailure, DELIVERY_LEASE_MS, type MessageChannel } from '../../domain/messaging';
import type { Clock, PartyDirectory } from '../../ports';
import type { MessageBoxStore, MessagingGateway } from '../../ports/messaging';

export interface DispatchMessagesDeps {
  outbox: Pick<MessageBoxStore, 'claimDue' | 'markSent' | 'markFailed'>;
  gateway: MessagingGateway;
  parties: Pick<PartyDirectory, 'person'>;
  clock: Clock;
}

/** deliveries taken per round */
const BATCH = 20;

export class DispatchMessages {
  constructor(private readonly deps: DispatchMessagesDeps) {}

  /** Sends every delivery due now; returns how many were sent. */
  async dispatchDue(): Promise<number> {
    const { deps } = this;
    let sent = 0;
    for (;;) {
      const now = deps.clock.now();
      const taken = await deps.outbox.claimDue(
        now.toISOString(),
        new Date(now.getTime() + DELIVERY_LEASE_MS).toISOString(),
        BATCH,
      );
      for (const d of taken) {
        const address = await this.addressOf(d.personId, d.channel);
        const answer = address
          ? await deps.gateway
              .send({ deliveryId: d.deliveryId, channel: d.channel, address, text: d.text })
              .catch(() => ({ ok: false as const, error: '通道无应答' }))
          : { ok: false as const, error: '无接收地址' };
        const at = deps.clock.now();
        if (answer.ok) {
          await deps.outbox.markSent(d.deliveryId, at.toISOString(), answer.receiptId);
          sent++;
        } else {
          const next = afterFailure(d.attempts, at.getTime());
          await deps.outbox.markFailed(
            d.deliveryId,
            answer.error,
            next.status === 'pending'
              ? { status: 'pending', retryAt: new Date(next.retryAtMs).toISOString() }
              : { status: 'failed', at: at.toISOString() },
          );
        }
      }
      if (taken.length < BATCH) return sent;
    }
  }

  private async addressOf(personId: string, channel: MessageChannel): Promise<string | undefined> {
    if (channel === 'zlb') return personId;
    return (await this.deps.parties.person(personId))?.phone;
  }
}
