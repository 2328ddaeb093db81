import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Each boundary of docs/architecture.md, broken on purpose in a file that does not exist: the
// repository's own eslint.config.js must refuse it. The allowed imports next to it keep the
// patterns from growing into "refuse everything".
const ROOT = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(file: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport { x };\n`, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const BROKEN: readonly [file: string, specifier: string][] = [
  ['src/gemini/hosts2.ts', '../analysis/urls.js'],
  ['src/gemini/hosts2.ts', '../utils/create-rule.js'],
  ['src/gemini/hosts2.ts', 'eslint-plugin-gemini-guard/signer'],
  ['src/analysis/probe.ts', '../rules/valid-nonce.js'],
  ['src/analysis/probe.ts', '../scanner/core.js'],
  ['src/analysis/values/probe.ts', '../../scanner/prefilter.js'],
  ['src/analysis/cross-file/probe.ts', '../../rules/index.js'],
  ['src/analysis/probe.ts', '../utils/create-rule.js'],
  ['src/rules/probe.ts', '../scanner/core.js'],
  ['src/rules/probe.ts', '../scanner/detectors/linting.js'],
  ['src/utils/probe.ts', '../rules/valid-nonce.js'],
  ['src/utils/probe.ts', '../scanner/core.js'],
  ['src/configs/probe.ts', '../rules/index.js'],
  ['src/signer/probe.ts', '../analysis/values.js'],
  ['src/signer/probe.ts', 'node:fs'],
  ['src/signer/probe.ts', '@typescript-eslint/utils'],
  ['src/scanner/probe.ts', './reporters/sarif.js'],
  ['src/scanner/probe.ts', './cli.js'],
  ['src/scanner/detectors/probe.ts', '../reporters/json.js'],
  ['src/scanner/detectors/probe.ts', '../cli.js'],
  ['src/scanner/reporters/probe.ts', '../../utils/create-rule.js'],
  ['src/scanner/reporters/probe.ts', '../cli.js'],
];

const ALLOWED: readonly [file: string, specifier: string][] = [
  ['src/gemini/hosts2.ts', './paths.js'],
  ['src/analysis/probe.ts', '../gemini/hosts.js'],
  ['src/analysis/probe.ts', './values.js'],
  ['src/analysis/values/probe.ts', '../ast-utils.js'],
  ['src/rules/probe.ts', '../analysis/relevance.js'],
  ['src/rules/probe.ts', '../utils/create-rule.js'],
  ['src/utils/probe.ts', '../analysis/ast-utils.js'],
  ['src/utils/probe.ts', './create-rule.js'],
  ['src/signer/probe.ts', 'node:crypto'],
  ['src/signer/probe.ts', '../gemini/headers.js'],
  ['src/signer/probe.ts', './nonce.js'],
  ['src/scanner/probe.ts', './prefilter.js'],
  ['src/scanner/probe.ts', '../index.js'],
  ['src/scanner/cli.ts', './reporters/json.js'],
  ['src/scanner/reporters/probe.ts', '../types.js'],
  ['src/scanner/reporters/probe.ts', '../../docs-url.js'],
];

describe('the import boundaries fail the repository lint when broken', () => {
  it.each(BROKEN)('refuses %s importing %s', async (file, specifier) => {
    const messages = await restrictedImports(file, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/never|only|nothing/);
  });

  it.each(ALLOWED)('lets %s import %s', async (file, specifier) => {
    expect(await restrictedImports(file, specifier)).toEqual([]);
  });
});

describe('the repository lints its rules as ESLint plugin rules (eslint-plugin-eslint-plugin)', () => {
  it('reports a rule without meta.type and a message id it never uses', async () => {
    const rule = [
      "import { createRule } from '../utils/create-rule.js';",
      'export default createRule({',
      "  name: 'probe',",
      "  meta: { docs: { description: 'Probe.', recommended: false }, schema: [], messages: { used: 'Used.', unused: 'Unused.' } },",
      '  defaultOptions: [],',
      "  create(context) { return { Program(node) { context.report({ node, messageId: 'used' }); } }; },",
      '});',
    ].join('\n');
    const [result] = await eslint.lintText(rule, { filePath: join(ROOT, 'src/rules/probe.ts') });
    expect(result!.messages.map((m) => m.ruleId).sort()).toEqual(['eslint-plugin/no-unused-message-ids', 'eslint-plugin/require-meta-type']);
  });

  it('reports identical cases in a rule test', async () => {
    const test = [
      "import { RuleTester } from '@typescript-eslint/rule-tester';",
      "import rule from '../../src/rules/valid-nonce.js';",
      "new RuleTester().run('valid-nonce', rule, { valid: ['a();', 'a();'], invalid: [] });",
    ].join('\n');
    const [result] = await eslint.lintText(test, { filePath: join(ROOT, 'test/rules/probe.test.ts') });
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['eslint-plugin/no-identical-tests']);
  });
});
