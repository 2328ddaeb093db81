import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, unwrap, type FunctionNode } from '../ast-utils.js';
import { findVariable } from '../values/bindings.js';
import { calledFunction } from '../values/functions.js';
import { callSiteBindings, type CallSiteBinding } from '../values/symbolic.js';
import { constantString, resolveObjectLiteral, resolveValueNode } from '../values/values.js';
import type { HttpCall, SourceCode } from './types.js';

type Variable = TSESLint.Scope.Variable;

/** A method chosen at run time from whether a parameter was passed: `method: body ? 'POST' : 'GET'`. */
export interface RuntimeMethod {
  /** The conditional expression. */
  node: TSESTree.ConditionalExpression;
  /** The parameter tested. */
  parameter: Variable;
  /** The method when the parameter holds a value, and when it is missing (`undefined`/`null`). */
  whenPassed: string;
  whenMissing: string;
}

/** The parameter a test reads, and whether it is true when the parameter is passed: `body`, `!body`, `body !== undefined`, `body == null`. */
function testedParameter(test: TSESTree.Node, sourceCode: SourceCode): { variable: Variable; truthyWhenPassed: boolean } | undefined {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
    const inner = testedParameter(node.argument, sourceCode);
    return inner && { variable: inner.variable, truthyWhenPassed: !inner.truthyWhenPassed };
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(node.operator)) {
    const empty = (n: TSESTree.Node): boolean => {
      const u = unwrap(n);
      return (u.type === AST_NODE_TYPES.Identifier && u.name === 'undefined') || (u.type === AST_NODE_TYPES.Literal && u.value === null);
    };
    const other = empty(node.right) ? node.left : empty(node.left) ? node.right : undefined;
    const inner = other && testedParameter(other, sourceCode);
    if (!inner) return undefined;
    const negated = node.operator === '===' || node.operator === '==';
    return { variable: inner.variable, truthyWhenPassed: negated ? !inner.truthyWhenPassed : inner.truthyWhenPassed };
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(node, sourceCode);
  const def = variable?.defs[0];
  return variable && def?.type === 'Parameter' ? { variable, truthyWhenPassed: true } : undefined;
}

/** The runtime method choice of a request, when its method is `<parameter test> ? 'A' : 'B'` with both sides known. */
export function runtimeMethod(call: HttpCall, sourceCode: SourceCode): RuntimeMethod | undefined {
  const written = call.methodNode && resolveValueNode(call.methodNode, sourceCode);
  if (written?.type !== AST_NODE_TYPES.ConditionalExpression) return undefined;
  const tested = testedParameter(written.test, sourceCode);
  const yes = constantString(written.consequent, sourceCode)?.toUpperCase();
  const no = constantString(written.alternate, sourceCode)?.toUpperCase();
  if (!tested || !yes || !no) return undefined;
  return {
    node: written,
    parameter: tested.variable,
    whenPassed: tested.truthyWhenPassed ? yes : no,
    whenMissing: tested.truthyWhenPassed ? no : yes,
  };
}

/**
 * The method a request with a {@link RuntimeMethod} uses at one call of its helper: `whenMissing`
 * when the call passes nothing (or `undefined`/`null`) for the parameter, `whenPassed` when it
 * passes an object, array or non-empty string; `undefined` when the argument could be either.
 */
export function methodAtSite(choice: RuntimeMethod, binding: CallSiteBinding, sourceCode: SourceCode): string | undefined {
  const arg = binding.argumentFor(choice.parameter);
  if (!arg) return binding.substitution.has(choice.parameter) && binding.site.arguments.every((a) => a.type !== AST_NODE_TYPES.SpreadElement) ? choice.whenMissing : undefined;
  const value = unwrap(arg);
  if ((value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') || (value.type === AST_NODE_TYPES.Literal && value.value === null)) return choice.whenMissing;
  if (resolveObjectLiteral(arg, sourceCode) || resolveValueNode(arg, sourceCode).type === AST_NODE_TYPES.ArrayExpression) return choice.whenPassed;
  const text = constantString(arg, sourceCode);
  return text !== undefined && text !== '' ? choice.whenPassed : undefined;
}

/**
 * The calls of a local helper that hand it `node` (a payload object, directly or through a
 * `const`): `this.post(request, {}, body)` for a `body` the helper sends. Looks at the functions
 * around `inside` (the request the helper makes), innermost first, up to three levels.
 */
export function helperCallsPassing(node: TSESTree.Node, inside: TSESTree.Node, sourceCode: SourceCode): { fn: FunctionNode; binding: CallSiteBinding }[] {
  const out: { fn: FunctionNode; binding: CallSiteBinding }[] = [];
  let fn = enclosingFunction(inside);
  for (let level = 0; fn && level < 3; level++, fn = enclosingFunction(fn)) {
    for (const binding of callSiteBindings(fn, sourceCode)) {
      if (binding.site.arguments.some((a) => a.type !== AST_NODE_TYPES.SpreadElement && holds(a, node, sourceCode))) out.push({ fn, binding });
    }
    if (out.length > 0) return out;
  }
  return out;
}

/** `arg` is `node`, or a variable / `const` chain whose value is `node`. */
function holds(arg: TSESTree.Node, node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const value = unwrap(arg);
  if (value === node) return true;
  if (value.type === AST_NODE_TYPES.CallExpression && calledFunction(value, sourceCode)) return false;
  return resolveValueNode(value, sourceCode) === node;
}
