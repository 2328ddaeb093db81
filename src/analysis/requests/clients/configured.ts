import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { HOLE } from '../../../gemini/paths.js';
import { memberName, unwrap } from '../../ast-utils.js';
import { moduleRef } from '../../values/bindings.js';
import type { JoinMode } from '../../values/url-join.js';
import { constantString, objectEntries, propertyValue, resolveObjectLiteral, resolveValueNode, type StaticString } from '../../values/values.js';
import { EMPTY_HEADERS, headersFromOptions, mergeHeaders, resolveHeaders, UNKNOWN_HEADERS } from '../headers.js';
import type { ClientDescriptor, HeaderSet, HttpCall, SourceCode } from '../types.js';
import { resolveUrlString } from '../urls.js';
import { isOptionsObject, METHODS, NO_BODY_METHODS, setUrl } from './shared.js';

/**
 * A client that is a module with per-method members and instances with defaults: axios, got, ky,
 * request. One spec says how each reads its calls; {@link configuredClient} turns it into a
 * descriptor.
 */
export interface ConfiguredSpec {
  id: string;
  /** Module names whose default export is the client. */
  modules: readonly string[];
  /** Instance factories (`axios.create`, `got.extend`, `request.defaults`). */
  factories: readonly string[];
  /** The config key of the base URL, and how the client joins it with a path. */
  baseKey: string;
  join: JoinMode;
  /** Config keys of the target (`url`, request's `uri`). */
  urlKeys: readonly string[];
  /** Config keys of the body. */
  bodyKeys: readonly string[];
  /** `client.post(url, body, config)`: the body is the second argument of body-carrying methods. */
  bodyArgument?: boolean;
  /** `client.post(config)` as well as `client.post(url, config)`. */
  configFirst?: boolean;
}

/** A configured client value: the module itself or an instance with defaults. */
export interface ClientBase {
  spec: ConfiguredSpec;
  base?: StaticString;
  headers: HeaderSet;
}

/** The client module or instance of `spec` an expression holds (`axios`, `axios.create({...})`, `this.client`). */
export function clientBaseOf(node: TSESTree.Node, spec: ConfiguredSpec, sourceCode: SourceCode, depth = 0): ClientBase | undefined {
  if (depth > 8) return undefined;
  const ref = moduleRef(node, sourceCode);
  if (ref && ref.path.length === 0 && spec.modules.includes(ref.source)) return { spec, headers: EMPTY_HEADERS };
  const value = resolveValueNode(node, sourceCode);
  if (value.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(value.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const factory = memberName(callee);
  if (factory === undefined || !spec.factories.includes(factory)) return undefined;
  const parent = clientBaseOf(callee.object, spec, sourceCode, depth + 1);
  if (!parent) return undefined;
  const config = value.arguments[0];
  if (!config) return parent;
  const baseNode = propertyValue(config, spec.baseKey, sourceCode);
  const headersNode = propertyValue(config, 'headers', sourceCode);
  const configObject = resolveObjectLiteral(config, sourceCode);
  const base = baseNode ? (resolveUrlString(baseNode, sourceCode) ?? { text: HOLE, complete: false }) : parent.base;
  const headers = mergeHeaders(
    parent.headers,
    headersNode ? resolveHeaders(headersNode, sourceCode) : configObject && objectEntries(configObject, sourceCode).complete ? EMPTY_HEADERS : UNKNOWN_HEADERS,
  );
  const result: ClientBase = { spec, headers };
  if (base) result.base = base;
  return result;
}

/** Reads one call of a configured client: `client(config)`, `client(url, config)`, `client.post(url, body, config)`, `client.request(config)`. */
export function readClientCall(node: TSESTree.CallExpression, base: ClientBase, method: string | undefined, sourceCode: SourceCode): HttpCall | undefined {
  const { spec } = base;
  const args = node.arguments;
  const lower = method?.toLowerCase();
  if (method !== undefined && method !== 'request' && !METHODS.has(lower ?? '')) return undefined;

  let urlArg: TSESTree.Node | undefined;
  let configArg: TSESTree.Node | undefined;
  let bodyArg: TSESTree.Node | undefined;
  let fixedMethod = method && method !== 'request' ? method.toUpperCase() : undefined;
  let methodNode: TSESTree.Node | undefined = fixedMethod ? (unwrap(node.callee) as TSESTree.MemberExpression).property : undefined;

  const first = args[0];
  const firstIsConfig = isOptionsObject(first, sourceCode);
  if (method === undefined || method === 'request') {
    if (firstIsConfig) configArg = first;
    else [urlArg, configArg] = [first, args[1]];
  } else if (spec.bodyArgument && !NO_BODY_METHODS.has(lower!)) {
    [urlArg, bodyArg, configArg] = [first, args[1], args[2]];
  } else if (spec.configFirst && firstIsConfig) {
    configArg = first;
  } else {
    [urlArg, configArg] = [first, args[1]];
  }

  if (configArg) {
    for (const key of spec.urlKeys) urlArg ??= propertyValue(configArg, key, sourceCode);
    if (!fixedMethod) {
      const m = propertyValue(configArg, 'method', sourceCode);
      if (m) {
        methodNode = m;
        fixedMethod = constantString(m, sourceCode)?.toUpperCase();
      }
    }
    for (const key of spec.bodyKeys) bodyArg ??= propertyValue(configArg, key, sourceCode);
  }
  const call: HttpCall = {
    node,
    client: spec.id,
    headers: mergeHeaders(base.headers, configArg ? headersFromOptions(configArg, sourceCode) : EMPTY_HEADERS),
  };
  const methodKnown = methodNode === undefined ? 'GET' : fixedMethod;
  if (methodKnown) call.method = methodKnown;
  if (methodNode) call.methodNode = methodNode;
  if (configArg) call.optionsNode = configArg;
  if (bodyArg) call.bodyNode = bodyArg;
  setUrl(call, urlArg, sourceCode, base.base ? { base: base.base, join: spec.join } : undefined);
  return call;
}

/** The descriptor of a configured client family. */
export function configuredClient(spec: ConfiguredSpec): ClientDescriptor {
  return {
    id: spec.id,
    words: spec.modules,
    // `client(config)` can be an instance held by any name (`this.api(config)`)
    callee: { node: 'call', modules: spec.modules },
    instanceDefaults: true,
    recognise(node, sourceCode) {
      if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const callee = unwrap(node.callee);
      const direct = clientBaseOf(callee, spec, sourceCode);
      if (direct) return readClientCall(node, direct, undefined, sourceCode);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = memberName(callee);
      if (method === undefined || (method !== 'request' && !METHODS.has(method.toLowerCase()))) return undefined;
      const base = clientBaseOf(callee.object, spec, sourceCode);
      return base ? readClientCall(node, base, method, sourceCode) : undefined;
    },
  };
}

/** axios: `axios(config)`, `axios.post(url, data, config)`, instances from `axios.create({ baseURL })`. */
export const AXIOS: ConfiguredSpec = { id: 'axios', modules: ['axios'], factories: ['create'], baseKey: 'baseURL', join: 'axios', urlKeys: ['url'], bodyKeys: ['data'], bodyArgument: true };
/** got: `got.post(url, { json })`, instances from `got.extend({ prefixUrl })`. */
export const GOT: ConfiguredSpec = { id: 'got', modules: ['got'], factories: ['extend', 'create'], baseKey: 'prefixUrl', join: 'prefix', urlKeys: ['url'], bodyKeys: ['body', 'json', 'form'] };
/** ky: like got. */
export const KY: ConfiguredSpec = { id: 'ky', modules: ['ky'], factories: ['extend', 'create'], baseKey: 'prefixUrl', join: 'prefix', urlKeys: ['url'], bodyKeys: ['body', 'json'] };
/** request and its promise wrappers: `request({ uri, method, headers })`, `request.defaults({ baseUrl })`. */
export const REQUEST: ConfiguredSpec = {
  id: 'request',
  modules: ['request', 'request-promise', 'request-promise-native', 'postman-request'],
  factories: ['defaults'],
  baseKey: 'baseUrl',
  join: 'url',
  urlKeys: ['uri', 'url'],
  bodyKeys: ['body', 'json', 'form'],
  configFirst: true,
};
