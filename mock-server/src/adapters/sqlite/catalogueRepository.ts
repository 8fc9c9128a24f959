/**
 * Published catalogue versions (业务目录) on SqlDb (the embedded SQLite file or PostgreSQL). A
 * version is published once and never changed; the newest is the current one. Publishing is a
 * program (adapters/sql/program.ts) so `openRegistry` can still publish synchronously through
 * the transitional bridge.
 */
import { applicationOf, type BusinessType, type Catalogue } from '../../domain/catalogue';
import type { CatalogueRepository } from '../../ports';
import { runProgram, runStatement, type Program } from '../sql/program';
import type { SqlDb } from '../sql/types';

interface BusinessTypeRow {
  code: string;
  version: number;
  name: string;
  description: string;
  kind: string;
  promised_working_days: number;
  joint_application: number;
  definition_json: string;
}

type Definition = Pick<
  BusinessType,
  | 'roles'
  | 'materials'
  | 'assumptions'
  | 'questions'
  | 'rules'
  | 'fees'
  | 'application'
  | 'correctionWorkingDays'
  | 'taxation'
  | 'announcement'
>;

/** Publishes a version unless it is there already (then false, and nothing is written). */
export function* publishCatalogue(catalogue: Catalogue): Program<boolean> {
  const inserted = yield* runStatement(
    `INSERT INTO catalogue_versions (version, published_at) VALUES (?, ?)
     ON CONFLICT (version) DO NOTHING`,
    [catalogue.version, catalogue.publishedAt],
  );
  if (inserted.changes === 0) return false;
  for (const [i, b] of catalogue.businessTypes.entries()) {
    const def: Definition = {
      roles: b.roles,
      materials: b.materials,
      assumptions: b.assumptions,
      ...(b.questions ? { questions: b.questions } : {}),
      ...(b.rules ? { rules: b.rules } : {}),
      ...(b.fees ? { fees: b.fees } : {}),
      ...(b.application ? { application: b.application } : {}),
      ...(b.correctionWorkingDays !== undefined
        ? { correctionWorkingDays: b.correctionWorkingDays }
        : {}),
      ...(b.taxation ? { taxation: b.taxation } : {}),
      ...(b.announcement ? { announcement: b.announcement } : {}),
    };
    yield* runStatement(
      `INSERT INTO business_types (catalogue_version, code, version, sort_order, name, description,
         kind, promised_working_days, joint_application, definition_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        catalogue.version,
        b.code,
        b.version,
        i,
        b.name,
        b.description,
        b.kind,
        b.promisedWorkingDays,
        b.jointApplication ? 1 : 0,
        JSON.stringify(def),
      ],
    );
  }
  return true;
}

const toBusinessType = (r: BusinessTypeRow): BusinessType => {
  const def = JSON.parse(r.definition_json) as Definition;
  const kind = r.kind as BusinessType['kind'];
  return {
    code: r.code,
    version: Number(r.version),
    name: r.name,
    description: r.description,
    kind,
    promisedWorkingDays: Number(r.promised_working_days),
    jointApplication: Number(r.joint_application) === 1,
    roles: def.roles,
    materials: def.materials,
    assumptions: def.assumptions,
    ...(def.questions ? { questions: def.questions } : {}),
    ...(def.rules ? { rules: def.rules } : {}),
    ...(def.fees ? { fees: def.fees } : {}),
    ...(def.correctionWorkingDays !== undefined
      ? { correctionWorkingDays: Number(def.correctionWorkingDays) }
      : {}),
    ...(def.taxation ? { taxation: def.taxation } : {}),
    ...(def.announcement ? { announcement: def.announcement } : {}),
    application: applicationOf({ kind, ...def }),
  };
};

export class SqlCatalogueRepository implements CatalogueRepository {
  constructor(private readonly sql: SqlDb) {}

  async current(): Promise<Catalogue | undefined> {
    const head = await this.sql.get<{ version: number; published_at: string }>(
      'SELECT version, published_at FROM catalogue_versions ORDER BY version DESC LIMIT 1',
    );
    if (!head) return undefined;
    // a version's business types were committed with it and never change: no snapshot needed
    const rows = await this.sql.all<BusinessTypeRow>(
      `SELECT code, version, name, description, kind, promised_working_days, joint_application,
              definition_json
         FROM business_types WHERE catalogue_version = ? ORDER BY sort_order, code`,
      [head.version],
    );
    return {
      version: Number(head.version),
      publishedAt: head.published_at,
      businessTypes: rows.map(toBusinessType),
    };
  }

  /** publishes a version (all its business types or none); a version present already: false */
  publish(catalogue: Catalogue): Promise<boolean> {
    return this.sql.transaction(() => runProgram(this.sql, publishCatalogue(catalogue)));
  }
}
