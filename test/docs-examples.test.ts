import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

// Docs that run, as typescript-eslint does for its rule docs: every code block under a rule doc's
// `## Examples` → `### Incorrect` must make that rule report — in each of its paragraphs (examples
// are separated by blank lines) — and every block under `### Correct` must not. A doc whose
// example drifts from the rule fails here, not in a reader's editor.
//
// A block is linted alone, as a module, under a file name of its language (`example.tsx`). An
// HTML comment right above the fence can change that for one block:
//   <!-- example: {"filename": "src/app/page.tsx", "options": [{ "nonce": "time-based" }]} -->
// or make the block a setup that every later example of the doc starts with (a helper the examples
// call, so they are Gemini code without repeating it):
//   <!-- example: {"setup": true} -->

const DOCS = join(import.meta.dirname, '..', 'docs', 'rules');
const CODE_LANGUAGES = new Set(['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts']);

interface Example {
  kind: 'incorrect' | 'correct';
  code: string;
  language: string;
  /** 1-based line of the fence in the doc, for the test name. */
  line: number;
  filename?: string;
  options?: unknown[];
  /** The doc's setup blocks above this example, which it is linted after. */
  setup?: string;
}

/** The code blocks of `## Examples`, each tagged by the `### Incorrect` / `### Correct` heading above it. */
function examplesOf(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  let inExamples = false;
  let kind: Example['kind'] | undefined;
  let settings: { filename?: string; options?: unknown[]; setup?: boolean } = {};
  let setup = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^## /.test(line)) {
      inExamples = /^## Examples\s*$/.test(line);
      kind = undefined;
      continue;
    }
    if (!inExamples) continue;
    const heading = /^### (Incorrect|Correct)\s*$/i.exec(line);
    if (heading) {
      kind = heading[1]!.toLowerCase() as Example['kind'];
      continue;
    }
    const marker = /^<!-- example: (.*) -->$/.exec(line);
    if (marker) {
      settings = JSON.parse(marker[1]!) as typeof settings;
      continue;
    }
    const fence = /^```(\w+)\s*$/.exec(line);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    if (end === -1) throw new Error(`unclosed code block at line ${i + 1}`);
    const code = lines.slice(i + 1, end).join('\n');
    const { setup: isSetup, ...rest } = settings;
    if (isSetup) setup += `${code}\n`;
    else if (kind && CODE_LANGUAGES.has(fence[1]!)) {
      examples.push({ kind, code, language: fence[1]!, line: i + 1, ...rest, ...(setup ? { setup } : {}) });
    }
    settings = {};
    i = end;
  }
  return examples;
}

/**
 * The examples of an incorrect block: its top-level paragraphs (split at blank lines outside any
 * bracket), without the ones that only import (or hold a directive). Each must make the rule
 * report, so a block cannot hide an example the rule misses behind one that it catches.
 */
function paragraphsOf(code: string): { first: number; last: number; text: string }[] {
  const paragraphs: { first: number; last: number; text: string }[] = [];
  let depth = 0;
  let current: { first: number; last: number; lines: string[] } | undefined;
  code.split('\n').forEach((line, index) => {
    if (line.trim() === '' && depth === 0) {
      if (current) paragraphs.push({ first: current.first, last: current.last, text: current.lines.join('\n') });
      current = undefined;
      return;
    }
    current ??= { first: index + 1, last: index + 1, lines: [] };
    current.last = index + 1;
    current.lines.push(line);
    const code = line.replace(/\/\/.*$/, '').replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '');
    for (const c of code) depth += '{(['.includes(c) ? 1 : '})]'.includes(c) ? -1 : 0;
  });
  if (current) paragraphs.push({ first: current.first, last: current.last, text: current.lines.join('\n') });
  return paragraphs.filter((p) => !p.text.split('\n').every((l) => /^\s*(?:import\b|\/\/|['"]use \w+['"];?\s*$|$)/.test(l)));
}

const linter = new Linter({ configType: 'flat' });

function lint(ruleId: string, example: Example): Linter.LintMessage[] {
  const rule = `gemini-guard/${ruleId}`;
  const config: Linter.Config[] = [
    {
      files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
      plugins: { 'gemini-guard': plugin as never },
      languageOptions: {
        parser: tsParser,
        sourceType: 'module',
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      rules: { [rule]: ['error', ...(example.options ?? [])] },
    },
  ];
  return linter.verify(`${example.setup ?? ''}${example.code}`, config, example.filename ?? `example.${example.language}`);
}

const docs = readdirSync(DOCS).filter((f) => f.endsWith('.md'));

describe('rule docs examples', () => {
  it('finds a doc with both incorrect and correct examples for every rule', () => {
    const ruleIds = Object.keys(plugin.rules).sort();
    expect(docs.map((f) => f.replace(/\.md$/, '')).sort()).toEqual(ruleIds);
    for (const id of ruleIds) {
      const kinds = new Set(examplesOf(readFileSync(join(DOCS, `${id}.md`), 'utf8')).map((e) => e.kind));
      expect([id, [...kinds].sort()]).toEqual([id, ['correct', 'incorrect']]);
    }
  });

  it('tells incorrect from correct blocks and reads the example markers', () => {
    const markdown = [
      '## Examples',
      '<!-- example: {"setup": true} -->',
      '```js',
      'helper();',
      '```',
      '### Incorrect',
      '```js',
      'bad();',
      '```',
      '### Correct',
      '<!-- example: {"filename": "a/page.tsx", "options": [{"x": 1}]} -->',
      '```tsx',
      'good();',
      '```',
      '```json',
      '{}',
      '```',
      '## Options',
      '```js',
      'options();',
      '```',
    ].join('\n');
    expect(examplesOf(markdown)).toEqual([
      { kind: 'incorrect', code: 'bad();', language: 'js', line: 7, setup: 'helper();\n' },
      { kind: 'correct', code: 'good();', language: 'tsx', line: 12, filename: 'a/page.tsx', options: [{ x: 1 }], setup: 'helper();\n' },
    ]);
  });

  it('splits an incorrect block into its examples at blank lines outside brackets, skipping imports', () => {
    const code = ["import a from 'a';", '', 'one();', '', 'class A {', '  m() {}', '', '  n() {}', '}', '', '// two', 'two();'].join('\n');
    expect(paragraphsOf(code)).toEqual([
      { first: 3, last: 3, text: 'one();' },
      { first: 5, last: 9, text: 'class A {\n  m() {}\n\n  n() {}\n}' },
      { first: 11, last: 12, text: '// two\ntwo();' },
    ]);
  });

  for (const doc of docs) {
    const id = doc.replace(/\.md$/, '');
    const examples = examplesOf(readFileSync(join(DOCS, doc), 'utf8'));
    describe(id, () => {
      for (const example of examples) {
        it(`${example.kind} example at docs/rules/${doc}:${example.line} ${example.kind === 'incorrect' ? 'reports' : 'does not report'} the rule`, () => {
          const messages = lint(id, example);
          // only the rule under test is on: anything else is a parse error or a file the config missed
          expect(messages.filter((m) => m.ruleId !== `gemini-guard/${id}`).map((m) => m.message)).toEqual([]);
          const reported = messages.filter((m) => m.ruleId === `gemini-guard/${id}`);
          if (example.kind === 'incorrect') {
            const offset = (example.setup ?? '').split('\n').length - 1;
            const silent = paragraphsOf(example.code).filter((p) => !reported.some((m) => m.line - offset >= p.first && m.line - offset <= p.last));
            expect(silent.map((p) => p.text)).toEqual([]);
          } else expect(reported.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([]);
        });
      }
    });
  }
});
