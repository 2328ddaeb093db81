import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { matchEndpoint, matchWebSocketEndpoint, type GeminiEndpoint, type GeminiWebSocketEndpoint } from '../../gemini/endpoints.js';
import { geminiHeaderKind } from '../../gemini/headers.js';
import { isGeminiRestHost, isGeminiSandboxHost } from '../../gemini/hosts.js';
import { hasHole, HOLE, normalisePath, pathsEqual, type PathComparison } from '../../gemini/paths.js';
import { memberName, returnedExpressions, staticKeyName, unwrap, walk } from '../ast-utils.js';
import { findVariable, moduleRef, resolveIdentifier, writeReferences } from '../values/bindings.js';
import { calledFunction } from '../values/functions.js';
import { geminiContext } from '../gemini-context.js';
import { methodAtSite, runtimeMethod } from './call-sites.js';
import { clientDescriptor, httpCalls, type HttpCall } from './http-calls.js';
import { memoForFile } from '../memo.js';
import type { GeminiPayload } from './payloads.js';
import { lastWriteBefore } from '../values/reaching-write.js';
import { branchesOnParameters, callSiteBindings, parametersFunction, symbolicString, type CallSiteBinding, type Substitution } from '../values/symbolic.js';
import { joinUrl, parseUrlText, type ResolvedUrl } from './urls.js';
import { objectEntries, propertyValue, resolveObjectLiteral, resolveValueNode, type StaticString } from '../values/values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/** Where on the Gemini exchange API a request goes. */
export interface GeminiTarget {
  /** The path on the Gemini host (query and fragment removed); may contain `HOLE`s. */
  path: string;
  /**
   * The base URL is not known (`${base}/v1/balances`) and the surrounding code is Gemini code:
   * {@link path} is only what is written after the base, so the real path may be longer at the start.
   */
  viaUnknownBase: boolean;
  /** The host, when known. */
  host?: string;
  /** The host is a Gemini sandbox host. */
  sandbox: boolean;
  /** WebSocket connection or REST request. */
  kind: 'rest' | 'websocket';
  /** The catalogued REST endpoint the path refers to (REST only). */
  endpoint?: GeminiEndpoint;
  /** The catalogued legacy WebSocket feed the path refers to (WebSocket only). */
  webSocketEndpoint?: GeminiWebSocketEndpoint;
  /** The URL's query string without `?`: `''` when the URL is fully known and has none, absent when unknown. */
  query?: string;
}

// scheme://<something with a hole>.gemini.com[:port]/path — the host is some *.gemini.com host
const HOLED_GEMINI_HOST = new RegExp(`^(?:https?|wss?)://[^/?#]*${HOLE}[^/?#${HOLE}]*\\.gemini\\.com\\.?(?::[0-9]+)?(?=[/?#]|$)(/[^?#]*)?`, 'i');

/**
 * The Gemini exchange endpoint a request goes to: its URL (by default `call.url`) must name a Gemini
 * API host, or have an unknown base followed by a path (`${BASE}/v1/order/new`) in code that
 * `geminiContext` says is Gemini exchange code. `undefined` otherwise (other hosts, relative URLs,
 * URLs unknown from the start). A host whose subdomain is unknown but which ends in `.gemini.com`
 * (`https://${sub}.gemini.com`) counts too, in Gemini code.
 */
export function geminiTarget(call: HttpCall, sourceCode: SourceCode, url: ResolvedUrl | undefined = call.url): GeminiTarget | undefined {
  if (!url) return undefined;
  let path: string;
  let viaUnknownBase = false;
  if (url.host !== undefined) {
    if (!url.gemini || url.path === undefined) return undefined;
    path = normalisePath(url.path);
  } else if (url.pathAfterUnknownBase !== undefined && geminiContext(sourceCode).isGeminiCode(call.node)) {
    path = normalisePath(url.pathAfterUnknownBase);
    viaUnknownBase = true;
  } else {
    // `https://${sandbox ? 'api.sandbox' : 'api'}.gemini.com/v1/…`: only the subdomain is unknown
    const holed = HOLED_GEMINI_HOST.exec(url.text);
    if (!holed || !geminiContext(sourceCode).isGeminiCode(call.node)) return undefined;
    path = normalisePath(holed[1] || '/');
  }
  const kind = clientDescriptor(call.client)?.websocket || url.scheme === 'ws' || url.scheme === 'wss' ? 'websocket' : 'rest';
  const target: GeminiTarget = { path, viaUnknownBase, sandbox: url.host !== undefined && isGeminiSandboxHost(url.host), kind };
  if (url.host !== undefined) target.host = url.host;
  const mark = url.text.indexOf('?');
  if (mark !== -1) target.query = url.text.slice(mark + 1).replace(/#.*$/s, '');
  else if (url.complete) target.query = '';
  // ws.gemini.com addresses feeds by message, not by path: no catalogued endpoints there.
  const pathAddressed = url.host === undefined || isGeminiRestHost(url.host);
  if (pathAddressed && kind === 'rest') {
    const endpoint = matchEndpoint(path);
    if (endpoint) target.endpoint = endpoint;
  } else if (pathAddressed) {
    const feed = matchWebSocketEndpoint(path);
    if (feed) target.webSocketEndpoint = feed;
  }
  return target;
}

/**
 * Compares a payload's `request` with where the request goes, the way Gemini's EndpointMismatch
 * check does. With a known host this is `pathsEqual`; behind an unknown base the URL path is
 * "something + {@link GeminiTarget.path}", so a fully known `request` that does not end with that
 * tail is certainly different, and anything else is `'unknown'`. The URL's own query string is not
 * compared; a query string in `request` is a mismatch when the URL certainly has none
 * (`urlMayGainQuery` false: the client adds no `params`).
 */
export function compareRequestWithTarget(request: StaticString, target: GeminiTarget, urlMayGainQuery = true): PathComparison {
  if (!target.viaUnknownBase) {
    const paths = pathsEqual(target.path, request.text);
    // `request: '/v1/orders?symbol=btcusd'` for a URL that certainly has no query string
    const query = request.text.indexOf('?');
    if (paths === 'equal' && !urlMayGainQuery && request.complete && query !== -1 && query < request.text.length - 1 && target.query === '') return 'different';
    return paths;
  }
  if (!request.complete || hasHole(request.text) || hasHole(target.path)) return 'unknown';
  return normalisePath(request.text).endsWith(target.path) ? 'unknown' : 'different';
}

/**
 * The URL of `call` with function parameters replaced by `substitution` (one call site's
 * arguments; see `callSiteBindings` in symbolic.ts), recomputed the way the client joins it with
 * its base. `params` lists the parameters the URL depends on; `url` is absent when the call has no
 * target expression.
 */
export function callUrlWith(call: HttpCall, sourceCode: SourceCode, substitution: Substitution = new Map()): { url?: ResolvedUrl; params: Set<Variable> } {
  const params = new Set<Variable>();
  if (!call.urlNode) return { params };
  const evaluate = (node: TSESTree.Node | undefined, fallback: StaticString): StaticString => {
    if (!node) return fallback;
    const result = symbolicString(node, sourceCode, substitution);
    for (const p of result.params) params.add(p);
    return result.value ?? { text: HOLE, complete: false };
  };
  const options = clientDescriptor(call.client)?.urlFromOptions ? resolveObjectLiteral(call.urlNode, sourceCode) : undefined;
  if (options) {
    // https.request({ protocol, hostname, path })
    const scheme = evaluate(propertyValue(options, 'protocol', sourceCode), { text: call.url?.scheme ?? HOLE, complete: call.url?.scheme !== undefined });
    const host = evaluate(propertyValue(options, 'hostname', sourceCode) ?? propertyValue(options, 'host', sourceCode), { text: 'localhost', complete: true });
    const path = evaluate(propertyValue(options, 'path', sourceCode), { text: '/', complete: true });
    return {
      url: parseUrlText({ text: `${scheme.text.replace(/:$/, '')}://${host.text}${path.text}`, complete: scheme.complete && host.complete && path.complete }),
      params,
    };
  }
  const path = evaluate(call.urlNode, { text: HOLE, complete: false });
  const text = call.urlBase ? joinUrl(call.urlBase.base, path, call.urlBase.join) : path;
  return { url: parseUrlText(text), params };
}

/**
 * The requests that send `payload` (in their `X-GEMINI-PAYLOAD` header, or built from it when that
 * header is out of sight). `payload.calls` lists
 * every request whose payload header *may* carry it — with a shared header helper
 * (`headers: sign(body)`) that is every request using the helper — so only the calls whose own
 * arguments and header values lead to this payload without going through a function parameter
 * are kept (see {@link reachedFromCall}).
 */
export function payloadRequests(payload: GeminiPayload, sourceCode: SourceCode): HttpCall[] {
  // A payload whose header is built out of sight — by an imported signing helper, as in
  // `axios.post(url, {}, createRequestConfig({ payload, key, secret }))` — goes with the requests
  // built from it.
  const calls = payload.calls.length > 0 || payload.sentAsPayloadHeader ? payload.calls : httpCalls(sourceCode);
  return calls.filter((call) => reachedFromCall(call, payload.node, sourceCode));
}

/**
 * Whether `node` is one of the values a request is built from: its arguments and header values,
 * followed through `const`s, object literals, calls (their arguments, and local functions' return
 * values) and templates — but never from a parameter back to the callers, which would mix up the
 * requests that share a helper.
 */
export function reachedFromCall(call: HttpCall, node: TSESTree.Node, sourceCode: SourceCode): boolean {
  return localSources(call, sourceCode).has(node);
}

/** Nodes a call's arguments and payload header values are built from, not crossing parameters. */
function localSources(call: HttpCall, sourceCode: SourceCode): Set<TSESTree.Node> {
  const cache = memoForFile(sourceCode, 'geminiRequests.localSources', () => new Map<HttpCall, Set<TSESTree.Node>>());
  const cached = cache.get(call);
  if (cached) return cached;
  const seen = new Set<TSESTree.Node>();
  const stack: TSESTree.Node[] = [...call.node.arguments];
  for (const entry of call.headers.entries) if (geminiHeaderKind(entry.name) === 'payload') stack.push(entry.valueNode);
  while (stack.length > 0 && seen.size < 2000) {
    const current = unwrap(stack.pop()!);
    if (seen.has(current)) continue;
    seen.add(current);
    switch (current.type) {
      case AST_NODE_TYPES.Identifier: {
        const binding = resolveIdentifier(current, sourceCode);
        if (binding.kind === 'expression') stack.push(binding.node);
        else if (binding.kind === 'property-of') stack.push(binding.object);
        else if (binding.kind === 'unknown') {
          // `payload = { … }; payload = base64(payload)`: the write that reaches this use
          const written = lastWriteBefore(current, sourceCode);
          if (written) stack.push(written);
        }
        break;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const resolved = resolveValueNode(current, sourceCode);
        stack.push(resolved !== current ? resolved : current.object);
        break;
      }
      case AST_NODE_TYPES.ObjectExpression:
        for (const p of current.properties) stack.push(p.type === AST_NODE_TYPES.Property ? p.value : p.argument);
        break;
      case AST_NODE_TYPES.ArrayExpression:
        for (const e of current.elements) if (e) stack.push(e.type === AST_NODE_TYPES.SpreadElement ? e.argument : e);
        break;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (current.type === AST_NODE_TYPES.CallExpression) {
          const fn = calledFunction(current, sourceCode);
          if (fn) stack.push(...returnedExpressions(fn));
        }
        const callee = unwrap(current.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression) stack.push(callee.object);
        for (const a of current.arguments) stack.push(a.type === AST_NODE_TYPES.SpreadElement ? a.argument : a);
        break;
      }
      case AST_NODE_TYPES.AwaitExpression:
        stack.push(current.argument);
        break;
      case AST_NODE_TYPES.TemplateLiteral:
        stack.push(...current.expressions);
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        stack.push(current.consequent, current.alternate);
        break;
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.BinaryExpression:
        stack.push(current.left, current.right);
        break;
      default:
        break;
    }
  }
  cache.set(call, seen);
  return seen;
}

/** File-wide ways a configured client gets headers or a method that the call itself does not show. */
interface ClientDefaults {
  /** `x.interceptors…`, `x.defaults.headers…`, got/ky `hooks`, axios `transformRequest`. */
  headers: boolean;
  /** `x.defaults.method = …` or a `method` in an `axios.create` / `got.extend` / `request.defaults` config. */
  method: boolean;
}

function clientDefaults(sourceCode: SourceCode): ClientDefaults {
  return memoForFile(sourceCode, 'geminiRequests.clientDefaults', () => {
    const found: ClientDefaults = { headers: false, method: false };
    walk(sourceCode.ast, (node) => {
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(node);
        if (name === 'interceptors') found.headers = true;
        // `api.defaults.headers.common[...] = …` (not `request.defaults({...})`, the factory call)
        if (name === 'defaults' && node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) {
          const next = memberName(node.parent);
          if (next === 'method') found.method = true;
          else found.headers = true;
        }
      } else if (node.type === AST_NODE_TYPES.Property) {
        const key = staticKeyName(node.key, node.computed);
        if (key === 'hooks' || key === 'transformRequest' || key === 'beforeRequest') found.headers = true;
        if (key === 'method' && isFactoryConfig(node.parent)) found.method = true;
      }
      return undefined;
    });
    return found;
  });
}

/** The object is the config of `axios.create(…)`, `got.extend(…)`, `ky.create(…)`, `request.defaults(…)`. */
function isFactoryConfig(obj: TSESTree.Node | undefined): boolean {
  const call = obj?.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== obj) return false;
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
  return name === 'create' || name === 'extend' || name === 'defaults';
}

/**
 * Whether the headers `call.headers` lists are certainly all the request sends: `call.headers` is
 * complete, and nothing else in the file can add more — no axios interceptors or defaults, no
 * got/ky hooks, no superagent `.use(plugin)` in the chain, no `https.request` object handed on
 * (whoever receives it may `setHeader`), and no options or headers variable that is mutated or
 * passed to another function.
 */
export function headersCertain(call: HttpCall, sourceCode: SourceCode): boolean {
  if (!call.headers.complete) return false;
  const client = clientDescriptor(call.client);
  if (client?.headersMayBeAddedLater?.(call, sourceCode)) return false;
  if (client?.instanceDefaults && clientDefaults(sourceCode).headers) return false;
  if (call.optionsNode) {
    if (mayBeChanged(call.optionsNode, call.node, sourceCode)) return false;
    const headersNode = propertyValue(call.optionsNode, 'headers', sourceCode);
    if (headersNode && mayBeChanged(headersNode, call.node, sourceCode, true)) return false;
  }
  return true;
}

/**
 * The request's HTTP method when it is certain: written at the call (`axios.get`, `method: 'GET'`),
 * or the client's default when every option is visible and no instance default can change it.
 * `undefined` when unknown.
 */
export function certainMethod(call: HttpCall, sourceCode: SourceCode): string | undefined {
  if (!call.method) return undefined;
  if (call.methodNode) return call.method;
  if (clientDescriptor(call.client)?.instanceDefaults && clientDefaults(sourceCode).method) return undefined;
  if (call.optionsNode) {
    const obj = resolveObjectLiteral(call.optionsNode, sourceCode);
    if (!obj || !objectEntries(obj, sourceCode).complete) return undefined;
    if (mayBeChanged(call.optionsNode, call.node, sourceCode)) return undefined;
  }
  return call.method;
}

/**
 * A variable holding an options or headers object that is changed after it is built, or handed to
 * a function that could change it (other than being passed to the request `call` itself).
 */
function mayBeChanged(node: TSESTree.Node, call: TSESTree.Node, sourceCode: SourceCode, headerWritesSeen = false): boolean {
  const id = unwrap(node);
  if (id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(id, sourceCode);
  if (!variable) return false;
  const writes = writeReferences(variable, sourceCode);
  return variable.references.some((ref) => {
    if (ref.init) return false;
    const used = ref.identifier;
    // `var h; … h = { … };` (CoffeeScript, ES5): the one write before the call is the definition
    if (writes.length === 1 && ref === writes[0] && used.parent?.type === AST_NODE_TYPES.AssignmentExpression && used.parent.operator === '=' && used.range[1] <= call.range[0]) {
      return false;
    }
    if (used.range[0] >= call.range[0] && used.range[1] <= call.range[1] && isDirectArgument(used, call)) return false;
    // `h['X-GEMINI-APIKEY'] = k` / `h.set('X', v)`: http-calls already counts these headers
    if (headerWritesSeen && isNamedHeaderWrite(used, sourceCode)) return false;
    return !isHarmlessRead(used);
  });
}

/** `h[name] = v`, `h.name = v`, `h.set(name, v)`, `h.append(name, v)` with a statically known name. */
function isNamedHeaderWrite(used: TSESTree.Node, sourceCode: SourceCode): boolean {
  const member = used.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== used) return false;
  const outer = member.parent;
  if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === member && outer.operator === '=') {
    return memberName(member) !== undefined || (member.computed && symbolicString(member.property, sourceCode).value?.complete === true);
  }
  if (outer?.type === AST_NODE_TYPES.CallExpression && outer.callee === member) {
    const method = memberName(member);
    const name = outer.arguments[0];
    return (method === 'set' || method === 'append') && name !== undefined && symbolicString(name, sourceCode).value?.complete === true;
  }
  return false;
}

/** `used` is passed straight to `call` (as an argument or as a property of an inline options object). */
function isDirectArgument(used: TSESTree.Node, call: TSESTree.Node): boolean {
  let current: TSESTree.Node = used;
  while (current.parent && current.parent !== call) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current) current = parent.parent;
    else if (parent.type === AST_NODE_TYPES.SpreadElement || parent.type === AST_NODE_TYPES.ObjectExpression) current = parent;
    else if (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.TSSatisfiesExpression) current = parent;
    else return false;
  }
  return current.parent === call;
}

/** A reference that reads a value without changing it or letting it escape. */
function isHarmlessRead(used: TSESTree.Node): boolean {
  const parent = used.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== used) return true; // h[key]: `used` is the key
      // Climb `a.b.c` and see what happens to the end of the chain.
      let top: TSESTree.Node = parent;
      while (top.parent?.type === AST_NODE_TYPES.MemberExpression && top.parent.object === top) top = top.parent;
      const outer = top.parent;
      if (!outer) return true;
      if (outer.type === AST_NODE_TYPES.AssignmentExpression && outer.left === top) return false;
      if (outer.type === AST_NODE_TYPES.UpdateExpression) return false;
      if (outer.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'delete') return false;
      if (outer.type === AST_NODE_TYPES.CallExpression && outer.callee === top) return false;
      return true;
    }
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
      return true;
    default:
      return false;
  }
}

/**
 * Whether more keys may be added to a payload object literal after it is written: it is stored in
 * a variable that is later written to (`payload.nonce = …`), or handed to a function that could
 * (anything but `JSON.stringify`; local helpers are followed). `false` means the literal shows
 * every key Gemini will see.
 */
export function payloadMayGainKeys(node: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  return mayGainKeys(node, sourceCode, 0);
}

function mayGainKeys(node: TSESTree.Node, sourceCode: SourceCode, depth: number): boolean {
  if (depth > 4) return true;
  let current: TSESTree.Node = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression || current.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
    // `export const payload = {…}`: any importer may add keys
    if (parent.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
    const variable = findVariable(parent.id, sourceCode);
    if (!variable) return true;
    return variable.references.some((ref) => !ref.init && !useKeepsKeys(ref.identifier, sourceCode, depth));
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
    return !callKeepsKeys(parent, parent.arguments.indexOf(current as TSESTree.CallExpressionArgument), sourceCode, depth);
  }
  return true;
}

function useKeepsKeys(used: TSESTree.Node, sourceCode: SourceCode, depth: number): boolean {
  const parent = used.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(used as TSESTree.CallExpressionArgument)) {
    return callKeepsKeys(parent, parent.arguments.indexOf(used as TSESTree.CallExpressionArgument), sourceCode, depth);
  }
  return isHarmlessRead(used);
}

function callKeepsKeys(call: TSESTree.CallExpression, index: number, sourceCode: SourceCode, depth: number): boolean {
  // as deep as mayGainKeys looks (a recursive helper passes its parameter to itself): beyond, keys may be added
  if (depth > 4) return false;
  const ref = moduleRef(call.callee, sourceCode);
  if (ref?.source === '<global>' && ref.path.join('.') === 'JSON.stringify' && index === 0) return true;
  const fn = calledFunction(call, sourceCode);
  const param = fn?.params[index];
  if (!fn || param?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(param, sourceCode);
  if (!variable) return false;
  return variable.references.every((r) => useKeepsKeys(r.identifier, sourceCode, depth + 1));
}

/** A request inside a helper, as one call site of the helper instantiates it. */
export interface SiteTarget {
  /** The call of the helper. */
  site: TSESTree.CallExpression;
  /** Where a report about this call site points: the argument the URL depends on, or the call. */
  reportNode: TSESTree.Node;
  /** The parameter values at this call site. */
  substitution: Substitution;
  /** The request's URL with those values. */
  url?: ResolvedUrl;
  /** Where that URL goes on the Gemini API, if it does. */
  target?: GeminiTarget;
  /** The method at this call site, when the request chooses it from a parameter (`method: body ? 'POST' : 'GET'`). */
  method?: string;
}

/**
 * For a request whose URL depends on parameters of the function it sits in
 * (`get(path) { return fetch(BASE + path) }`), the URL and Gemini target at each call of that
 * function in the file (`get('/v1/balances')`). Empty when the URL depends on no parameter, on
 * parameters of several functions, the function branches on its parameters (see
 * `branchesOnParameters`), or it has no visible callers.
 */
export function siteTargets(call: HttpCall, sourceCode: SourceCode): SiteTarget[] {
  const cache = memoForFile(sourceCode, 'geminiRequests.siteTargets', () => new Map<HttpCall, SiteTarget[]>());
  const cached = cache.get(call);
  if (cached) return cached;
  const result: SiteTarget[] = [];
  const { params } = callUrlWith(call, sourceCode);
  const fn = parametersFunction(params);
  const choice = runtimeMethod(call, sourceCode);
  if (fn && !branchesOnParameters(fn, sourceCode, choice?.node)) {
    for (const binding of callSiteBindings(fn, sourceCode)) {
      const { url } = callUrlWith(call, sourceCode, binding.substitution);
      const entry: SiteTarget = { site: binding.site, reportNode: siteReportNode(binding, params), substitution: binding.substitution };
      const method = choice && methodAtSite(choice, binding, sourceCode);
      if (method) entry.method = method;
      if (url) {
        entry.url = url;
        const target = geminiTarget(call, sourceCode, url);
        if (target) entry.target = target;
      }
      result.push(entry);
    }
  }
  cache.set(call, result);
  return result;
}

/** The argument at a call site for the first (by position) of `params`, else the call itself. */
export function siteReportNode(binding: CallSiteBinding, params: Iterable<Variable>): TSESTree.Node {
  const wanted = new Set(params);
  for (const [variable] of binding.substitution) {
    if (wanted.has(variable)) {
      const arg = binding.argumentFor(variable);
      if (arg) return arg;
    }
  }
  return binding.site;
}
