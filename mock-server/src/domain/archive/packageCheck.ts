/** 四性检测 of one archive package: the manifest's seal and metadata; each item's file, format, seal. */
import type { SealedDocument } from '../documents';
import { Results, sealOk, summarise, type CheckReport } from './checkReport';
import { isArchiveMediaType, sniff } from './formats';
import {
  ITEM_KIND_NAMES,
  REQUIRED_MANIFEST_FIELDS,
  SEALED_ITEM_KINDS,
  sm3Hex,
  type ArchiveItemKind,
  type ManifestItem,
} from './manifest';
import { checkKeptRendering } from './renderings';
import { checkSignatureProofs } from './signatureProofs';
import type { ArchiveSnapshot, PackageSnapshot } from './snapshot';

export const packageTarget = (p: { archiveNumber: string }) => `package ${p.archiveNumber}`;
const itemTarget = (p: { archiveNumber: string }, it: { no: number; kind: string }) =>
  `package ${p.archiveNumber} item ${it.no} (${it.kind})`;

export async function checkPackageInto(
  r: Results,
  p: PackageSnapshot,
  s: Pick<ArchiveSnapshot, 'trustedPublicKeys' | 'trustedSignatureKeys' | 'blob'>,
): Promise<void> {
  const pt = packageTarget(p);
  const body = p.manifest.body;
  // authenticity: the manifest's seal
  r.add(
    'authenticity',
    'MANIFEST_SEAL',
    `${pt} manifest`,
    sealOk(p.manifest, s.trustedPublicKeys),
    sealOk(p.manifest, s.trustedPublicKeys)
      ? '归档清单电子印章有效'
      : '归档清单电子印章无效或内容被改动',
  );
  // usability: metadata complete and agreeing with the package row
  const missing = REQUIRED_MANIFEST_FIELDS.filter((f) => body?.[f] === undefined || body[f] === '');
  r.add(
    'usability',
    'MANIFEST_METADATA',
    `${pt} manifest`,
    missing.length === 0,
    missing.length === 0 ? '元数据完整' : `元数据缺少：${missing.join('、')}`,
  );
  const rowAgrees =
    body?.packageId === p.packageId &&
    body.archiveNumber === p.archiveNumber &&
    body.serial === p.serial &&
    body.caseId === p.caseId &&
    body.filedAt === p.filedAt &&
    (body.certificateNumber ?? null) === (p.certificateNumber ?? null);
  r.add(
    'integrity',
    'PACKAGE_ROW',
    `${pt} row`,
    rowAgrees,
    rowAgrees ? '档案记录与归档清单一致' : '档案记录（编号、办件、时间或证书号）与归档清单不一致',
  );
  const listed: ManifestItem[] = Array.isArray(body?.items) ? body.items : [];
  // integrity: numbering continuous, the rows are the manifest's items
  const continuous = listed.every((it, i) => it.no === i + 1);
  r.add(
    'integrity',
    'ITEM_NUMBERING',
    `${pt} items`,
    continuous && listed.length > 0,
    continuous && listed.length > 0 ? `件号 1–${listed.length} 连续` : '件号不连续或清单为空',
  );
  const rows = new Map(p.items.map((it) => [it.no, it]));
  for (const it of listed) {
    const t = itemTarget(p, it);
    const row = rows.get(it.no);
    const same =
      row !== undefined &&
      row.kind === it.kind &&
      row.title === it.title &&
      row.mediaType === it.mediaType &&
      row.digest === it.digest &&
      row.size === it.size;
    r.add(
      'integrity',
      'ITEM_ROW',
      t,
      same,
      same ? '条目记录与清单一致' : row ? '条目记录与归档清单不一致' : '条目记录缺失',
    );
    const bytes = await s.blob(it.digest);
    if (
      !r.add('integrity', 'ITEM_PRESENT', t, bytes !== undefined, bytes ? '文件存在' : '文件缺失')
    )
      continue;
    const content = bytes as Uint8Array;
    const digestOk = sm3Hex(content) === it.digest && content.length === it.size;
    r.add(
      'authenticity',
      'ITEM_DIGEST',
      t,
      digestOk,
      digestOk ? 'SM3 摘要一致' : '文件内容与清单的 SM3 摘要不符（已被改动）',
    );
    const kind = sniff(content);
    const known = isArchiveMediaType(it.mediaType);
    r.add(
      'security',
      'ITEM_CONTENT_SAFE',
      t,
      kind !== 'executable' && kind !== 'unknown' && known,
      kind === 'executable'
        ? '文件含可执行内容'
        : kind === 'unknown' || !known
          ? '文件格式未知'
          : '无可执行或未知内容',
    );
    r.add(
      'usability',
      'ITEM_FORMAT',
      t,
      kind === it.mediaType,
      kind === it.mediaType ? `可按 ${it.mediaType} 打开` : `不能按声明的格式 ${it.mediaType} 打开`,
    );
    if (kind === 'application/json' && SEALED_ITEM_KINDS.includes(it.kind as ArchiveItemKind)) {
      let ok = false;
      try {
        ok = sealOk(
          JSON.parse(new TextDecoder().decode(content)) as SealedDocument<unknown>,
          s.trustedPublicKeys,
        );
      } catch {
        ok = false;
      }
      r.add(
        'authenticity',
        'ITEM_SEAL',
        t,
        ok,
        ok ? `${ITEM_KIND_NAMES[it.kind as ArchiveItemKind]}的电子印章有效` : '文件的电子印章无效',
      );
    }
    // authenticity: every kept readable rendering re-renders identically from the kept data
    // with the renderer version it names (what was signed or notified, as it was shown)
    if (kind === 'application/json') checkRenderingsInto(r, t, content);
    // authenticity: every party signature verifies from the package alone, up to the CA's
    // published root keys (电子签名法 §13–14), and covers the documents kept with it
    if (kind === 'application/json' && it.kind === 'signatures') {
      let body: unknown;
      try {
        body = JSON.parse(new TextDecoder().decode(content));
      } catch {
        body = undefined;
      }
      const results = checkSignatureProofs(body, s.trustedSignatureKeys ?? []);
      if (!results) {
        r.add('authenticity', 'SIGNATURE', t, false, '签名记录不含可验证的签名证据');
        continue;
      }
      for (const x of results)
        r.add('authenticity', 'SIGNATURE', `${t} signature ${x.signatureId}`, x.valid, x.message);
    }
  }
  for (const row of p.items) {
    if (!listed.some((it) => it.no === row.no)) {
      r.add('integrity', 'ITEM_ROW', itemTarget(p, row), false, '条目记录不在归档清单中');
    }
  }
}

interface SignedDocWithRendering {
  id?: unknown;
  body?: unknown;
  renderer?: { kind?: unknown; version?: unknown };
  rendering?: { renderer?: { kind?: unknown; version?: unknown } };
}

function checkRenderingsInto(r: Results, t: string, content: Uint8Array): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(content));
  } catch {
    return;
  }
  if (!parsed || typeof parsed !== 'object') return;
  const o = parsed as { body?: unknown; rendering?: unknown; signedDocuments?: unknown };
  if (o.rendering !== undefined) {
    const x = checkKeptRendering(o.body, o.rendering);
    r.add('authenticity', 'RENDERING', `${t} rendering`, x.valid, x.message);
  }
  if (Array.isArray(o.signedDocuments))
    for (const d of o.signedDocuments as SignedDocWithRendering[]) {
      if (!d || typeof d !== 'object' || d.rendering === undefined) continue;
      // the kept rendering must be the one the signature covered (its renderer is in the digest)
      const same =
        d.rendering?.renderer?.kind === d.renderer?.kind &&
        d.rendering?.renderer?.version === d.renderer?.version;
      const x = same
        ? checkKeptRendering(d.body, d.rendering)
        : { valid: false, message: '留存的呈现所记渲染器与签署时的渲染器不符' };
      r.add('authenticity', 'RENDERING', `${t} rendering ${String(d.id)}`, x.valid, x.message);
    }
}

/** 四性检测 of one package (at filing and on demand). */
export async function checkPackage(
  p: PackageSnapshot,
  s: Pick<ArchiveSnapshot, 'trustedPublicKeys' | 'trustedSignatureKeys' | 'blob'>,
  checkedAt: string,
): Promise<CheckReport> {
  const r = new Results();
  await checkPackageInto(r, p, s);
  return summarise('package', checkedAt, r.list);
}
