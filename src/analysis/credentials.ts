import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  classifyCredentialName,
  isGeminiApiKey,
  isGeminiNamed,
  isPlaceholder,
  looksLikeGeminiSecret,
  splitWords,
} from '../gemini/credentials.js';
import { GEMINI_HEADERS, geminiHeaderKind, type GeminiHeaderKind } from '../gemini/headers.js';
import { dottedPath, memberName, staticKeyName, unwrap } from './ast-utils.js';
import { findVariable, moduleRef, resolveIdentifier } from './values/bindings.js';
import { geminiContext } from './gemini-context.js';
import { exportedValue } from './cross-file/exports.js';
import { memoForFile } from './memo.js';
import { fileSettings } from './cross-file/settings.js';
import { geminiHeaderSinks, hmacUses, sameValue, signatureFlows, type HeaderSink, type HmacUse } from './signing.js';
import { classFieldValue, constantString, envRead, objectEntries, propertyValue, resolveObjectLiteral, resolveValueNode, staticString } from './values/values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * What a value holds: the API key, the API secret, the `X-GEMINI-SIGNATURE` value (derived from
 * the secret, worth protecting) or the `X-GEMINI-PAYLOAD` value (the base64 request, not secret).
 */
export type CredentialValueKind = 'apiKey' | 'apiSecret' | 'signature' | 'payload';

/** Why a value was taken to hold a credential, strongest first. */
export type CredentialReason =
  /** The value is a Gemini API key literal (`account-`/`master-` + 20 characters). */
  | 'key-literal'
  /** The value is sent as `X-GEMINI-APIKEY`. */
  | 'api-key-header'
  /** The value is sent as `X-GEMINI-PAYLOAD`. */
  | 'payload-header'
  /** The value is sent as `X-GEMINI-SIGNATURE`. */
  | 'signature-header'
  /** The value is the output of an HMAC that signs Gemini requests. */
  | 'signature-hmac'
  /** The value keys an HMAC that signs Gemini requests. */
  | 'hmac-key'
  /** The value is read from an environment variable with a credential name. */
  | 'env'
  /** A literal written as the fallback of such an environment read (`process.env.X || '…'`). */
  | 'env-fallback'
  /** An identifier, member, property, field or parameter name says what the value is. */
  | 'name'
  /** A secret-shaped literal in the same object literal as a Gemini API key. */
  | 'beside-api-key'
  /**
   * An exported constant that other files use as the Gemini API key or as the key of their Gemini
   * signing HMAC (the scanner's cross-file phase); `detail` lists where.
   */
  | 'remote-use';

/**
 * `export const SECRET = '…'` that other files use in a Gemini credential role, as the scanner's
 * cross-file phase found (`exportUses` settings): the literal is that credential.
 */
function remoteCredentialUse(name: string, value: TSESTree.Node, sourceCode: SourceCode): CredentialFact | undefined {
  const uses = fileSettings(sourceCode).exportUses?.[name];
  if (!uses || exportedValue(sourceCode, name) !== unwrap(value)) return undefined;
  for (const kind of ['apiSecret', 'apiKey'] as const) {
    const sites = uses.filter((u) => u.role === kind).map((u) => u.site);
    if (sites.length > 0) return { kind, reason: 'remote-use', detail: [...new Set(sites)].sort().join(', '), node: value };
  }
  return undefined;
}

/** The answer of {@link credentialKind}. */
export interface CredentialFact {
  kind: CredentialValueKind;
  reason: CredentialReason;
  /**
   * The name that decided, for messages: the identifier or property name (`apiSecret`), the
   * environment variable (`GEMINI_API_SECRET`) or the header (`X-GEMINI-APIKEY`). Never a value.
   */
  detail?: string;
  /** Where the deciding fact was seen (the value itself, its definition, the header, …). */
  node: TSESTree.Node;
}

/** Per-file facts shared by every {@link credentialKind} question. */
interface FileFacts {
  sinks: HeaderSink[];
  /** Key arguments of HMACs that sign Gemini requests. */
  hmacKeys: TSESTree.Node[];
  /** HMACs that sign Gemini requests (their chain holds the signature). */
  signingHmacs: HmacUse[];
  /** Objects that hold `X-GEMINI-*` headers through writes (`h[k] = v`, `h.set(k, v)`). */
  holders: { holder: TSESTree.Node; kind: GeminiHeaderKind }[];
  cache: Map<TSESTree.Node, CredentialFact | null>;
}

const HEADER_REASON: Record<GeminiHeaderKind, CredentialReason> = {
  apiKey: 'api-key-header',
  payload: 'payload-header',
  signature: 'signature-header',
};

function fileFacts(sourceCode: SourceCode): FileFacts {
  return memoForFile(sourceCode, 'credentialFacts', () => {
    const sinks = safe(() => geminiHeaderSinks(sourceCode), []);
    const flows = safe(() => signatureFlows(sourceCode), []);
    const signingHmacs = flows.map((f) => f.hmac);
    // An HMAC-SHA384 in Gemini code signs Gemini requests even when the header is set in another file.
    const ctx = geminiContext(sourceCode);
    for (const use of safe(() => hmacUses(sourceCode), [])) {
      if (use.algorithm === 'sha384' && !signingHmacs.includes(use) && ctx.isGeminiCode(use.node)) signingHmacs.push(use);
    }
    const hmacKeys = signingHmacs.flatMap((h) => (h.keyNode ? [h.keyNode] : []));
    const holders: FileFacts['holders'] = [];
    for (const sink of sinks) {
      const parent = sink.nameNode.parent;
      // h['X-GEMINI-APIKEY'] = v
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === sink.nameNode) holders.push({ holder: parent.object, kind: sink.kind });
      // h.set('X-GEMINI-APIKEY', v)
      if (parent?.type === AST_NODE_TYPES.CallExpression) {
        const callee = unwrap(parent.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression) holders.push({ holder: callee.object, kind: sink.kind });
      }
    }
    return { sinks, hmacKeys, signingHmacs, holders, cache: new Map() };
  });
}

function safe<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch {
    return fallback;
  }
}

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
function credentialLikeText(text: string): boolean {
  const t = text.trim();
  if (isGeminiApiKey(t)) return !isPlaceholder(t);
  return /^[A-Za-z0-9+/=_.-]{16,}$/.test(t) && /\d/.test(t) && /[A-Za-z]/.test(t) && !isPlaceholder(t);
}

/** A string literal, a template literal without holes, or a `+` concatenation of known strings. */
function literalText(node: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Literal) return typeof n.value === 'string' ? n.value : undefined;
  if (n.type === AST_NODE_TYPES.TemplateLiteral || (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+')) {
    const s = staticString(n, sourceCode);
    return s?.complete ? s.text : undefined;
  }
  return undefined;
}

/** Literal values that cannot be a credential: numbers, booleans, `null`, `'set'`, `'***'`. */
function isInertLiteral(node: TSESTree.Node, sourceCode: SourceCode): boolean {
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
function sameCredentialValue(a: TSESTree.Node, b: TSESTree.Node, sourceCode: SourceCode): boolean {
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

function memberRoot(node: TSESTree.MemberExpression): TSESTree.Node {
  let current: TSESTree.Node = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current;
}

/** The names along a member chain: `config.gemini.secret` → `['config', 'gemini', 'secret']`. */
function memberNames(node: TSESTree.MemberExpression, sourceCode: SourceCode): string[] {
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

interface State {
  sourceCode: SourceCode;
  facts: FileFacts;
  /** The node the question was asked about. */
  origin: TSESTree.Node;
  seen: Set<TSESTree.Node>;
}

/**
 * Whether a credential named `names` at `nodes` is a Gemini exchange credential: never in code the
 * context says belongs to another API; yes in Gemini code; yes for a Gemini name
 * (`GEMINI_API_SECRET`, `config.gemini.secret`) unless the file also talks to Google's Gemini AI,
 * which reads a `GEMINI_API_KEY` too.
 */
function geminiCredential(names: readonly string[], nodes: readonly TSESTree.Node[], state: State): boolean {
  const ctx = geminiContext(state.sourceCode);
  if (nodes.some((n) => ctx.isOtherApiCode(n))) return false;
  if (nodes.some((n) => ctx.isGeminiCode(n))) return true;
  if (!names.some((n) => isGeminiNamed(n))) return false;
  return !ctx.counterEvidence.some((e) => e.kind === 'google-gemini-ai');
}

function nameFact(name: string, allNames: readonly string[], node: TSESTree.Node, state: State): CredentialFact | undefined {
  const kind = credentialNameKind(name);
  if (!kind) return undefined;
  // X-GEMINI-* header names are Gemini by definition
  if (geminiHeaderKind(name) || geminiCredential(allNames, [state.origin, node], state)) return { kind, reason: 'name', detail: name, node };
  return undefined;
}

function flowFact(node: TSESTree.Node, state: State): CredentialFact | undefined {
  const { facts, sourceCode } = state;
  for (const sink of facts.sinks) {
    if (sameCredentialValue(node, sink.valueNode, sourceCode)) {
      return { kind: sink.kind, reason: HEADER_REASON[sink.kind], detail: GEMINI_HEADERS[sink.kind], node: sink.valueNode };
    }
  }
  for (const key of facts.hmacKeys) {
    if (sameCredentialValue(node, key, sourceCode)) return { kind: 'apiSecret', reason: 'hmac-key', node: key };
  }
  if (facts.signingHmacs.length > 0) {
    const resolved = resolveValueNode(node, sourceCode);
    for (const hmac of facts.signingHmacs) {
      if (hmac.chain.has(node) || hmac.chain.has(resolved)) return { kind: 'signature', reason: 'signature-hmac', node: hmac.node };
    }
  }
  return undefined;
}

/**
 * What the place a literal is written in says about it: `const apiSecret = '…'`,
 * `{ secret: '…' }`, `apiSecret = '…'` (class field), `this.secret = '…'`, `(secret = '…') =>`,
 * `process.env.GEMINI_API_SECRET || '…'`, or a secret-shaped value beside a Gemini key.
 */
function literalContextFact(node: TSESTree.Node, text: string, state: State): CredentialFact | undefined {
  const { sourceCode } = state;
  let current: TSESTree.Node = node;
  let fallbackOf: string | undefined;
  for (let i = 0; i < 16; i++) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && (parent.operator === '||' || parent.operator === '??')) {
      const other = parent.left === current ? parent.right : parent.left;
      const env = envRead(other, sourceCode);
      if (env && fallbackOf === undefined) fallbackOf = env.name;
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current) {
      current = parent;
      continue;
    }
    if (
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion
    ) {
      current = parent;
      continue;
    }
    break;
  }
  if (fallbackOf !== undefined) {
    const kind = credentialNameKind(fallbackOf);
    if (kind && geminiCredential([fallbackOf], [state.origin], state)) return { kind, reason: 'env-fallback', detail: fallbackOf, node: current };
  }
  const parent = current.parent;
  if (!parent) return undefined;
  let names: string[] = [];
  let nameNode: TSESTree.Node = parent;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      if (parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
        names = [parent.id.name];
        const remote = remoteCredentialUse(parent.id.name, current, sourceCode);
        if (remote) return remote;
      }
      break;
    case AST_NODE_TYPES.Property: {
      if (parent.value !== current) break;
      const key = staticKeyName(parent.key, parent.computed) ?? (parent.computed ? constantString(parent.key, sourceCode) : undefined);
      if (key !== undefined) names = [...objectPathNames(parent, sourceCode), key];
      nameNode = parent.key;
      break;
    }
    case AST_NODE_TYPES.PropertyDefinition: {
      if (parent.value !== current) break;
      const key = staticKeyName(parent.key, parent.computed);
      if (key !== undefined) names = [key.replace(/^#/, '')];
      nameNode = parent.key;
      break;
    }
    case AST_NODE_TYPES.AssignmentExpression:
      if (parent.right !== current) break;
      if (parent.left.type === AST_NODE_TYPES.Identifier) names = [parent.left.name];
      else if (parent.left.type === AST_NODE_TYPES.MemberExpression) names = memberNames(parent.left, sourceCode);
      nameNode = parent.left;
      break;
    case AST_NODE_TYPES.AssignmentPattern:
      // (secret = '…') => …, const { secret = '…' } = cfg
      if (parent.right === current && parent.left.type === AST_NODE_TYPES.Identifier) names = [parent.left.name];
      nameNode = parent.left;
      break;
    case AST_NODE_TYPES.TSEnumMember:
      names = [staticKeyName(parent.id, false) ?? ''];
      nameNode = parent.id;
      break;
    case AST_NODE_TYPES.JSXExpressionContainer:
    case AST_NODE_TYPES.JSXAttribute: {
      const attr = parent.type === AST_NODE_TYPES.JSXAttribute ? parent : parent.parent;
      if (attr?.type === AST_NODE_TYPES.JSXAttribute && attr.name.type === AST_NODE_TYPES.JSXIdentifier) names = [attr.name.name];
      break;
    }
    default:
      break;
  }
  const last = names[names.length - 1];
  if (last !== undefined && last.length > 0) {
    const fact = nameFact(last, names, nameNode, state);
    if (fact) return fact;
  }
  // { key: 'account-…', secret2: '<secret-shaped>' }
  if (parent.type === AST_NODE_TYPES.Property && parent.parent?.type === AST_NODE_TYPES.ObjectExpression && looksLikeGeminiSecret(text)) {
    for (const sibling of parent.parent.properties) {
      if (sibling === parent || sibling.type !== AST_NODE_TYPES.Property) continue;
      const siblingText = literalText(sibling.value, sourceCode);
      if (siblingText !== undefined && isGeminiApiKey(siblingText.trim()) && !isPlaceholder(siblingText.trim())) {
        if (!geminiContext(sourceCode).isOtherApiCode(state.origin)) return { kind: 'apiSecret', reason: 'beside-api-key', node: sibling.value };
      }
    }
  }
  return undefined;
}

/** Keys of the object literals around a property: `{ gemini: { secret: '…' } }` → `['gemini']`. */
function objectPathNames(prop: TSESTree.Property, sourceCode: SourceCode): string[] {
  const names: string[] = [];
  let current: TSESTree.Node | undefined = prop.parent;
  for (let i = 0; i < 8 && current?.type === AST_NODE_TYPES.ObjectExpression; i++) {
    const outer: TSESTree.Node | undefined = current.parent;
    if (outer?.type === AST_NODE_TYPES.Property && outer.value === current) {
      const key = staticKeyName(outer.key, outer.computed) ?? (outer.computed ? constantString(outer.key, sourceCode) : undefined);
      if (key !== undefined) names.unshift(key);
      current = outer.parent;
    } else if (outer?.type === AST_NODE_TYPES.VariableDeclarator && outer.id.type === AST_NODE_TYPES.Identifier) {
      names.unshift(outer.id.name);
      break;
    } else {
      break;
    }
  }
  return names;
}

function analyse(node: TSESTree.Node, state: State, depth: number): CredentialFact | undefined {
  if (depth > 12) return undefined;
  const { sourceCode } = state;
  const n = peelConversions(node, sourceCode);
  if (state.seen.has(n)) return undefined;
  state.seen.add(n);

  // 1. a Gemini key written out
  const text = literalText(n, sourceCode);
  if (text !== undefined) {
    const t = text.trim();
    if (isGeminiApiKey(t) && !isPlaceholder(t)) return { kind: 'apiKey', reason: 'key-literal', node: n };
  }
  // 2. where the value goes: X-GEMINI-* headers, the signing HMAC
  const flow = flowFact(n, state);
  if (flow) return flow;
  // 3. values derived from a credential and safe to show
  if (hidesCredential(n, sourceCode)) return undefined;

  switch (n.type) {
    case AST_NODE_TYPES.LogicalExpression:
      if (n.operator === '&&') return analyse(n.right, state, depth + 1);
      return analyse(n.left, state, depth + 1) ?? analyse(n.right, state, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return analyse(n.consequent, state, depth + 1) ?? analyse(n.alternate, state, depth + 1);
    case AST_NODE_TYPES.SequenceExpression: {
      const lastExpr = n.expressions[n.expressions.length - 1];
      return lastExpr ? analyse(lastExpr, state, depth + 1) : undefined;
    }
    default:
      break;
  }

  // 4. environment variables
  const env = envRead(n, sourceCode);
  if (env) {
    const kind = credentialNameKind(env.name);
    if (kind && geminiCredential([env.name], [state.origin, n], state)) return { kind, reason: 'env', detail: env.name, node: n };
    return undefined;
  }

  // 5. names, then the value behind them (a value that is plainly not a credential beats a name)
  if (n.type === AST_NODE_TYPES.Identifier) {
    const binding = resolveIdentifier(n, sourceCode);
    if (binding.kind === 'expression') {
      const value = peelConversions(binding.node, sourceCode);
      if (hidesCredential(value, sourceCode) || isInertLiteral(value, sourceCode)) return undefined;
    }
    const own = nameFact(n.name, [n.name], n, state);
    if (own) return own;
    if (binding.kind === 'expression') return analyse(binding.node, state, depth + 1);
    if (binding.kind === 'property-of') {
      const value = propertyValue(binding.object, binding.key, sourceCode);
      if (value && (hidesCredential(value, sourceCode) || isInertLiteral(value, sourceCode))) return undefined;
      const objectNames = unwrap(binding.object).type === AST_NODE_TYPES.MemberExpression ? memberNames(unwrap(binding.object) as TSESTree.MemberExpression, sourceCode) : [];
      const keyFact = nameFact(binding.key, [...objectNames, binding.key], n, state);
      if (keyFact) return keyFact;
      return value ? analyse(value, state, depth + 1) : undefined;
    }
    return undefined;
  }
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(n) ?? (n.computed ? constantString(n.property, sourceCode) : undefined);
    if (name === undefined) return undefined;
    const value = unwrap(n.object).type === AST_NODE_TYPES.ThisExpression ? classFieldValue(n, name) : propertyValue(n.object, name, sourceCode);
    if (value) {
      const peeled = peelConversions(value, sourceCode);
      if (hidesCredential(peeled, sourceCode) || isInertLiteral(peeled, sourceCode)) return undefined;
    }
    const own = nameFact(name, memberNames(n, sourceCode), n, state);
    if (own) return own;
    return value ? analyse(value, state, depth + 1) : undefined;
  }

  // 6. a literal: what the place it is written in says
  if (text !== undefined) return literalContextFact(n, text, state);
  return undefined;
}

/**
 * What credential a value holds, as far as this file shows — the shared answer for the rules
 * and the scanner. It answers from, strongest first:
 * - a Gemini API key literal (placeholders such as `account-XXXXXXXXXXXXXXXXXXXX` excluded);
 * - where the value goes: into `X-GEMINI-APIKEY` / `X-GEMINI-PAYLOAD` / `X-GEMINI-SIGNATURE`, into
 *   the key of the HMAC that signs Gemini requests, or out of that HMAC (the signature);
 * - an environment read (`process.env.X`, `import.meta.env.X`, destructured) whose name is a
 *   credential name ({@link credentialNameKind});
 * - the name of an identifier, member (`this.apiSecret`, `config.gemini.secret`) or destructured
 *   key, then (through `const`s, object literals and class fields) the value behind it;
 * - for a string literal, the place it is written: the variable, property, class field,
 *   assignment target or default parameter it is bound to, the `process.env.X || '…'` it is the
 *   fallback of, or (for a secret-shaped value) an object literal that also holds a Gemini key.
 *
 * Names and environment variables count only for a Gemini exchange credential: in Gemini code
 * (`geminiContext`), or named for Gemini (`GEMINI_API_SECRET`, `geminiSecret`) in a file that does
 * not also use Google's Gemini AI. Nothing is reported in code the context marks as another API's
 * (AWS, GitHub, Binance, Google Gemini AI). Values derived from a credential and safe to show
 * (`Boolean(key)`, `!!secret`, `key.length`, `key.slice(0, 4)`, `mask(secret)`,
 * `secret ? 'set' : 'missing'`) hold none, whatever they are named. For a string literal the
 * answer says what the literal stands for; callers check its shape (`looksLikeGeminiSecret`,
 * `isPlaceholder`). Containers (objects, arrays, templates) are not looked into: see
 * {@link credentialsIn}. Results are cached per node for the file.
 */
export function credentialKind(node: TSESTree.Node, sourceCode: SourceCode): CredentialFact | undefined {
  try {
    const facts = fileFacts(sourceCode);
    const cached = facts.cache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    let fact: CredentialFact | undefined;
    if (!geminiContext(sourceCode).isOtherApiCode(node)) {
      fact = analyse(node, { sourceCode, facts, origin: node, seen: new Set() }, 0);
    }
    facts.cache.set(node, fact ?? null);
    return fact;
  } catch {
    // precision first, and a rule must never throw
    return undefined;
  }
}

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
    collectHeaders(node, sourceCode, kinds, options.nested === false ? 4 : 0);
  } catch {
    // defensive: never throw out of a rule
  }
  return kinds;
}

function collectHeaders(node: TSESTree.Node, sourceCode: SourceCode, kinds: Set<GeminiHeaderKind>, depth: number): void {
  if (depth > 5) return;
  const n = peelConversions(node, sourceCode);
  const value = resolveValueNode(n, sourceCode);
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    for (const entry of objectEntries(value, sourceCode).entries) {
      const kind = geminiHeaderKind(entry.key);
      if (kind) {
        const v = peelConversions(entry.valueNode, sourceCode);
        if (!hidesCredential(v, sourceCode) && !isInertLiteral(v, sourceCode)) kinds.add(kind);
      } else if (entry.key.toLowerCase() === 'headers' && depth < 4) {
        collectHeaders(entry.valueNode, sourceCode, kinds, depth + 1);
      }
    }
  } else if (depth < 4 && value.type === AST_NODE_TYPES.NewExpression && value.arguments[0] && unwrap(value.callee).type === AST_NODE_TYPES.Identifier && (unwrap(value.callee) as TSESTree.Identifier).name === 'Headers') {
    collectHeaders(value.arguments[0], sourceCode, kinds, depth + 1);
  }
  for (const { holder, kind } of fileFacts(sourceCode).holders) {
    if (kinds.has(kind)) continue;
    if (sameCredentialValue(holder, n, sourceCode)) kinds.add(kind);
    // config.headers['X-GEMINI-APIKEY'] = key: `config` holds them too
    else if (holder.type === AST_NODE_TYPES.MemberExpression && memberName(holder)?.toLowerCase() === 'headers' && sameCredentialValue(holder.object, n, sourceCode)) kinds.add(kind);
  }
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

const PASS_THROUGH_GLOBALS: ReadonlySet<string> = new Set(['JSON.stringify', 'String', 'Object.assign', 'Object.values', 'Object.entries', 'Error', 'TypeError', 'RangeError', 'encodeURIComponent', 'encodeURI', 'btoa']);

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
    if (name === 'join' || name === 'padStart' || name === 'padEnd' || name === 'repeat' || name === 'toUpperCase' || name === 'toLowerCase' || name === 'normalize') return [callee.object];
  }
  return [];
}

/**
 * Every credential an expression carries: the expression itself ({@link credentialKind}, or an
 * object holding `X-GEMINI-APIKEY`/`X-GEMINI-SIGNATURE`, see {@link geminiHeadersHeld}), and
 * anything inside it — object and array literals, spreads, template literals, `+`
 * concatenations, both ends of `||`/`??`/ternaries, `JSON.stringify`/`String`/`util.format`/
 * `.concat`/`new Error(…)` arguments — also when the container is defined elsewhere in the file
 * and reached through a `const` or an object property. String literals count only as Gemini API
 * keys (a literal's name says nothing about what a log line shows). Values that hide the
 * credential (`Boolean(key)`, `key.length`, `mask(secret)`) stop the search.
 */
export function credentialsIn(node: TSESTree.Node, sourceCode: SourceCode): CredentialUse[] {
  const found: CredentialUse[] = [];
  try {
    const seen = new Set<TSESTree.Node>();
    const visit = (raw: TSESTree.Node, depth: number): void => {
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
                visit(prop.argument, depth + 1);
                return;
              }
              for (const entry of objectEntries(spread, sourceCode).entries) if (!later.has(entry.key.toLowerCase())) visit(entry.valueNode, depth + 1);
              return;
            }
            const key = propertyKey(prop, sourceCode);
            if (key !== undefined && later.has(key.toLowerCase())) return;
            if (prop.value.type !== AST_NODE_TYPES.AssignmentPattern && !(prop.kind === 'get' || prop.kind === 'set' || prop.method)) visit(prop.value, depth + 1);
          });
          return;
        case AST_NODE_TYPES.ArrayExpression:
          for (const el of n.elements) if (el) visit(el.type === AST_NODE_TYPES.SpreadElement ? el.argument : el, depth + 1);
          return;
        case AST_NODE_TYPES.TemplateLiteral:
          n.expressions.forEach((e) => visit(e, depth + 1));
          return;
        case AST_NODE_TYPES.TaggedTemplateExpression:
          return;
        case AST_NODE_TYPES.BinaryExpression:
          if (n.operator === '+') {
            visit(n.left, depth + 1);
            visit(n.right, depth + 1);
          }
          return;
        case AST_NODE_TYPES.LogicalExpression:
          if (n.operator !== '&&') visit(n.left, depth + 1);
          visit(n.right, depth + 1);
          return;
        case AST_NODE_TYPES.ConditionalExpression:
          visit(n.consequent, depth + 1);
          visit(n.alternate, depth + 1);
          return;
        case AST_NODE_TYPES.SequenceExpression: {
          const lastExpr = n.expressions[n.expressions.length - 1];
          if (lastExpr) visit(lastExpr, depth + 1);
          return;
        }
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression:
          for (const arg of passThroughArguments(n, sourceCode)) visit(arg, depth + 1);
          return;
        case AST_NODE_TYPES.Identifier:
        case AST_NODE_TYPES.MemberExpression: {
          // a container defined elsewhere: const line = `key=${key}`; log(line)
          const value = resolveValueNode(n, sourceCode);
          if (value !== n) visit(value, depth + 1);
          return;
        }
        default:
          return;
      }
    };
    visit(node, 0);
  } catch {
    // defensive: what was found so far stands
  }
  return found;
}
