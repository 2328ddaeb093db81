import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { memberName, returnedExpressions, unwrap, type FunctionNode } from '../ast-utils.js';
import { assignmentsTo, findVariable, moduleRef, resolveIdentifier } from '../values/bindings.js';
import { calledFunction } from '../values/functions.js';
import { callSitesOf } from '../values/symbolic.js';
import { memoForFile } from '../memo.js';
import { constantString, envRead, objectEntries, resolveValueNode } from '../values/values.js';
import { cryptoJsEncoding } from './hmac.js';
import { unlessReentered } from '../values/reentry.js';

// Value tracing for signatures: where a header value may come from, what a signed value is made
// of, and whether two expressions hold the same value.

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The nodes a value may come from within the file: through `const`s, `await`, conversions and
 * method calls on it, template literals, ternaries, local helper functions' return values, and
 * parameters back to the arguments of local call sites.
 */
export function traceValueSources(node: TSESTree.Node, sourceCode: SourceCode): Set<TSESTree.Node> {
  const seen = new Set<TSESTree.Node>();
  const stack: [TSESTree.Node, number][] = [[node, 0]];
  while (stack.length > 0) {
    const [raw, depth] = stack.pop()!;
    const current = unwrap(raw);
    if (seen.has(current) || depth > 40 || seen.size > 2000) continue;
    seen.add(current);
    const push = (n: TSESTree.Node | null | undefined): void => {
      if (n) stack.push([n, depth + 1]);
    };
    switch (current.type) {
      case AST_NODE_TYPES.Identifier: {
        const binding = resolveIdentifier(current, sourceCode);
        if (binding.kind === 'expression') push(binding.node);
        else if (binding.kind === 'property-of') {
          push(binding.object);
          // const { signature } = sign(body): the `signature` entry of what sign() returns
          for (const value of producedProperty(binding.object, binding.key, sourceCode)) push(value);
        }
        else if (binding.kind === 'parameter') for (const arg of callSiteArguments(binding.fn, current.name, sourceCode)) push(arg);
        else {
          // `let sig; sig = …`: every assigned value
          const variable = findVariable(current, sourceCode);
          if (variable) for (const value of assignedValues(variable, sourceCode)) push(value);
        }
        break;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const resolved = resolveValueNode(current, sourceCode);
        if (resolved !== current) push(resolved);
        else {
          push(current.object);
          const name = memberName(current);
          if (name !== undefined) for (const value of producedProperty(current.object, name, sourceCode)) push(value);
        }
        break;
      }
      case AST_NODE_TYPES.AwaitExpression:
        push(current.argument);
        break;
      case AST_NODE_TYPES.TemplateLiteral:
        current.expressions.forEach(push);
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        push(current.consequent);
        push(current.alternate);
        break;
      case AST_NODE_TYPES.LogicalExpression:
        push(current.left);
        push(current.right);
        break;
      case AST_NODE_TYPES.CallExpression: {
        const fn = calledFunction(current, sourceCode);
        if (fn) {
          for (const r of returnedExpressions(fn)) push(r);
          break;
        }
        const callee = unwrap(current.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression) push(callee.object);
        current.arguments.forEach(push);
        break;
      }
      case AST_NODE_TYPES.NewExpression:
        current.arguments.forEach(push);
        break;
      default:
        break;
    }
  }
  return seen;
}

/**
 * The right-hand sides of `x = …` assignments to a variable, computed once per variable for the
 * file: a module-level name read by thousands of functions is scanned once, not at every read.
 */
function assignedValues(variable: TSESLint.Scope.Variable, sourceCode: SourceCode): readonly TSESTree.Node[] {
  const cache = memoForFile(sourceCode, 'signing-trace:assignedValues', () => new Map<TSESLint.Scope.Variable, TSESTree.Node[]>());
  let values = cache.get(variable);
  if (!values) {
    values = assignmentsTo(variable, sourceCode).map((assignment) => assignment.right);
    cache.set(variable, values);
  }
  return values;
}

/**
 * The values of entry `key` in the object literals an expression produces: directly, through
 * `const`s and `await`, or as the return value of a local function (`sign(body).signature`).
 */
function producedProperty(node: TSESTree.Node, key: string, sourceCode: SourceCode, depth = 0): TSESTree.Node[] {
  if (depth > 6) return [];
  const value = resolveValueNode(node, sourceCode);
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    const entry = objectEntries(value, sourceCode).entries.find((e) => e.key === key);
    return entry ? [entry.valueNode] : [];
  }
  if (value.type === AST_NODE_TYPES.AwaitExpression) return producedProperty(value.argument, key, sourceCode, depth + 1);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const fn = calledFunction(value, sourceCode);
    // a helper that returns a call of itself (`if (retry) return sign(p)`) is not unrolled: with
    // several such returns, unrolling down to the depth limit multiplies the work (minutes)
    return fn ? unlessReentered(producing, fn, [], () => returnedExpressions(fn).flatMap((r) => producedProperty(r, key, sourceCode, depth + 1))) : [];
  }
  return [];
}

// Helpers whose returned objects are being searched right now (see producedProperty).
const producing = new Set<FunctionNode>();

/** Arguments passed for parameter `name` of `fn` at call sites in the same file. */
function callSiteArguments(fn: FunctionNode, name: string, sourceCode: SourceCode): TSESTree.Node[] {
  const index = fn.params.findIndex((p) => {
    const id = p.type === AST_NODE_TYPES.AssignmentPattern ? p.left : p.type === AST_NODE_TYPES.TSParameterProperty ? p.parameter : p;
    return id.type === AST_NODE_TYPES.Identifier && id.name === name;
  });
  if (index === -1) return [];
  const calls = functionCallSites(fn, sourceCode);
  const out: TSESTree.Node[] = [];
  for (const call of calls) {
    const arg = call.arguments[index];
    if (arg && arg.type !== AST_NODE_TYPES.SpreadElement) out.push(arg);
  }
  const param = fn.params[index];
  if (param?.type === AST_NODE_TYPES.AssignmentPattern) out.push(param.right);
  return out;
}

/**
 * Calls in the file that invoke `fn`: by name, as `this.method()` in its class, or as a method of
 * an object literal (memoised index over the whole file).
 */
export function localCallSites(fn: FunctionNode, sourceCode: SourceCode): readonly TSESTree.CallExpression[] {
  return functionCallSites(fn, sourceCode);
}

/** Calls in the file that invoke `fn` (by name, or as `this.method()` in its class). */
function functionCallSites(fn: FunctionNode, sourceCode: SourceCode): readonly TSESTree.CallExpression[] {
  return callSitesOf(fn, sourceCode);
}

/** What a value signed or sent as the payload is (`json` also for the base64 payload decoded again). */
export type PayloadForm = 'base64' | 'json' | 'object' | 'unknown';

/**
 * Classifies a value by how it was made: `Buffer.from(…).toString('base64')`, `btoa(…)`,
 * crypto-js `enc.Base64.stringify(…)` → base64; `JSON.stringify(…)` → json; an object literal →
 * object. Follows `const`s and local helpers' return values; anything else is unknown.
 */
export function payloadForm(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): PayloadForm {
  if (depth > 12) return 'unknown';
  const value = resolveValueNode(node, sourceCode);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return 'object';
  if (value.type === AST_NODE_TYPES.AwaitExpression) return payloadForm(value.argument, sourceCode, depth + 1);
  if (value.type !== AST_NODE_TYPES.CallExpression) return 'unknown';
  const callee = unwrap(value.callee);
  const ref = moduleRef(callee, sourceCode);
  if (ref?.source === '<global>' && ref.path.join('.') === 'JSON.stringify') return 'json';
  if (ref?.source === '<global>' && (ref.path.join('.') === 'btoa')) return 'base64';
  // atob(payload): the payload decoded again is the JSON text
  if (ref?.source === '<global>' && ref.path.join('.') === 'atob' && value.arguments[0]) {
    return payloadForm(value.arguments[0], sourceCode, depth + 1) === 'base64' ? 'json' : 'unknown';
  }
  if (ref && (ref.source === 'crypto-js' || ref.source.startsWith('crypto-js/')) && ref.path[ref.path.length - 1] === 'stringify') {
    return cryptoJsEncoding((callee as TSESTree.MemberExpression).object ?? callee, sourceCode) === 'base64' ? 'base64' : 'unknown';
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'toString') {
    const arg = value.arguments[0];
    const enc = arg ? constantString(arg, sourceCode) : undefined;
    if (enc === 'base64') return 'base64';
    // Buffer.from(payload, 'base64').toString(): the JSON text again
    const receiver = resolveValueNode(callee.object, sourceCode);
    if ((enc === undefined || /^utf-?8$/i.test(enc)) && (!arg || enc !== undefined) && receiver.type === AST_NODE_TYPES.CallExpression && moduleRef(receiver.callee, sourceCode)?.path.join('.') === 'Buffer.from') {
      const [text, from] = receiver.arguments;
      if (text && from && constantString(from, sourceCode) === 'base64' && payloadForm(text, sourceCode, depth + 1) === 'base64') return 'json';
    }
    if (arg && cryptoJsEncoding(arg, sourceCode) === 'base64') return 'base64';
    return 'unknown';
  }
  const fn = calledFunction(value, sourceCode);
  // a helper that returns a call of itself (`if (retry) return encode(p)`) is not unrolled: with
  // several such returns, unrolling down to the depth limit multiplies the work (minutes)
  if (!fn) return 'unknown';
  return unlessReentered(classifying, fn, 'unknown', () => {
    const forms = new Set(returnedExpressions(fn).map((r) => payloadForm(r, sourceCode, depth + 1)));
    return forms.size === 1 ? [...forms][0]! : 'unknown';
  });
}

// Helpers whose returned values are being classified right now (see payloadForm).
const classifying = new Set<FunctionNode>();

/**
 * Whether two expressions certainly hold the same value: the same variable, the same class
 * field, or the same environment variable.
 */
export function sameValue(a: TSESTree.Node, b: TSESTree.Node, sourceCode: SourceCode): boolean {
  const envA = envRead(a, sourceCode);
  const envB = envRead(b, sourceCode);
  if (envA && envB) return envA.name === envB.name;
  const ra = resolveValueNode(a, sourceCode);
  const rb = resolveValueNode(b, sourceCode);
  if (ra === rb) return true;
  if (ra.type === AST_NODE_TYPES.Identifier && rb.type === AST_NODE_TYPES.Identifier) {
    const va = findVariable(ra, sourceCode);
    return va !== null && va === findVariable(rb, sourceCode);
  }
  if (ra.type === AST_NODE_TYPES.MemberExpression && rb.type === AST_NODE_TYPES.MemberExpression) {
    const ta = unwrap(ra.object).type === AST_NODE_TYPES.ThisExpression;
    const tb = unwrap(rb.object).type === AST_NODE_TYPES.ThisExpression;
    return ta && tb && memberName(ra) !== undefined && memberName(ra) === memberName(rb);
  }
  return false;
}
