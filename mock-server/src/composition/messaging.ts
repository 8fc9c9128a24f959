/**
 * Messaging: the 消息 box every area delivers into (RaiseMessages: the message, its outbox rows
 * and the person's limit in one transaction), the sends after the commit and on every sweep
 * (DispatchMessages), the 消息 list of the app, and the simulator's delivery log (demo mode).
 * The channels are the messaging simulator: there is no real 短信 gateway or 浙里办 消息
 * interface yet.
 */
import { SqlMessagingSimulator } from '../adapters/messaging-sim';
import type { SqlDb } from '../adapters/sql';
import { SqlMessageBoxStore } from '../adapters/sqlite/messageBoxStore';
import type { CaseStore, Clock, PartyDirectory, RateCounterStore } from '../ports';
import { DeliveryLog } from '../usecases/messaging/deliveryLog';
import { DispatchMessages } from '../usecases/messaging/dispatchMessages';
import { MyMessages } from '../usecases/messaging/myMessages';
import { RaiseMessages } from '../usecases/messaging/raiseMessages';

export interface MessagingInfrastructure {
  sql: SqlDb;
  caseStore: CaseStore;
  parties: PartyDirectory;
  counters: RateCounterStore;
  clock: Clock;
  newId: (prefix: string) => string;
  simulatorsEnabled: boolean;
  /** runs the sends outside the transaction that raised them (the context the server started in) */
  detach: (work: () => Promise<unknown>) => void;
}

export function composeMessaging(infra: MessagingInfrastructure) {
  const { sql, caseStore, parties, clock, newId } = infra;
  const outbox = new SqlMessageBoxStore(sql);
  const simulator = new SqlMessagingSimulator(sql, clock);
  const dispatch = new DispatchMessages({ outbox, gateway: simulator, parties, clock });
  // one dispatch at a time on this node: a burst of messages (a recording tells every party)
  // starts one pass, and one more after it for what was raised meanwhile
  let running: Promise<unknown> | undefined;
  let again = false;
  const sendSoon = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = new Promise<void>((resolve) =>
      infra.detach(async () => {
        try {
          do {
            again = false;
            await dispatch.dispatchDue();
          } while (again);
        } finally {
          running = undefined;
          resolve();
        }
      }),
    );
  };
  const box = new RaiseMessages({
    store: caseStore,
    outbox,
    counters: infra.counters,
    parties,
    clock,
    newId,
    sendSoon,
  });
  return {
    box,
    dispatch,
    messages: new MyMessages({ box: outbox, store: caseStore, clock }),
    ...(infra.simulatorsEnabled ? { deliveryLog: new DeliveryLog({ outbox, simulator }) } : {}),
  };
}
