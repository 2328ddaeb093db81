import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isGeminiApiKey, isGeminiNamed, isPlaceholder, looksLikeGeminiSecret } from '../../gemini/credentials.js';
import { GEMINI_HEADERS, geminiHeaderKind, type GeminiHeaderKind } from '../../gemini/headers.js';
import { memberName, staticKeyName, unwrap } from '../ast-utils.js';
import { resolveIdentifier } from '../values/bindings.js';
import { geminiContext } from '../gemini-context.js';
import { exportedValue } from '../cross-file/exports.js';
import { memoForFile } from '../memo.js';
import { fileSettings } from '../cross-file/settings.js';
import { geminiHeaderSinks, hmacUses, signatureFlows, type HeaderSink, type HmacUse } from '../signing/index.js';
import { classFieldValue, constantString, envRead, propertyValue, resolveValueNode } from '../values/values.js';

import {
  credentialNameKind,
  hidesCredential,
  isInertLiteral,
  literalText,
  memberNames,
  peelConversions,
  ValueIndex,
  type CredentialValueKind,
} from './credential-values.js';
import { swallowed } from '../../utils/guard.js';

export { credentialNameKind, hidesCredential, peelConversions, type CredentialValueKind } from './credential-values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;


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
export interface FileFacts {
  sinks: HeaderSink[];
  /** Key arguments of HMACs that sign Gemini requests. */
  hmacKeys: TSESTree.Node[];
  /** HMACs that sign Gemini requests (their chain holds the signature). */
  signingHmacs: HmacUse[];
  /** Objects that hold `X-GEMINI-*` headers through writes (`h[k] = v`, `h.set(k, v)`). */
  holders: { holder: TSESTree.Node; kind: GeminiHeaderKind }[];
  cache: Map<TSESTree.Node, CredentialFact | null>;
  /** {@link sinks}, {@link hmacKeys} and the signing HMACs' chains indexed by value, built on first use. */
  index?: { sinks: ValueIndex<HeaderSink>; hmacKeys: ValueIndex<TSESTree.Node>; chains: Map<TSESTree.Node, HmacUse> };
}

/** The per-file indexes behind {@link flowFact}: one pass over the sinks, keys and chains. */
function factIndex(facts: FileFacts, sourceCode: SourceCode): NonNullable<FileFacts['index']> {
  if (!facts.index) {
    const sinks = new ValueIndex<HeaderSink>(sourceCode);
    for (const sink of facts.sinks) sinks.add(sink.valueNode, sink);
    const hmacKeys = new ValueIndex<TSESTree.Node>(sourceCode);
    for (const key of facts.hmacKeys) hmacKeys.add(key, key);
    const chains = new Map<TSESTree.Node, HmacUse>();
    for (const hmac of facts.signingHmacs) for (const node of hmac.chain) if (!chains.has(node)) chains.set(node, hmac);
    facts.index = { sinks, hmacKeys, chains };
  }
  return facts.index;
}

const HEADER_REASON: Record<GeminiHeaderKind, CredentialReason> = {
  apiKey: 'api-key-header',
  payload: 'payload-header',
  signature: 'signature-header',
};

/** The per-file facts behind {@link credentialKind} (memoised). */
export function fileFacts(sourceCode: SourceCode): FileFacts {
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
    swallowed();
    return fallback;
  }
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
  const index = factIndex(facts, sourceCode);
  const sink = index.sinks.find(node);
  if (sink) return { kind: sink.kind, reason: HEADER_REASON[sink.kind], detail: GEMINI_HEADERS[sink.kind], node: sink.valueNode };
  const key = index.hmacKeys.find(node);
  if (key) return { kind: 'apiSecret', reason: 'hmac-key', node: key };
  if (index.chains.size > 0) {
    const hmac = index.chains.get(node) ?? index.chains.get(resolveValueNode(node, sourceCode));
    if (hmac) return { kind: 'signature', reason: 'signature-hmac', node: hmac.node };
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
    swallowed();
    // precision first, and a rule must never throw
    return undefined;
  }
}
