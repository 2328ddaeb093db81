import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { classifyCredentialName, isGeminiApiKey, isPlaceholder, splitWords } from '../../gemini/credentials.js';
import { geminiHeaderKind } from '../../gemini/headers.js';
import { dottedPath, memberName, unwrap } from '../ast-utils.js';
import { findVariable, moduleRef } from '../values/bindings.js';
import { sameValue } from '../signing/index.js';
import { constantString, envRead, resolveValueNode, staticString } from '../values/values.js';

// What a credential's name says, what keeps a value the same and what hides it: the vocabulary
// the credential questions (credentials.ts, carried.ts) share.

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * What a value holds: the API key, the API secret, the `X-GEMINI-SIGNATURE` value (derived from
 * the secret, worth protecting) or the `X-GEMINI-PAYLOAD` value (the base64 request, not secret).
 */
export type CredentialValueKind = 'apiKey' | 'apiSecret' | 'signature' | 'payload';

// Words that make a credential-like name describe something derived from the credential and safe
// to show: maskedSecret, apiKeyPrefix, secretIsSet, apiKeyLoaded, …
const DERIVED_WORDS: ReadonlySet<string> = new Set([
  'masked', 'redacted', 'hashed', 'hash', 'obfuscated', 'truncated', 'partial', 'preview', 'short', 'safe',
  'sanitized', 'sanitised', 'censored', 'hint', 'prefix', 'suffix', 'last', 'first', 'present', 'set', 'exists',
  'configured', 'loaded', 'missing', 'ok', 'valid', 'status', 'available', 'defined', 'enabled', 'given', 'tail',
  'fingerprint', 'digest', 'checksum', 'len', 'length', 'count',
]);

/**
 * What a name says a value holds: an `X-GEMINI-*` header name gives that header's kind; otherwise
 * {@link classifyCredentialName} decides (`apiSecret`, `GEMINI_API_KEY`, `private_key`, …), except
 * for names of something derived and safe to show (`maskedSecret`, `apiKeyPrefix`, `secretIsSet`).
 */
export function credentialNameKind(name: string): CredentialValueKind | undefined {
  const header = geminiHeaderKind(name);
  if (header) return header;
  const kind = classifyCredentialName(name);
  if (!kind) return undefined;
  return splitWords(name).some((w) => DERIVED_WORDS.has(w)) ? undefined : kind;
}

/** Whether the credential-looking text of a literal is at all plausible (not `'set'`, not `'***'`). */
export function credentialLikeText(text: string): boolean {
  const t = text.trim();
  if (isGeminiApiKey(t)) return !isPlaceholder(t);
  return /^[A-Za-z0-9+/=_.-]{16,}$/.test(t) && /\d/.test(t) && /[A-Za-z]/.test(t) && !isPlaceholder(t);
}

/** A string literal, a template literal without holes, or a `+` concatenation of known strings. */
export function literalText(node: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Literal) return typeof n.value === 'string' ? n.value : undefined;
  if (n.type === AST_NODE_TYPES.TemplateLiteral || (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+')) {
    const s = staticString(n, sourceCode);
    return s?.complete ? s.text : undefined;
  }
  return undefined;
}

/** Literal values that cannot be a credential: numbers, booleans, `null`, `'set'`, `'***'`. */
export function isInertLiteral(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Literal && typeof n.value !== 'string') return true;
  if (n.type === AST_NODE_TYPES.Identifier && n.name === 'undefined') return true;
  const text = literalText(n, sourceCode);
  return text !== undefined && !credentialLikeText(text);
}

const HIDING_METHODS: ReadonlySet<string> = new Set([
  'charAt', 'charCodeAt', 'codePointAt', 'at', 'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf',
  'search', 'match', 'matchAll', 'test', 'localeCompare', 'digest', 'keys', 'has', 'isArray', 'isInteger',
]);
const HIDING_FUNCTIONS: ReadonlySet<string> = new Set(['Boolean', 'Number', 'isNaN', 'isFinite', 'parseInt', 'parseFloat']);
const HIDING_WORD = /^(?:redact|mask|hash|sha\d*|md5|obfuscat|censor|saniti[sz]|truncat|hide|hidden|scrub|fingerprint|anonymi[sz]|abbreviat|shorten|elide|preview|partial)/;

/** `slice()` / `slice(0)` copy the whole string; any other `slice`/`substring`/`substr` is a part. */
function isWholeSlice(call: TSESTree.CallExpression, sourceCode: SourceCode): boolean {
  if (call.arguments.length === 0) return true;
  if (call.arguments.length !== 1) return false;
  const arg = call.arguments[0]!;
  return constantString(arg, sourceCode) === '0';
}

/**
 * Whether an expression derives something safe to show from a value: `!!secret`, `typeof key`,
 * `key.length`, `Boolean(key)`, comparisons, `key.slice(0, 4)`, `redact(secret)` / `mask(key)` /
 * any function named like a masker or hasher, `createHash(…).digest()`, and
 * `secret ? 'set' : 'missing'`. Such a value never holds the credential it is computed from.
 */
export function hidesCredential(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const n = unwrap(node);
  switch (n.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      return n.operator !== '+';
    case AST_NODE_TYPES.Literal:
      return typeof n.value !== 'string';
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(n);
      return name === 'length' || name === 'size';
    }
    case AST_NODE_TYPES.ConditionalExpression:
      return [n.consequent, n.alternate].every((b) => hidesCredential(b, sourceCode) || isInertLiteral(b, sourceCode));
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(n.callee);
      let name: string | undefined;
      if (callee.type === AST_NODE_TYPES.Identifier) {
        name = callee.name;
        if (HIDING_FUNCTIONS.has(name)) return true;
      } else if (callee.type === AST_NODE_TYPES.MemberExpression) {
        name = memberName(callee);
        if (name === undefined) return false;
        if (HIDING_METHODS.has(name)) return true;
        if (name === 'slice' || name === 'substring' || name === 'substr') return !isWholeSlice(n, sourceCode);
      }
      return name !== undefined && splitWords(name).some((w) => HIDING_WORD.test(w));
    }
    default:
      return false;
  }
}

/**
 * Strips conversions that keep a value what it is: `await x`, `String(x)`, `x.toString(…)`,
 * `x.trim()`, `x.valueOf()`, `x.slice()`, `Buffer.from(x)`, `new TextEncoder().encode(x)`.
 */
export function peelConversions(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node {
  let n = unwrap(node);
  for (let i = 0; i < 12; i++) {
    if (n.type === AST_NODE_TYPES.AwaitExpression) {
      n = unwrap(n.argument);
      continue;
    }
    if (n.type !== AST_NODE_TYPES.CallExpression) return n;
    const callee = unwrap(n.callee);
    const first = n.arguments[0];
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(callee);
      if (name === 'toString' || name === 'trim' || name === 'trimStart' || name === 'trimEnd' || name === 'valueOf' || ((name === 'slice' || name === 'substring') && isWholeSlice(n, sourceCode))) {
        n = unwrap(callee.object);
        continue;
      }
      if (first && first.type !== AST_NODE_TYPES.SpreadElement) {
        const ref = moduleRef(callee, sourceCode);
        if ((ref?.source === '<global>' || ref?.source === 'buffer') && ref.path.join('.') === 'Buffer.from') {
          n = unwrap(first);
          continue;
        }
        // new TextEncoder().encode(x)
        if (name === 'encode' && unwrap(callee.object).type === AST_NODE_TYPES.NewExpression) {
          n = unwrap(first);
          continue;
        }
      }
      return n;
    }
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' && n.arguments.length === 1 && first && first.type !== AST_NODE_TYPES.SpreadElement) {
      const ref = moduleRef(callee, sourceCode);
      if (ref?.source === '<global>') {
        n = unwrap(first);
        continue;
      }
    }
    return n;
  }
  return n;
}

/**
 * Whether two expressions certainly hold the same value: {@link sameValue} after peeling
 * conversions, plus equal member paths on the same variable (`opts.auth.key` twice in one scope).
 */
export function sameCredentialValue(a: TSESTree.Node, b: TSESTree.Node, sourceCode: SourceCode): boolean {
  const pa = peelConversions(a, sourceCode);
  const pb = peelConversions(b, sourceCode);
  if (pa === pb) return true;
  if (sameValue(pa, pb, sourceCode)) return true;
  if (pa.type === AST_NODE_TYPES.MemberExpression && pb.type === AST_NODE_TYPES.MemberExpression) {
    const path = dottedPath(pa);
    if (path === undefined || path !== dottedPath(pb)) return false;
    const rootA = memberRoot(pa);
    const rootB = memberRoot(pb);
    if (rootA.type === AST_NODE_TYPES.Identifier && rootB.type === AST_NODE_TYPES.Identifier) {
      const va = findVariable(rootA, sourceCode);
      return va !== null && va === findVariable(rootB, sourceCode);
    }
  }
  return false;
}

/**
 * Keys under which {@link sameCredentialValue} considers two expressions the same value: two
 * expressions are the same value when their key lists share a key. Lets a file's header values and
 * HMAC keys be indexed once, so a question about one value does not compare it with every one.
 */
export function valueKeys(node: TSESTree.Node, sourceCode: SourceCode): unknown[] {
  const peeled = peelConversions(node, sourceCode);
  const keys: unknown[] = [peeled];
  const env = envRead(peeled, sourceCode);
  if (env) keys.push(`env:${env.name}`);
  const resolved = resolveValueNode(peeled, sourceCode);
  keys.push(resolved);
  if (resolved.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(resolved, sourceCode);
    if (variable) keys.push(variable);
  } else if (resolved.type === AST_NODE_TYPES.MemberExpression && unwrap(resolved.object).type === AST_NODE_TYPES.ThisExpression) {
    const name = memberName(resolved);
    if (name !== undefined) keys.push(`this:${name}`);
  }
  if (peeled.type === AST_NODE_TYPES.MemberExpression) {
    const path = dottedPath(peeled);
    const root = memberRoot(peeled);
    const variable = path !== undefined && root.type === AST_NODE_TYPES.Identifier ? findVariable(root, sourceCode) : null;
    if (variable) keys.push(`path:${path}`, variable);
  }
  return pathKeys(keys);
}

/** Items indexed by the values they are about ({@link valueKeys}); finds the first added that holds the same value. */
export class ValueIndex<T> {
  private readonly byKey = new Map<unknown, { order: number; item: T }[]>();
  private count = 0;

  constructor(private readonly sourceCode: SourceCode) {}

  add(node: TSESTree.Node, item: T): void {
    const entry = { order: this.count++, item };
    for (const key of valueKeys(node, this.sourceCode)) {
      const list = this.byKey.get(key);
      if (list) list.push(entry);
      else this.byKey.set(key, [entry]);
    }
  }

  /** The first item added for a value that is certainly the same as `node`'s. */
  find(node: TSESTree.Node): T | undefined {
    let best: { order: number; item: T } | undefined;
    for (const key of valueKeys(node, this.sourceCode)) {
      for (const entry of this.byKey.get(key) ?? []) if (!best || entry.order < best.order) best = entry;
    }
    return best?.item;
  }
}

/** Numbers for root variables, so a member path on one variable is one string key. */
const variableIds = new WeakMap<object, number>();
let nextVariableId = 0;

/** Folds `path:…` followed by its root variable into one key (a string per variable and path). */
function pathKeys(keys: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (typeof key === 'string' && key.startsWith('path:') && i + 1 < keys.length) {
      const variable = keys[++i] as object;
      let id = variableIds.get(variable);
      if (id === undefined) {
        id = nextVariableId++;
        variableIds.set(variable, id);
      }
      out.push(`${key}@${id}`);
    } else out.push(key);
  }
  return out;
}

export function memberRoot(node: TSESTree.MemberExpression): TSESTree.Node {
  let current: TSESTree.Node = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current;
}

/** The names along a member chain: `config.gemini.secret` → `['config', 'gemini', 'secret']`. */
export function memberNames(node: TSESTree.MemberExpression, sourceCode: SourceCode): string[] {
  const names: string[] = [];
  let current: TSESTree.Node = node;
  for (let i = 0; i < 16 && current.type === AST_NODE_TYPES.MemberExpression; i++) {
    const name = memberName(current) ?? (current.computed ? constantString(current.property, sourceCode) : undefined);
    if (name !== undefined) names.unshift(name);
    current = unwrap(current.object);
  }
  if (current.type === AST_NODE_TYPES.Identifier) names.unshift(current.name);
  return names;
}
