import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, memberName, nodesOfType, returnedExpressions, staticKeyName, unwrap, walk, type FunctionNode } from '../ast-utils.js';
import { findVariable, moduleRef, resolveIdentifier } from './bindings.js';
import { calledFunction } from './functions.js';
import { memoForFile } from '../memo.js';
import { joinUrl } from './url-join.js';
import { arrayElements, concatStatic, propertyValue, resolveValueNode, staticString, UNKNOWN_STRING, type StaticString } from './values.js';
import { onceUnlessCut, reentry, type DepthMemo } from './reentry.js';
import { swallowed } from '../../utils/guard.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/**
 * Values to use for function parameters while evaluating a string, keyed by the parameter's scope
 * variable: what one call site passes.
 */
export type Substitution = ReadonlyMap<Variable, StaticString>;

/** A string evaluated with parameters kept apart from other unknowns. */
export interface SymbolicString {
  /** The value ({@link HOLE} for unknown parts); `undefined` when the expression is not a string. */
  value?: StaticString;
  /** Every parameter the value depends on (substituted or not). */
  params: Set<Variable>;
}

const MAX_DEPTH = 24;
// values.ts and this file import each other: read its exports only inside functions, never at load time
const unknown = (): StaticString => UNKNOWN_STRING;

/** The parameter a scope variable is, when it is a plain (possibly defaulted) function parameter. */
function parameterOf(variable: Variable): { fn: FunctionNode; index: number } | undefined {
  const def = variable.defs[0];
  if (!def || variable.defs.length !== 1 || def.type !== 'Parameter' || !isFunctionNode(def.node)) return undefined;
  const fn = def.node;
  const index = fn.params.findIndex((p) => {
    const inner = p.type === AST_NODE_TYPES.TSParameterProperty ? p.parameter : p;
    const id = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    return id.type === AST_NODE_TYPES.Identifier && id.name === variable.name;
  });
  return index === -1 ? undefined : { fn, index };
}

/**
 * Like `staticString` (values.ts), but a function parameter is looked up in `substitution` (its
 * value at one call site) and recorded in `params` whether or not it was substituted. That is what
 * "compare per call site" needs: `BASE + path` inside `private(path)` is `'https://api.gemini.com'
 * + <path>` symbolically, and `'https://api.gemini.com/v1/balances'` at `private('/v1/balances')`.
 * Follows `const` bindings, template literals, `+`, and `new URL(path, base)`; everything else is
 * delegated to `staticString`.
 */
export function symbolicString(node: TSESTree.Node, sourceCode: SourceCode, substitution: Substitution = new Map()): SymbolicString {
  const params = new Set<Variable>();
  const value = evaluate(node, sourceCode, substitution, params, 0);
  return value ? { value, params } : { params };
}

function evaluate(node: TSESTree.Node, sourceCode: SourceCode, substitution: Substitution, params: Set<Variable>, depth: number): StaticString | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const current = unwrap(node);
  switch (current.type) {
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(current, sourceCode);
      if (variable && parameterOf(variable)) {
        parameterReads++;
        params.add(variable);
        return substitution.get(variable) ?? unknown();
      }
      const binding = resolveIdentifier(current, sourceCode);
      if (binding.kind === 'expression') return evaluateBinding(binding.node, sourceCode, substitution, params, depth);
      if (binding.kind === 'property-of') {
        const value = propertyValue(binding.object, binding.key, sourceCode);
        return value ? evaluateBinding(value, sourceCode, substitution, params, depth) : undefined;
      }
      return staticString(current, sourceCode);
    }
    case AST_NODE_TYPES.TemplateLiteral: {
      const parts: StaticString[] = [];
      current.quasis.forEach((quasi, i) => {
        parts.push({ text: quasi.value.cooked ?? quasi.value.raw, complete: true });
        const expr = current.expressions[i];
        if (expr) parts.push(evaluate(expr, sourceCode, substitution, params, depth + 1) ?? unknown());
      });
      return concatStatic(parts);
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (current.operator !== '+') return undefined;
      const left = evaluate(current.left, sourceCode, substitution, params, depth + 1);
      const right = evaluate(current.right, sourceCode, substitution, params, depth + 1);
      if (!left && !right) return undefined;
      return concatStatic([left ?? unknown(), right ?? unknown()]);
    }
    case AST_NODE_TYPES.NewExpression: {
      const ref = moduleRef(current.callee, sourceCode);
      const isUrl = (ref?.source === '<global>' || ref?.source === 'url') && ref.path.length === 1 && ref.path[0] === 'URL';
      const [pathArg, baseArg] = current.arguments;
      if (!isUrl || !pathArg) return undefined;
      const path = evaluate(pathArg, sourceCode, substitution, params, depth + 1) ?? unknown();
      if (!baseArg) return path;
      const base = evaluate(baseArg, sourceCode, substitution, params, depth + 1) ?? unknown();
      return joinUrl(base, path, 'url');
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(current.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
      // `new URL(path, base).toString()`
      if (callee.type === AST_NODE_TYPES.MemberExpression && method === 'toString' && current.arguments.length === 0) {
        const inner = resolveValueNode(callee.object, sourceCode);
        if (inner.type === AST_NODE_TYPES.NewExpression) return evaluate(inner, sourceCode, substitution, params, depth + 1);
      }
      // `[base, 'v1', path].join('/')`
      if (callee.type === AST_NODE_TYPES.MemberExpression && method === 'join') {
        const elements = arrayElements(callee.object, sourceCode);
        const separator = current.arguments[0] ? evaluate(current.arguments[0], sourceCode, substitution, params, depth + 1) : { text: ',', complete: true };
        if (elements && separator) {
          const parts: StaticString[] = [];
          elements.forEach((e, i) => {
            if (i > 0) parts.push(separator);
            parts.push(evaluate(e, sourceCode, substitution, params, depth + 1) ?? unknown());
          });
          return concatStatic(parts);
        }
      }
      const fn = calledFunction(current, sourceCode);
      if (fn) return evaluateCall(current, fn, sourceCode, substitution, params, depth);
      return staticString(current, sourceCode);
    }
    case AST_NODE_TYPES.MemberExpression: {
      // `new URL(…).href`
      if (memberName(current) === 'href') {
        const inner = unwrap(current.object);
        if (inner.type === AST_NODE_TYPES.NewExpression || inner.type === AST_NODE_TYPES.Identifier) {
          const value = evaluate(inner, sourceCode, substitution, params, depth + 1);
          if (value) return value;
        }
      }
      return staticString(current, sourceCode);
    }
    default:
      return staticString(current, sourceCode);
  }
}

/**
 * The value a name is bound to. `const u = u + u` or `` const u = `${u}${u}` `` (a TDZ error at
 * run time) asks for that value again inside its own evaluation; unrolled down to the depth limit,
 * every such part multiplies the work (minutes for one line). Such a part is as unknown as one too
 * deep.
 */
function evaluateBinding(value: TSESTree.Node, sourceCode: SourceCode, substitution: Substitution, params: Set<Variable>, depth: number): StaticString | undefined {
  // Each bound value once per depth (`const a2 = a1 + a1; …`), unless its string reads a
  // parameter: then it depends on the call site's substitution.
  return onceUnlessCut(evaluatedBindings, evaluatingBindings, value, depth, undefined, () => evaluate(value, sourceCode, substitution, params, depth + 1), () => parameterReads);
}

// Bound values being evaluated right now (see evaluateBinding).
const evaluatingBindings = new Set<TSESTree.Node>();
// Bound values whose string depends on no parameter, evaluated so far (see evaluateBinding).
const evaluatedBindings: DepthMemo<TSESTree.Node, StaticString | undefined> = new WeakMap();
// Parameters read so far, in any evaluation: an evaluation during which this changed depends on a substitution.
let parameterReads = 0;

/**
 * A local helper's one returned string at a call: its parameters take the call's arguments (each
 * evaluated with the caller's substitution), so `url('/v1/balances')` with
 * `url(p) { return BASE + p }` is the whole URL, and parameters the call passes on stay the caller's.
 */
function evaluateCall(call: TSESTree.CallExpression, fn: FunctionNode, sourceCode: SourceCode, substitution: Substitution, params: Set<Variable>, depth: number): StaticString | undefined {
  const returns = returnedExpressions(fn);
  if (returns.length !== 1 || depth > MAX_DEPTH / 2) return undefined;
  if (evaluating.has(fn)) {
    reentry.cuts++;
    return undefined;
  }
  evaluating.add(fn);
  try {
    return evaluateReturn(call, fn, returns[0]!, sourceCode, substitution, params, depth);
  } finally {
    evaluating.delete(fn);
  }
}

// Helpers being evaluated right now: a recursive helper is not unrolled.
const evaluating = new Set<FunctionNode>();

function evaluateReturn(call: TSESTree.CallExpression, fn: FunctionNode, returned: TSESTree.Expression, sourceCode: SourceCode, substitution: Substitution, params: Set<Variable>, depth: number): StaticString | undefined {
  const inner = new Map<Variable, StaticString>(substitution);
  const variables = parameterVariables(fn, sourceCode);
  const spreadAt = call.arguments.findIndex((a) => a.type === AST_NODE_TYPES.SpreadElement);
  fn.params.forEach((param, index) => {
    const variable = variables[index];
    if (!variable) return;
    const p = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const arg = spreadAt !== -1 && index >= spreadAt ? undefined : call.arguments[index];
    let value: StaticString | undefined;
    if (arg) value = evaluate(arg, sourceCode, substitution, params, depth + 1);
    else if (spreadAt === -1 && p.type === AST_NODE_TYPES.AssignmentPattern) value = evaluate(p.right, sourceCode, substitution, params, depth + 1);
    inner.set(variable, value ?? unknown());
  });
  // the helper's own parameters are bound here: they are not parameters of the value
  return evaluate(returned, sourceCode, inner, new Set(), depth + 1);
}

/**
 * `staticString` for a call of a local helper that returns one string (see {@link symbolicString}).
 * `undefined` for anything else.
 */
export function callString(call: TSESTree.CallExpression, sourceCode: SourceCode): StaticString | undefined {
  const fn = calledFunction(call, sourceCode);
  return fn ? evaluateCall(call, fn, sourceCode, new Map(), new Set(), 0) : undefined;
}

/** The one function all `params` belong to, or `undefined` when there are none or several. */
export function parametersFunction(params: Iterable<Variable>): FunctionNode | undefined {
  let fn: FunctionNode | undefined;
  for (const variable of params) {
    const owner = parameterOf(variable)?.fn;
    if (!owner || (fn && fn !== owner)) return undefined;
    fn = owner;
  }
  return fn;
}

/** One call of a local function, with what it passes for each parameter. */
export interface CallSiteBinding {
  /** The call. */
  site: TSESTree.CallExpression;
  /** Each plain parameter's value at this call (unknown parts as holes). */
  substitution: Map<Variable, StaticString>;
  /** The argument written for a parameter, where a report about this call site should point. */
  argumentFor(variable: Variable): TSESTree.Node | undefined;
}

/**
 * The calls of `fn` in this file (`f(…)`, `this.m(…)` in its class, object-literal methods) with
 * the value each passes for each plain parameter: the argument's static string, the parameter's
 * default when the argument is missing, or a hole. Arguments after a spread are unknown.
 */
export function callSiteBindings(fn: FunctionNode, sourceCode: SourceCode): CallSiteBinding[] {
  const variables = parameterVariables(fn, sourceCode);
  return callSitesOf(fn, sourceCode).map((site) => {
    const substitution = new Map<Variable, StaticString>();
    const argumentNodes = new Map<Variable, TSESTree.Node>();
    const spreadAt = site.arguments.findIndex((a) => a.type === AST_NODE_TYPES.SpreadElement);
    fn.params.forEach((param, index) => {
      const variable = variables[index];
      if (!variable) return;
      const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
      const arg = spreadAt !== -1 && index >= spreadAt ? undefined : site.arguments[index];
      let value: StaticString | undefined;
      if (arg) {
        argumentNodes.set(variable, arg);
        value = staticString(arg, sourceCode);
      } else if (spreadAt === -1 && inner.type === AST_NODE_TYPES.AssignmentPattern) {
        value = staticString(inner.right, sourceCode);
      }
      substitution.set(variable, value ?? unknown());
    });
    return { site, substitution, argumentFor: (variable: Variable) => argumentNodes.get(variable) };
  });
}

/** The scope variables of `fn`'s plain identifier parameters, by parameter index. */
function parameterVariables(fn: FunctionNode, sourceCode: SourceCode): (Variable | undefined)[] {
  return fn.params.map((param) => {
    const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const id = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    if (id.type !== AST_NODE_TYPES.Identifier) return undefined;
    try {
      // The parameter's own variable lives in the function's scope.
      const scope = sourceCode.scopeManager?.acquire(fn, true);
      return scope?.set.get(id.name) ?? findVariable(id, sourceCode) ?? undefined;
    } catch {
      swallowed();
      return undefined;
    }
  });
}

/** Calls in the file whose callee is `fn` (see `calledFunction`), found through a memoised index by callee name. */
export function callSitesOf(fn: FunctionNode, sourceCode: SourceCode): readonly TSESTree.CallExpression[] {
  const name = functionName(fn);
  if (name === undefined) return [];
  // One walk collects calls by the name they use (`f(…)`, `this.f(…)`, `obj.f(…)`); only those
  // are asked which function they call, which keeps big files with many calls cheap.
  const byName = memoForFile(sourceCode, 'symbolicCallsByName', () => {
    const map = new Map<string, TSESTree.CallExpression[]>();
    nodesOfType(sourceCode.ast, AST_NODE_TYPES.CallExpression).forEach((node) => {
      const callee = unwrap(node.callee);
      const called = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
      if (called === undefined) return undefined;
      // push, not spread: names like `from`, `stringify`, `now` are called at every site of a file
      const calls = map.get(called);
      if (calls) calls.push(node);
      else map.set(called, [node]);
    });
    return map;
  });
  return (byName.get(name) ?? []).filter((call) => {
    try {
      return calledFunction(call, sourceCode) === fn;
    } catch {
      swallowed();
      return false; // an odd callee costs one call site, never the lint run
    }
  });
}

/** The name a function is called by: its own, its variable's, or its method / property key. */
function functionName(fn: FunctionNode): string | undefined {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition || parent?.type === AST_NODE_TYPES.Property) {
    return staticKeyName(parent.key, parent.computed);
  }
  // `Gemini.prototype.make_request = function (…) {…}`: called as `this.make_request(…)`
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    return memberName(parent.left);
  }
  return undefined;
}

/**
 * Whether `fn` takes a branch on one of its own parameters (`if (method === 'GET')`, a ternary, a
 * `switch`, `&&`/`||`/`??`, a loop test). Then what one request inside it does may depend on more
 * than the strings a call site passes — a GET branch for public paths next to a signed POST for
 * private ones — so a per-call-site verdict about that request would be a guess. `except` is a
 * branch that does not count (a request's own `method: body ? 'POST' : 'GET'`, judged per site).
 */
export function branchesOnParameters(fn: FunctionNode, sourceCode: SourceCode, except?: TSESTree.Node): boolean {
  const cache = memoForFile(sourceCode, 'symbolicBranches', () => new Map<FunctionNode, boolean>());
  const cached = except ? undefined : cache.get(fn);
  if (cached !== undefined) return cached;
  const mentionsParameter = (test: TSESTree.Node | null | undefined): boolean => {
    if (!test) return false;
    let found = false;
    walk(test, (node) => {
      if (found || (isFunctionNode(node) && node !== fn)) return false;
      if (node.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(node, sourceCode);
        if (variable && parameterOf(variable)?.fn === fn) found = true;
      }
      return undefined;
    });
    return found;
  };
  let branches = false;
  walk(fn.body, (node) => {
    if (branches || isFunctionNode(node)) return false;
    if (node === except) return undefined;
    switch (node.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
        branches = mentionsParameter(node.test);
        break;
      case AST_NODE_TYPES.SwitchStatement:
        branches = mentionsParameter(node.discriminant);
        break;
      case AST_NODE_TYPES.LogicalExpression:
        branches = mentionsParameter(node.left);
        break;
      default:
        break;
    }
    return undefined;
  });
  if (!except) cache.set(fn, branches);
  return branches;
}
