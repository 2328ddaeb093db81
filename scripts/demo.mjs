#!/usr/bin/env node
// `npm run demo`: lints examples/vulnerable-bot with the BUILT plugin (dist/) through real ESLint
// and the example's own eslint.config.js, and prints the findings in ESLint's stylish format.
// Exits 0 when the lint ran (the findings are the point of the demo), 1 when it could not run or
// a file failed to parse. Only rule messages are printed, and they never hold a full secret.
import { access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The bundled example project. */
export const EXAMPLE_DIR = join(root, 'examples', 'vulnerable-bot');

/** The built plugin the example's config resolves `eslint-plugin-gemini-guard` to. */
export const BUILT_PLUGIN = join(root, 'dist', 'index.js');

/**
 * Lints the example with its own flat config. `ESLint` defaults to the repository's ESLint; tests
 * pass another major version's class. Throws when the plugin was not built.
 *
 * @param {{ ESLint?: typeof import('eslint').ESLint }} [options]
 * @returns {Promise<{ eslint: import('eslint').ESLint, results: import('eslint').ESLint.LintResult[] }>}
 */
export async function lintExample(options = {}) {
  try {
    await access(BUILT_PLUGIN);
  } catch {
    throw new Error(`The plugin is not built (${BUILT_PLUGIN} is missing): run \`npm run build\` first.`);
  }
  const ESLint = options.ESLint ?? (await import('eslint')).ESLint;
  const eslint = new ESLint({ cwd: EXAMPLE_DIR, overrideConfigFile: join(EXAMPLE_DIR, 'eslint.config.js') });
  const results = await eslint.lintFiles(['.']);
  return { eslint, results };
}

/** Messages that mean a file could not be linted at all (parse errors, crashed rules). */
export function fatalMessages(results) {
  return results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}: ${m.message}`));
}

async function main() {
  const { eslint, results } = await lintExample();
  const formatter = await eslint.loadFormatter('stylish');
  const text = await formatter.format(results);
  process.stdout.write(text.length > 0 ? text : 'No findings.\n');
  const fatal = fatalMessages(results);
  if (fatal.length > 0) {
    process.stderr.write(`The demo could not lint every file:\n${fatal.join('\n')}\n`);
    process.exitCode = 1;
    return;
  }
  const rules = new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)));
  process.stdout.write(`\nThe demo ran: findings from ${rules.size} gemini-guard rules on ${results.length} files of examples/vulnerable-bot.\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
