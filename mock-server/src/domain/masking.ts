/**
 * Masking of personal data shown to someone who is not its owner (docs/registry-facts.md §8: an
 * interested party never sees the holders' identities). Pure; works on Unicode code points.
 */

const stars = (n: number) => '*'.repeat(Math.max(0, n));

/**
 * `331002199001011234` → `331002********1234` (the first 6 — the area — and the last 4
 * shown); shorter numbers keep at most their last 2.
 */
export function maskIdNumber(idNumber: string): string {
  const chars = Array.from(idNumber.trim());
  if (chars.length >= 15) {
    return chars.slice(0, 6).join('') + stars(chars.length - 10) + chars.slice(-4).join('');
  }
  if (chars.length <= 2) return stars(chars.length);
  return stars(chars.length - 2) + chars.slice(-2).join('');
}

/** `13812345678` → `138****5678`; `+86 138…` and separators are ignored. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  if (digits.length === 11 && digits.startsWith('1'))
    return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length >= 7) return stars(digits.length - 4) + digits.slice(-4);
  return stars(digits.length);
}

/**
 * Masks a natural person's name: `张三丰` → `张*丰`, `王五` → `王*`, `欧阳娜娜` → `欧**娜`,
 * `李` → `*`. Do not use it for organisations, whose names are public.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return stars(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + stars(chars.length - 2) + chars[chars.length - 1];
}

/** a person named in a text written for several readers (a case message to every party) */
export interface NamedPerson {
  personId: string;
  name: string;
}

/**
 * A text as `readerId` may read it: every named person's name but the reader's own masked
 * (`应敏拒绝签署` → `应*拒绝签署` for the other parties). Longer names first, so that a name
 * inside another (`应敏` in `应敏华`) cannot unmask part of it; organisations' names are public
 * and stay.
 */
export function maskNamesFor(
  text: string,
  readerId: string,
  named: readonly NamedPerson[],
): string {
  // every name, longest first, read left to right: where names overlap (应敏 in 应敏华) the
  // longest one at a place is the person meant there
  const names = named
    .map((n) => ({
      name: n.name.trim(),
      shown:
        n.personId === readerId || looksLikeOrganisation(n.name) ? n.name.trim() : maskName(n.name),
    }))
    .filter((n) => n.name !== '')
    .sort((a, b) => b.name.length - a.name.length);
  let out = '';
  for (let i = 0; i < text.length;) {
    const hit = names.find((n) => text.startsWith(n.name, i));
    out += hit ? hit.shown : text[i];
    i += hit ? hit.name.length : 1;
  }
  return out;
}

// ---------------------------------------------------------------- one policy for responses

/**
 * Who reads a response: the person signed in (a party of a case, a citizen reading a record).
 * Their own data is shown in full; everybody else's is masked (docs/registry-facts.md §8).
 */
export interface Viewer {
  personId: string;
  idNumber: string;
  /** the viewer's own name: never masked, even where a record names them without an id */
  name?: string;
}

/**
 * Organisations' names are public (a bank as mortgagee, a developer, a court); a natural person's
 * is masked. Used where a record does not say which it is (`organisation: true` says so).
 */
export const looksLikeOrganisation = (name: string): boolean =>
  /公司|银行|法院|中心|局|委员会|合作社/.test(name);

/** Query kinds of shared data that are about one person, named by ID number (公安, 民政, 住建). */
const PERSONAL_QUERY_KINDS: readonly string[] = [
  'identity',
  'household',
  'marriage',
  'familyHousing',
];

const ID_KEY = /(^|[a-z])(idNumber|IdNumber|certNo|CertNo)$/;
const PHONE_KEY = /(^|[a-z])(phone|Phone|mobile|Mobile)$/;
/** a name in an object that stands for a person (it has a personId, partyId or ID number) */
const PERSON_NAME_KEYS: readonly string[] = ['name', 'displayName', 'newName'];
/** always some natural person's name, wherever it stands */
const NAME_KEYS: readonly string[] = ['spouseName', 'signerName', 'holderName'];
/** marital status is only its person's to read (民政's answer, a 婚姻状况承诺) */
const MARITAL_KEYS: readonly string[] = ['maritalStatus'];

/** Does this object stand for one person: a party, a holder, a party actor of the timeline? */
const isPerson = (o: Record<string, unknown>) =>
  typeof o.personId === 'string' ||
  typeof o.partyId === 'string' ||
  typeof o.idNumber === 'string' ||
  (o.kind === 'party' && typeof o.id === 'string');

/** The ID number a shared-data record about one person is about (`{ source, query, data }`). */
function personalRecordAbout(o: Record<string, unknown>): string | undefined {
  const query = o.query as { kind?: unknown; idNumber?: unknown } | null | undefined;
  return typeof o.source === 'string' &&
    'data' in o &&
    query !== null &&
    typeof query === 'object' &&
    PERSONAL_QUERY_KINDS.includes(String(query.kind)) &&
    typeof query.idNumber === 'string'
    ? query.idNumber
    : undefined;
}

/** Is this object the viewer's own (their party entry, their person record, their own step)? */
const ownedBy = (o: Record<string, unknown>, viewer: Viewer) =>
  o.personId === viewer.personId ||
  o.partyId === viewer.personId ||
  o.idNumber === viewer.idNumber ||
  (o.kind === 'party' && o.id === viewer.personId);

/**
 * The one masking policy for personal data in a response to a citizen, applied to any JSON
 * value (a case, an archive package, a signing status):
 * - every ID number (a field named `idNumber`, `…IdNumber`, `certNo`) that is not the viewer's
 *   own is masked (`maskIdNumber`), every phone number in an object that is not the viewer's own
 *   is masked (`maskPhone`);
 * - every natural person's name that is not the viewer's is masked (`maskName`): `name`,
 *   `displayName` and `newName` of an object standing for a person (a party, a holder, a party's
 *   step on the timeline), and `spouseName`, `signerName`, `holderName` anywhere; organisations'
 *   names stay (`organisation: true`, or a name that is an organisation's);
 * - nobody reads another person's marital status: a case's `marriageCheck` keeps only the
 *   viewer's own holder entry (民政's answer or their own 婚姻状况承诺 with the spouse named),
 *   `maritalStatus` of someone else is left out, and a shared-data record about one person
 *   (公安 identity and household, 民政 marriage, 住建 family housing:
 *   `{ source, query: { kind, idNumber }, data }`) about someone else has its data withheld —
 *   marital status, spouse, household and address are only the person's own to read (the
 *   shared-data route shows parties no record data at all).
 * - the names so found are masked wherever else they stand in the same value, in running text
 *   too: a rendered form's 申请人 row, a notice's addressees, a contract's sellers, a title.
 * An object that is the viewer's own (same `personId`, `partyId` or `idNumber`) is left as it
 * is. Staff read cases and archives through their own routes, in full, as their work needs.
 */
export function maskFor<T>(viewer: Viewer, value: T): T {
  const names = new Map<string, string>();
  collectNames(viewer, value, names);
  const known = [...names.entries()].sort((a, b) => b[0].length - a[0].length);
  const scrub = (text: string) =>
    known.reduce((t, [full, masked]) => (t.includes(full) ? t.split(full).join(masked) : t), text);
  return walk(viewer, value, scrub) as T;
}

/** The names of the natural persons in `value` other than the viewer, with their masked form. */
function collectNames(viewer: Viewer, value: unknown, names: Map<string, string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectNames(viewer, v, names);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (ownedBy(o, viewer) || personalRecordAbout(o) === viewer.idNumber) return;
  const person = isPerson(o) && o.organisation !== true;
  for (const [k, v] of Object.entries(o)) {
    if (
      typeof v === 'string' &&
      ((person && PERSON_NAME_KEYS.includes(k)) || NAME_KEYS.includes(k)) &&
      Array.from(v.trim()).length >= 2 &&
      v !== viewer.name &&
      !looksLikeOrganisation(v)
    )
      names.set(v, maskName(v));
    else collectNames(viewer, v, names);
  }
}

/**
 * An uploaded file (a photo of an ID card, a scanned certificate) cannot be masked field by
 * field: only the party who uploaded it reads its bytes (see routes/archive.ts for why).
 */
export const readsUploadOf = (viewer: Viewer, uploadedBy: string | undefined): boolean =>
  uploadedBy !== undefined && uploadedBy === viewer.personId;

function walk(viewer: Viewer, value: unknown, scrub: (text: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(viewer, v, scrub));
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (ownedBy(o, viewer)) return o;
  const about = personalRecordAbout(o);
  // a record about the viewer is theirs in full (their own 民政 record names their spouse)
  if (about === viewer.idNumber) return o;
  const othersRecord = about !== undefined;
  const person = isPerson(o) && o.organisation !== true;
  const personName = (v: string) => (looksLikeOrganisation(v) ? v : maskName(v));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (othersRecord && k === 'data') {
      out[k] = null;
      out.withheld = '该记录涉及他人个人信息，仅本人可查看';
    } else if (typeof v === 'string' && ID_KEY.test(k))
      out[k] = v === viewer.idNumber ? v : maskIdNumber(v);
    else if (typeof v === 'string' && PHONE_KEY.test(k)) out[k] = maskPhone(v);
    else if (typeof v === 'string' && person && PERSON_NAME_KEYS.includes(k))
      out[k] = personName(v);
    else if (typeof v === 'string' && NAME_KEYS.includes(k)) out[k] = personName(v);
    else if (MARITAL_KEYS.includes(k)) continue;
    else if (k === 'marriageCheck') out[k] = ownMarriageCheck(viewer, v, scrub);
    else out[k] = walk(viewer, v, scrub);
  }
  return out;
}

/** A case's 民政 check as one party may read it: their own holder entry only. */
function ownMarriageCheck(viewer: Viewer, v: unknown, scrub: (text: string) => string): unknown {
  if (v === null || typeof v !== 'object' || !Array.isArray((v as { holders?: unknown }).holders))
    return walk(viewer, v, scrub);
  const check = v as { holders: Record<string, unknown>[] };
  return {
    ...(walk(viewer, { ...check, holders: [] }, scrub) as object),
    holders: check.holders.filter((h) => h && typeof h === 'object' && ownedBy(h, viewer)),
  };
}
