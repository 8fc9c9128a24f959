/**
 * Keeps comments, test titles and data in the project's own terms: nothing under src/,
 * mock-server/ or tests/ may point to a tracker item by number or to the law-and-rules file that
 * lives outside this repository. Legal bases cite the law itself (条例 §14, 民法典 §220, a notice
 * number) or docs/registry-facts.md §N, which is inside the repository. A failure lists each
 * offending file:line.
 *
 * The patterns are assembled from pieces so that this file does not match them itself.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SCANNED = ['src', 'mock-server', 'tests', 'scripts', 'config', 'docs'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'data', 'coverage', '.swc', '.taro-cache']);
const TEXT_FILE = /\.(ts|tsx|js|jsx|mjs|cjs|json|css|scss|less|html|md|sql|txt)$/;

const FORBIDDEN: { name: string; pattern: RegExp }[] = [
  { name: 'tracker item number', pattern: new RegExp(['iss', 'ue [0-9]'].join(''), 'i') },
  { name: 'outside rules file', pattern: new RegExp(['rules', '\\.md'].join('')) },
];

function textFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : textFiles(full);
    return entry.isFile() && TEXT_FILE.test(entry.name) ? [full] : [];
  });
}

function offences(pattern: RegExp): string[] {
  return SCANNED.flatMap((top) => textFiles(path.join(ROOT, top))).flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        pattern.test(line) ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [],
      ),
  );
}

describe('comments, test titles and data in the project terms', () => {
  it('the patterns fire on what they are meant to catch and spare the doc that replaces it', () => {
    const [itemNumber, rulesFile] = FORBIDDEN.map((f) => f.pattern);
    expect(itemNumber.test(['(Iss', 'ue 6 item 4)'].join(''))).toBe(true);
    expect(itemNumber.test('a registered issuer 340100')).toBe(false);
    expect(rulesFile.test(['see ', 'rules', '.md §2'].join(''))).toBe(true);
    expect(rulesFile.test('see docs/registry-facts.md §2')).toBe(false);
  });

  it('scans the app, the server, the tests, the scripts, the build config and the docs', () => {
    expect(SCANNED.flatMap((top) => textFiles(path.join(ROOT, top))).length).toBeGreaterThan(100);
  });

  it.each(FORBIDDEN)('no $name anywhere in the scanned folders', ({ pattern }) => {
    expect(offences(pattern)).toEqual([]);
  });
});
