import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { classifyCredentialName, isGeminiNamed, splitWords } from '../../gemini/credentials.js';
import { memberName, unwrap } from '../ast-utils.js';
import { moduleRef } from '../values/bindings.js';
import { constantString, envRead, resolveValueNode } from '../values/values.js';

// What the key of a Gemini signing HMAC is made of. Gemini keys the HMAC with the API secret's text
// as issued (its UTF-8 bytes): ccxt, Gemini's samples and every published client pass the string.
// Code copied from Kraken (base64-decoded secret) or Coinbase Exchange (base64), a secret
// hex-decoded or hashed first, or a variable that holds another exchange's secret, all fail with
// InvalidSignature.

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Exchanges whose API secrets commonly sit next to Gemini's in multi-exchange bots. A key named
 * for one of them (`binanceSecret`, `process.env.KRAKEN_API_SECRET`) is not the Gemini secret.
 */
const OTHER_EXCHANGES: ReadonlyMap<string, string> = new Map([
  ['binance', 'Binance'],
  ['kraken', 'Kraken'],
  ['coinbase', 'Coinbase'],
  ['bitfinex', 'Bitfinex'],
  ['bitstamp', 'Bitstamp'],
  ['kucoin', 'KuCoin'],
  ['okx', 'OKX'],
  ['okex', 'OKX'],
  ['bybit', 'Bybit'],
  ['huobi', 'Huobi'],
  ['bitmex', 'BitMEX'],
  ['deribit', 'Deribit'],
  ['poloniex', 'Poloniex'],
  ['bittrex', 'Bittrex'],
  ['gateio', 'Gate.io'],
  ['bitget', 'Bitget'],
  ['mexc', 'MEXC'],
]);

/** A name that says the secret is stored encoded, so decoding it gives the real text (`GEMINI_SECRET_B64`, `secretHex`). */
const STORED_ENCODED = /b(?:ase)?_?64|hex|encoded|decoded|hashed|digest|bytes|buffer/i;

/** What is wrong with the key of a Gemini signing HMAC. */
export type KeyProblem =
  /** The secret decoded or hashed before use: `how` says which (`base64-decoded`, `hashed`, …). */
  | { kind: 'transformed'; how: string; node: TSESTree.Node }
  /** A value named for another exchange (`name`), its display name in `exchange`. */
  | { kind: 'other-exchange'; name: string; exchange: string; node: TSESTree.Node };

/** `Buffer.from(x)`, `Buffer.from(x, 'utf8')`, `new TextEncoder().encode(x)`, `utf8ToBytes(x)`, `enc.Utf8.parse(x)`, `x.trim()`, `String(x)`: the text underneath. */
function peelTextEncoding(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node | undefined {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const [arg, second] = n.arguments;
  if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const callee = unwrap(n.callee);
  const path = moduleRef(callee, sourceCode)?.path.join('.');
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
  if (path === 'Buffer.from') {
    const enc = second ? constantString(second, sourceCode)?.toLowerCase() : 'utf8';
    return enc === 'utf8' || enc === 'utf-8' || enc === 'ascii' || enc === 'latin1' || enc === 'binary' ? arg : undefined;
  }
  if (n.arguments.length !== 1) return undefined;
  if (path === 'String' || name === 'encode' || name === 'utf8ToBytes' || path?.endsWith('Utf8.parse')) return arg;
  return undefined;
}

/** `Buffer.from(x, 'base64')`, `atob(x)`, `enc.Base64.parse(x)`, `createHash(…).update(x).digest()`: how `x` is transformed. */
function transformation(node: TSESTree.Node, sourceCode: SourceCode): { how: string; inner: TSESTree.Node } | undefined {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const [arg, second] = n.arguments;
  const callee = unwrap(n.callee);
  const ref = moduleRef(callee, sourceCode);
  const path = ref?.path.join('.');
  if (arg && arg.type !== AST_NODE_TYPES.SpreadElement) {
    if (path === 'Buffer.from' && second) {
      const enc = constantString(second, sourceCode)?.toLowerCase();
      if (enc === 'base64' || enc === 'base64url') return { how: 'base64-decoded', inner: arg };
      if (enc === 'hex') return { how: 'hex-decoded', inner: arg };
    }
    if (ref?.source === '<global>' && path === 'atob') return { how: 'base64-decoded', inner: arg };
    // Uint8Array.from(atob(secret), (c) => c.charCodeAt(0))
    if ((path === 'Uint8Array.from' || path === 'Array.from') && n.arguments.length === 2) return transformation(arg, sourceCode);
    if (ref && (ref.source === 'crypto-js' || ref.source.startsWith('crypto-js/'))) {
      if (path?.endsWith('Base64.parse')) return { how: 'base64-decoded', inner: arg };
      if (path?.endsWith('Hex.parse')) return { how: 'hex-decoded', inner: arg };
      if (ref.path.length <= 1 && /^(SHA\d+|SHA3|MD5)$/.test(ref.path[0] ?? '')) return { how: 'hashed', inner: arg };
    }
  }
  // createHash('sha256').update(secret).digest()
  if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'digest') {
    const update = unwrap(callee.object);
    if (update.type === AST_NODE_TYPES.CallExpression && update.arguments[0] && update.arguments[0].type !== AST_NODE_TYPES.SpreadElement) {
      const updateCallee = unwrap(update.callee);
      if (updateCallee.type === AST_NODE_TYPES.MemberExpression && memberName(updateCallee) === 'update') {
        const create = unwrap(updateCallee.object);
        if (create.type === AST_NODE_TYPES.CallExpression && moduleRef(create.callee, sourceCode)?.path.at(-1) === 'createHash') return { how: 'hashed', inner: update.arguments[0] };
      }
    }
  }
  return undefined;
}

/** The names a value is known by: identifiers, member paths and environment variables along `const`s. */
function namesOf(node: TSESTree.Node, sourceCode: SourceCode): string[] {
  const names: string[] = [];
  let current: TSESTree.Node | undefined = node;
  for (let i = 0; i < 6 && current; i++) {
    let n: TSESTree.Node = unwrap(current);
    // process.env.X ?? '': the value is X's
    while (n.type === AST_NODE_TYPES.LogicalExpression && n.operator !== '&&') n = unwrap(n.left);
    const env = envRead(n, sourceCode);
    if (env) {
      names.push(env.name);
      break;
    }
    if (n.type === AST_NODE_TYPES.Identifier) names.push(n.name);
    else if (n.type === AST_NODE_TYPES.MemberExpression) {
      let m: TSESTree.Node = n;
      while (m.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(m);
        if (name !== undefined) names.push(name);
        m = unwrap(m.object);
      }
      if (m.type === AST_NODE_TYPES.Identifier) names.push(m.name);
    } else break;
    const next = resolveValueNode(n, sourceCode);
    if (next === n) break;
    current = peelTextEncoding(next, sourceCode) ?? next;
  }
  return names;
}

/** The first name, for messages: the variable or property written at the key (never a value). */
function displayName(node: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  const n = unwrap(node);
  const env = envRead(n, sourceCode);
  if (env) return env.name;
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.MemberExpression) return sourceCode.getText(n).slice(0, 60);
  return undefined;
}

/**
 * What is wrong with `key`, an expression keying a Gemini signing HMAC, or `undefined` when nothing
 * certain is: the API secret (by name) decoded from base64 or hex or hashed before use — unless
 * its name says it is stored encoded (`secretB64`) — or a value named for another exchange and not
 * for Gemini (`binanceSecret`, `KRAKEN_API_SECRET`). Follows `const`s and text encoders.
 */
export function signingKeyProblem(key: TSESTree.Node, sourceCode: SourceCode): KeyProblem | undefined {
  let current: TSESTree.Node = key;
  for (let i = 0; i < 6; i++) {
    const peeled = peelTextEncoding(current, sourceCode);
    if (peeled) {
      current = peeled;
      continue;
    }
    const transformed = transformation(current, sourceCode);
    if (transformed) {
      const names = namesOf(transformed.inner, sourceCode);
      const isSecret = names.some((n) => classifyCredentialName(n) === 'apiSecret');
      if (isSecret && !names.some((n) => STORED_ENCODED.test(n))) return { kind: 'transformed', how: transformed.how, node: key };
      return undefined;
    }
    const resolved = resolveValueNode(current, sourceCode);
    if (resolved === unwrap(current)) break;
    // a name on the way may already say which exchange the value is for
    if (otherExchange(current, sourceCode)) break;
    current = resolved;
  }
  const other = otherExchange(key, sourceCode);
  return other ? { kind: 'other-exchange', ...other, node: key } : undefined;
}

function otherExchange(node: TSESTree.Node, sourceCode: SourceCode): { name: string; exchange: string } | undefined {
  const names = namesOf(node, sourceCode);
  if (names.length === 0 || names.some((n) => isGeminiNamed(n))) return undefined;
  for (const name of names) {
    for (const word of splitWords(name)) {
      const exchange = OTHER_EXCHANGES.get(word);
      if (exchange) return { name: displayName(node, sourceCode) ?? name, exchange };
    }
  }
  return undefined;
}
