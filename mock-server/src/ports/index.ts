/**
 * Ports: what use cases need from the outside world. Adapters (SQLite, seed, clock…) implement
 * them; the domain and use cases never import an adapter.
 */
import type { Catalogue } from '../domain/catalogue';
import type {
  Certificate,
  Marriage,
  Person,
  RegisterEvent,
  RestrictionState,
  RightState,
  Unit,
  CertificateState,
} from '../domain/register';

export interface Clock {
  /** current instant */
  now(): Date;
}

/** Uniform [0, 1) numbers; seeded in the seed generator, so its output is reproducible. */
export interface Random {
  next(): number;
}

export interface IdGenerator {
  next(prefix: string): string;
}

export interface CatalogueRepository {
  /** the newest published catalogue, or undefined when none has been published */
  current(): Catalogue | undefined;
  /** publishes a catalogue version; a version already present is left untouched (returns false) */
  publish(catalogue: Catalogue): boolean;
}

export interface StoredRegisterEvent {
  seq: number;
  event: RegisterEvent;
}

export interface UnitView {
  unit: Unit;
  right?: RightState;
  certificate?: CertificateState;
  restrictions: RestrictionState[];
}

export interface RegisterRepository {
  /** appends events atomically (all or none) and updates the derived current state */
  append(events: readonly RegisterEvent[]): void;
  countEvents(): number;
  events(): StoredRegisterEvent[];
  unit(unitCode: string): UnitView | undefined;
  certificateByNumber(number: string): Certificate | undefined;
}

export interface PartyDirectory {
  savePersons(persons: readonly Person[]): void;
  saveMarriages(marriages: readonly Marriage[]): void;
  person(personId: string): Person | undefined;
  countPersons(): number;
}

export interface HealthProbe {
  /** throws when the store cannot answer; returns the applied schema version */
  check(): { schemaVersion: number };
}
