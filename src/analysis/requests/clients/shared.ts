import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { HOLE } from '../../../gemini/paths.js';
import { memberName, unwrap } from '../../ast-utils.js';
import { moduleRef, type ModuleRef } from '../../values/bindings.js';
import { joinUrl, type JoinMode } from '../../values/url-join.js';
import { constantString, objectEntries, propertyValue, resolveObjectLiteral, staticString } from '../../values/values.js';
import { EMPTY_HEADERS, headersFromOptions } from '../headers.js';
import type { HttpCall, SourceCode } from '../types.js';
import { parseUrlText, resolveUrlString } from '../urls.js';

/** The HTTP methods a client names as a member (`axios.post`, `http.get`). */
export const METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
/** Methods whose second argument is options, not a body (`axios.get(url, config)`). */
export const NO_BODY_METHODS: ReadonlySet<string> = new Set(['get', 'delete', 'head', 'options']);

/** How a fetch-like client reads its options object. */
export interface OptionsShape {
  /** Keys that hold the body (`body`, axios `data`, Apps Script `payload`). */
  bodyKeys: readonly string[];
  /** The key of a base URL the target is joined to (`baseURL` for ofetch), and how. */
  base?: { key: string; join: JoinMode };
}

const FETCH_OPTIONS: OptionsShape = { bodyKeys: ['body'] };

/** The module reference of a call's callee (`fetch`, `axios.post`, `needle`). */
export function calleeRef(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: SourceCode): ModuleRef | undefined {
  return moduleRef(unwrap(node.callee), sourceCode);
}

/** `ref` is `source` (one of `sources`) itself or the member `member` of it. */
export function refIs(ref: ModuleRef | undefined, sources: readonly string[], member?: string): boolean {
  if (!ref || !sources.includes(ref.source)) return false;
  if (ref.source === '<global>') return ref.path.length === 1 && ref.path[0] === member;
  return member === undefined ? ref.path.length === 0 : ref.path.length === 1 && ref.path[0] === member;
}

/** Whether `node` is an options object rather than a URL (an object literal that is not a string). */
export function isOptionsObject(node: TSESTree.Node | undefined, sourceCode: SourceCode): boolean {
  return node !== undefined && resolveObjectLiteral(node, sourceCode) !== undefined && staticString(node, sourceCode) === undefined;
}

/** Sets `call.urlNode` / `call.url` from a URL argument, joined to `base` when given. */
export function setUrl(call: HttpCall, urlArg: TSESTree.Node | undefined, sourceCode: SourceCode, base?: HttpCall['urlBase']): void {
  if (base) call.urlBase = base;
  if (!urlArg) {
    if (base) call.url = parseUrlText(base.base);
    return;
  }
  call.urlNode = urlArg;
  const path = resolveUrlString(urlArg, sourceCode);
  if (base) call.url = parseUrlText(joinUrl(base.base, path ?? { text: HOLE, complete: false }, base.join));
  else if (path) call.url = parseUrlText(path);
}

/** Reads `method` from options: the written value, or `undefined` when absent. */
export function methodFromOptions(call: HttpCall, options: TSESTree.Node, sourceCode: SourceCode): boolean {
  const m = propertyValue(options, 'method', sourceCode);
  if (!m) return false;
  call.methodNode = m;
  const text = constantString(m, sourceCode);
  if (text) call.method = text.toUpperCase();
  return true;
}

/** Whether every key of the options object is visible (no unresolved spread, not a parameter). */
export function optionsComplete(options: TSESTree.Node, sourceCode: SourceCode): boolean {
  const obj = resolveObjectLiteral(options, sourceCode);
  return obj !== undefined && objectEntries(obj, sourceCode).complete;
}

/**
 * A call shaped `client(url, options)`, the shape of `fetch`, undici, ofetch and Apps Script:
 * URL, then an options object with `method`, `headers` and a body. Without a written method the
 * client's default applies when every option is visible.
 */
export function fromUrlAndOptions(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  client: string,
  urlArg: TSESTree.Node | undefined,
  optionsArg: TSESTree.Node | undefined,
  sourceCode: SourceCode,
  defaultMethod: string,
  shape: OptionsShape = FETCH_OPTIONS,
): HttpCall {
  const call: HttpCall = { node, client, headers: optionsArg ? headersFromOptions(optionsArg, sourceCode) : EMPTY_HEADERS };
  let base: HttpCall['urlBase'];
  if (optionsArg && shape.base) {
    const baseNode = propertyValue(optionsArg, shape.base.key, sourceCode);
    if (baseNode) base = { base: resolveUrlString(baseNode, sourceCode) ?? { text: HOLE, complete: false }, join: shape.base.join };
  }
  setUrl(call, urlArg, sourceCode, base);
  if (optionsArg) {
    call.optionsNode = optionsArg;
    for (const key of shape.bodyKeys) call.bodyNode ??= propertyValue(optionsArg, key, sourceCode);
    if (methodFromOptions(call, optionsArg, sourceCode)) return call;
    if (!optionsComplete(optionsArg, sourceCode)) return call; // options we cannot see may set the method
  }
  call.method = defaultMethod;
  return call;
}

/** The method a member call names (`client.post` → `POST`), with the callee property as its node. */
export function memberMethod(node: TSESTree.CallExpression): { method: string; node: TSESTree.Node } | undefined {
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(callee)?.toLowerCase();
  if (name === undefined || !METHODS.has(name)) return undefined;
  return { method: name.toUpperCase(), node: callee.property };
}
