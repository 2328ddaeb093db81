import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { ParserServices, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, memberName, nodesOfType, staticKeyName, type FunctionNode } from '../../ast-utils.js';
import { memoForFile } from '../../memo.js';
import { objectEntries } from '../../values/values.js';
import type { SourceCode } from '../types.js';

/**
 * Which expressions of a file can evaluate to a request config (an object with `url`/`uri` and a
 * `method` or `headers`): worked out backwards from the config objects, once per file, so that
 * the request-config recogniser resolves only the arguments that can lead to one. In ccxt, whose
 * only such object is what `sign()` returns, no argument of its hundreds of calls does.
 *
 * Value resolution (`resolveValueNode`) moves from an expression to the next by a few steps: a
 * variable to its initialiser or single assignment, `obj.k` / `this.k` / a destructured `k` to a
 * property, field or assignment named `k`, `await x` to `x`, a call to what the called function
 * returns, `structuredClone(x)` and the like to `x`, `Object.assign(…)` to a merge of its
 * arguments. Each step is inverted here by names alone (every identifier of the variable's name,
 * every member of the property's name, every call whose callee can name the function): a superset
 * of the expressions resolution can start from and reach a config. `undefined` when that cannot
 * be bounded (typed linting brings values from other files).
 */
export function configReachingExpressions(sourceCode: SourceCode): ReadonlySet<TSESTree.Node> | undefined {
  return memoForFile(sourceCode, 'configReachingExpressions', () => {
    if ((sourceCode.parserServices as Partial<ParserServices> | undefined)?.program != null) return undefined;
    const ast = sourceCode.ast;
    const objects = nodesOfType(ast, AST_NODE_TYPES.ObjectExpression);
    const calls = nodesOfType(ast, AST_NODE_TYPES.CallExpression);
    const reached = new Set<TSESTree.Node>();
    const work: TSESTree.Node[] = [];
    const add = (node: TSESTree.Node): void => {
      if (reached.has(node)) return;
      reached.add(node);
      work.push(node);
    };

    let anyTargetKey = false;
    for (const obj of objects) {
      if (!obj.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement || mayBeKey(p, URL_KEYS))) continue;
      anyTargetKey ||= obj.properties.some((p) => p.type === AST_NODE_TYPES.Property && mayBeKey(p, URL_KEYS));
      const { entries } = objectEntries(obj, sourceCode);
      if (entries.some((e) => URL_KEYS.includes(e.key)) && entries.some((e) => e.key === 'method' || e.key === 'headers')) add(obj);
    }
    if (reached.size === 0 && !anyTargetKey) return reached;
    const declared = declaredNames(ast);
    // `Object.assign(…)` (also under an alias) evaluates to a merge of its arguments: such a call is a config too
    for (const call of calls) if (mayNameFunction(call, ASSIGN, declared)) add(call);

    let index: ReturnType<typeof nameIndex> | undefined;
    const names = (): ReturnType<typeof nameIndex> => (index ??= nameIndex(ast));
    while (work.length > 0) {
      const node = work.pop()!;
      let outer: TSESTree.Node = node;
      while (outer.parent && WRAPPERS.has(outer.parent.type) && (outer.parent as { expression?: TSESTree.Node }).expression === outer) outer = outer.parent;
      const parent = outer.parent;
      if (!parent) continue;
      switch (parent.type) {
        case AST_NODE_TYPES.VariableDeclarator:
          if (parent.init === outer && parent.id.type === AST_NODE_TYPES.Identifier) names().identifiers(parent.id.name).forEach(add);
          break;
        case AST_NODE_TYPES.AssignmentExpression:
          if (parent.right !== outer) break;
          if (parent.left.type === AST_NODE_TYPES.Identifier) names().identifiers(parent.left.name).forEach(add);
          // `this.k = …` (a field, also of an ES5 constructor); a key known only at run time is never read back
          else if (parent.left.type === AST_NODE_TYPES.MemberExpression && memberName(parent.left) !== undefined) names().members(memberName(parent.left)).forEach(add);
          break;
        case AST_NODE_TYPES.Property:
          if (parent.value !== outer || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) break;
          // a computed key may evaluate to any name
          names().readsOfKey(staticKeyName(parent.key, parent.computed)).forEach(add);
          break;
        case AST_NODE_TYPES.PropertyDefinition:
          if (parent.value === outer && staticKeyName(parent.key, parent.computed) !== undefined) names().members(staticKeyName(parent.key, parent.computed)).forEach(add);
          break;
        case AST_NODE_TYPES.AwaitExpression:
          add(parent);
          break;
        case AST_NODE_TYPES.ReturnStatement: {
          const fn = enclosingFunction(parent);
          if (fn) for (const call of calls) if (mayCall(call, fn, declared)) add(call);
          break;
        }
        case AST_NODE_TYPES.ArrowFunctionExpression:
          if (parent.body === outer) for (const call of calls) if (mayCall(call, parent, declared)) add(call);
          break;
        case AST_NODE_TYPES.CallExpression:
          // structuredClone(x), Promise.resolve(x), JSON.stringify(x) inside JSON.parse(…)
          if (parent.arguments[0] === outer) add(parent);
          break;
        default:
          break;
      }
    }
    return reached;
  });
}

const URL_KEYS = ['url', 'uri'];
const ASSIGN = ['assign'];

// The expressions `unwrap` looks through: resolution lands on what they hold.
const WRAPPERS: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.TSInstantiationExpression,
  AST_NODE_TYPES.ChainExpression,
]);

/** A property whose key is one of `keys`, or computed (it may evaluate to one). */
function mayBeKey(p: TSESTree.ObjectLiteralElement, keys: readonly string[]): boolean {
  if (p.type !== AST_NODE_TYPES.Property) return false;
  const key = staticKeyName(p.key, p.computed);
  return key === undefined ? p.computed : keys.includes(key);
}

/**
 * Whether a call's callee can be a function known by one of `names`: an identifier the file
 * declares (any alias: `const merge = Object.assign`, `function helper()`), a member of that
 * name, or either as the last of a sequence (`(0, Object.assign)(…)`). An undeclared identifier
 * is a global (`require`, `parseInt`): neither a local function nor an alias.
 */
function mayNameFunction(call: TSESTree.CallExpression, names: readonly string[], declared: ReadonlySet<string>): boolean {
  let callee: TSESTree.Node = call.callee;
  for (;;) {
    if (WRAPPERS.has(callee.type)) callee = (callee as { expression: TSESTree.Node }).expression;
    else if (callee.type === AST_NODE_TYPES.SequenceExpression && callee.expressions.length > 0) callee = callee.expressions[callee.expressions.length - 1]!;
    else break;
  }
  if (callee.type === AST_NODE_TYPES.Identifier) return declared.has(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  // a member named only at run time is neither a module member nor a method resolution follows
  const name = memberName(callee);
  return name !== undefined && names.includes(name);
}

/** Whether `call` can invoke `fn` (see calledFunction): a declared identifier callee, or a member named as `fn` is defined. */
function mayCall(call: TSESTree.CallExpression, fn: FunctionNode, declared: ReadonlySet<string>): boolean {
  return mayNameFunction(call, functionNames(fn), declared);
}

/**
 * The names the file binds to a value or a function: variables (also destructured) and named
 * functions. Imports are left out: their values come from other files (only typed linting
 * follows them, and then nothing here is used).
 */
function declaredNames(ast: TSESTree.Program): ReadonlySet<string> {
  const names = new Set<string>();
  // a named function expression sees its own name too (`const g = function f() { … f() … }`)
  for (const fn of nodesOfType(ast, AST_NODE_TYPES.FunctionDeclaration, AST_NODE_TYPES.FunctionExpression)) if (fn.id) names.add(fn.id.name);
  for (const declarator of nodesOfType(ast, AST_NODE_TYPES.VariableDeclarator)) {
    const stack: TSESTree.Node[] = [declarator.id];
    while (stack.length > 0) {
      const target = stack.pop()!;
      if (target.type === AST_NODE_TYPES.Identifier) {
        names.add(target.name);
      } else if (target.type === AST_NODE_TYPES.ObjectPattern) {
        for (const p of target.properties) stack.push(p.type === AST_NODE_TYPES.Property ? p.value : p.argument);
      } else if (target.type === AST_NODE_TYPES.ArrayPattern) {
        for (const e of target.elements) if (e) stack.push(e);
      } else if (target.type === AST_NODE_TYPES.AssignmentPattern) {
        stack.push(target.left);
      } else if (target.type === AST_NODE_TYPES.RestElement) {
        stack.push(target.argument);
      }
    }
  }
  return names;
}

/** The names a function is defined under: its own, the variable, property, method, field or member it is assigned to. */
function functionNames(fn: FunctionNode): string[] {
  const out: string[] = [];
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) out.push(fn.id.name);
  const parent = fn.parent;
  if (!parent) return out;
  if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition || parent.type === AST_NODE_TYPES.Property) {
    const key = staticKeyName(parent.key, parent.computed);
    if (key !== undefined) out.push(key);
  } else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    out.push(parent.id.name);
  } else if (parent.type === AST_NODE_TYPES.AssignmentExpression) {
    const name = parent.left.type === AST_NODE_TYPES.Identifier ? parent.left.name : parent.left.type === AST_NODE_TYPES.MemberExpression ? memberName(parent.left) : undefined;
    if (name !== undefined) out.push(name);
  }
  return out;
}

/** Identifiers and members of the file by name, and the names destructuring binds per key. */
function nameIndex(ast: TSESTree.Program): {
  identifiers(name: string): readonly TSESTree.Node[];
  /** Members named `name` (and those with a computed key, which may evaluate to it); `undefined`: any name. */
  members(name: string | undefined): readonly TSESTree.Node[];
  /** What reads the property `key` (`undefined`: any key): members so named, and names destructured from it. */
  readsOfKey(key: string | undefined): readonly TSESTree.Node[];
} {
  const identifiers = new Map<string, TSESTree.Node[]>();
  const members = new Map<string, TSESTree.Node[]>();
  const computedMembers: TSESTree.Node[] = [];
  const allMembers = nodesOfType(ast, AST_NODE_TYPES.MemberExpression);
  const push = (map: Map<string, TSESTree.Node[]>, key: string, node: TSESTree.Node): void => {
    const list = map.get(key);
    if (list) list.push(node);
    else map.set(key, [node]);
  };
  for (const id of nodesOfType(ast, AST_NODE_TYPES.Identifier)) push(identifiers, id.name, id);
  for (const member of allMembers) {
    const name = memberName(member);
    if (name !== undefined) push(members, name, member);
    else if (member.computed) computedMembers.push(member);
  }
  // `const { key: local } = obj` (also nested, and in parameters: more than resolution follows)
  const destructured = new Map<string, string[]>();
  for (const pattern of nodesOfType(ast, AST_NODE_TYPES.ObjectPattern)) {
    for (const p of pattern.properties) {
      if (p.type !== AST_NODE_TYPES.Property) continue;
      const target = p.value.type === AST_NODE_TYPES.AssignmentPattern ? p.value.left : p.value;
      const key = staticKeyName(p.key, p.computed);
      // a computed pattern key is not followed (resolveIdentifier: unknown)
      if (target.type === AST_NODE_TYPES.Identifier && key !== undefined) destructured.set(key, [...(destructured.get(key) ?? []), target.name]);
    }
  }
  const membersNamed = (name: string | undefined): readonly TSESTree.Node[] => (name === undefined ? allMembers : [...(members.get(name) ?? []), ...computedMembers]);
  return {
    identifiers: (name) => identifiers.get(name) ?? [],
    members: membersNamed,
    readsOfKey(key) {
      const locals = key === undefined ? [...destructured.values()].flat() : (destructured.get(key) ?? []);
      return [...membersNamed(key), ...locals.flatMap((name) => identifiers.get(name) ?? [])];
    },
  };
}
