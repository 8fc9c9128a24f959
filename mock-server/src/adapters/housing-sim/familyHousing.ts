/**
 * The buyer family's housing count (契税: family = the person, the spouse, minor children).
 *
 * - `sharedFamilyHousing` asks the housing department through the SharedDataSource port
 *   (ports/sharedData.ts, query `familyHousing`), checks the source's seal with its public key,
 *   and reads FamilyHousingData. Used as soon as a housing source is wired.
 * - `registerFamilyHousing` is the stand-in until then: it counts the residential units whose
 *   current right is held by the person or their spouse, from this registry's own register and
 *   the seeded 民政 marriages. Minor children are not modelled in the seed.
 */
import { verifySourceSeal } from '../../domain/shared-data';
import type { Clock } from '../../ports';
import type { FamilyHousingData, FamilyHousingLookup } from '../../ports/sale';
import type { SharedDataSource } from '../../ports/sharedData';
import type { SqlDb } from '../sql/types';

export function registerFamilyHousing(db: SqlDb, clock: Clock): FamilyHousingLookup {
  return {
    async homeCount(idNumbers) {
      const ids = new Set<string>();
      for (const idNumber of idNumbers) {
        const p = await db.get<{ person_id: string }>(
          'SELECT person_id FROM persons WHERE id_number = ?',
          [idNumber],
        );
        if (!p) continue;
        ids.add(p.person_id);
        for (const s of await spousesOf(db, p.person_id)) ids.add(s);
      }
      let count = 0;
      if (ids.size) {
        const marks = [...ids].map(() => '?').join(',');
        const row = await db.get<{ n: number }>(
          `SELECT COUNT(DISTINCT u.unit_code) AS n FROM units u
             JOIN rights r ON r.unit_code = u.unit_code AND r.status = 'current'
             JOIN right_holders h ON h.right_id = r.right_id
            WHERE u.use = '住宅' AND h.person_id IN (${marks})`,
          [...ids],
        );
        count = row?.n ?? 0;
      }
      return {
        homeCount: count,
        source: '不动产登记簿及婚姻登记信息（住建共享接口接入前的替代）',
        retrievedAt: clock.now().toISOString(),
      };
    },
  };
}

/** 民政 marriages as seeded in the registry's database: the spouses of a person (person ids). */
export async function spousesOf(db: SqlDb, personId: string): Promise<string[]> {
  const rows = await db.all<{ s: string }>(
    `SELECT CASE WHEN spouse_a_id = ? THEN spouse_b_id ELSE spouse_a_id END AS s
       FROM marriages WHERE spouse_a_id = ? OR spouse_b_id = ?`,
    [personId, personId, personId],
  );
  return rows.map((r) => r.s);
}

/** Asks the source, giving up after `timeoutMs` (the source may be slow). */
async function fetchWithin(source: SharedDataSource, idNumber: string, timeoutMs: number) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      source.fetch({ kind: 'familyHousing', idNumber }, { signal: controller.signal }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new Error('住建部门未在时限内答复'));
        }, timeoutMs);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export function sharedFamilyHousing(
  source: SharedDataSource,
  timeoutMs = 5000,
): FamilyHousingLookup {
  return {
    async homeCount(idNumbers) {
      let total = 0;
      let retrievedAt = '';
      for (const idNumber of idNumbers) {
        const record = await fetchWithin(source, idNumber, timeoutMs);
        if (!verifySourceSeal(record, source).valid)
          throw new Error('住建共享数据的电子印章验证未通过');
        const data = record.data as FamilyHousingData | null;
        total = Math.max(total, data?.homeCount ?? 0);
        retrievedAt = record.retrievedAt;
      }
      return { homeCount: total, source: `${source.name}（共享，已验章）`, retrievedAt };
    },
  };
}
