import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isGeminiApiKey, isPlaceholder } from '../../gemini/credentials.js';
import { geminiHeaderKind, type GeminiHeaderKind } from '../../gemini/headers.js';
import { isFunctionNode, memberName, returnedExpressions, staticKeyName, unwrap, type FunctionNode } from '../ast-utils.js';
import { calledFunction } from '../values/functions.js';
import { moduleRef, resolveIdentifier } from '../values/bindings.js';
import { callSitesOf } from '../values/symbolic.js';
import { memoForFile } from '../memo.js';
import { constantString, objectEntries, resolveObjectLiteral, resolveValueNode } from '../values/values.js';
import { hidesCredential, isInertLiteral, literalText, peelConversions, ValueIndex, type CredentialValueKind } from './credential-values.js';
import { credentialKind, fileFacts, type CredentialFact } from './credentials.js';
import { carriesSignedRequest } from './signed-requests.js';
import { swallowed } from '../../utils/guard.js';

// What a value carries: the credentials inside an expression (objects, templates, serialisations)
// and the X-GEMINI-* headers an object holds — the question a log line or a bundle asks.

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The `X-GEMINI-*` headers an object holds: an object literal with those keys (spreads merged,
 * values that are masked or constant like `'***'` not counted), a `headers` entry holding them
 * (an axios / fetch config), `new Headers({…})`, or an object they are written into later
 * (`h['X-GEMINI-APIKEY'] = key`, `h.set('X-GEMINI-SIGNATURE', sig)`). Empty when none. With
 * `nested: false`, a `headers` entry is not looked into (only the object's own keys count).
 */
export function geminiHeadersHeld(node: TSESTree.Node, sourceCode: SourceCode, options: { nested?: boolean } = {}): Set<GeminiHeaderKind> {
  const kinds = new Set<GeminiHeaderKind>();
  try {
    collectHeaders(node, sourceCode, kinds, options.nested === false ? 4 : 0, new Map());
  } catch {
    swallowed();
    // defensive: never throw out of a rule
  }
  return kinds;
}

/** Methods of a Headers / AxiosHeaders object that return its entries. */
const ENTRY_VIEWS: ReadonlySet<string> = new Set(['entries', 'toJSON', 'raw']);

/**
 * Adds to `kinds` the Gemini headers `node` holds, looking `depth` levels deep at most. `seen` has
 * the least depth each node was looked at from: looked at again as deep or deeper, it adds nothing
 * (a helper that returns itself from 20 branches was 20^4 look-ups, seconds for one call).
 */
function collectHeaders(node: TSESTree.Node, sourceCode: SourceCode, kinds: Set<GeminiHeaderKind>, depth: number, seen: Map<TSESTree.Node, number>): void {
  if (depth > 5) return;
  const before = seen.get(node);
  if (before !== undefined && before <= depth) return;
  seen.set(node, depth);
  const n = peelConversions(node, sourceCode);
  const value = resolveValueNode(n, sourceCode);
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    for (const entry of objectEntries(value, sourceCode).entries) {
      const kind = geminiHeaderKind(entry.key);
      if (kind) {
        const v = peelConversions(entry.valueNode, sourceCode);
        if (!hidesCredential(v, sourceCode) && !isInertLiteral(v, sourceCode)) kinds.add(kind);
      } else if (entry.key.toLowerCase() === 'headers' && depth < 4) {
        collectHeaders(entry.valueNode, sourceCode, kinds, depth + 1, seen);
      }
    }
  } else if (depth < 4 && value.type === AST_NODE_TYPES.NewExpression && value.arguments[0] && unwrap(value.callee).type === AST_NODE_TYPES.Identifier && (unwrap(value.callee) as TSESTree.Identifier).name === 'Headers') {
    collectHeaders(value.arguments[0], sourceCode, kinds, depth + 1, seen);
  } else if (depth < 4 && value.type === AST_NODE_TYPES.Identifier) {
    // a helper's parameter: what the helper's callers in this file pass
    const binding = resolveIdentifier(value, sourceCode);
    if (binding.kind === 'parameter') {
      const index = binding.fn.params.findIndex((p) => p.type === AST_NODE_TYPES.Identifier && p.name === binding.name);
      for (const site of index === -1 ? [] : callSitesOf(binding.fn, sourceCode)) {
        const arg = site.arguments[index];
        if (arg && arg.type !== AST_NODE_TYPES.SpreadElement) collectHeaders(arg, sourceCode, kinds, depth + 1, seen);
      }
    }
  } else if (depth < 4 && value.type === AST_NODE_TYPES.CallExpression) {
    // a Headers object or request init built by a local helper: what it returns
    const fn = calledFunction(value, sourceCode);
    if (fn) for (const returned of returnedExpressions(fn)) collectHeaders(returned, sourceCode, kinds, depth + 1, seen);
    // Object.fromEntries(headers), headers.entries(), structuredClone(init): the same entries
    const [first] = value.arguments;
    const callee = unwrap(value.callee);
    const path = moduleRef(callee, sourceCode)?.path.join('.');
    if (first && first.type !== AST_NODE_TYPES.SpreadElement && (path === 'Object.fromEntries' || path === 'structuredClone' || path === 'Array.from')) collectHeaders(first, sourceCode, kinds, depth + 1, seen);
    if (value.arguments.length === 0 && callee.type === AST_NODE_TYPES.MemberExpression && ENTRY_VIEWS.has(memberName(callee) ?? '')) collectHeaders(callee.object, sourceCode, kinds, depth + 1, seen);
  }
  const holders = holderIndex(sourceCode);
  if (holders.size === 0) return;
  for (const [kind, index] of holders) if (!kinds.has(kind) && index.find(n) !== undefined) kinds.add(kind);
}

/**
 * Objects the headers are written into (`h.set('X-GEMINI-APIKEY', …)`, `config.headers[k] = v`,
 * which makes `config` a holder too), indexed by value per header kind once per file.
 */
function holderIndex(sourceCode: SourceCode): ReadonlyMap<GeminiHeaderKind, ValueIndex<true>> {
  return memoForFile(sourceCode, 'exposure:holderIndex', () => {
    const index = new Map<GeminiHeaderKind, ValueIndex<true>>();
    for (const { holder, kind } of fileFacts(sourceCode).holders) {
      let byValue = index.get(kind);
      if (!byValue) {
        byValue = new ValueIndex<true>(sourceCode);
        index.set(kind, byValue);
      }
      byValue.add(holder, true);
      // config.headers['X-GEMINI-APIKEY'] = key: `config` holds them too
      if (holder.type === AST_NODE_TYPES.MemberExpression && memberName(holder)?.toLowerCase() === 'headers') byValue.add(holder.object, true);
    }
    return index;
  });
}

/** A credential found inside an expression by {@link credentialsIn}. */
export interface CredentialUse {
  /** What it is; `headers` is an object holding `X-GEMINI-APIKEY` or `X-GEMINI-SIGNATURE`. */
  kind: CredentialValueKind | 'headers';
  /** The expression that holds it (inside the searched expression, or in a definition it reaches). */
  node: TSESTree.Node;
  /** The decision of {@link credentialKind}, when that function decided. */
  fact?: CredentialFact;
}

/** Expressions {@link credentialsIn} looks into rather than asking {@link credentialKind} about as a whole. */
const CONTAINERS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.SequenceExpression,
]);

function propertyKey(prop: TSESTree.Property, sourceCode: SourceCode): string | undefined {
  return staticKeyName(prop.key, prop.computed) ?? (prop.computed ? constantString(prop.key, sourceCode) : undefined);
}

const PASS_THROUGH_GLOBALS: ReadonlySet<string> = new Set([
  'JSON.stringify', 'String', 'Object.assign', 'Object.values', 'Object.entries', 'Object.fromEntries', 'Array.from', 'structuredClone',
  'Error', 'TypeError', 'RangeError', 'encodeURIComponent', 'encodeURI', 'btoa',
]);

/** Arguments whose value ends up, whole, in the result of a call: `JSON.stringify(x)`, `util.format(…)`, `x.concat(y)`. */
function passThroughArguments(call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: SourceCode): TSESTree.Node[] {
  const callee = unwrap(call.callee);
  const ref = moduleRef(callee, sourceCode);
  const args = call.arguments.map((a) => (a.type === AST_NODE_TYPES.SpreadElement ? a.argument : a));
  if (ref?.source === '<global>' && PASS_THROUGH_GLOBALS.has(ref.path.join('.'))) return ref.path.join('.') === 'JSON.stringify' ? args.slice(0, 1) : args;
  if (ref?.source === 'util' && (ref.path[0] === 'format' || ref.path[0] === 'inspect' || ref.path[0] === 'formatWithOptions')) return args;
  if (ref?.source === 'querystring' && ref.path[0] === 'stringify') return args.slice(0, 1);
  if (call.type === AST_NODE_TYPES.NewExpression && ref?.source === '<global>' && ref.path.join('.') === 'URLSearchParams') return args;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(callee);
    if (name === 'concat') return [callee.object, ...args];
    if (args.length === 0 && name !== undefined && ENTRY_VIEWS.has(name)) return [callee.object];
    if (name === 'join' || name === 'padStart' || name === 'padEnd' || name === 'repeat' || name === 'toUpperCase' || name === 'toLowerCase' || name === 'normalize') return [callee.object];
  }
  return [];
}

function isJsonStringify(call: TSESTree.CallExpression, sourceCode: SourceCode): boolean {
  const ref = moduleRef(unwrap(call.callee), sourceCode);
  return ref?.source === '<global>' && ref.path.join('.') === 'JSON.stringify';
}

/** The `toJSON()` method of an object literal an expression holds, if it has one. */
function toJsonMethod(node: TSESTree.Node, sourceCode: SourceCode): FunctionNode | undefined {
  const value = resolveValueNode(node, sourceCode);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const prop of value.properties) {
    if (prop.type !== AST_NODE_TYPES.Property || staticKeyName(prop.key, prop.computed) !== 'toJSON') continue;
    return isFunctionNode(prop.value) ? prop.value : undefined;
  }
  return undefined;
}

/**
 * Every credential an expression carries: the expression itself ({@link credentialKind}, or an
 * object holding `X-GEMINI-APIKEY`/`X-GEMINI-SIGNATURE`, see {@link geminiHeadersHeld}), and
 * anything inside it — object and array literals, spreads, template literals, `+`
 * concatenations, both ends of `||`/`??`/ternaries, `JSON.stringify`/`String`/`util.format`/
 * `.concat`/`new Error(…)` arguments — also when the container is defined elsewhere in the file
 * and reached through a `const` or an object property. String literals count only as Gemini API
 * keys (a literal's name says nothing about what a log line shows). Values that hide the
 * credential (`Boolean(key)`, `key.length`, `mask(secret)`) stop the search. An axios or got error
 * of a signed request (`err`, `err.config`, …; see {@link carriesSignedRequest}) counts as headers.
 * With `json: true` (a logger that serialises with JSON.stringify, or inside `JSON.stringify(…)`),
 * an object literal with a `toJSON()` method is judged by what that method returns.
 */
export function credentialsIn(node: TSESTree.Node, sourceCode: SourceCode, options: { json?: boolean } = {}): CredentialUse[] {
  const found: CredentialUse[] = [];
  try {
    const seen = new Set<TSESTree.Node>();
    const visit = (raw: TSESTree.Node, depth: number, json = options.json === true): void => {
      if (depth > 16 || found.length > 50) return;
      const n = peelConversions(raw, sourceCode);
      if (seen.has(n)) return;
      seen.add(n);
      const text = literalText(n, sourceCode);
      if (text !== undefined) {
        const t = text.trim();
        if (isGeminiApiKey(t) && !isPlaceholder(t)) {
          found.push({ kind: 'apiKey', node: n, fact: { kind: 'apiKey', reason: 'key-literal', node: n } });
          return;
        }
        // a plain string says nothing more; a concatenation may still hold named credentials
        if (n.type === AST_NODE_TYPES.Literal || (n.type === AST_NODE_TYPES.TemplateLiteral && n.expressions.length === 0)) return;
      }
      if (hidesCredential(n, sourceCode)) {
        // the value of a masked ternary is one of its branches, but its test is not shown
        return;
      }
      if (!CONTAINERS.has(n.type)) {
        const fact = credentialKind(n, sourceCode);
        if (fact) {
          found.push({ kind: fact.kind, node: n, fact });
          return;
        }
        // an axios / got error of a signed request keeps the request's headers
        if (carriesSignedRequest(n, sourceCode)) {
          found.push({ kind: 'headers', node: n });
          return;
        }
      }
      // serialised as JSON, an object with a toJSON() shows what toJSON returns, not its own fields
      const serialiser = json ? toJsonMethod(n, sourceCode) : undefined;
      if (serialiser) {
        for (const returned of returnedExpressions(serialiser)) visit(returned, depth + 1, json);
        return;
      }
      // an object literal written here is looked into, so the headers entry inside is what is reported
      const headers = geminiHeadersHeld(n, sourceCode, { nested: n.type !== AST_NODE_TYPES.ObjectExpression });
      if (headers.has('apiKey') || headers.has('signature')) {
        found.push({ kind: 'headers', node: n });
        return;
      }
      switch (n.type) {
        case AST_NODE_TYPES.ObjectExpression:
          n.properties.forEach((prop, i) => {
            // a later `key: …` replaces what came before it: `{ ...headers, 'X-GEMINI-APIKEY': '***' }`
            const later = new Set<string>();
            for (const p of n.properties.slice(i + 1)) {
              const key = p.type === AST_NODE_TYPES.Property ? propertyKey(p, sourceCode) : undefined;
              if (key !== undefined) later.add(key.toLowerCase());
            }
            if (prop.type === AST_NODE_TYPES.SpreadElement) {
              const kinds = geminiHeadersHeld(prop.argument, sourceCode);
              for (const key of later) {
                const kind = geminiHeaderKind(key);
                if (kind) kinds.delete(kind);
              }
              if (kinds.has('apiKey') || kinds.has('signature')) {
                found.push({ kind: 'headers', node: prop.argument });
                return;
              }
              const spread = resolveObjectLiteral(prop.argument, sourceCode);
              if (!spread) {
                visit(prop.argument, depth + 1, json);
                return;
              }
              for (const entry of objectEntries(spread, sourceCode).entries) if (!later.has(entry.key.toLowerCase())) visit(entry.valueNode, depth + 1, json);
              return;
            }
            const key = propertyKey(prop, sourceCode);
            if (key !== undefined && later.has(key.toLowerCase())) return;
            if (prop.value.type !== AST_NODE_TYPES.AssignmentPattern && !(prop.kind === 'get' || prop.kind === 'set' || prop.method)) visit(prop.value, depth + 1, json);
          });
          return;
        case AST_NODE_TYPES.ArrayExpression:
          for (const el of n.elements) if (el) visit(el.type === AST_NODE_TYPES.SpreadElement ? el.argument : el, depth + 1, json);
          return;
        case AST_NODE_TYPES.TemplateLiteral:
          n.expressions.forEach((e) => visit(e, depth + 1, json));
          return;
        case AST_NODE_TYPES.TaggedTemplateExpression:
          return;
        case AST_NODE_TYPES.BinaryExpression:
          if (n.operator === '+') {
            visit(n.left, depth + 1, json);
            visit(n.right, depth + 1, json);
          }
          return;
        case AST_NODE_TYPES.LogicalExpression:
          if (n.operator !== '&&') visit(n.left, depth + 1, json);
          visit(n.right, depth + 1, json);
          return;
        case AST_NODE_TYPES.ConditionalExpression:
          visit(n.consequent, depth + 1, json);
          visit(n.alternate, depth + 1, json);
          return;
        case AST_NODE_TYPES.SequenceExpression: {
          const lastExpr = n.expressions[n.expressions.length - 1];
          if (lastExpr) visit(lastExpr, depth + 1, json);
          return;
        }
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression: {
          const stringify = n.type === AST_NODE_TYPES.CallExpression && isJsonStringify(n, sourceCode);
          for (const arg of passThroughArguments(n, sourceCode)) visit(arg, depth + 1, json || stringify);
          return;
        }
        case AST_NODE_TYPES.Identifier:
        case AST_NODE_TYPES.MemberExpression: {
          // a container defined elsewhere: const line = `key=${key}`; log(line)
          const value = resolveValueNode(n, sourceCode);
          if (value !== n) visit(value, depth + 1, json);
          return;
        }
        default:
          return;
      }
    };
    visit(node, 0);
  } catch {
    swallowed();
    // defensive: what was found so far stands
  }
  return found;
}
