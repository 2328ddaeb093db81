/**
 * Mutations of real inputs: the fixture projects, the vulnerable example bot and the code of every
 * case in test/rules/*.test.ts, changed the way code changes in real life and in odd ways —
 * statements deleted, duplicated, swapped, wrapped in functions, loops, `Promise.all`, `try`;
 * identifiers and string literals replaced; members made optional or computed; expressions
 * wrapped; odd statements inserted; and a few raw text edits that may break the syntax (the scanner
 * must survive those too).
 */
import { readFileSync, readdirSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { parse } from '@typescript-eslint/parser';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/utils';
import { API_KEYS, API_SECRETS } from '../helpers/secrets.js';
import { BASES, GEMINI_PATHS, ODD_STATEMENTS, ODD_TS_STATEMENTS } from './arbitraries.js';
import { lint, parseError } from './harness.js';

/** One input of the corpus: a file name (its extension picks the parser) and its code. */
export interface CorpusFile {
  file: string;
  code: string;
}

const ROOT = join(import.meta.dirname, '..', '..');
const CODE_FILE = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/;

function filesUnder(dir: string): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile() && CODE_FILE.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** The JS/TS files of test/fixtures and examples. */
export function fixtureFiles(): CorpusFile[] {
  return [...filesUnder('test/fixtures'), ...filesUnder('examples')].map((file) => ({ file, code: readFileSync(join(ROOT, file), 'utf8') }));
}

type Node = TSESTree.Node;

function parses(code: string, file: string): boolean {
  try {
    parse(code, { range: true, jsx: /x$/.test(file), sourceType: 'module', ecmaVersion: 'latest' });
    return true;
  } catch {
    return false;
  }
}

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const v of value) if (v && typeof v === 'object' && 'type' in v) out.push(v as Node);
    } else if (value && typeof value === 'object' && 'type' in value) {
      out.push(value as Node);
    }
  }
  return out;
}

function walk(root: Node, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    stack.push(...children(node));
  }
}

/**
 * The code of every test case in test/rules/*.test.ts (valid and invalid), collected by loading
 * those files with `RuleTester#run` replaced by a collector (their cases are built by helper
 * functions, so reading them statically would miss most). Each case becomes a `.js` file when
 * espree reads it, else `.ts` (the RuleTester default parser) or `.tsx`, or keeps its own `filename`. A test file
 * that does not load right now (someone is editing it) is left out.
 */
export async function ruleTestCases(): Promise<CorpusFile[]> {
  const { RuleTester } = await import('@typescript-eslint/rule-tester');
  type Case = string | { code: string; filename?: string };
  const collected: { code: string; filename?: string; rule: string }[] = [];
  const original = RuleTester.prototype.run;
  let current = '';
  RuleTester.prototype.run = function collect(_name: string, _rule: unknown, tests: { valid: readonly Case[]; invalid: readonly Case[] }) {
    for (const c of [...tests.valid, ...tests.invalid]) {
      if (typeof c === 'string') collected.push({ code: c, rule: current });
      else if (typeof c.code === 'string') collected.push({ code: c.code, filename: c.filename, rule: current });
    }
  } as typeof original;
  try {
    const dir = join(ROOT, 'test', 'rules');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.test.ts')).sort()) {
      current = name.replace(/\.test\.ts$/, '');
      try {
        await import(pathToFileURL(join(dir, name)).href);
      } catch {
        // a rule test mid-edit: its cases join the corpus next time
      }
    }
  } finally {
    RuleTester.prototype.run = original;
  }
  const out: CorpusFile[] = [];
  const seen = new Set<string>();
  for (const { code, filename, rule } of collected) {
    if (code.trim() === '' || seen.has(code)) continue;
    seen.add(code);
    // plain JavaScript goes through espree (as in a JavaScript project, and twice as fast), the rest
    // through @typescript-eslint/parser as RuleTester ran it
    const candidates = filename && CODE_FILE.test(filename) ? [filename.replace(/^.*\//, '')] : ['case.js', 'case.ts', 'case.tsx'];
    const file = candidates.find((f) => (f.endsWith('.js') ? !parseError(lint(code, f, false, [])) : parses(code, f)));
    if (file) out.push({ file: `rules/${rule}/${out.length}/${file}`, code });
  }
  return out;
}

/** The whole mutation corpus: fixtures, examples and rule-test cases. */
export async function loadCorpus(): Promise<CorpusFile[]> {
  return [...fixtureFiles(), ...(await ruleTestCases())];
}

// ---------------------------------------------------------------------------------------------
// mutations

interface Shape {
  lists: { start: number; end: number }[][];
  identifiers: Node[];
  strings: Node[];
  expressions: Node[];
  members: TSESTree.MemberExpression[];
  keys: TSESTree.Property[];
  names: string[];
}

function shapeOf(code: string, file: string): Shape | undefined {
  let ast: TSESTree.Program;
  try {
    ast = parse(code, { range: true, jsx: /x$/.test(file), sourceType: 'module', ecmaVersion: 'latest' }) as TSESTree.Program;
  } catch {
    return undefined;
  }
  const shape: Shape = { lists: [], identifiers: [], strings: [], expressions: [], members: [], keys: [], names: [] };
  const names = new Set<string>();
  const list = (body: Node[]): void => {
    if (body.length > 0) shape.lists.push(body.map((s) => ({ start: s.range[0], end: s.range[1] })));
  };
  walk(ast, (node) => {
    switch (node.type) {
      case 'Program':
      case 'BlockStatement':
      case 'StaticBlock':
      case 'TSModuleBlock':
        list(node.body as Node[]);
        break;
      case 'SwitchCase':
        list(node.consequent);
        break;
      case 'Identifier':
        shape.identifiers.push(node);
        names.add(node.name);
        break;
      case 'Literal':
        if (typeof node.value === 'string') shape.strings.push(node);
        break;
      case 'MemberExpression':
        shape.members.push(node);
        shape.expressions.push(node);
        break;
      case 'Property':
        if (node.parent?.type === 'ObjectExpression' && !node.computed && !node.shorthand && !node.method && node.kind === 'init') shape.keys.push(node);
        break;
      case 'CallExpression':
      case 'NewExpression':
      case 'ObjectExpression':
      case 'ArrayExpression':
      case 'TemplateLiteral':
      case 'BinaryExpression':
      case 'LogicalExpression':
      case 'ConditionalExpression':
      case 'AwaitExpression':
      case 'ArrowFunctionExpression':
        shape.expressions.push(node);
        break;
      default:
    }
  });
  shape.names = [...names];
  return shape;
}

const STRING_POOL = [
  ...API_KEYS,
  ...API_SECRETS,
  ...GEMINI_PATHS,
  ...BASES.map((b) => `${b}/v1/balances`),
  'X-GEMINI-APIKEY',
  'X-GEMINI-PAYLOAD',
  'X-GEMINI-SIGNATURE',
  'x-gemini-signature',
  'sha384',
  'sha256',
  'SHA-384',
  'hex',
  'base64',
  'POST',
  'GET',
  'account-XXXXXXXXXXXXXXXXXXXX',
  'your-api-secret',
  'use client',
  '',
  '${x}',
  '\u2028',
  '@google/generative-ai',
  'gemini-api',
];

const NAME_POOL = ['payload', 'encoded', 'signature', 'headers', 'nonce', 'apiSecret', 'apiKey', 'API_SECRET', 'GEMINI_API_SECRET', 'fetch', 'axios', 'crypto', 'Date', 'console', 'undefined', 'arguments', 'secret', 'x', 'ünï'];

const EXPRESSION_WRAPPERS: ((x: string, ts: boolean) => string)[] = [
  (x) => `(0, ${x})`,
  (x) => `[${x}][0]`,
  (x) => `({ v: ${x} }).v`,
  (x) => `(() => ${x})()`,
  (x) => `Promise.resolve(${x})`,
  (x) => `(${x} ?? undefined)`,
  (x) => `String(${x})`,
  (x) => `{ ...${x} }`,
  (x) => `\`\${${x}}\``,
  (x) => `(flag ? ${x} : ${x})`,
  (x) => `(await ${x})`,
  (x, ts) => (ts ? `(${x} as any)` : `/** @type {any} */ (${x})`),
  (x, ts) => (ts ? `(${x})!` : `(${x})`),
];

const STATEMENT_WRAPPERS: ((s: string) => string)[] = [
  (s) => `function wrapped() {\n${s}\n}`,
  (s) => `async function wrappedAsync() {\n${s}\n}`,
  (s) => `for (const item of items) {\n${s}\n}`,
  (s) => `await Promise.all([1, 2].map(async (i) => {\n${s}\n}));`,
  (s) => `try {\n${s}\n} catch (e) {\n  console.error(e);\n}`,
  (s) => `if (ready) {\n${s}\n}`,
  (s) => `{\n${s}\n}`,
  (s) => `(async () => {\n${s}\n})();`,
  (s) => `class Wrapped {\n  method() {\n${s}\n  }\n}`,
  (s) => `const wrappedObject = {\n  get value() {\n${s}\n  },\n};`,
  (s) => `while (again) {\n${s}\nbreak;\n}`,
];

/** One mutation: which kind, and numbers the mutation reduces to indices into what the file has. */
export interface Mutation {
  kind: number;
  a: number;
  b: number;
  c: number;
}

const MUTATION_KINDS = 14;

/** A random mutation (indices are reduced modulo the candidates at the time it is applied). */
export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.nat({ max: MUTATION_KINDS - 1 }),
  a: fc.nat({ max: 10_000 }),
  b: fc.nat({ max: 10_000 }),
  c: fc.nat({ max: 10_000 }),
});

const pick = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);
const splice = (code: string, start: number, end: number, text: string): string => code.slice(0, start) + text + code.slice(end);

/** Applies one mutation; a mutation that has nothing to work on leaves the code as it is. */
export function applyMutation(code: string, file: string, m: Mutation): string {
  const ts = /\.[cm]?tsx?$/.test(file);
  const shape = shapeOf(code, file);
  // raw text edits work on anything, parseable or not
  if (m.kind === 13 || !shape) {
    const at = code.length === 0 ? 0 : m.a % (code.length + 1);
    const length = m.b % 8;
    const inserted = ['', '(', ')', '{', '}', '`', "'", '"', '/*', '\\', ';', ',', '\u0000', '\uFEFF', '?.', '=>'][m.c % 16]!;
    return splice(code, at, Math.min(code.length, at + length), inserted);
  }
  const list = pick(shape.lists, m.a);
  const stmt = list ? pick(list, m.b) : undefined;
  switch (m.kind) {
    case 0: // delete a statement
      return stmt ? splice(code, stmt.start, stmt.end, '') : code;
    case 1: // duplicate a statement
      return stmt ? splice(code, stmt.end, stmt.end, `\n${code.slice(stmt.start, stmt.end)}`) : code;
    case 2: {
      // swap two statements of the same list
      const other = list ? pick(list, m.c) : undefined;
      if (!stmt || !other || other === stmt) return code;
      const [first, second] = stmt.start < other.start ? [stmt, other] : [other, stmt];
      return code.slice(0, first.start) + code.slice(second.start, second.end) + code.slice(first.end, second.start) + code.slice(first.start, first.end) + code.slice(second.end);
    }
    case 3: // wrap a statement
      return stmt ? splice(code, stmt.start, stmt.end, STATEMENT_WRAPPERS[m.c % STATEMENT_WRAPPERS.length]!(code.slice(stmt.start, stmt.end))) : code;
    case 4: {
      // insert an odd statement
      const pool = ts ? [...ODD_STATEMENTS, ...ODD_TS_STATEMENTS] : ODD_STATEMENTS;
      const at = stmt ? stmt.start : 0;
      return splice(code, at, at, `{\n${pool[m.c % pool.length]}\n}\n`);
    }
    case 5:
    case 6: {
      // replace an identifier with another name
      const id = pick(shape.identifiers, m.a);
      const names = m.kind === 5 ? shape.names : NAME_POOL;
      const name = pick(names, m.c);
      return id && name ? splice(code, id.range[0], id.range[1], name) : code;
    }
    case 7:
    case 8: {
      // replace a string literal: with a protocol value, or with another literal of the same file
      const lit = pick(shape.strings, m.a);
      if (!lit) return code;
      const pool = m.kind === 7 ? STRING_POOL : shape.strings.map((s) => (s as TSESTree.StringLiteral).value);
      const text = pick(pool, m.c) ?? '';
      const quote = code[lit.range[0]] === "'" ? "'" : '"';
      const body = JSON.stringify(text).slice(1, -1);
      return splice(code, lit.range[0], lit.range[1], quote === "'" ? `'${body.replace(/\\"/g, '"').replace(/'/g, "\\'")}'` : `"${body}"`);
    }
    case 9: {
      // wrap an expression
      const expr = pick(shape.expressions, m.a);
      return expr ? splice(code, expr.range[0], expr.range[1], EXPRESSION_WRAPPERS[m.c % EXPRESSION_WRAPPERS.length]!(code.slice(expr.range[0], expr.range[1]), ts)) : code;
    }
    case 10: {
      // a.b → a?.b / a['b'] / a?.['b']
      const member = pick(shape.members, m.a);
      if (!member || member.computed || member.property.type !== 'Identifier') return code;
      const object = code.slice(member.object.range[0], member.object.range[1]);
      const name = member.property.name;
      const forms = [`${object}?.${name}`, `${object}['${name}']`, `${object}?.['${name}']`];
      return splice(code, member.range[0], member.range[1], forms[m.c % forms.length]!);
    }
    case 11: {
      // k: v → ['k']: v / "k": v
      const prop = pick(shape.keys, m.a);
      if (!prop || prop.key.type !== 'Identifier') return code;
      return splice(code, prop.key.range[0], prop.key.range[1], m.c % 2 === 0 ? `['${prop.key.name}']` : `"${prop.key.name}"`);
    }
    default: {
      // copy a statement from one list into another
      const target = pick(shape.lists, m.c);
      const at = target ? pick(target, m.b + 1) : undefined;
      return stmt && at ? splice(code, at.start, at.start, `${code.slice(stmt.start, stmt.end)}\n`) : code;
    }
  }
}

/** A corpus file with one to four mutations applied. */
export function mutatedArb(corpus: readonly CorpusFile[]): fc.Arbitrary<CorpusFile & { mutations: Mutation[] }> {
  return fc.record({ index: fc.nat({ max: corpus.length - 1 }), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) }).map(({ index, mutations }) => {
    const original = corpus[index]!;
    let code = original.code;
    for (const m of mutations) code = applyMutation(code, original.file, m);
    return { file: original.file, code, mutations };
  });
}
