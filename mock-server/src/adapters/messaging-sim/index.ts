/**
 * The messaging simulator (demo mode): the 短信 gateway and 浙里办 消息 behind one port. What it
 * takes in is kept in its own table (migration 0042), once per delivery id: a send repeated
 * after a stop between the send and its record answers the first receipt and reaches the person
 * once. A channel switched down (its demo switch, in the store so every node agrees) refuses
 * every send until it is switched up again, as a gateway that is unavailable would.
 */
import { CHANNEL_NAMES, type MessageChannel } from '../../domain/messaging';
import { maskPhone } from '../../domain/masking';
import type { Clock } from '../../ports';
import type { ChannelAnswer, MessagingGateway, MessagingSimulatorLog } from '../../ports/messaging';
import type { SqlDb } from '../sql/types';

export class SqlMessagingSimulator implements MessagingGateway, MessagingSimulatorLog {
  constructor(
    private readonly sql: SqlDb,
    private readonly clock: Clock,
  ) {}

  async send(input: {
    deliveryId: string;
    channel: MessageChannel;
    address: string;
    text: string;
  }): Promise<ChannelAnswer> {
    const down = await this.sql.get<{ down: number }>(
      'SELECT down FROM messaging_sim_channels WHERE channel = ?',
      [input.channel],
    );
    if (down && Number(down.down) === 1)
      return { ok: false, error: `${CHANNEL_NAMES[input.channel]}通道暂不可用` };
    const receiptId = `${input.channel.toUpperCase()}-${input.deliveryId}`;
    await this.sql.run(
      `INSERT INTO messaging_sim_received (delivery_id, channel, recipient, text, receipt_id, received_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING`,
      [
        input.deliveryId,
        input.channel,
        // the simulator's log shows the phone masked, like every log
        input.channel === 'sms' ? maskPhone(input.address) : input.address,
        input.text,
        receiptId,
        this.clock.now().toISOString(),
      ],
    );
    return { ok: true, receiptId };
  }

  async received(
    deliveryIds: readonly string[],
  ): Promise<Map<string, { recipient: string; receivedAt: string }>> {
    const out = new Map<string, { recipient: string; receivedAt: string }>();
    for (const id of deliveryIds) {
      const r = await this.sql.get<{ recipient: string; received_at: string }>(
        'SELECT recipient, received_at FROM messaging_sim_received WHERE delivery_id = ?',
        [id],
      );
      if (r) out.set(id, { recipient: r.recipient, receivedAt: r.received_at });
    }
    return out;
  }

  async setDown(channel: MessageChannel, down: boolean): Promise<void> {
    await this.sql.run(
      `INSERT INTO messaging_sim_channels (channel, down) VALUES (?, ?)
       ON CONFLICT (channel) DO UPDATE SET down = excluded.down`,
      [channel, down ? 1 : 0],
    );
  }
}
