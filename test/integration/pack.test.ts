// What `npm pack` ships: the built code, the license, and every file the README and the shipped docs
// link to (a link from README.md on npmjs.com or in node_modules must not point at a missing file).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

function packedFiles(): Set<string> {
  // --ignore-scripts: no prepack build here; the list does not depend on it except for dist/
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [entry] = JSON.parse(out) as { files: { path: string }[] }[];
  return new Set(entry!.files.map((f) => f.path));
}

/** Relative link targets of a Markdown file (no URLs, no pure anchors), resolved from its folder. */
function relativeLinks(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'));
  return targets.map((t) => normalize(join(dirname(file), t.split('#')[0]!)).split('\\').join('/'));
}

describe('the packed package', { timeout: 60_000 }, () => {
  const files = packedFiles();

  it('ships the built entry points, the license and the README', () => {
    for (const file of ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/signer/index.js', 'dist/bin/gemini-guard.js']) expect(files, file).toContain(file);
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect([...files].some((f) => f.endsWith('.map'))).toBe(false);
  });

  it('ships every file the README and the shipped docs link to', () => {
    const docs = ['README.md', ...[...files].filter((f) => f.endsWith('.md') && f !== 'README.md')];
    const missing = docs.flatMap((doc) => relativeLinks(doc).filter((target) => !files.has(target)).map((target) => `${doc} → ${target}`));
    expect(missing).toEqual([]);
    // the links really were found (a broken regular expression would pass the check above)
    expect(relativeLinks('README.md')).toContain('docs/scanner.md');
  });

  it('ships no test fixture (their fake keys stay in the repository)', () => {
    expect([...files].filter((f) => f.startsWith('test/'))).toEqual([]);
  });
});
