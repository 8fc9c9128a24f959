/**
 * The relations the tax rules need (docs/registry-facts.md §13), read from what 公安 and 民政 share:
 * the household register's parent–child relations (`kinships`, `deaths`) and the marriage
 * register (`marriages`). The reliefs for close relatives (财税〔2009〕78号, 财税〔2016〕36号 附件3)
 * apply only to a relation shown; where the shared registers show none, the recipient is taxed
 * as any other (`none`); a family whose relation those registers do not hold proves it at the
 * counter.
 */
import type { TaxRelation } from '../../domain/tax/cause';
import type { SqlDb } from '../sql/types';
import { spousesOf } from './familyHousing';

async function parentsOf(db: SqlDb, personId: string): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    'SELECT parent_id AS id FROM kinships WHERE child_id = ?',
    [personId],
  );
  return rows.map((r) => r.id);
}

async function childrenOf(db: SqlDb, personId: string): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    'SELECT child_id AS id FROM kinships WHERE parent_id = ?',
    [personId],
  );
  return rows.map((r) => r.id);
}

/** The recipient's relation to any of the transferors, closest first; `none` when none is shown. */
export async function relationTo(
  db: SqlDb,
  personId: string,
  transferorIds: readonly string[],
): Promise<TaxRelation> {
  const among = (ids: readonly string[]) => ids.some((id) => transferorIds.includes(id));
  if (among(await spousesOf(db, personId))) return 'spouse';
  const parents = await parentsOf(db, personId);
  if (among(parents)) return 'child';
  const children = await childrenOf(db, personId);
  if (among(children)) return 'parent';
  for (const p of parents) {
    if (among(await parentsOf(db, p))) return 'grandchild';
    if (among((await childrenOf(db, p)).filter((c) => c !== personId))) return 'sibling';
  }
  for (const c of children) if (among(await childrenOf(db, c))) return 'grandparent';
  return 'none';
}

/**
 * Whether the person inherits the case's unit as a statutory heir of the first order (民法典
 * §1127: spouse, children, parents) of a holder of the unit whom 公安 records as deceased.
 */
export async function heirshipIn(
  db: SqlDb,
  caseId: string,
  personId: string,
): Promise<'statutory' | undefined> {
  const deceased = await db.all<{ id: string }>(
    `SELECT h.person_id AS id FROM cases c
       JOIN rights r ON r.unit_code = c.unit_code AND r.status = 'current'
       JOIN right_holders h ON h.right_id = r.right_id
       JOIN deaths d ON d.person_id = h.person_id
      WHERE c.case_id = ?`,
    [caseId],
  );
  for (const { id } of deceased) {
    const relation = await relationTo(db, personId, [id]);
    if (relation === 'spouse' || relation === 'child' || relation === 'parent') return 'statutory';
  }
  return undefined;
}
