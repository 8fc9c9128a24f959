/**
 * 水电气网联动过户, the registry's side: after recording, every utility company the buyer chose is
 * told of the new holder (retried with backoff on failure); its confirmation, or the failure, is
 * kept, noted in the case's timeline by the company and told to the parties. One run per case at a
 * time; after a restart, recorded cases whose companies were not all told are notified again
 * (idempotent at the companies: the same reference).
 */
import type { CaseRecord } from '../../domain/cases';
import { isRecorded } from '../../domain/cases/status';
import { withTimelineNote } from '../../domain/cases/timelineNote';
import { UTILITY_NAMES, type UtilityKind } from '../../domain/sale';
import type { CaseStore, Clock, RegisterRepository } from '../../ports';
import {
  UtilityFailure,
  type UtilityProvider,
  type UtilityRequest,
  type UtilityStore,
} from '../../ports/sale';

/** Delivers a message to every party of the case. */
export type DeliverToParties = (c: CaseRecord, title: string, body: string) => void | Promise<void>;

export interface UtilityTransfersDeps {
  caseStore: Pick<CaseStore, 'get' | 'update'>;
  register: Pick<RegisterRepository, 'unit'>;
  utilities: Pick<UtilityStore, 'requestsOf' | 'save' | 'unconfirmedCaseIds'>;
  providers: Record<UtilityKind, UtilityProvider>;
  deliver: DeliverToParties;
  clock: Clock;
  retry?: { maxAttempts: number; backoffMs: number };
  sleep?: (ms: number) => Promise<void>;
  /** told of failures of background work; never personal data */
  onBackgroundError?: (e: unknown) => void;
}

export class UtilityTransfers {
  /**
   * One run per case at a time IN THIS PROCESS (a retry tap joins the run under way). This only
   * saves work: a run on another node at the same time asks the companies with the same
   * reference, and they confirm a reference once (the same confirmation number twice).
   */
  private readonly notifying = new Map<string, Promise<UtilityRequest[]>>();

  constructor(private readonly deps: UtilityTransfersDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Told when a case completes: after recording, notify the chosen providers (in background). */
  onCaseCompleted(caseId: string): void {
    this.notifyIfDue(caseId).catch((e: unknown) => this.deps.onBackgroundError?.(e));
  }

  private async notifyIfDue(caseId: string): Promise<void> {
    const c = await this.deps.caseStore.get(caseId);
    if (!c?.recording || !isRecorded(c)) return;
    const requests = await this.deps.utilities.requestsOf(caseId);
    if (!requests.some((r) => r.status !== 'confirmed')) return;
    await this.notify(caseId);
  }

  /** After a restart: notify again where a stop left companies untold; the number of cases. */
  async resume(): Promise<number> {
    const ids = await this.deps.utilities.unconfirmedCaseIds();
    for (const id of ids) this.onCaseCompleted(id);
    return ids.length;
  }

  /** Notifies every unconfirmed provider of a recorded case; one run per case at a time. */
  notify(caseId: string): Promise<UtilityRequest[]> {
    const running = this.notifying.get(caseId);
    if (running) return running;
    const run = this.notifyAll(caseId).finally(() => this.notifying.delete(caseId));
    this.notifying.set(caseId, run);
    return run;
  }

  private async notifyAll(caseId: string): Promise<UtilityRequest[]> {
    const c = await this.deps.caseStore.get(caseId);
    const recording = c?.recording;
    if (!c || !recording) return [];
    const { maxAttempts, backoffMs } = this.deps.retry ?? { maxAttempts: 3, backoffMs: 200 };
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const location = (await this.deps.register.unit(c.unitCode))?.unit.location ?? '';
    const buyers = c.parties.filter((p) => p.role === 'rightHolder').map((p) => p.name);
    const results: UtilityRequest[] = [];
    for (const r of await this.deps.utilities.requestsOf(caseId)) {
      if (r.status === 'confirmed') {
        results.push(r);
        continue;
      }
      let current: UtilityRequest = { ...r, status: 'pending', notifiedAt: this.now() };
      await this.deps.utilities.save(current);
      const provider = this.deps.providers[r.kind];
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        current = { ...current, attempts: current.attempts + 1 };
        try {
          const conf = await provider.transfer({
            reference: `${caseId}:${r.kind}`,
            kind: r.kind,
            unitCode: c.unitCode,
            location,
            ...(r.accountNumber ? { accountNumber: r.accountNumber } : {}),
            newHolderNames: buyers,
            certificateNumber: recording.certificateNumber ?? '',
          });
          current = {
            ...current,
            status: 'confirmed',
            confirmedAt: conf.confirmedAt,
            confirmationNo: conf.confirmationNo,
          };
          delete current.lastError;
          break;
        } catch (e) {
          if (!(e instanceof UtilityFailure)) throw e;
          current = { ...current, status: 'failed', lastError: e.message };
          if (attempt < maxAttempts) await sleep(backoffMs * 2 ** (attempt - 1));
        }
      }
      await this.deps.utilities.save(current);
      await this.tell(c, current, provider.name, location);
      results.push(current);
    }
    return results;
  }

  /** The confirmation (or the failure): a timeline note by the company, a message to the parties. */
  private async tell(
    c: CaseRecord,
    r: UtilityRequest,
    providerName: string,
    location: string,
  ): Promise<void> {
    const name = UTILITY_NAMES[r.kind];
    const confirmed = r.status === 'confirmed';
    const fresh = await this.deps.caseStore.get(c.caseId);
    if (fresh) {
      await this.deps.caseStore.update(
        withTimelineNote(fresh, {
          action: confirmed ? 'utilityTransferConfirmed' : 'utilityTransferFailed',
          actor: { kind: 'system', id: `utility:${r.kind}`, displayName: providerName },
          at: this.now(),
          text: confirmed
            ? `${name}联动过户已确认（确认编号${r.confirmationNo ?? ''}）`
            : `${name}联动过户暂未成功（${r.lastError ?? ''}，已尝试${r.attempts}次）`,
          fallbackStep: '发证',
        }),
        fresh.version,
      );
    }
    await this.deps.deliver(
      c,
      confirmed ? `${name}联动过户已确认（${r.confirmationNo ?? ''}）` : `${name}联动过户暂未成功`,
      confirmed
        ? `${providerName}已确认将${location}的${name}户过户给新权利人。`
        : `${providerName}暂时没有答复（${r.lastError ?? ''}），登记机构已重试${r.attempts}次，可在办件详情中点“重试”。`,
    );
  }
}
