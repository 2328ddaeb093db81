#!/usr/bin/env node
// npm run new-rule -- <rule-id> [--dry-run] [--root <dir>]
//
// Scaffolds a rule the way the house builds them (eslint-plugin-regexp's tools/new-rule.ts does the
// same): src/rules/<id>.ts through createRule, test/rules/<id>.test.ts with RuleTester, and
// docs/rules/<id>.md with the sections the package test and the docs-examples test expect; then
// regenerates src/rules/index.ts. The new test and doc examples fail until the rule is written:
// that is the point (fill them in first). Exit codes: 0 written, 2 usage error (bad or taken id).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const USAGE = 'usage: npm run new-rule -- <rule-id> [--dry-run] [--root <dir>]   (rule-id in kebab-case, e.g. no-foo-bar)';

const camel = (id) => id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

/** The three files of a new rule, keyed by their path relative to the repository root. */
export function ruleFiles(id) {
  const messageId = camel(id.replace(/^(?:no|valid|require)-/, ''));
  const rule = `import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { geminiContext } from '../analysis/gemini-context.js';
import { httpCalls } from '../analysis/requests/index.js';
import { fileMayConcernGemini } from '../analysis/relevance.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [];
export type MessageIds = '${messageId}';

export default createRule<Options, MessageIds>({
  name: '${id}',
  meta: {
    type: 'problem',
    docs: {
      // One sentence for the README table: what the rule disallows or requires, ending with a period.
      description: 'TODO: Disallow … in Gemini exchange code.',
      // 'error' | 'warn' puts the rule in the recommended config (strict turns it on as error).
      recommended: false,
    },
    schema: [],
    messages: {
      // What is wrong, what Gemini answers (InvalidSignature, MissingNonce, …), what to do instead.
      ${messageId}: 'TODO: This … so Gemini answers …. Do … instead.',
    },
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    // Cheap first: a file that cannot concern the Gemini exchange costs one regex test.
    if (!fileMayConcernGemini(sourceCode)) return {};

    return {
      'Program:exit'() {
        // Precision first: ask the shared analysis (src/analysis/) what is Gemini code and what a
        // value holds; never re-recognise it here. createRule keeps a throw from breaking the lint
        // run; use forEachGuarded (utils/create-rule.ts) when one item must not cost the others.
        const gemini = geminiContext(sourceCode);
        for (const call of httpCalls(sourceCode)) {
          if (!gemini.isGeminiCode(call.node)) continue;
          if (call.node.callee.type === AST_NODE_TYPES.Identifier && call.node.callee.name === 'TODO') {
            context.report({ node: call.node, messageId: '${messageId}' });
          }
        }
      },
    };
  },
});
`;

  const test = `import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/${id}.js';

const ruleTester = new RuleTester();

ruleTester.run('${id}', rule, {
  valid: [
    {
      name: 'accepts correct Gemini exchange code',
      code: "fetch('https://api.gemini.com/v1/pubticker/btcusd');",
    },
    // TODO: near-misses that must stay silent: AWS SigV4, GitHub webhook HMAC, Binance/Coinbase/Kraken
    // signing, Google Gemini AI clients (GEMINI_API_KEY), placeholders like account-XXXXXXXXXXXXXXXXXXXX.
  ],
  invalid: [
    {
      name: 'TODO: reports the Gemini exchange mistake this rule exists for',
      code: "// TODO: the smallest realistic code with the mistake\\nfetch('https://api.gemini.com/v1/balances', { method: 'POST' });",
      output: null,
      errors: [{ messageId: '${messageId}', line: 2, column: 1 }],
    },
  ],
});
`;

  const doc = `# gemini-guard/${id}

<!-- end auto-generated rule header -->

TODO: what the rule catches and why: the Gemini exchange error it prevents, and how the rule
recognises Gemini code (docs/architecture.md says which analysis answers which question).

## Examples

### Incorrect

\`\`\`js
// TODO: code this rule reports (test/docs-examples.test.ts lints it: it must report)
fetch('https://api.gemini.com/v1/balances', { method: 'POST' });
\`\`\`

### Correct

\`\`\`js
// TODO: the same code written correctly (it must not report)
fetch('https://api.gemini.com/v1/pubticker/btcusd');
\`\`\`

## When Not To Use It

TODO: when the rule does not apply.
`;

  return {
    [`src/rules/${id}.ts`]: rule,
    [`test/rules/${id}.test.ts`]: test,
    [`docs/rules/${id}.md`]: doc,
  };
}

function main(argv) {
  const args = argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const rootAt = args.indexOf('--root');
  const root = rootAt === -1 ? join(dirname(fileURLToPath(import.meta.url)), '..') : args[rootAt + 1];
  const positional = args.filter((a, i) => !a.startsWith('--') && (rootAt === -1 || i !== rootAt + 1));
  const [id] = positional;
  if (positional.length !== 1 || !root || !RULE_ID.test(id)) {
    console.error(USAGE);
    return 2;
  }
  const files = ruleFiles(id);
  const taken = Object.keys(files).filter((path) => existsSync(join(root, path)));
  if (taken.length > 0) {
    console.error(`rule ${id} exists already (${taken.join(', ')}): pick another id.`);
    return 2;
  }
  for (const [path, text] of Object.entries(files)) {
    if (dryRun) {
      console.log(`--- ${path}\n${text}`);
      continue;
    }
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    console.log(`wrote ${path}`);
  }
  if (dryRun) return 0;
  execFileSync(process.execPath, [join(root, 'scripts', 'generate-registry.mjs')], { stdio: 'inherit' });
  console.log(`updated ${relative(root, join(root, 'src', 'rules', 'index.ts'))} and ${relative(root, join(root, 'src', 'rules', 'catalog.ts'))}`);
  console.log(
    [
      '',
      'Next:',
      `  1. write the invalid and valid cases in test/rules/${id}.test.ts (npx vitest run test/rules/${id}.test.ts)`,
      `  2. write the rule in src/rules/${id}.ts until they pass`,
      `  3. write docs/rules/${id}.md, then \`npm run docs\` (header, README table) and`,
      '     npx vitest run test/docs-examples.test.ts test/package.test.ts',
    ].join('\n'),
  );
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv);
