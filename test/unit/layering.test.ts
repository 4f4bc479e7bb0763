import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Issue 13: api/ talks to the database only through db/ and never imports activities/ (pure helpers both need
// live in contracts/). A simple scan of every source file under api/.
const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.isFile() && full.endsWith('.ts') ? [full] : [];
  });
}

/** Module specifiers of every import / export-from / dynamic import / require in a file. */
function specifiersOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\bfrom\s+['"]([^'"\n]+)['"]/g)) found.push(m[1]!);
  for (const m of text.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"\n]+)['"]/g)) found.push(m[1]!);
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"\n]+)['"]/gm)) found.push(m[1]!);
  return found;
}

/** True when `specifier`, imported from `file`, resolves into the top-level folder `folder`. */
function resolvesInto(file: string, specifier: string, folder: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = path.relative(ROOT, path.resolve(path.dirname(file), specifier));
  return target === folder || target.startsWith(`${folder}${path.sep}`);
}

const apiFiles = sources(path.join(ROOT, 'api'));
const rel = (f: string) => path.relative(ROOT, f);

describe('layering of api/', () => {
  it('scans the real tree (guard against a scan that finds nothing)', () => {
    expect(apiFiles.length).toBeGreaterThan(20);
    expect(apiFiles.map(rel)).toContain(path.join('api', 'app.ts'));
  });

  it('no file under api/ imports activities/', () => {
    const offenders = apiFiles.flatMap((f) =>
      specifiersOf(readFileSync(f, 'utf8'))
        .filter((s) => resolvesInto(f, s, 'activities'))
        .map((s) => `${rel(f)} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no raw SQL and no Prisma model call under api/ (they live in db/)', () => {
    const offenders = apiFiles.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      const hits = [
        ...text.matchAll(/\$(?:queryRaw|executeRaw)\w*/g),
        ...text.matchAll(
          /\b(?:prisma|tx)\.[a-z]\w*\.(?:find|create|update|upsert|delete|count|aggregate|group)\w*/g,
        ),
      ];
      return hits.map((h) => `${rel(f)}: ${h[0]}`);
    });
    expect(offenders).toEqual([]);
  });

  it('the scan recognises the import forms it looks for', () => {
    const text = [
      "import { countersOf } from '../../activities/export-result';",
      "export * from '../activities';",
      "const m = await import('../../activities/leads');",
      "import '../activities/side-effect';",
    ].join('\n');
    const file = path.join(ROOT, 'api', 'services', 'x.ts');
    const specs = specifiersOf(text);
    expect(specs).toHaveLength(4);
    expect(specs.filter((s) => resolvesInto(path.join(ROOT, 'api', 'x', 'y.ts'), s, 'activities'))).toEqual([
      '../../activities/export-result',
      '../../activities/leads',
    ]);
    expect(resolvesInto(file, '../../activities/export-result', 'activities')).toBe(true);
    expect(resolvesInto(file, '../../contracts/export-summary', 'activities')).toBe(false);
  });
});
