/** The demo register being written: events in generation order, ids for rights and restrictions. */
import type { RegisterEvent } from '../../domain/register';

export class EventLedger {
  private readonly events: { event: RegisterEvent; order: number }[] = [];
  private order = 0;
  private rightSeq = 0;
  private restrictionSeq = 0;

  /** Appends an event; its eventId is given when the register is put in order. */
  push(event: Omit<RegisterEvent, 'eventId'>): void {
    this.events.push({ event: { ...event, eventId: '' } as RegisterEvent, order: this.order++ });
  }

  /** Moves the last event to another time (a unit must exist before its first right). */
  retimeLast(recordedAt: string): void {
    this.events[this.events.length - 1].event.recordedAt = recordedAt;
  }

  newRightId(): string {
    return `RIGHT${String(++this.rightSeq).padStart(4, '0')}`;
  }

  newRestrictionId(): string {
    return `RSTR${String(++this.restrictionSeq).padStart(4, '0')}`;
  }

  /** The chronological register; ties keep generation order (unit before right before restriction). */
  ordered(): RegisterEvent[] {
    this.events.sort((a, b) =>
      a.event.recordedAt < b.event.recordedAt
        ? -1
        : a.event.recordedAt > b.event.recordedAt
          ? 1
          : a.order - b.order,
    );
    return this.events.map(({ event }, n) => ({
      ...event,
      eventId: `EV${String(n + 1).padStart(5, '0')}`,
    }));
  }
}
