/**
 * The store of agents and guardians (migration 0044) and what 公安 shares about a minor's
 * parents. Every method returns a promise; writes that racing nodes must not break are kept by
 * the database (one live authority per party and case: a partial unique index).
 */
import type { Representation } from '../domain/representation';

export interface RepresentationStore {
  /** stores a new authority; false when the party already has a live one in the case */
  insert(r: Representation): Promise<boolean>;
  get(representationId: string): Promise<Representation | undefined>;
  byCode(code: string): Promise<Representation | undefined>;
  ofCase(caseId: string): Promise<Representation[]>;
  /** where the person acts for someone, newest first */
  ofAgent(agentId: string): Promise<Representation[]>;
  /**
   * Ends a live authority (one conditional update: of two nodes revoking, one does); false when
   * it was not live any more.
   */
  revoke(r: Representation): Promise<boolean>;
  /**
   * Stores staff's decision on an authority waiting for review (`r` with its new status): one
   * conditional update; false when it was not waiting any more (another staff member decided).
   */
  decide(r: Representation): Promise<boolean>;
}

/** 公安's household register (shared): the parents it records for a person. */
export interface HouseholdRegister {
  parentsOf(personId: string): Promise<string[]>;
}
