import { applicationOf, type BusinessType, type Catalogue } from '../../domain/catalogue';
import type { CatalogueRepository } from '../../ports';
import type { Db } from './database';

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
  'roles' | 'materials' | 'assumptions' | 'questions' | 'rules' | 'fees' | 'application'
>;

export class SqliteCatalogueRepository implements CatalogueRepository {
  constructor(private readonly db: Db) {}

  current(): Catalogue | undefined {
    const head = this.db
      .prepare('SELECT version, published_at FROM catalogue_versions ORDER BY version DESC LIMIT 1')
      .get() as { version: number; published_at: string } | undefined;
    if (!head) return undefined;
    const rows = this.db
      .prepare(
        `SELECT code, version, name, description, kind, promised_working_days, joint_application,
                definition_json
           FROM business_types WHERE catalogue_version = ? ORDER BY sort_order, code`,
      )
      .all(head.version) as BusinessTypeRow[];
    return {
      version: head.version,
      publishedAt: head.published_at,
      businessTypes: rows.map((r) => {
        const def = JSON.parse(r.definition_json) as Definition;
        return {
          code: r.code,
          version: r.version,
          name: r.name,
          description: r.description,
          kind: r.kind as BusinessType['kind'],
          promisedWorkingDays: r.promised_working_days,
          jointApplication: r.joint_application === 1,
          roles: def.roles,
          materials: def.materials,
          assumptions: def.assumptions,
          ...(def.questions ? { questions: def.questions } : {}),
          ...(def.rules ? { rules: def.rules } : {}),
          ...(def.fees ? { fees: def.fees } : {}),
          application: applicationOf({ kind: r.kind as BusinessType['kind'], ...def }),
        };
      }),
    };
  }

  publish(catalogue: Catalogue): boolean {
    const insertVersion = this.db.prepare(
      'INSERT INTO catalogue_versions (version, published_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    const insertType = this.db.prepare(
      `INSERT INTO business_types (catalogue_version, code, version, sort_order, name, description,
         kind, promised_working_days, joint_application, definition_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return this.db
      .transaction(() => {
        if (insertVersion.run(catalogue.version, catalogue.publishedAt).changes === 0) return false;
        catalogue.businessTypes.forEach((b, i) => {
          const def: Definition = {
            roles: b.roles,
            materials: b.materials,
            assumptions: b.assumptions,
            ...(b.questions ? { questions: b.questions } : {}),
            ...(b.rules ? { rules: b.rules } : {}),
            ...(b.fees ? { fees: b.fees } : {}),
            ...(b.application ? { application: b.application } : {}),
          };
          insertType.run(
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
          );
        });
        return true;
      })
      .immediate();
  }
}
