// What the built CLI loads before it knows it has something to lint: a scan of a folder without
// Gemini code (most pre-commit runs) must not load the rules, the analysis layer or ESLint, nor
// what only some options need. The CLI's start-up path is bundled (scripts/build-cli.mjs): the
// loaded files are mapped back to the source modules they hold through their source maps.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { bin, cleanEnv } from '../e2e-git/helpers.js';

/**
 * Runs the built CLI and lists every module it loaded: ES modules through a resolve hook, and at
 * exit whatever `require` loaded (CommonJS, and ES modules loaded with `require`). `modules` are
 * the loaded files (URLs for what the ES loader resolved, paths for what `require` loaded);
 * `sources` the modules they hold: a built file's sources (its source map: src/…/*.ts, and the
 * packages bundled into it), other files as they are.
 */
function modulesLoadedBy(args: string[], cwd: string): { status: number | null; modules: string[]; sources: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'gg-startup-hooks-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'hooks.mjs'), "export async function resolve(specifier, context, next) { const r = await next(specifier, context); process.stderr.write(`loaded ${r.url}\\n`); return r; }\n");
  writeFileSync(
    join(dir, 'preload.cjs'),
    [
      `require('node:module').register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});`,
      "process.on('exit', () => { for (const file of Object.keys(require.cache)) process.stderr.write(`loaded ${file}\\n`); });",
      '',
    ].join('\n'),
  );
  const r = spawnSync(process.execPath, ['--require', join(dir, 'preload.cjs'), bin, ...args], { cwd, encoding: 'utf8', env: cleanEnv() });
  const modules = [...r.stderr.matchAll(/^loaded (.*)$/gm)].map((m) => m[1]!);
  const sources = new Set<string>();
  for (const m of modules) {
    const file = m.startsWith('file:') ? fileURLToPath(m) : m;
    const map = `${file}.map`;
    if (!file.endsWith('.js') || !existsSync(map)) sources.add(file);
    else for (const source of (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources) sources.add(resolve(dirname(file), source));
  }
  return { status: r.status, modules, sources: [...sources] };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gg-startup-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// Source modules (see `sources` above).
const HEAVY = [/\/src\/index\.ts$/, /\/src\/analysis\//, /\/src\/rules\/(?!catalog\.ts$)/, /\/node_modules\/eslint\//, /\/node_modules\/typescript\//];
// What only some options need: baselines, git (--staged, --since, --history), the history scan, the
// reporters of the other formats (SARIF brings every rule's description, roles the endpoint table).
const OPTIONAL = [/\/src\/scanner\/baseline\.ts$/, /\/src\/scanner\/git\.ts$/, /\/src\/scanner\/history\.ts$/, /\/src\/scanner\/reporters\/(json|sarif|roles)\.ts$/, /\/src\/docs-url\.ts$/, /\/src\/gemini\/endpoints\.ts$/];

describe('CLI start-up', () => {
  it('scans a folder without Gemini code without loading the rules, the analysis layer or ESLint', () => {
    const { status, sources } = modulesLoadedBy(['scan', '.'], folder({ 'index.js': 'export const answer = 42;\n', 'README.md': '# hello\n' }));
    expect(status).toBe(0);
    expect(sources.some((m) => m.endsWith('/src/scanner/cli.ts'))).toBe(true);
    for (const heavy of HEAVY) expect(sources.filter((m) => heavy.test(m))).toEqual([]);
  });

  it('loads neither git, the baseline and history code nor the other formats\' reporters for a plain scan', () => {
    const { status, sources } = modulesLoadedBy(['scan', '.'], folder({ 'index.js': 'export const answer = 42;\n' }));
    expect(status).toBe(0);
    expect(sources.some((m) => m.endsWith('/src/scanner/reporters/text.ts'))).toBe(true);
    for (const optional of OPTIONAL) expect(sources.filter((m) => optional.test(m))).toEqual([]);
  });

  it('loads the baseline code and the chosen reporter when the options ask for them', () => {
    const dir = folder({ 'index.js': 'export const answer = 42;\n' });
    const { status, sources } = modulesLoadedBy(['scan', '.', '--format', 'sarif', '--write-baseline', 'baseline.json'], dir);
    expect(status).toBe(0);
    expect(existsSync(join(dir, 'baseline.json'))).toBe(true);
    expect(sources.some((m) => m.endsWith('/src/scanner/baseline.ts'))).toBe(true);
    expect(sources.some((m) => m.endsWith('/src/scanner/reporters/sarif.ts'))).toBe(true);
    expect(sources.filter((m) => /\/reporters\/(json|roles)\.ts$/.test(m))).toEqual([]);
  });

  it('imports no package with the ES loader, and loads ignore only for a .gitignore it must read', () => {
    // An ES `import` of a CommonJS package makes Node parse its source for named exports
    // (cjs-module-lexer): ignore and picomatch imported that way were a third of this CLI's start-up
    // (measured). They load with require, on first use: ignore for a .gitignore outside git,
    // picomatch for --include/--exclude.
    const plain = modulesLoadedBy(['scan', '.'], folder({ 'index.js': 'export const answer = 42;\n' }));
    expect(plain.status).toBe(0);
    expect(plain.modules.filter((m) => m.includes('/node_modules/'))).toEqual([]);
    const { status, modules } = modulesLoadedBy(['scan', '.'], folder({ 'index.js': 'export const answer = 42;\n', '.gitignore': 'build/\n' }));
    expect(status).toBe(0);
    expect(modules.filter((m) => m.includes('/node_modules/'))).toEqual([expect.stringMatching(/\/node_modules\/ignore\/index\.js$/)]);
    // what the ES loader resolved is listed as file: URLs; require.cache holds paths
    expect(modules.filter((m) => m.startsWith('file:') && m.includes('/node_modules/'))).toEqual([]);
  });

  it('loads the rules and ESLint once a file needs them (linted in the main thread with --jobs 1)', () => {
    const { status, modules } = modulesLoadedBy(['scan', '.', '--format', 'sarif', '--jobs', '1'], folder({ 'client.js': "fetch('http://api.gemini.com/v1/symbols');\n" }));
    expect(status).toBe(1);
    expect(modules.some((m) => /\/dist\/index\.js$/.test(m))).toBe(true);
    expect(modules.some((m) => /\/node_modules\/eslint\/lib\/linter\/linter\.js$/.test(m))).toBe(true);
  });
});

describe('git at start-up', () => {
  /** A `git` on PATH that only records that it ran (and fails, as outside a repository). */
  function fakeGit(): { env: Record<string, string>; ran: () => boolean } {
    const dir = mkdtempSync(join(tmpdir(), 'gg-fake-git-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'git'), `#!/bin/sh\necho ran >> "${join(dir, 'calls')}"\nexit 128\n`, { mode: 0o755 });
    return { env: { PATH: `${dir}:${process.env.PATH ?? ''}` }, ran: () => existsSync(join(dir, 'calls')) };
  }

  it('is not spawned for a folder with no .git in it or above it', () => {
    const git = fakeGit();
    const r = spawnSync(process.execPath, [bin, 'scan', '.'], { cwd: folder({ 'a.js': 'export const a = 1;\n' }), encoding: 'utf8', env: cleanEnv(git.env) });
    expect(r.status).toBe(0);
    expect(git.ran()).toBe(false);
  });

  it('is asked when the folder may be in a work tree (a .git above it), and a failure falls back to the walk', () => {
    const git = fakeGit();
    const dir = folder({ 'a.js': "fetch('http://api.gemini.com/v1/symbols');\n" });
    mkdirSync(join(dir, '.git'));
    const r = spawnSync(process.execPath, [bin, 'scan', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: cleanEnv(git.env) });
    expect(git.ran()).toBe(true);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file)).toEqual(['a.js']);
  });
});

describe('lint worker bundle', () => {
  // ESLint's parser, as the installed ESLint loads it
  const espree = createRequire(createRequire(import.meta.url).resolve('eslint'))('espree') as { parse(text: string, options: object): unknown };
  const worker = join(dirname(bin), '..', 'scanner', 'detectors', 'lint-worker.js');

  it('holds the rules and the analysis layer, and imports nothing but Node\'s built-in modules', () => {
    // each worker used to load ~140 modules one by one; ESLint, the parsers and TypeScript are
    // `require`d from the installed packages when needed (scripts/build-cli.mjs)
    const program = espree.parse(readFileSync(worker, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module' }) as { body: { type: string; source?: { value: string } }[] };
    const imported = program.body.filter((statement) => statement.type === 'ImportDeclaration').map((statement) => statement.source!.value);
    expect(imported).toContain('node:worker_threads');
    expect(imported.filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
    // nor loads a module of this package by path at run time
    expect(readFileSync(worker, 'utf8')).not.toMatch(/\bimport\(\s*["']\./);
    const sources = (JSON.parse(readFileSync(`${worker}.map`, 'utf8')) as { sources: string[] }).sources.map((s) => resolve(dirname(worker), s));
    for (const inside of [/\/src\/index\.ts$/, /\/src\/rules\/valid-signature\.ts$/, /\/src\/analysis\/values\/values\.ts$/, /\/src\/scanner\/detectors\/screen\.ts$/]) {
      expect(sources.filter((s) => inside.test(s))).toHaveLength(1);
    }
    for (const outside of [/\/node_modules\/eslint\//, /\/node_modules\/espree\//, /\/node_modules\/eslint-scope\//, /\/node_modules\/typescript\//, /\/node_modules\/@typescript-eslint\/parser\//]) {
      expect(sources.filter((s) => outside.test(s))).toEqual([]);
    }
  });
});
