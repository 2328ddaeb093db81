import { createRequire } from 'node:module';
import type { Linter, Rule, SourceCode } from 'eslint';
import { guardedFailures } from '../../utils/guard.js';
import { analyzeScope, type ScopeOptions } from './scope.js';
import { locatableNodeClass, withLazyLocations } from './lazy-locations.js';

/**
 * The scanner's screening run: the plugin's rules on one JavaScript or TypeScript file without ESLint's `Linter`
 * around them, to learn whether they report anything at all. Most files a scan parses hold no
 * finding, and for those the answer is the whole result. A file on which any rule reports goes
 * through the `Linter` as before, which gives the messages, fixes and `eslint-disable` handling.
 *
 * What the screening run leaves out is what only matters once something is reported, or what the
 * rules do not use: code path analysis (no rule listens to it), selector matching (every listener is
 * a node type, or `type:exit`), message formatting and directive comments. Everything the rules
 * read is ESLint's own: the configured parser's tree with ESLint's parser options (espree's with
 * eslint-scope's scopes, see scope.ts; @typescript-eslint/parser's with its own), ESLint's
 * `SourceCode` with its language options and globals applied, parents set on
 * every node before the first listener runs, listeners called in ESLint's traversal order.
 *
 * It declines (and the caller uses the `Linter`) whenever it cannot promise the same result:
 * before ESLint has shown it the language options it uses for this kind of file, on a parse error,
 * on comments that configure ESLint (`/* eslint … *\/`, `/* global … *\/`, `exported`), on a
 * byte-order mark, on a listener that is not a plain node type, or when a rule's guard swallowed
 * a throw (create-rule.ts).
 */

const require = createRequire(import.meta.url);
const fromEslint = createRequire(require.resolve('eslint'));

/** A rule as the screening run calls it. */
export type ScreenedRule = Pick<Rule.RuleModule, 'create'>;

/** What one screening run needs, learnt from one run of ESLint's `Linter` on the same kind of file. */
export interface ScreenSetup {
  /** ESLint's `SourceCode` class (the one its `Linter` builds). */
  SourceCode: new (config: { text: string; ast: unknown; parserServices: object; scopeManager: unknown; visitorKeys: Record<string, readonly string[]> }) => SourceCode;
  /** The normalised language options ESLint gave the rules (`context.languageOptions`). */
  languageOptions: Linter.LanguageOptions & { ecmaVersion: number; sourceType: 'script' | 'module' | 'commonjs'; parserOptions?: Linter.ParserOptions };
}

/** The screening run's answer: nothing reported, or `undefined` for "ask the Linter". */
export type ScreenResult = { clean: true } | undefined;

/** What a parser gives ESLint (espree's tree alone, or `parseForESLint`'s result). */
interface ParseResult {
  ast: { comments?: { value: string }[]; tokens?: unknown[] };
  services?: object;
  scopeManager?: unknown;
  visitorKeys?: Record<string, readonly string[]>;
}
interface CustomParser {
  parseForESLint(text: string, options: Record<string, unknown>): ParseResult;
}
interface Espree {
  parse(text: string, options: Record<string, unknown>): unknown;
}
interface VisitorKeys {
  KEYS: Record<string, readonly string[]>;
  getKeys(node: object): readonly string[];
}

let espree: Espree | undefined;
let evk: VisitorKeys | undefined;
// espree's node class, once a parse with locations has shown it (lazy-locations.ts): later
// screening runs parse JavaScript without locations; `null` when the tree is not of one class
let nodeClass: object | null | undefined;
const scopeOptions = new WeakMap<object, ScopeOptions>();

// Comments that configure ESLint: rule settings, globals, exported names (`eslint-env` is an error
// in flat config). `eslint-disable…`/`eslint-enable` comments are not among them: they only take
// reports away, and a screening run that settles a file has none.
const CONFIG_COMMENT = /^\s*(?:eslint(?:-env)?|globals?|exported)(?:\s|$)/u;
const SHEBANG = /^#!([^\r\n]+)/u;
const PLAIN_SELECTOR = /^[A-Z][A-Za-z]*(?::exit)?$/u;

/**
 * Runs `rules` (id → rule, with their options) on `text` as ESLint would, and says whether none of
 * them reported; `undefined` when the file must go through the `Linter` instead.
 */
export function screen(
  filename: string,
  text: string,
  rules: ReadonlyMap<string, { rule: ScreenedRule; options: unknown[] }>,
  settings: Record<string, unknown>,
  setup: ScreenSetup,
): ScreenResult {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  espree ??= fromEslint('espree') as Espree;
  evk ??= fromEslint('eslint-visitor-keys') as VisitorKeys;
  const languageOptions = setup.languageOptions;
  const parser = languageOptions.parser as Partial<CustomParser> | undefined;
  const ownParser = typeof parser?.parseForESLint === 'function';
  // espree builds no locations once its node class can supply them on demand (lazy-locations.ts)
  const lazyLocations = !ownParser && nodeClass !== undefined && nodeClass !== null;
  const parserOptions = Object.assign({ ecmaVersion: languageOptions.ecmaVersion, sourceType: languageOptions.sourceType }, languageOptions.parserOptions, {
    loc: !lazyLocations,
    range: true,
    // ESLint asks for tokens too; the rules read none (only comments: `getCommentsInside`), and
    // building them was a quarter of espree's parse and a tenth of the run
    tokens: false,
    comment: true,
    eslintVisitorKeys: true,
    eslintScopeManager: true,
    filePath: filename,
  });
  let parsed: ParseResult;
  try {
    const toParse = text.replace(SHEBANG, (_match, rest: string) => `//${rest}`);
    // a parser of its own (TypeScript) returns its scopes and keys; espree's tree gets eslint-scope's
    parsed = ownParser ? parser.parseForESLint!(toParse, parserOptions) : { ast: espree.parse(toParse, parserOptions) as ParseResult['ast'] };
  } catch {
    return undefined;
  }
  const { ast } = parsed;
  if (!ownParser && nodeClass === undefined) nodeClass = locatableNodeClass(ast) ?? null;
  return lazyLocations ? withLazyLocations(nodeClass!, ast, text, () => runRules(filename, text, rules, settings, setup, parsed)) : runRules(filename, text, rules, settings, setup, parsed);
}

/** The rest of {@link screen}, on the parsed file. */
function runRules(
  filename: string,
  text: string,
  rules: ReadonlyMap<string, { rule: ScreenedRule; options: unknown[] }>,
  settings: Record<string, unknown>,
  setup: ScreenSetup,
  parsed: ParseResult,
): ScreenResult {
  const { ast } = parsed;
  const languageOptions = setup.languageOptions;
  ast.tokens = [];
  if (ast.comments?.some((comment) => CONFIG_COMMENT.test(comment.value))) return undefined;
  const keys = evk!;
  const visitorKeys = parsed.visitorKeys ?? keys.KEYS;
  const scopeManager = parsed.scopeManager ?? analyzeScope(ast, scopeOptionsFor(languageOptions, keys));
  const sourceCode = new setup.SourceCode({ text, ast, parserServices: parsed.services ?? {}, scopeManager, visitorKeys }) as SourceCode & {
    applyLanguageOptions(options: unknown): void;
    finalize(): void;
  };
  // what ESLint's Linter does before the rules run: globals of the ecmaVersion and source type
  sourceCode.applyLanguageOptions(languageOptions);
  sourceCode.finalize();

  // parents are set on every node before the first rule is created, as in ESLint
  const steps = traversal(ast, visitorKeys, keys);
  let reported = false;
  const failuresBefore = guardedFailures.count;
  // listeners by node type, entering and leaving apart (no `type:exit` string built per node)
  const onEnter = new Map<string, ((node: unknown) => void)[]>();
  const onExit = new Map<string, ((node: unknown) => void)[]>();
  for (const [id, { rule, options }] of rules) {
    const context = Object.freeze({
      id,
      options,
      settings,
      sourceCode,
      filename,
      physicalFilename: filename,
      cwd: process.cwd(),
      languageOptions,
      parserOptions: languageOptions.parserOptions ?? {},
      report: () => {
        reported = true;
      },
    });
    const ruleListeners = rule.create(context as unknown as Rule.RuleContext) as Record<string, ((node: unknown) => void) | undefined>;
    for (const [selector, listener] of Object.entries(ruleListeners)) {
      if (typeof listener !== 'function') continue;
      if (!PLAIN_SELECTOR.test(selector)) return undefined;
      const exit = selector.endsWith(':exit');
      const table = exit ? onExit : onEnter;
      const type = exit ? selector.slice(0, -':exit'.length) : selector;
      const list = table.get(type);
      if (list) list.push(listener);
      else table.set(type, [listener]);
    }
  }
  for (const step of steps) {
    // a node is entered as itself and left as its index into `steps` plus one, negated (see traversal)
    const node = typeof step === 'number' ? steps[-step - 1] : step;
    const called = (typeof step === 'number' ? onExit : onEnter).get((node as { type: string }).type);
    if (called) for (const listener of called) listener(node);
  }
  // something the rules' guards swallowed may have cost a finding: the Linter decides
  return reported || guardedFailures.count !== failuresBefore ? undefined : { clean: true };
}

/** The options ESLint's JavaScript language gives eslint-scope for these language options (one object per options object). */
function scopeOptionsFor(languageOptions: ScreenSetup['languageOptions'], keys: VisitorKeys): ScopeOptions {
  let options = scopeOptions.get(languageOptions);
  if (!options) {
    const features = (languageOptions.parserOptions?.ecmaFeatures ?? {}) as Record<string, boolean | undefined>;
    options = {
      ignoreEval: true,
      nodejsScope: features.globalReturn,
      impliedStrict: features.impliedStrict,
      ecmaVersion: typeof languageOptions.ecmaVersion === 'number' ? languageOptions.ecmaVersion : 6,
      sourceType: languageOptions.sourceType || 'script',
      childVisitorKeys: keys.KEYS,
      fallback: keys.getKeys,
      jsx: features.jsx,
    };
    scopeOptions.set(languageOptions, options);
  }
  return options;
}

/**
 * ESLint's traversal (its `Traverser`): every node entered, its children by visitor keys, then left;
 * `parent` is set on every node before the steps are returned, as ESLint does before rules run.
 * A step is a node (entered) or, for leaving it, the negated position of its entering step minus
 * one: one flat array, without a pair allocated for each step.
 */
function traversal(ast: unknown, keys: Record<string, readonly string[]>, evk: VisitorKeys): (object | number)[] {
  const steps: (object | number)[] = [];
  const isNode = (value: unknown): value is { type: string; parent?: unknown } & Record<string, unknown> =>
    value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
  const visit = (node: unknown, parent: unknown): void => {
    if (!isNode(node)) return;
    node.parent = parent;
    const at = steps.length;
    steps.push(node);
    for (const key of keys[node.type] ?? evk.getKeys(node)) {
      const child = node[key];
      if (Array.isArray(child)) for (const item of child) visit(item, node);
      else visit(child, node);
    }
    steps.push(-at - 1);
  };
  visit(ast, null);
  return steps;
}
