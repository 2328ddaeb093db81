import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { HOLE } from '../../../gemini/paths.js';
import type { ParserServices } from '@typescript-eslint/utils';
import { dottedPath, memberName, nodesOfType, staticKeyName, unwrap } from '../../ast-utils.js';
import { memoForFile } from '../../memo.js';
import { calledFunction } from '../../values/functions.js';
import { objectEntries, resolveObjectLiteral } from '../../values/values.js';
import { headersFromOptions } from '../headers.js';
import type { ClientDescriptor, HttpCall, SourceCode } from '../types.js';
import { resolveUrlString } from '../urls.js';
import { methodFromOptions, setUrl } from './shared.js';

const URL_KEYS = ['url', 'uri'];
const BODY_KEYS = ['body', 'data', 'json', 'form', 'payload'];

// Functions that take an object with `url` and `method` without sending it: loggers, serialisers,
// object utilities, event emitters, test assertions.
const NOT_SENDERS = new Set([
  'log', 'info', 'debug', 'warn', 'error', 'trace', 'verbose', 'fatal',
  'stringify', 'assign', 'freeze', 'structuredClone', 'keys', 'values', 'entries',
  'push', 'unshift', 'concat', 'set', 'add', 'emit', 'dispatch', 'next', 'resolve', 'reject',
  'expect', 'assert', 'deepEqual', 'strictEqual', 'equal', 'matchObject',
]);
const NOT_SENDER_OBJECTS = new Set(['console', 'JSON', 'Object', 'Reflect', 'logger', 'log', 'assert', 'expect']);
// Senders whose name says they add credentials themselves (n8n's `httpRequestWithAuthentication`):
// the headers the object shows are not all the request sends.
const ADDS_AUTH = /auth|sign|credential|oauth/i;

// The expressions value resolution follows (see resolveValueNode), and object literals: anything
// else (a string, a number, a function, `a || {}`) is itself, never an object literal.
const FOLLOWED: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.ObjectExpression, AST_NODE_TYPES.Identifier, AST_NODE_TYPES.MemberExpression, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.AwaitExpression,
]);

/**
 * Whether an argument can resolve to an object literal, by its shape alone (nothing resolved):
 * `this.safeString(response, 'id')` passes only `response`, and `'id'` is a string.
 */
function mayHoldObject(arg: TSESTree.CallExpressionArgument): arg is TSESTree.Expression {
  return arg.type !== AST_NODE_TYPES.SpreadElement && FOLLOWED.has(unwrap(arg).type);
}

/**
 * Whether any object of the file can have a `url`/`uri` entry: a property named so, or one whose
 * computed key may evaluate to it. Entries come only from object literals (spreads and
 * `Object.assign` merge literals), so without one no call of the file passes a request config
 * (ccxt's exchange classes: none but what `sign()` returns). Under typed linting an object can
 * come from another file. One pass over the file's properties.
 */
function fileMayHoldConfigObject(sourceCode: SourceCode): boolean {
  return memoForFile(sourceCode, 'fileMayHoldConfigObject', () => {
    if ((sourceCode.parserServices as Partial<ParserServices> | undefined)?.program != null) return true;
    return nodesOfType(sourceCode.ast, AST_NODE_TYPES.Property).some((p) => {
      const key = staticKeyName(p.key, p.computed);
      return key === undefined ? p.computed : URL_KEYS.includes(key);
    });
  });
}

/** The name a call is made by, and the object it is called on (`this.helpers.httpRequest` → `httpRequest`, `helpers`). */
function calleeNames(node: TSESTree.CallExpression): { name?: string; object?: string } {
  let callee = unwrap(node.callee);
  // `fn.call(this, …)` / `fn.apply(this, …)`: the function is `fn`
  if (callee.type === AST_NODE_TYPES.MemberExpression && (memberName(callee) === 'call' || memberName(callee) === 'apply')) callee = unwrap(callee.object);
  if (callee.type === AST_NODE_TYPES.Identifier) return { name: callee.name };
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return {};
  const object = unwrap(callee.object);
  const result: { name?: string; object?: string } = {};
  const name = memberName(callee);
  if (name !== undefined) result.name = name;
  const objectName = object.type === AST_NODE_TYPES.Identifier ? object.name : object.type === AST_NODE_TYPES.MemberExpression ? memberName(object) : undefined;
  if (objectName !== undefined) result.object = objectName;
  return result;
}

/**
 * A request-config object handed to any sending function: `{ method, url | uri, headers }`,
 * optionally `baseURL` + `url` — n8n's `this.helpers.httpRequest(options)` and
 * `this.helpers.request(options)`, a wrapper of a client the file does not import, a framework's
 * request helper. The object must name a target and a method or headers; the callee must not be a
 * function of this file (its body is read instead) nor a logger, serialiser or assertion.
 * Without a written method, the method is unknown.
 */
export const configObjectClient: ClientDescriptor = {
  id: 'config-object',
  words: ['url', 'uri'],
  callee: { node: 'call' },
  recognise(node, sourceCode) {
    if (node.type !== AST_NODE_TYPES.CallExpression || !fileMayHoldConfigObject(sourceCode)) return undefined;
    const { name, object } = calleeNames(node);
    if (name === undefined || NOT_SENDERS.has(name) || /^to[A-Z]/.test(name) || (object !== undefined && NOT_SENDER_OBJECTS.has(object))) return undefined;
    // `this.safeString(response, 'id')`, `fn('a', 1)`: most calls pass nothing that can be an object
    const candidates = node.arguments.filter(mayHoldObject);
    if (candidates.length === 0 || calledFunction(node, sourceCode)) return undefined;
    for (const arg of candidates) {
      const obj = resolveObjectLiteral(arg, sourceCode);
      if (!obj) continue;
      const { entries } = objectEntries(obj, sourceCode);
      const target = entries.find((e) => URL_KEYS.includes(e.key));
      if (!target || !entries.some((e) => e.key === 'method' || e.key === 'headers')) continue;
      const call: HttpCall = { node, client: 'config-object', headers: headersFromOptions(arg, sourceCode), optionsNode: arg };
      if (ADDS_AUTH.test(dottedPath(node.callee) ?? name)) call.headers = { ...call.headers, complete: false };
      const baseEntry = entries.find((e) => e.key === 'baseURL' || e.key === 'baseUrl');
      const base = baseEntry ? { base: resolveUrlString(baseEntry.valueNode, sourceCode) ?? { text: HOLE, complete: false }, join: 'axios' as const } : undefined;
      setUrl(call, target.valueNode, sourceCode, base);
      methodFromOptions(call, arg, sourceCode);
      for (const key of BODY_KEYS) {
        const body = entries.find((e) => e.key === key);
        // `json: true` is request's "parse the response" flag, not a body
        if (body && !(body.valueNode.type === AST_NODE_TYPES.Literal && typeof body.valueNode.value === 'boolean')) call.bodyNode ??= body.valueNode;
      }
      return call;
    }
    return undefined;
  },
};
