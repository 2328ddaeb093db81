// The screening run parses JavaScript without locations and computes a node's `loc` when a rule
// reads it (src/scanner/detectors/lazy-locations.ts). Every location it gives must be the one
// espree gives when asked for locations: compared here on every node and comment of the rule
// tests' samples, the project's JavaScript files, and text made to trip line counting.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { espree, isJavaScript, projectSamples, ruleTesterCases } from '../helpers/rule-samples.js';
import { locatableNodeClass, withLazyLocations } from '../../src/scanner/detectors/lazy-locations.js';
import { lintWithRules, screenStats, warmUp } from '../../src/scanner/detectors/eslint-rules.js';
import { effectiveRules, pluginRuleSettings } from '../../src/scanner/rules.js';

const evk = createRequire(createRequire(import.meta.url).resolve('eslint'))('eslint-visitor-keys') as { KEYS: Record<string, readonly string[]> };
// ESLint 9's espree (the plugin supports ESLint 9 and 10)
const espree9 = createRequire(createRequire(import.meta.url).resolve('eslint-v9'))('espree') as typeof espree;

interface Located {
  type: string;
  loc?: { start: { line: number; column: number }; end: { line: number; column: number } };
  range?: [number, number];
  comments?: Located[];
  [key: string]: unknown;
}

const options = (loc: boolean, sourceType: 'module' | 'script') => ({ ecmaVersion: 'latest', sourceType, range: true, loc, comment: true, ecmaFeatures: { jsx: true } });

/** Every node of a tree in ESLint's traversal order, with its parent set (as the screening run does). */
function nodes(ast: Located): Located[] {
  const out: Located[] = [];
  const visit = (node: unknown, parent: unknown): void => {
    if (node === null || typeof node !== 'object' || typeof (node as Located).type !== 'string') return;
    const n = node as Located;
    n.parent = parent;
    out.push(n);
    for (const key of evk.KEYS[n.type] ?? []) {
      const child = n[key];
      if (Array.isArray(child)) for (const item of child) visit(item, n);
      else visit(child, n);
    }
  };
  visit(ast, null);
  return out;
}

// espree's node class, learnt before any accessor is installed on it
const nodeClass = locatableNodeClass(espree.parse('a; b;', options(true, 'module')));

const plain = (loc: Located['loc']) => (loc ? { start: { line: loc.start.line, column: loc.start.column }, end: { line: loc.end.line, column: loc.end.column } } : loc);

/** The locations of every node and comment of `code`: from espree's parse with `loc`, and computed on demand. */
function bothWays(code: string, sourceType: 'module' | 'script', parser: typeof espree = espree): { expected: unknown[]; lazy: unknown[] } | undefined {
  let reference: Located;
  let bare: Located;
  try {
    reference = parser.parse(code, options(true, sourceType)) as Located;
    bare = parser.parse(code, options(false, sourceType)) as Located;
  } catch {
    return undefined;
  }
  expect(nodeClass).toBeDefined();
  const expected = [...nodes(reference), ...(reference.comments ?? [])].map((n) => plain(n.loc));
  const lazy = withLazyLocations(nodeClass!, bare, code, () => [...nodes(bare), ...(bare.comments ?? [])].map((n) => plain(n.loc)));
  return { expected, lazy };
}

const TRICKY = [
  // line ends of every kind, in code, strings, comments and templates
  'const a = 1;\r\nconst b = 2;\rconst c = 3;\nconst d = `x\r\ny\rz\n${a}\n`;\n',
  "const s = 'a\\\u2028b';\u2028const t = 2;\u2029const u = /*\u2028*/ 3;\n",
  // astral characters count as two columns (UTF-16), as in acorn
  "const key = '😀😀'; const after = { '𝒳': 1 };\nfetch(`https://api.gemini.com/v1/${'😀'}/balances`);\n",
  // templates: espree moves their elements' ranges; nested and tagged ones
  'const p = `/v1/${`order/${"new"}`}`;\nconst q = tag`a${1}b${2}\nc`;\n',
  // JSX text across lines, comments everywhere
  'const el = <div a="1">\n  text {/* c */}\n  <b>x</b>\n</div>; // end\n/** doc\n * block */\n',
  // an empty file, comments only, trailing whitespace
  '',
  '// only a comment',
  '\n\n  \n',
  // classes, private names, optional chains, regexes with slashes
  'class A { #k = 1; static { this.x = a?.b?.[c]?.(d); } m() { return /\\/v1\\//g.test(this.#k); } }\n',
];

describe('locations computed on demand', () => {
  it('equal the locations espree builds, on every node and comment of the samples', async () => {
    const samples = [...(await ruleTesterCases()), ...projectSamples().filter((f) => /\.[cm]?jsx?$/.test(f.name)).map((f) => f.text), ...TRICKY];
    let compared = 0;
    for (const code of samples) {
      for (const sourceType of ['module', 'script'] as const) {
        const both = bothWays(code, sourceType);
        if (!both) continue;
        expect({ code, sourceType, locations: both.lazy }).toEqual({ code, sourceType, locations: both.expected });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
    // ESLint 9's espree builds nodes of the same class (one acorn); its trees agree too
    expect(Object.getPrototypeOf(espree9.parse('a;', options(false, 'module')))).toBe(nodeClass);
    for (const code of [...TRICKY, ...samples.slice(0, 200)]) {
      const both = bothWays(code, 'module', espree9);
      if (both) expect({ code, locations: both.lazy }).toEqual({ code, locations: both.expected });
    }
    // every tricky case parses in at least one source type
    for (const code of TRICKY) expect(isJavaScript(code) || bothWays(code, 'script') !== undefined).toBe(true);
  });

  it('leave the locations of a parse with locations alone, once the accessor is installed', () => {
    const code = 'const a = 1;\nfetch(`https://api.gemini.com/v1/${a}`);\n';
    // installs the accessor
    expect(bothWays(code, 'module')).toBeDefined();
    const parsed = espree.parse(code, options(true, 'module')) as Located;
    const all = nodes(parsed);
    expect(all.every((n) => Object.hasOwn(n, 'loc'))).toBe(true);
    const call = all.find((n) => n.type === 'CallExpression')!;
    expect(plain(call.loc)).toEqual({ start: { line: 2, column: 0 }, end: { line: 2, column: 39 } });
  });

  it('are what the screening run parses JavaScript with, once it has seen espree\'s node class', () => {
    const rules = pluginRuleSettings(effectiveRules());
    warmUp(rules);
    // settles a file without findings, so the screening run took it
    const before = screenStats.settled;
    lintWithRules('first.js', "const gemini = 'https://api.gemini.com/v1/symbols';\nfetch(gemini);\n", rules);
    // the second file's parse, as the screening run asks espree for it and gets it
    const parse = espree.parse;
    const parses: { options: { loc?: boolean }; ownLoc: boolean[] }[] = [];
    espree.parse = (text: string, parserOptions: { loc?: boolean }) => {
      const tree = parse(text, parserOptions) as Located;
      // before any rule has read a location
      parses.push({ options: parserOptions, ownLoc: nodes(tree).map((n) => Object.hasOwn(n, 'loc')) });
      return tree;
    };
    try {
      lintWithRules('second.js', "const gemini = 'https://api.gemini.com/v1/pubticker/btcusd';\nfetch(gemini);\n", rules);
    } finally {
      espree.parse = parse;
    }
    expect(screenStats.settled).toBe(before + 2);
    expect(parses).toHaveLength(1);
    expect(parses[0]!.options.loc).toBe(false);
    expect(parses[0]!.ownLoc.length).toBeGreaterThan(5);
    expect(parses[0]!.ownLoc.some(Boolean)).toBe(false);
    expect(Object.getPrototypeOf(espree.parse('1', options(false, 'module')))).toBe(nodeClass);
    expect(typeof Object.getOwnPropertyDescriptor(nodeClass!, 'loc')?.get).toBe('function');
    // a node of a tree parsed without locations, outside any run, has none to give
    const orphan = espree.parse('x', options(false, 'module')) as Located;
    expect(orphan.loc).toBeUndefined();
  });

  it('are not offered for a tree that is not of one class', () => {
    expect(locatableNodeClass({ type: 'Program', body: [], loc: {}, range: [0, 0] })).toBeUndefined();
    expect(locatableNodeClass(null)).toBeUndefined();
    // a root without locations of its own shows nothing
    expect(locatableNodeClass(espree.parse('a; b;', options(false, 'module')))).toBeUndefined();
    // a class whose `loc` is not this module's accessor is left alone
    class Other {
      get loc() {
        return undefined;
      }
    }
    const other = Object.assign(Object.create(Other.prototype) as object, { type: 'Program', body: [], range: [0, 0] });
    Object.defineProperty(other, 'loc', { value: {}, enumerable: true });
    expect(locatableNodeClass(other)).toBeUndefined();
  });

  it('are offered again for a class that has this module\'s accessor already', () => {
    expect(bothWays('a;', 'module')).toBeDefined();
    const prototype = Object.getPrototypeOf(espree.parse('a; b;', options(true, 'module'))) as object;
    expect(locatableNodeClass(espree.parse('a; b;', options(true, 'module')))).toBe(prototype);
  });
});
