/**
 * The staff audit: every staff action, refused ones too, is written with who, when, from where
 * and the outcome (staff_audit). Shared by the staff use cases.
 */
import type { StaffMember } from '../../domain/staff';
import type { Clock, StaffStore } from '../../ports';

/** Where a request came from, for the audit. */
export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

export class StaffAudit {
  constructor(private readonly deps: { staff: Pick<StaffStore, 'audit'>; clock: Clock }) {}

  record(
    who: StaffMember | { staffName: string },
    action: string,
    client: ClientInfo,
    outcome: 'ok' | 'refused',
    detail: Record<string, unknown> = {},
    caseId?: string,
  ): Promise<void> {
    return this.deps.staff.audit({
      ...('staffId' in who
        ? { staffId: who.staffId, staffName: who.displayName }
        : { staffName: who.staffName }),
      action,
      ...(caseId ? { caseId } : {}),
      at: this.deps.clock.now().toISOString(),
      clientIp: client.ip,
      ...(client.userAgent ? { userAgent: client.userAgent.slice(0, 300) } : {}),
      outcome,
      detail,
    });
  }
}
