import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { geminiHeaderKind } from '../../gemini/headers.js';
import { enclosingFunction, isFunctionNode, memberName, returnedExpressions, unwrap, walk, type FunctionNode } from '../ast-utils.js';
import { findVariable } from '../values/bindings.js';
import { calledFunction } from '../values/functions.js';
import { httpCalls, type HttpCall } from '../requests/http-calls.js';
import { memoForFile } from '../memo.js';
import { geminiHeaderSinks } from '../signing/index.js';
import { swallowed } from '../../utils/guard.js';

// Error objects that carry a signed request. axios keeps the request config on its errors
// (`err.config.headers`, `err.request`, `err.response.config`, and `err.toJSON()` includes the
// config); got keeps it under `err.options`. Logging such an error, or those parts of it, writes
// X-GEMINI-APIKEY and X-GEMINI-SIGNATURE to the log. `err.message`, `err.code`, `err.response.status`
// and `err.response.data` (Gemini's answer) do not.

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Clients whose errors keep the request's headers. */
const KEEPS_REQUEST: ReadonlySet<HttpCall['client']> = new Set(['axios', 'got']);

/** Member paths of such an error that hold the request's headers (`[]` is the error itself). */
const LEAKING_PATHS: readonly string[] = ['', 'config', 'config.headers', 'request', 'response', 'response.config', 'response.config.headers', 'response.request', 'options', 'options.headers', 'toJSON()'];

/** Whether an HTTP call sends Gemini's API key or signature header (written at the call, or set by interceptors in this file). */
function sendsSignedHeaders(call: HttpCall, sourceCode: SourceCode): boolean {
  if (!KEEPS_REQUEST.has(call.client)) return false;
  if (call.headers.entries.some((e) => { const kind = geminiHeaderKind(e.name); return kind === 'apiKey' || kind === 'signature'; })) return true;
  // headers added elsewhere (an interceptor, a default): a Gemini request in a file that signs
  return call.url?.gemini === true && geminiHeaderSinks(sourceCode).some((s) => s.kind === 'signature');
}

/** Signed requests of the file that keep their headers on errors, and the functions that make them (memoised). */
function signedRequestSites(sourceCode: SourceCode): { calls: HttpCall[]; functions: Set<FunctionNode> } {
  return memoForFile(sourceCode, 'exposure:signedRequestSites', () => {
    const calls = httpCalls(sourceCode).filter((c) => sendsSignedHeaders(c, sourceCode));
    const functions = new Set<FunctionNode>();
    for (const call of calls) {
      const fn = enclosingFunction(call.node);
      if (fn) functions.add(fn);
    }
    return { calls, functions };
  });
}

/** Whether running `root` may make a signed request: one is written inside it, or a local function making one is called there. */
function makesSignedRequest(root: TSESTree.Node, sourceCode: SourceCode): boolean {
  const { calls, functions } = signedRequestSites(sourceCode);
  if (calls.length === 0) return false;
  if (calls.some((c) => root.range[0] <= c.node.range[0] && c.node.range[1] <= root.range[1])) return true;
  let found = false;
  walk(root, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const fn = calledFunction(node, sourceCode);
      if (fn && functions.has(fn)) found = true;
    }
    return undefined;
  });
  return found;
}

/** The error parameter of a `catch (err)` or of `.catch((err) => …)` / `.then(ok, (err) => …)`, with what its request was. */
function errorSource(id: TSESTree.Identifier, sourceCode: SourceCode): boolean {
  const variable = findVariable(id, sourceCode);
  const def = variable?.defs[0];
  if (!def) return false;
  if (def.type === 'CatchClause') {
    const clause = def.node as TSESTree.CatchClause;
    const tryStatement = clause.parent;
    return tryStatement?.type === AST_NODE_TYPES.TryStatement && makesSignedRequest(tryStatement.block, sourceCode);
  }
  if (def.type !== 'Parameter') return false;
  const fn = def.node;
  if (!isFunctionNode(fn) || fn.params[0] !== def.name) return false;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(callee);
  const isHandler = (method === 'catch' && call.arguments[0] === fn) || (method === 'then' && call.arguments[1] === fn);
  if (!isHandler) return false;
  // axios.post(…).catch(…), or signedHelper(…).then(…).catch(…)
  return makesSignedRequest(callee.object, sourceCode) || returnsSignedRequest(callee.object, sourceCode);
}

/** `this.privateRequest(…)` where that local function returns a signed request's promise. */
function returnsSignedRequest(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.CallExpression) return false;
  const fn = calledFunction(n, sourceCode);
  return fn !== undefined && signedRequestSites(sourceCode).functions.has(fn) && returnedExpressions(fn).length > 0;
}

/**
 * Whether `node` is an error of a signed axios or got request, or a part of it that holds the
 * request's headers: `err`, `err.config`, `err.request`, `err.response`, `err.response.config`,
 * `err.options`, `err.toJSON()` — where `err` is the parameter of a `catch` whose `try` makes such a
 * request (directly or through a local helper), or of a `.catch` / `.then` handler chained on one.
 */
export function carriesSignedRequest(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  try {
    let n = unwrap(node);
    const path: string[] = [];
    // err.toJSON(): the whole error as JSON, config included
    if (n.type === AST_NODE_TYPES.CallExpression && n.arguments.length === 0) {
      const callee = unwrap(n.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'toJSON') return false;
      path.push('toJSON()');
      n = unwrap(callee.object);
    }
    while (n.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(n);
      if (name === undefined) return false;
      path.unshift(name);
      n = unwrap(n.object);
    }
    if (n.type !== AST_NODE_TYPES.Identifier || !LEAKING_PATHS.includes(path.join('.'))) return false;
    if (signedRequestSites(sourceCode).calls.length === 0) return false;
    return errorSource(n, sourceCode);
  } catch {
    swallowed();
    return false;
  }
}
