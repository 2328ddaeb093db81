// Second step of `npm run build` (after tsc): bundles the scanner CLI's start-up path into
// dist/scanner/cli.js, replacing the module tsc wrote there (its .d.ts stays valid: the bundle has
// the same exports). Why: Node loads ~25 separate ES modules one by one (resolve, read, compile,
// link), and an ES `import` of a CommonJS package (ignore, picomatch) makes it parse that package
// with cjs-module-lexer. Together that was most of `gemini-guard scan`'s own start-up; one bundle
// with the CommonJS packages inside has neither cost (figures: README, "Performance").
//
// What stays out of the bundle, as tsc wrote it:
// - modules loaded by path at run time: the plugin and the lint pass (src/scanner/lazy.ts requires
//   them only when a file is linted), the lint pool (it finds lint-worker.js next to itself), the
//   roles command (its own dynamic import; it brings the analysis layer);
// - every package except the small CommonJS ones listed below (ESLint, TypeScript, ts-morph load
//   lazily with `require`, from dist/scanner/ as before).
// Code the start-up does not need (git, baselines, history, the other reporters) is split into
// chunks next to the bundle and loaded by its dynamic imports, as before.
//
// Everything is written to dist/scanner/, so `import.meta.url` in the bundled modules of that folder
// (lazy.ts, cli.ts) still points where it did; the build fails if a bundled module from another
// folder uses `import.meta`, since its relative paths would move.
//
// Third step: the lint worker, dist/scanner/detectors/lint-worker.js, is bundled in place with the
// rules and the analysis layer (bundleLintWorker, at the end of this file).
import { copyFileSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const outdir = join(dist, 'scanner');
const entry = join(outdir, 'cli.js');

/** Modules that are loaded by path, or bring the rules' analysis layer: imported, never bundled. */
const LOADED_BY_PATH = new Set(['index.js', 'scanner/detectors/eslint-rules.js', 'scanner/detectors/lint-pool.js', 'scanner/roles.js'].map((p) => join(dist, p)));
/**
 * CommonJS packages the bundle imports, bundled so that Node never lexes them: picocolors at
 * start-up, picomatch in the git chunk (`--staged`, `--since`, `--history`). files.ts `require`s
 * ignore and picomatch on first use instead; were it to import them, they would be bundled too.
 */
const BUNDLED_PACKAGES = new Set(['ignore', 'picomatch', 'picocolors']);

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** @type {import('esbuild').Plugin} */
const boundaries = {
  name: 'gemini-guard-cli-boundaries',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      if (args.path.startsWith('.')) {
        const target = resolve(args.resolveDir, args.path);
        if (!LOADED_BY_PATH.has(target)) return undefined;
        return { path: `./${relative(outdir, target).split(sep).join('/')}`, external: true };
      }
      return BUNDLED_PACKAGES.has(packageName(args.path)) ? undefined : { path: args.path, external: true };
    });
  },
};

const result = await build({
  entryPoints: [entry],
  outdir,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'cli-chunk-[hash]',
  // less text to scan and compile (~3 ms of the start-up, measured); names stay for stack traces
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [boundaries],
  // the bundled CommonJS packages call `require` for Node's built-in modules
  banner: { js: "import { createRequire as __ggCreateRequire } from 'node:module';\nconst require = __ggCreateRequire(import.meta.url);" },
});

// The bin is CommonJS (see src/bin/gemini-guard.ts): its folder's package.json says so.
copyFileSync(join(root, 'src', 'bin', 'package.json'), join(dist, 'bin', 'package.json'));

const problems = [];
for (const input of Object.keys(result.metafile.inputs)) {
  const file = resolve(root, input);
  if (!file.startsWith(dist + sep) || dirname(file) === outdir) continue;
  if (/\bimport\.meta\b/.test(readFileSync(file, 'utf8'))) problems.push(`${relative(root, file)} uses import.meta: keep it out of the bundle (LOADED_BY_PATH) or move its path logic to dist/scanner/`);
}
// A package the start-up imports statically would be loaded (and, if CommonJS, lexed) on every run.
const main = result.metafile.outputs[relative(root, entry).split(sep).join('/')];
for (const imported of main?.imports ?? []) {
  if (imported.kind === 'import-statement' && imported.external && !imported.path.startsWith('node:') && !imported.path.startsWith('.')) {
    problems.push(`the CLI's start-up imports the package "${imported.path}": load it lazily or add it to BUNDLED_PACKAGES`);
  }
}
if (!main) problems.push(`no bundle written to ${relative(root, entry)}`);
problems.push(...(await bundleLintWorker()));
if (problems.length > 0) {
  console.error(`build-cli: ${problems.join('\nbuild-cli: ')}`);
  process.exit(1);
}

// The lint worker (dist/scanner/detectors/lint-worker.js) is bundled in place too, with the plugin's
// rules and analysis layer inside: each worker thread loaded ~140 ES modules one by one, which took
// longer than loading ESLint itself (figures: README, "Performance"). Packages that must be the
// ones installed beside the plugin stay outside and are `require`d at run time, as before: ESLint
// and its parser and scope analysis (a peer dependency: the user's ESLint 9 or 10), TypeScript's
// parser, TypeScript and ts-morph. The small CommonJS packages the rules import are bundled.
async function bundleLintWorker() {
  const workerDir = join(dist, 'scanner', 'detectors');
  const workerEntry = join(workerDir, 'lint-worker.js');
  const NEVER_BUNDLED = new Set(['eslint', 'espree', 'eslint-scope', 'eslint-visitor-keys', '@typescript-eslint/parser', '@typescript-eslint/typescript-estree', 'typescript', 'ts-morph']);
  const built = await build({
    entryPoints: [workerEntry],
    outfile: workerEntry,
    allowOverwrite: true,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'gemini-guard-worker-boundaries',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('node:') || NEVER_BUNDLED.has(packageName(args.path))) return { path: args.path, external: true };
            return undefined;
          });
        },
      },
    ],
    banner: { js: "import { createRequire as __ggCreateRequire } from 'node:module';\nconst require = __ggCreateRequire(import.meta.url);" },
  });
  const found = [];
  // A bundled module now runs from the worker's folder: it may find packages from there (their
  // resolution does not depend on the folder), never a file by a path relative to its own.
  for (const input of Object.keys(built.metafile.inputs)) {
    const file = resolve(root, input);
    if (!file.startsWith(dist + sep) || dirname(file) === workerDir) continue;
    if (/\b(?:require(?:\.resolve)?\(|new URL\()\s*['"]\.{1,2}\//.test(readFileSync(file, 'utf8'))) {
      found.push(`${relative(root, file)} loads a file by a relative path: bundled into the lint worker, that path would move (find it from the package root)`);
    }
  }
  const output = built.metafile.outputs[relative(root, workerEntry).split(sep).join('/')];
  if (!output) found.push(`no bundle written to ${relative(root, workerEntry)}`);
  for (const imported of output?.imports ?? []) {
    if (imported.external && !imported.path.startsWith('node:') && imported.kind === 'import-statement') found.push(`the lint worker imports "${imported.path}" statically: it must be loaded with require when needed`);
  }
  return found;
}
