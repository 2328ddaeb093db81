import { createRequire } from 'node:module';
import type { Scope } from 'eslint';

/**
 * ESLint's scope analysis (eslint-scope, the copy ESLint itself loads) without its one hot spot:
 * esrecurse builds a fresh visitor-keys table (about 170 entries copied) for every destructuring
 * pattern, parameter and declarator it visits. On ccxt's exchange modules that copy was a third of
 * the scope analysis and most of its garbage. Here every pattern visitor shares one table, equal to
 * the one it would have built; everything else is eslint-scope's own code.
 *
 * A self-check compares the result with `eslint-scope`'s `analyze` on a sample program when first
 * used: an eslint-scope whose internals differ (another major version) is used as it is.
 */

const require = createRequire(import.meta.url);

/** The eslint-scope exports this module uses. */
interface EslintScope {
  analyze(ast: unknown, options: Record<string, unknown>): Scope.ScopeManager;
  ScopeManager: new (options: Record<string, unknown>) => Scope.ScopeManager & { __options: Record<string, unknown>; __currentScope: unknown };
  Referencer: new (options: Record<string, unknown>, scopeManager: unknown) => { visit(node: unknown): void; ImportDeclaration(node: unknown): void; options: Record<string, unknown> };
  PatternVisitor: new (options: Record<string, unknown>, rootPattern: unknown, callback: unknown) => PatternVisitorLike;
}

interface PatternVisitorLike {
  __childVisitorKeys: Record<string, readonly string[]>;
  rightHandNodes: unknown[];
  visit(node: unknown): void;
}

/** The options `analyze` gets, as ESLint's JavaScript language builds them. */
export type ScopeOptions = Record<string, unknown>;

type Analyze = (ast: unknown, options: ScopeOptions) => Scope.ScopeManager;

let analyzer: Analyze | undefined;

/** `require` as ESLint's own modules see it: the eslint-scope, espree and keys ESLint uses (ESLint 9 and 10 depend on different majors). */
function eslintRequire(): NodeJS.Require {
  return createRequire(require.resolve('eslint'));
}

/** Scope analysis equal to eslint-scope's `analyze`, faster where the installed eslint-scope allows it. */
export function analyzeScope(ast: unknown, options: ScopeOptions): Scope.ScopeManager {
  analyzer ??= sharedKeysAnalyzer(eslintRequire()) ?? ((tree, opts) => (eslintRequire()('eslint-scope') as EslintScope).analyze(tree, opts));
  return analyzer(ast, options);
}

/**
 * The shared-keys analyser over the eslint-scope that `fromEslint` (a `require` from ESLint's
 * package) loads, or `undefined` when it does not pass the self-check.
 */
export function sharedKeysAnalyzer(fromEslint: NodeJS.Require): Analyze | undefined {
  try {
    const scope = fromEslint('eslint-scope') as EslintScope;
    const merged = new WeakMap<ScopeOptions, { full: ScopeOptions; light: ScopeOptions; keys: Record<string, readonly string[]> }>();
    /** eslint-scope's own merge of `options` with its defaults, read from a scope manager it built. */
    const setup = (options: ScopeOptions) => {
      let found = merged.get(options);
      if (!found) {
        const full = (scope.analyze({ type: 'Program', body: [], sourceType: options.sourceType ?? 'script', range: [0, 0] }, options) as unknown as { __options: ScopeOptions }).__options;
        // the table a pattern visitor builds for these options, built once
        const keys = new scope.PatternVisitor(full, { type: 'Identifier', name: 'x' }, () => undefined).__childVisitorKeys;
        found = { full, light: { ...full, childVisitorKeys: null }, keys };
        merged.set(options, found);
      }
      return found;
    };

    class SharedKeysReferencer extends scope.Referencer {
      patterns: { light: ScopeOptions; keys: Record<string, readonly string[]> } | undefined;

      // eslint-scope's Referencer#visitPattern, with the pattern visitor given the shared table
      visitPattern(node: unknown, options: unknown, callback?: unknown): void {
        let patternOptions = options as { processRightHandNodes?: boolean };
        let patternCallback = callback;
        if (typeof options === 'function') {
          patternCallback = options;
          patternOptions = { processRightHandNodes: false };
        }
        const { light, keys } = this.patterns!;
        const visitor = new scope.PatternVisitor(light, node, patternCallback);
        visitor.__childVisitorKeys = keys;
        visitor.visit(node);
        if (patternOptions.processRightHandNodes) visitor.rightHandNodes.forEach(this.visit, this);
      }

      // eslint-scope's Importer (one per import declaration) copies the table as well. Given the
      // options without `childVisitorKeys`, it walks by esrecurse's default keys instead: those
      // differ from ESLint's only in leaving out the declaration's `attributes`, which bind nothing.
      override ImportDeclaration(node: unknown): void {
        const own = this.options;
        this.options = this.patterns!.light;
        try {
          super.ImportDeclaration(node);
        } finally {
          this.options = own;
        }
      }
    }

    const fast: Analyze = (ast, options) => {
      const patterns = setup(options);
      const manager = new scope.ScopeManager(patterns.full);
      const referencer = new SharedKeysReferencer(patterns.full, manager);
      referencer.patterns = patterns;
      referencer.visit(ast);
      if (manager.__currentScope !== null) throw new Error('scope analysis did not close every scope');
      return manager;
    };
    return selfCheck(scope, fast, fromEslint) ? fast : undefined;
  } catch {
    return undefined;
  }
}

// Every kind of pattern eslint-scope visits: declarations, parameters with defaults, destructuring
// with defaults and rests, assignments, for-in/of heads, catch parameters, classes, imports.
const SAMPLE = `import def, { a as b, c } from 'm';
import * as ns from 'n';
import data, { 'quoted name' as q } from './data.json' with { type: 'json' };
export const { x = b, y: [z, ...rest] = [] } = ns, w = def;
export function f(p, { q = c, r: { s } }, [t = p, , ...u] = [], ...v) { let k; ({ k = t, ...w2 } = q); [k, s.prop] = u; return k + w2 + v; }
for (const { key, value = key } of f()) { try { g(value); } catch ({ message, stack = message }) { h(message, stack); } }
for (let i in z) { for (var j = i; j; j--) f(j); }
class K extends Base { #p = 1; static { const m = this.#p; } method({ o } = {}, ...more) { const arrow = ({ deep: [e] }) => e + o; return arrow(more); } }
label: { const fn = function named(a1 = () => a1) { return named; }; break label; }
`;

/** Whether `fast` gives the same scopes, variables, definitions and references as eslint-scope on {@link SAMPLE}. */
function selfCheck(scope: EslintScope, fast: Analyze, fromEslint: NodeJS.Require): boolean {
  const espree = fromEslint('espree') as { parse(text: string, options: Record<string, unknown>): unknown; latestEcmaVersion: number };
  const ecmaVersion = espree.latestEcmaVersion;
  const ast = espree.parse(SAMPLE, { ecmaVersion, sourceType: 'module', range: true, loc: true });
  const evk = fromEslint('eslint-visitor-keys') as { KEYS: Record<string, readonly string[]>; getKeys(node: object): readonly string[] };
  const options = { ignoreEval: true, ecmaVersion, sourceType: 'module', childVisitorKeys: evk.KEYS, fallback: evk.getKeys };
  return scopeShape(scope.analyze(ast, options)) === scopeShape(fast(ast, options));
}

/** A text that differs when two scope managers differ in scopes, variables, definitions or references. */
export function scopeShape(manager: Scope.ScopeManager): string {
  const at = (node: { range?: [number, number] } | null | undefined): string => (node?.range ? `${node.range[0]}-${node.range[1]}` : '-');
  const lines: string[] = [];
  for (const s of manager.scopes) {
    lines.push(`scope ${s.type} ${at(s.block)} strict=${s.isStrict} upper=${at(s.upper?.block)}`);
    for (const v of s.variables) lines.push(`  var ${v.name} ${v.defs.map((d) => `${d.type}@${at(d.name)}`).join(',')} refs=${v.references.length}`);
    for (const r of s.references) lines.push(`  ref ${r.identifier.name}@${at(r.identifier)} ${r.isRead() ? 'r' : ''}${r.isWrite() ? 'w' : ''} -> ${r.resolved ? at(r.resolved.defs[0]?.name) : 'unresolved'} init=${String(r.init)} write=${at(r.writeExpr as never)}`);
    lines.push(`  through ${s.through.map((r) => r.identifier.name).join(',')}`);
  }
  return lines.join('\n');
}
