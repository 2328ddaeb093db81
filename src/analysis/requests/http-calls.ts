import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { HOLE } from '../../gemini/paths.js';
import { memberName, returnedExpressions, unwrap, nodesOfType } from '../ast-utils.js';
import { findVariable, moduleRef, type ModuleRef } from '../values/bindings.js';
import { calledFunction } from '../values/functions.js';
import { memoForFile } from '../memo.js';
import { textMayMatch } from '../text-prefilter.js';
import { joinUrl, parseUrlText, resolveUrlString, type JoinMode, type ResolvedUrl } from './urls.js';
import { constantString, objectEntries, propertyValue, resolveObjectLiteral, resolveValueNode, staticString, type StaticString } from '../values/values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The HTTP / WebSocket client libraries recognised. */
export type HttpClient = 'fetch' | 'undici' | 'axios' | 'got' | 'ky' | 'superagent' | 'request' | 'node-http' | 'websocket';

/** One statically named header. */
export interface HeaderEntry {
  name: string;
  /** The key (or the `.set()` name argument); where a report about a header points. */
  nameNode: TSESTree.Node;
  valueNode: TSESTree.Node;
}

/** The headers a request sends, as far as the file shows. */
export interface HeaderSet {
  entries: HeaderEntry[];
  /** `false` when headers come from something unseen (an import, a parameter, an unknown spread). */
  complete: boolean;
}

/** A recognised request. */
export interface HttpCall {
  /** The call (or `new`) expression that sends the request. */
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  client: HttpClient;
  /** The expression naming the target (URL, path, or for `https.request` the options object). */
  urlNode?: TSESTree.Node;
  url?: ResolvedUrl;
  /** Upper-case HTTP method; `undefined` when it cannot be known statically. */
  method?: string;
  /** Where the method is written (`method: 'GET'` value, or the callee property `get`). */
  methodNode?: TSESTree.Node;
  headers: HeaderSet;
  bodyNode?: TSESTree.Node;
  /** The options / config object argument, when there is one. */
  optionsNode?: TSESTree.Node;
  /**
   * For a configured client (axios `baseURL`, got/ky `prefixUrl`, request `baseUrl`): the base the
   * path in {@link urlNode} was joined to, and how. Lets a rule recompute {@link url} for another
   * value of the path (e.g. what one call site of a helper passes).
   */
  urlBase?: { base: StaticString; join: JoinMode };
}

const FETCH_MODULES = ['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici'];
const WS_MODULES = ['ws', 'isomorphic-ws'];
const REQUEST_MODULES = ['request', 'request-promise', 'request-promise-native'];
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const NO_BODY_METHODS = new Set(['get', 'delete', 'head', 'options']);

const EMPTY_HEADERS: HeaderSet = { entries: [], complete: true };
const UNKNOWN_HEADERS: HeaderSet = { entries: [], complete: false };

/** A configured client value: the module itself or an instance with defaults. */
interface ClientBase {
  client: 'axios' | 'got' | 'ky' | 'superagent' | 'request';
  base?: StaticString;
  join: JoinMode;
  headers: HeaderSet;
}

/**
 * Every request the file sends, recognised once per file and shared by all rules.
 */
export function httpCalls(sourceCode: SourceCode): HttpCall[] {
  return memoForFile(sourceCode, 'httpCalls', () => {
    const calls: HttpCall[] = [];
    nodesOfType(sourceCode.ast, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression).forEach((node) => {
      {
        const call = safeRecognise(node, sourceCode);
        if (call) calls.push(call);
      }
    });
    return calls;
  });
}

function safeRecognise(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: SourceCode): HttpCall | undefined {
  try {
    return recogniseHttpCall(node, sourceCode);
  } catch {
    // A recogniser bug must cost one finding, never the user's lint run.
    return undefined;
  }
}

/** Recognises one call as a request, or returns `undefined`. */
export function recogniseHttpCall(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  sourceCode: SourceCode,
): HttpCall | undefined {
  const callee = unwrap(node.callee);
  if (node.type === AST_NODE_TYPES.NewExpression) return recogniseWebSocket(node, sourceCode);

  const ref = moduleRef(callee, sourceCode);
  const args = node.arguments;

  // fetch(url, init)
  if (
    (ref?.source === '<global>' && ref.path.length === 1 && ref.path[0] === 'fetch') ||
    (ref && FETCH_MODULES.includes(ref.source) && (ref.path.length === 0 || (ref.path.length === 1 && ref.path[0] === 'fetch')) && ref.source !== 'undici') ||
    (ref?.source === 'undici' && ref.path.length === 1 && ref.path[0] === 'fetch')
  ) {
    return fromUrlAndOptions(node, ref?.source === 'undici' ? 'undici' : 'fetch', args[0], args[1], sourceCode, 'GET');
  }
  // undici.request(url, { method, headers, body })
  if (ref?.source === 'undici' && ref.path.length === 1 && ref.path[0] === 'request') {
    return fromUrlAndOptions(node, 'undici', args[0], args[1], sourceCode, 'GET');
  }
  // https.request / http.request / .get
  if (ref && (ref.source === 'https' || ref.source === 'http') && ref.path.length === 1 && (ref.path[0] === 'request' || ref.path[0] === 'get')) {
    return recogniseNodeHttp(node, ref, sourceCode);
  }
  // superagent.post(url) … .set(…)
  if (ref?.source === 'superagent') return recogniseSuperagent(node, ref, sourceCode);

  // axios / got / ky / request, as modules or configured instances
  if (!mayImportClient(sourceCode)) return undefined;
  const direct = clientBaseOf(callee, sourceCode);
  if (direct) return recogniseClientCall(node, direct, undefined, sourceCode);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(callee);
    if (method === undefined) return undefined;
    const base = clientBaseOf(callee.object, sourceCode);
    if (base) return recogniseClientCall(node, base, method, sourceCode);
  }
  return undefined;
}

// A client base starts at an import or require of one of these modules, so its name is written
// as a string somewhere in the file (perhaps spelled with escapes: textMayMatch decodes them).
const CLIENT_MODULE_IN_TEXT = /(['"`])(?:axios|got|ky|request|request-promise|request-promise-native)\1/;

/** Whether the file can hold an axios/got/ky/request client at all (most files cannot: no call needs resolving). */
function mayImportClient(sourceCode: SourceCode): boolean {
  return memoForFile(sourceCode, 'mayImportClient', () => textMayMatch(sourceCode, CLIENT_MODULE_IN_TEXT));
}

/** The client module or instance an expression holds (`axios`, `axios.create({...})`, `got.extend(...)`). */
function clientBaseOf(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): ClientBase | undefined {
  if (depth > 8) return undefined;
  const ref = moduleRef(node, sourceCode);
  if (ref && ref.path.length === 0) {
    if (ref.source === 'axios') return { client: 'axios', join: 'axios', headers: EMPTY_HEADERS };
    if (ref.source === 'got') return { client: 'got', join: 'prefix', headers: EMPTY_HEADERS };
    if (ref.source === 'ky') return { client: 'ky', join: 'prefix', headers: EMPTY_HEADERS };
    if (REQUEST_MODULES.includes(ref.source)) return { client: 'request', join: 'url', headers: EMPTY_HEADERS };
  }
  const value = resolveValueNode(node, sourceCode);
  if (value.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(value.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const factory = memberName(callee);
  const parent = clientBaseOf(callee.object, sourceCode, depth + 1);
  if (!parent || !factory) return undefined;
  const isFactory =
    (parent.client === 'axios' && factory === 'create') ||
    ((parent.client === 'got' || parent.client === 'ky') && (factory === 'extend' || factory === 'create')) ||
    (parent.client === 'request' && factory === 'defaults');
  if (!isFactory) return undefined;
  const config = value.arguments[0];
  if (!config) return parent;
  const baseKey = parent.client === 'axios' ? 'baseURL' : parent.client === 'request' ? 'baseUrl' : 'prefixUrl';
  const baseNode = propertyValue(config, baseKey, sourceCode);
  const headersNode = propertyValue(config, 'headers', sourceCode);
  const configObject = resolveObjectLiteral(config, sourceCode);
  const base = baseNode ? resolveUrlString(baseNode, sourceCode) ?? { text: HOLE, complete: false } : parent.base;
  const headers = mergeHeaders(
    parent.headers,
    headersNode ? resolveHeaders(headersNode, sourceCode) : configObject && objectEntries(configObject, sourceCode).complete ? EMPTY_HEADERS : UNKNOWN_HEADERS,
  );
  const result: ClientBase = { client: parent.client, join: parent.client === 'request' ? 'url' : parent.join, headers };
  if (base) result.base = base;
  return result;
}

function recogniseClientCall(
  node: TSESTree.CallExpression,
  base: ClientBase,
  method: string | undefined,
  sourceCode: SourceCode,
): HttpCall | undefined {
  const args = node.arguments;
  const lower = method?.toLowerCase();
  if (method !== undefined && method !== 'request' && !METHODS.has(lower ?? '')) return undefined;

  let urlArg: TSESTree.Node | undefined;
  let configArg: TSESTree.Node | undefined;
  let bodyArg: TSESTree.Node | undefined;
  let fixedMethod: string | undefined = method && method !== 'request' ? method.toUpperCase() : undefined;
  let methodNode: TSESTree.Node | undefined = fixedMethod ? (unwrap(node.callee) as TSESTree.MemberExpression).property : undefined;

  const first = args[0];
  const firstIsConfig = first !== undefined && resolveObjectLiteral(first, sourceCode) !== undefined && staticString(first, sourceCode) === undefined;
  if (method === undefined || method === 'request') {
    if (firstIsConfig && first) {
      configArg = first;
    } else {
      urlArg = first;
      configArg = args[1];
    }
  } else if (base.client === 'axios' && !NO_BODY_METHODS.has(lower!)) {
    urlArg = first;
    bodyArg = args[1];
    configArg = args[2];
  } else if (base.client === 'request' && firstIsConfig) {
    configArg = first;
  } else {
    urlArg = first;
    configArg = args[1];
  }

  if (configArg) {
    const keys = base.client === 'request' ? ['uri', 'url'] : ['url'];
    for (const key of keys) {
      if (!urlArg) urlArg = propertyValue(configArg, key, sourceCode);
    }
    if (!fixedMethod) {
      const m = propertyValue(configArg, 'method', sourceCode);
      if (m) {
        methodNode = m;
        const text = constantString(m, sourceCode);
        fixedMethod = text?.toUpperCase();
      }
    }
    if (!bodyArg) {
      for (const key of base.client === 'axios' ? ['data'] : ['body', 'json', 'form']) {
        bodyArg ??= propertyValue(configArg, key, sourceCode);
      }
    }
  }
  const methodKnown = methodNode === undefined ? 'GET' : fixedMethod;

  const call: HttpCall = {
    node,
    client: base.client,
    headers: mergeHeaders(base.headers, configArg ? headersFromOptions(configArg, sourceCode) : EMPTY_HEADERS),
  };
  if (methodKnown) call.method = methodKnown;
  if (methodNode) call.methodNode = methodNode;
  if (configArg) call.optionsNode = configArg;
  if (bodyArg) call.bodyNode = bodyArg;
  if (base.base) call.urlBase = { base: base.base, join: base.join };
  if (urlArg) {
    call.urlNode = urlArg;
    const path = resolveUrlString(urlArg, sourceCode) ?? { text: HOLE, complete: false };
    call.url = parseUrlText(base.base ? joinUrl(base.base, path, base.join) : path);
  } else if (base.base) {
    call.url = parseUrlText(base.base);
  }
  return call;
}

function fromUrlAndOptions(
  node: TSESTree.CallExpression,
  client: HttpClient,
  urlArg: TSESTree.Node | undefined,
  optionsArg: TSESTree.Node | undefined,
  sourceCode: SourceCode,
  defaultMethod: string,
): HttpCall {
  const call: HttpCall = { node, client, headers: optionsArg ? headersFromOptions(optionsArg, sourceCode) : EMPTY_HEADERS };
  if (urlArg) {
    call.urlNode = urlArg;
    const s = resolveUrlString(urlArg, sourceCode);
    if (s) call.url = parseUrlText(s);
  }
  if (optionsArg) {
    call.optionsNode = optionsArg;
    const m = propertyValue(optionsArg, 'method', sourceCode);
    const body = propertyValue(optionsArg, 'body', sourceCode);
    if (body) call.bodyNode = body;
    if (m) {
      call.methodNode = m;
      const text = constantString(m, sourceCode);
      if (text) call.method = text.toUpperCase();
      return call;
    }
    if (!resolveObjectLiteral(optionsArg, sourceCode) || !objectEntries(resolveObjectLiteral(optionsArg, sourceCode)!, sourceCode).complete) {
      return call; // options we cannot see may set the method
    }
  }
  call.method = defaultMethod;
  return call;
}

function headersFromOptions(options: TSESTree.Node, sourceCode: SourceCode): HeaderSet {
  const obj = resolveObjectLiteral(options, sourceCode);
  if (!obj) return UNKNOWN_HEADERS;
  const { entries, complete } = objectEntries(obj, sourceCode);
  const headers = entries.find((e) => e.key === 'headers');
  if (!headers) return complete ? EMPTY_HEADERS : UNKNOWN_HEADERS;
  return resolveHeaders(headers.valueNode, sourceCode);
}

function mergeHeaders(a: HeaderSet, b: HeaderSet): HeaderSet {
  if (a.entries.length === 0 && a.complete) return b;
  const byName = new Map<string, HeaderEntry>();
  for (const e of [...a.entries, ...b.entries]) byName.set(e.name.toLowerCase(), e);
  return { entries: [...byName.values()], complete: a.complete && b.complete };
}

/**
 * The headers an expression holds: an object literal (spreads merged), `new Headers({...})`,
 * a variable holding either (including later `h['X'] = v` / `h.set('X', v)` writes), or the
 * return value of a helper function in the same file.
 */
export function resolveHeaders(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): HeaderSet {
  if (depth > 8) return UNKNOWN_HEADERS;
  const value = resolveValueNode(node, sourceCode);
  let result: HeaderSet = UNKNOWN_HEADERS;
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    const { entries, complete } = objectEntries(value, sourceCode);
    result = { entries: entries.map((e) => ({ name: e.key, nameNode: e.keyNode, valueNode: e.valueNode })), complete };
  } else if (value.type === AST_NODE_TYPES.NewExpression) {
    const ref = moduleRef(value.callee, sourceCode);
    if (ref?.path.length === 1 && ref.path[0] === 'Headers') {
      result = value.arguments[0] ? resolveHeaders(value.arguments[0], sourceCode, depth + 1) : EMPTY_HEADERS;
    }
  } else if (value.type === AST_NODE_TYPES.CallExpression) {
    const fn = calledFunction(value, sourceCode);
    if (fn) {
      const returns = returnedExpressions(fn);
      if (returns.length > 0) {
        const sets = returns.map((r) => resolveHeaders(r, sourceCode, depth + 1));
        result = sets.reduce(mergeHeaders);
      }
    }
  } else if (value.type === AST_NODE_TYPES.AwaitExpression) {
    result = resolveHeaders(value.argument, sourceCode, depth + 1);
  }
  const id = unwrap(node);
  if (id.type === AST_NODE_TYPES.Identifier) result = mergeHeaders(result, headerWrites(id, sourceCode));
  return result;
}

/** `h['X-GEMINI-SIGNATURE'] = sig`, `h.set('X', v)`, `h.append('X', v)` on the variable `id` names. */
function headerWrites(id: TSESTree.Identifier, sourceCode: SourceCode): HeaderSet {
  const variable = findVariable(id, sourceCode);
  if (!variable) return EMPTY_HEADERS;
  const entries: HeaderEntry[] = [];
  for (const ref of variable.references) {
    const member = ref.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref.identifier) continue;
    const parent = member.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member && parent.operator === '=') {
      const name = memberName(member) ?? (member.computed ? constantString(member.property, sourceCode) : undefined);
      if (name !== undefined) entries.push({ name, nameNode: member.property, valueNode: parent.right });
    } else if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === member) {
      const method = memberName(member);
      const [nameArg, valueArg] = parent.arguments;
      if ((method === 'set' || method === 'append') && nameArg && valueArg) {
        const name = constantString(nameArg, sourceCode);
        if (name !== undefined) entries.push({ name, nameNode: nameArg, valueNode: valueArg });
      }
    }
  }
  return { entries, complete: true };
}

function recogniseNodeHttp(node: TSESTree.CallExpression, ref: ModuleRef, sourceCode: SourceCode): HttpCall {
  const [first, second] = node.arguments;
  const defaultScheme = ref.source === 'https' ? 'https:' : 'http:';
  const call: HttpCall = { node, client: 'node-http', headers: UNKNOWN_HEADERS };
  let options: TSESTree.Node | undefined;
  if (first && resolveObjectLiteral(first, sourceCode) && !staticString(first, sourceCode)) {
    options = first;
    call.urlNode = first;
    const protocol = propertyValue(first, 'protocol', sourceCode);
    const host = propertyValue(first, 'hostname', sourceCode) ?? propertyValue(first, 'host', sourceCode);
    const path = propertyValue(first, 'path', sourceCode);
    const scheme = protocol ? staticString(protocol, sourceCode) ?? { text: HOLE, complete: false } : { text: defaultScheme, complete: true };
    const hostText = host ? staticString(host, sourceCode) ?? { text: HOLE, complete: false } : { text: 'localhost', complete: true };
    const pathText = path ? staticString(path, sourceCode) ?? { text: HOLE, complete: false } : { text: '/', complete: true };
    call.url = parseUrlText({
      text: `${scheme.text.replace(/:$/, '')}://${hostText.text}${pathText.text}`,
      complete: scheme.complete && hostText.complete && pathText.complete,
    });
  } else if (first) {
    call.urlNode = first;
    const s = resolveUrlString(first, sourceCode);
    if (s) call.url = parseUrlText(s);
    if (second && resolveObjectLiteral(second, sourceCode)) options = second;
  }
  if (options) {
    call.optionsNode = options;
    call.headers = headersFromOptions(options, sourceCode);
    const m = propertyValue(options, 'method', sourceCode);
    if (m) {
      call.methodNode = m;
      const text = constantString(m, sourceCode);
      if (text) call.method = text.toUpperCase();
    } else {
      call.method = 'GET';
    }
  } else {
    call.headers = EMPTY_HEADERS;
    call.method = 'GET';
  }
  if (ref.path[0] === 'get') call.method = 'GET';
  // headers set later: req.setHeader('X-GEMINI-APIKEY', key)
  const declarator = node.parent;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(declarator.id, sourceCode);
    for (const r of variable?.references ?? []) {
      const member = r.identifier.parent;
      if (member?.type === AST_NODE_TYPES.MemberExpression && memberName(member) === 'setHeader' && member.parent?.type === AST_NODE_TYPES.CallExpression) {
        const [nameArg, valueArg] = member.parent.arguments;
        const name = nameArg ? constantString(nameArg, sourceCode) : undefined;
        if (name !== undefined && valueArg) call.headers = mergeHeaders(call.headers, { entries: [{ name, nameNode: nameArg!, valueNode: valueArg }], complete: true });
      }
    }
  }
  return call;
}

function recogniseSuperagent(node: TSESTree.CallExpression, ref: ModuleRef, sourceCode: SourceCode): HttpCall | undefined {
  let method: string | undefined;
  let urlArg: TSESTree.Node | undefined;
  if (ref.path.length === 1 && METHODS.has(ref.path[0]!) ) {
    method = ref.path[0]!.toUpperCase();
    urlArg = node.arguments[0];
  } else if (ref.path.length === 1 && ref.path[0] === 'del') {
    method = 'DELETE';
    urlArg = node.arguments[0];
  } else if (ref.path.length === 0) {
    const [m, u] = node.arguments;
    if (u) {
      urlArg = u;
      method = m ? constantString(m, sourceCode)?.toUpperCase() : undefined;
    } else {
      urlArg = m;
      method = 'GET';
    }
  } else {
    return undefined;
  }
  const call: HttpCall = { node, client: 'superagent', headers: EMPTY_HEADERS };
  if (method) call.method = method;
  if (ref.path.length === 1) call.methodNode = (unwrap(node.callee) as TSESTree.MemberExpression).property ?? node.callee;
  if (urlArg) {
    call.urlNode = urlArg;
    const s = resolveUrlString(urlArg, sourceCode);
    if (s) call.url = parseUrlText(s);
  }
  // Walk up the chain: .set(name, value) / .set({...}) / .send(body)
  let current: TSESTree.Node = node;
  const entries: HeaderEntry[] = [];
  let complete = true;
  for (;;) {
    const member: TSESTree.Node | undefined = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) break;
    const chained: TSESTree.Node | undefined = member.parent;
    if (chained?.type !== AST_NODE_TYPES.CallExpression || chained.callee !== member) break;
    const name = memberName(member);
    const [a, b] = chained.arguments;
    if (name === 'set' && a && b) {
      const header = constantString(a, sourceCode);
      if (header !== undefined) entries.push({ name: header, nameNode: a, valueNode: b });
      else complete = false;
    } else if (name === 'set' && a) {
      const set = resolveHeaders(a, sourceCode);
      entries.push(...set.entries);
      complete &&= set.complete;
    } else if (name === 'send' && a) {
      call.bodyNode = a;
    }
    current = chained;
  }
  const top = current.parent;
  if (top?.type === AST_NODE_TYPES.VariableDeclarator || top?.type === AST_NODE_TYPES.AssignmentExpression || top?.type === AST_NODE_TYPES.ReturnStatement) {
    complete = false; // the request object escapes: more headers may be set elsewhere
  }
  call.headers = { entries, complete };
  return call;
}

function recogniseWebSocket(node: TSESTree.NewExpression, sourceCode: SourceCode): HttpCall | undefined {
  const ref = moduleRef(node.callee, sourceCode);
  const isWs =
    (ref && WS_MODULES.includes(ref.source) && (ref.path.length === 0 || (ref.path.length === 1 && ref.path[0] === 'WebSocket'))) ||
    (ref?.source === '<global>' && ref.path.length === 1 && ref.path[0] === 'WebSocket');
  if (!isWs) return undefined;
  const [urlArg, second, third] = node.arguments;
  let options: TSESTree.Node | undefined;
  if (third) options = third;
  else if (second && resolveObjectLiteral(second, sourceCode) && resolveValueNode(second, sourceCode).type !== AST_NODE_TYPES.ArrayExpression) options = second;
  const call: HttpCall = { node, client: 'websocket', method: 'GET', headers: options ? headersFromOptions(options, sourceCode) : EMPTY_HEADERS };
  if (options) call.optionsNode = options;
  if (urlArg) {
    call.urlNode = urlArg;
    const s = resolveUrlString(urlArg, sourceCode);
    if (s) call.url = parseUrlText(s);
  }
  return call;
}

/** The entry for a header name (case-insensitive), if the request sets it. */
export function findHeader(headers: HeaderSet, name: string): HeaderEntry | undefined {
  const lower = name.toLowerCase();
  return headers.entries.find((e) => e.name.toLowerCase() === lower);
}
