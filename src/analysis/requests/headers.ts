import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { memberName, returnedExpressions, unwrap, type FunctionNode } from '../ast-utils.js';
import { findVariable, moduleRef } from '../values/bindings.js';
import { calledFunction } from '../values/functions.js';
import { unlessReentered } from '../values/reentry.js';
import { constantString, objectEntries, resolveObjectLiteral, resolveValueNode } from '../values/values.js';
import { memoForFile } from '../memo.js';
import type { HeaderEntry, HeaderSet, SourceCode } from './types.js';

/** A request that sends no headers. */
export const EMPTY_HEADERS: HeaderSet = { entries: [], complete: true };
/** Headers that come from something out of sight. */
export const UNKNOWN_HEADERS: HeaderSet = { entries: [], complete: false };

// The header classes whose instances hold headers: WHATWG `Headers`, Angular's `HttpHeaders`.
const HEADER_CLASSES = new Set(['Headers', 'HttpHeaders']);

/** `a`'s headers overridden by `b`'s (names compared case-insensitively). */
export function mergeHeaders(a: HeaderSet, b: HeaderSet): HeaderSet {
  if (a.entries.length === 0 && a.complete) return b;
  const byName = new Map<string, HeaderEntry>();
  for (const e of [...a.entries, ...b.entries]) byName.set(e.name.toLowerCase(), e);
  return { entries: [...byName.values()], complete: a.complete && b.complete };
}

/** The `headers` of an options object (`{ method, headers: {...} }`). */
export function headersFromOptions(options: TSESTree.Node, sourceCode: SourceCode, key = 'headers'): HeaderSet {
  const obj = resolveObjectLiteral(options, sourceCode);
  if (!obj) return UNKNOWN_HEADERS;
  const { entries, complete } = objectEntries(obj, sourceCode);
  const headers = entries.find((e) => e.key === key);
  if (!headers) return complete ? EMPTY_HEADERS : UNKNOWN_HEADERS;
  return resolveHeaders(headers.valueNode, sourceCode);
}

/**
 * The headers an expression holds: an object literal (spreads merged), `new Headers({...})` or
 * Angular's `new HttpHeaders({...})` with `.set(name, value)` chains, a variable holding either
 * (including later `h['X'] = v` / `h.set('X', v)` writes), or the return value of a helper
 * function in the same file.
 */
export function resolveHeaders(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): HeaderSet {
  if (depth > 8) return UNKNOWN_HEADERS;
  // a helper's returned variable may be written to before it returns: read it as a variable
  const direct = unwrap(node);
  const helper = direct.type === AST_NODE_TYPES.CallExpression ? calledFunction(direct, sourceCode) : undefined;
  const value = helper ? direct : resolveValueNode(node, sourceCode);
  let result: HeaderSet = UNKNOWN_HEADERS;
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    const { entries, complete } = objectEntries(value, sourceCode);
    result = { entries: entries.map((e) => ({ name: e.key, nameNode: e.keyNode, valueNode: e.valueNode })), complete };
  } else if (value.type === AST_NODE_TYPES.NewExpression) {
    const ref = moduleRef(value.callee, sourceCode);
    const name = ref?.path[ref.path.length - 1];
    if (ref?.path.length === 1 && name !== undefined && HEADER_CLASSES.has(name)) {
      result = value.arguments[0] ? resolveHeaders(value.arguments[0], sourceCode, depth + 1) : EMPTY_HEADERS;
    }
  } else if (value.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(value.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
    const [nameArg, valueArg] = value.arguments;
    const fn = calledFunction(value, sourceCode);
    if (fn) {
      // a helper that returns a call of itself (`if (retry) return headers()`) is not unrolled:
      // with several such returns, unrolling down to the depth limit multiplies the work (minutes);
      // its headers are then as unknown as ones too deep
      const returns = returnedExpressions(fn);
      if (returns.length > 0) result = unlessReentered(resolvingHelpers, fn, result, () => returns.map((r) => resolveHeaders(r, sourceCode, depth + 1)).reduce(mergeHeaders));
    } else if (callee.type === AST_NODE_TYPES.MemberExpression && (method === 'set' || method === 'append') && nameArg && valueArg) {
      // Angular: `new HttpHeaders().set('X-GEMINI-APIKEY', key).set(…)`, each call a new object
      const name = constantString(nameArg, sourceCode);
      const base = resolveHeaders(callee.object, sourceCode, depth + 1);
      result = name === undefined ? { ...base, complete: false } : mergeHeaders(base, { entries: [{ name, nameNode: nameArg, valueNode: valueArg }], complete: true });
    }
  } else if (value.type === AST_NODE_TYPES.AwaitExpression) {
    result = resolveHeaders(value.argument, sourceCode, depth + 1);
  }
  const id = unwrap(node);
  if (id.type === AST_NODE_TYPES.Identifier) result = mergeHeaders(result, headerWrites(id, sourceCode));
  return result;
}

// Helpers whose returned headers are being resolved right now (see resolveHeaders).
const resolvingHelpers = new Set<FunctionNode>();

/** `h['X-GEMINI-SIGNATURE'] = sig`, `h.set('X', v)`, `h.append('X', v)` on the variable `id` names (once per variable). */
function headerWrites(id: TSESTree.Identifier, sourceCode: SourceCode): HeaderSet {
  const variable = findVariable(id, sourceCode);
  if (!variable) return EMPTY_HEADERS;
  // per variable: a module-level headers object is read by every request that sends it, and its
  // references were scanned again for each of them
  const writtenHeaders = memoForFile(sourceCode, 'headers:headerWrites', () => new Map<TSESLint.Scope.Variable, HeaderSet>());
  let headers = writtenHeaders.get(variable);
  if (!headers) {
    headers = writesOf(variable, sourceCode);
    writtenHeaders.set(variable, headers);
  }
  return headers;
}

function writesOf(variable: TSESLint.Scope.Variable, sourceCode: SourceCode): HeaderSet {
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

/** The entry for a header name (case-insensitive), if the request sends it. */
export function findHeader(headers: HeaderSet, name: string): HeaderEntry | undefined {
  const lower = name.toLowerCase();
  return headers.entries.find((e) => e.name.toLowerCase() === lower);
}
