/**
 * 四性检测 (档案法 §39, DA/T 70-2018): authenticity, integrity, usability and security of one
 * archive package or of the whole archive, reported item by item. Pure: the caller hands over
 * a snapshot of the rows and a way to read blobs (asynchronously, one at a time); nothing here
 * touches a database or the disk.
 * One package is checked in packageCheck.ts, the log in logCheck.ts.
 */
import { Results, summarise, type CheckReport } from './checkReport';
import { checkLogInto } from './logCheck';
import { checkPackageInto } from './packageCheck';
import type { ArchiveSnapshot } from './snapshot';

/** 四性检测 of the whole archive: every package, the Merkle log and its tree heads, the audit log. */
export async function checkArchive(s: ArchiveSnapshot, checkedAt: string): Promise<CheckReport> {
  const r = new Results();
  // packages: numbering continuous across the archive
  const serials = [...s.packages].map((p) => p.serial).sort((a, b) => a - b);
  const gapless = serials.every((v, i) => v === i + 1);
  r.add(
    'integrity',
    'PACKAGE_NUMBERING',
    'archive packages',
    gapless,
    gapless ? `档案序号 1–${serials.length} 连续` : `档案序号不连续：${serials.join(',')}`,
  );
  for (const p of s.packages) await checkPackageInto(r, p, s);
  if (!(await checkLogInto(r, s))) return summarise('archive', checkedAt, r.list);

  // security: access control (the triggers that refuse UPDATE and DELETE) in force
  for (const name of s.missingTriggers) {
    r.add(
      'security',
      'ACCESS_CONTROL',
      `trigger ${name}`,
      false,
      '防篡改触发器缺失（档案库可被修改）',
    );
  }
  if (s.missingTriggers.length === 0)
    r.add('security', 'ACCESS_CONTROL', 'archive tables', true, '档案表拒绝修改和删除');
  return summarise('archive', checkedAt, r.list);
}
