/**
 * The messaging simulator's side (demo mode only): its delivery log — each message on each
 * channel with its status, attempts and last error, and whether (and when) the simulator took it
 * in — and its switch, a channel down or up.
 */
import type { MessageChannel } from '../../domain/messaging';
import type { Delivery, MessageBoxStore, MessagingSimulatorLog } from '../../ports/messaging';

export interface DeliveryLogDeps {
  outbox: Pick<MessageBoxStore, 'deliveries'>;
  simulator: MessagingSimulatorLog;
}

export type DeliveryLogEntry = Delivery & { received?: { recipient: string; receivedAt: string } };

export class DeliveryLog {
  constructor(private readonly deps: DeliveryLogDeps) {}

  async entries(filter: { personId?: string; limit?: number }): Promise<DeliveryLogEntry[]> {
    const rows = await this.deps.outbox.deliveries({
      ...(filter.personId ? { personId: filter.personId } : {}),
      limit: Math.min(500, Math.max(1, filter.limit ?? 100)),
    });
    const received = await this.deps.simulator.received(rows.map((d) => d.deliveryId));
    return rows.map((d) => {
      const r = received.get(d.deliveryId);
      return { ...d, ...(r ? { received: r } : {}) };
    });
  }

  setChannelDown(channel: MessageChannel, down: boolean): Promise<void> {
    return this.deps.simulator.setDown(channel, down);
  }
}
