import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { dottedPath, enclosingClass, enclosingFunction, isFunctionNode, memberName, unwrap, walk, type FunctionNode } from '../ast-utils.js';
import { findVariable } from '../values/bindings.js';
import { callSitesOf as namedCallSitesOf } from '../values/symbolic.js';
import { containsNode } from '../ast-utils.js';
import { commonAncestor } from './tree.js';
import type { NonceOrigin } from './types.js';
import { swallowed } from '../../utils/guard.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

// ---------------------------------------------------------------------------------------------
// Reuse: one computed nonce sent by several requests

/** How a nonce computed once ends up in more than one signed request. */
export interface NonceReuse {
  /**
   * `loop`: computed before a loop that builds the payload on every iteration; `callback`:
   * computed outside a callback that runs repeatedly (`.map`, `forEach`, `setInterval`, event
   * handlers); `function`: computed outside a function that runs repeatedly (a method, an
   * exported function, one called from several places); `shared`: two payloads in one run of a
   * function carry the same value; `burst`: a millisecond clock read several times in one
   * synchronous run (a `.map` callback, a loop without `await`, two requests built before either
   * is awaited), so the readings can be equal.
   */
  kind: 'loop' | 'callback' | 'function' | 'shared' | 'burst';
  /** Where the value is computed: `module` (top level), `instance` (class field or constructor), or `function`. */
  scope: 'module' | 'instance' | 'function';
  /** The node whose single evaluation produces the shared value. */
  computedAt: TSESTree.Node;
  /** The loop or function that repeats, or (for `shared` / `burst`) the other payload object or call. */
  repeatedBy: TSESTree.Node;
}

export const LOOPS = new Set<string>([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

/** Whether `child` (a direct child of `loop`) is evaluated on every iteration. */
export function repeatsInLoop(loop: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (loop.type) {
    case AST_NODE_TYPES.ForStatement:
      return child === loop.body || child === loop.test || child === loop.update;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return child === loop.body;
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return child === loop.body || child === loop.test;
    default:
      return false;
  }
}

/** Whether a value of this kind, computed at `computedAt`, is a value worth calling "reused". */
export function reusable(origin: NonceOrigin): boolean {
  if (origin.kind === 'literal') return false;
  if (origin.kind !== 'unknown') return true;
  // an unknown value counts only when it is visibly produced by a call (`await getNonce()`)
  let at = unwrap(origin.computedAt);
  if (at.type === AST_NODE_TYPES.AwaitExpression) at = unwrap(at.argument);
  return at.type === AST_NODE_TYPES.CallExpression;
}

/** Where a value computed at `node` lives: the module, an instance (class field or constructor), or one function run. */
export function scopeOf(node: TSESTree.Node): NonceReuse['scope'] {
  const fn = enclosingFunction(node);
  const cls = enclosingClass(node);
  if (cls && (!fn || !containsNode(cls, fn))) return 'instance';
  if (fn?.parent?.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor') return 'instance';
  return fn ? 'function' : 'module';
}

/**
 * Whether the payload object `use`, whose nonce comes from `origin`, is built several times from
 * one evaluation of the nonce: a loop, a repeatedly-run callback or a repeatedly-run function
 * lies between where the nonce is computed and where the payload is built. Loops that exit right
 * after sending (`return`/`break`/`throw`) do not count.
 */
export function nonceReuse(use: TSESTree.Node, origin: NonceOrigin, sourceCode: SourceCode): NonceReuse | undefined {
  try {
    return findReuse(use, origin, sourceCode);
  } catch {
    swallowed();
    return undefined;
  }
}

function findReuse(use: TSESTree.Node, origin: NonceOrigin, sc: SourceCode): NonceReuse | undefined {
  const at = origin.computedAt;
  if (!reusable(origin) || containsNode(use, at) || containsNode(at, use)) return undefined;
  const common = commonAncestor(at, use);
  if (!common) return undefined;
  const scope = scopeOf(at);
  let child: TSESTree.Node = use;
  for (let current = use.parent; current && current !== common.lca; child = current, current = current.parent) {
    if (LOOPS.has(current.type) && repeatsInLoop(current, child) && !exitsLoop(use, current)) {
      return { kind: 'loop', scope, computedAt: at, repeatedBy: current };
    }
    if (isFunctionNode(current)) {
      const how = repetition(current, sc);
      if (how) return { kind: how, scope, computedAt: at, repeatedBy: current };
    }
  }
  // for (let i = 0, n = Date.now(); …; …) { … n … }
  if (LOOPS.has(common.lca.type) && !repeatsInLoop(common.lca, common.towardA) && repeatsInLoop(common.lca, common.towardB) && !exitsLoop(use, common.lca)) {
    return { kind: 'loop', scope, computedAt: at, repeatedBy: common.lca };
  }
  return undefined;
}

/** `use` sits in a statement that leaves the loop (`return send(p)`, or a `break` follows it). */
export function exitsLoop(use: TSESTree.Node, loop: TSESTree.Node): boolean {
  let child: TSESTree.Node = use;
  for (let current = use.parent; current && current !== loop; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.ReturnStatement || current.type === AST_NODE_TYPES.ThrowStatement) return true;
    if (isFunctionNode(current)) return false;
    const list =
      current.type === AST_NODE_TYPES.BlockStatement ? current.body : current.type === AST_NODE_TYPES.SwitchCase ? current.consequent : undefined;
    if (list) {
      const index = list.indexOf(child as TSESTree.Statement);
      if (index >= 0 && list.slice(index + 1).some((s) => s.type === AST_NODE_TYPES.BreakStatement || s.type === AST_NODE_TYPES.ReturnStatement || s.type === AST_NODE_TYPES.ThrowStatement)) {
        return true;
      }
    }
  }
  return false;
}

/** Callees whose function arguments run repeatedly: array iteration, timers, events, routes. */
const REPEATING_METHODS = new Set([
  'map', 'flatMap', 'forEach', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findLast', 'findIndex', 'findLastIndex',
  'on', 'addListener', 'addEventListener', 'subscribe', 'schedule',
  'get', 'post', 'put', 'patch', 'delete', 'all', 'use',
  'each', 'eachSeries', 'eachLimit', 'mapSeries', 'mapLimit', 'times',
]);
const REPEATING_FUNCTIONS = new Set(['setInterval', 'pMap', 'mapLimit', 'eachLimit', 'eachSeries', 'mapSeries']);

function repeatingCallee(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return REPEATING_FUNCTIONS.has(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(callee);
  if (name === 'from') return dottedPath(callee) === 'Array.from';
  if (name === 'setInterval') return true;
  return name !== undefined && REPEATING_METHODS.has(name);
}

/**
 * Whether a function runs more than once per run of the code around it: `'callback'` when it is
 * handed to something that calls it repeatedly, `'function'` when it is a class method, part of
 * the module's or a factory's API, or called from several places / from a loop.
 */
export function isRepeatedFunction(fn: FunctionNode, sourceCode: SourceCode): boolean {
  try {
    return repetition(fn, sourceCode) !== undefined;
  } catch {
    swallowed();
    return false;
  }
}

function repetition(fn: FunctionNode, sc: SourceCode, depth = 0, seen = new Set<FunctionNode>()): 'callback' | 'function' | undefined {
  if (depth > 6 || seen.has(fn)) return undefined;
  seen.add(fn);
  const parent = fn.parent;
  if (!parent) return undefined;
  // class methods and arrow-function fields are an object's API
  if (parent.type === AST_NODE_TYPES.MethodDefinition) return parent.kind === 'constructor' ? undefined : 'function';
  if (parent.type === AST_NODE_TYPES.PropertyDefinition && parent.value === fn) return 'function';
  if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(fn as TSESTree.Expression)) {
    return repeatingCallee(parent) ? 'callback' : undefined;
  }
  if (escapes(fn)) return 'function';
  if (parent.type === AST_NODE_TYPES.Property && parent.value === fn && parent.parent?.type === AST_NODE_TYPES.ObjectExpression && escapes(parent.parent)) {
    return 'function';
  }

  const callSites = callSitesOf(fn, sc);
  const variable = functionVariable(fn, sc);
  for (const ref of variable?.references ?? []) {
    const id = ref.identifier;
    const p = id.parent;
    if (!p || ref.init) continue;
    if (p.type === AST_NODE_TYPES.CallExpression && p.callee === id) continue; // counted through callSites
    if ((p.type === AST_NODE_TYPES.CallExpression || p.type === AST_NODE_TYPES.NewExpression) && p.arguments.some((a) => a === id)) {
      if (repeatingCallee(p)) return 'callback';
      continue;
    }
    if (p.type === AST_NODE_TYPES.ExportSpecifier || escapes(id)) return 'function';
    if (p.type === AST_NODE_TYPES.Property && p.value === id && p.parent?.type === AST_NODE_TYPES.ObjectExpression) return 'function';
  }
  if (callSites.length >= 2) return 'function';
  for (const site of callSites) if (inRepeatedContext(site, sc, depth + 1, seen)) return 'function';
  return undefined;
}

/** The value is exported, returned, or stored on an object (`this.x = …`, `module.exports = …`). */
function escapes(node: TSESTree.Node): boolean {
  const p = node.parent;
  if (!p) return false;
  if (p.type === AST_NODE_TYPES.ExportDefaultDeclaration || p.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
  if (p.type === AST_NODE_TYPES.ReturnStatement) return true;
  if (p.type === AST_NODE_TYPES.ArrowFunctionExpression && p.body === node) return true;
  if (p.type === AST_NODE_TYPES.AssignmentExpression && p.right === node && unwrap(p.left).type === AST_NODE_TYPES.MemberExpression) return true;
  if (p.type === AST_NODE_TYPES.VariableDeclarator && p.init === node && p.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
  return false;
}

function functionVariable(fn: FunctionNode, sc: SourceCode): TSESLint.Scope.Variable | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return findVariable(fn.id, sc);
  const p = fn.parent;
  if (p?.type === AST_NODE_TYPES.VariableDeclarator && p.init === fn && p.id.type === AST_NODE_TYPES.Identifier) return findVariable(p.id, sc);
  return null;
}

/** Calls of `fn` in the file, including an immediately invoked function expression's own call. */
export function callSitesOf(fn: FunctionNode, sc: SourceCode): readonly TSESTree.CallExpression[] {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && unwrap(parent.callee) === fn) return [parent];
  return namedCallSitesOf(fn, sc);
}

function inRepeatedContext(node: TSESTree.Node, sc: SourceCode, depth: number, seen: Set<FunctionNode>): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (LOOPS.has(current.type) && repeatsInLoop(current, child)) return true;
    if (isFunctionNode(current)) return repetition(current, sc, depth, seen) !== undefined;
  }
  return false;
}

/**
 * Whether `a` and `b` can both run in one pass: not in the two branches of an `if`/`?:`/`switch`,
 * not try-block vs catch, not behind `&&`/`||`, and no `return`/`throw`/`break` in the statement
 * holding the earlier one.
 */
export function bothRun(a: TSESTree.Node, b: TSESTree.Node): boolean {
  const common = commonAncestor(a, b);
  if (!common) return false;
  const { lca, towardA, towardB } = common;
  switch (lca.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return towardA === lca.test || towardB === lca.test;
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.SwitchStatement:
      return false;
    case AST_NODE_TYPES.TryStatement:
      return towardA !== lca.handler && towardB !== lca.handler;
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.SwitchCase:
    case AST_NODE_TYPES.StaticBlock: {
      const earlier = towardA.range[0] <= towardB.range[0] ? towardA : towardB;
      return !mayExit(earlier);
    }
    default:
      return true;
  }
}

function mayExit(statement: TSESTree.Node): boolean {
  let found = false;
  walk(statement, (n) => {
    if (found || (isFunctionNode(n) && n !== statement)) return false;
    if (
      n.type === AST_NODE_TYPES.ReturnStatement ||
      n.type === AST_NODE_TYPES.ThrowStatement ||
      n.type === AST_NODE_TYPES.BreakStatement ||
      n.type === AST_NODE_TYPES.ContinueStatement
    ) {
      found = true;
      return false;
    }
    return undefined;
  });
  return found;
}

/** One payload's nonce to compare with others for {@link sharedNonceUses}. */
export interface NonceUse {
  /** The payload object (or other place the value is sent from). */
  use: TSESTree.Node;
  origin: NonceOrigin;
}

/**
 * Pairs each use with an earlier use that carries the very same evaluated nonce in the same run of
 * the same function (two payloads reading one `const`, e.g. both in a `Promise.all([...])`).
 * Returns a map from the later use to the earlier one.
 */
export function sharedNonceUses(uses: readonly NonceUse[]): Map<NonceUse, NonceUse> {
  const out = new Map<NonceUse, NonceUse>();
  const groups = new Map<TSESTree.Node, NonceUse[]>();
  for (const u of uses) {
    const at = u.origin.computedAt;
    if (!reusable(u.origin) || containsNode(u.use, at) || containsNode(at, u.use)) continue;
    groups.set(at, [...(groups.get(at) ?? []), u]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((x, y) => x.use.range[0] - y.use.range[0]);
    for (let i = 1; i < sorted.length; i++) {
      const later = sorted[i]!;
      const fn = enclosingFunction(later.use);
      const earlier = sorted.slice(0, i).find((e) => e.use !== later.use && enclosingFunction(e.use) === fn && bothRun(e.use, later.use));
      if (earlier) out.set(later, earlier);
    }
  }
  return out;
}
