import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, memberName, staticKeyName, unwrap, walk, type FunctionNode } from '../ast-utils.js';
import { swallowed } from '../../utils/guard.js';

/**
 * An ES5 "class" as CoffeeScript, Babel's loose mode, tsc's ES5 target and hand-written older
 * clients produce it: a constructor function plus methods assigned to its prototype.
 */
export interface PrototypeClass {
  /** `function Gemini(key, secret) { this.url = …; }` (or `var Gemini = function (…) { … }`). */
  ctor: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;
  /** Methods assigned exactly once as `Gemini.prototype.name = function …` or in `Gemini.prototype = { … }`. */
  methods: ReadonlyMap<string, FunctionNode>;
}

type PlainFunction = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

interface Index {
  byFunction: Map<FunctionNode, PrototypeClass>;
}

const indexes = new WeakMap<TSESTree.Program, Index>();

/**
 * The ES5 class whose `this` a node sees: the node sits (outside nested non-arrow functions) in a
 * constructor function that has prototype methods, or in one of those methods. `undefined` for
 * anything else, including ES classes (see `enclosingClass`).
 */
export function prototypeClassOf(node: TSESTree.Node): PrototypeClass | undefined {
  try {
    const fn = thisFunction(node);
    if (!fn) return undefined;
    let program: TSESTree.Node = fn;
    while (program.parent) program = program.parent;
    if (program.type !== AST_NODE_TYPES.Program) return undefined;
    return indexFor(program).byFunction.get(fn);
  } catch {
    swallowed();
    // defensive: rules must never throw
    return undefined;
  }
}

/**
 * The value written to `this.<name>` in the constructor of the ES5 class around `member`, when it
 * is written exactly once there (outside nested functions) — the prototype-class counterpart of
 * `classFieldValue` in values.ts.
 */
export function prototypeFieldValue(member: TSESTree.Node, name: string): TSESTree.Node | undefined {
  const cls = prototypeClassOf(member);
  if (!cls) return undefined;
  let found: TSESTree.Node | undefined;
  let count = 0;
  walk(cls.ctor.body, (n) => {
    if (isFunctionNode(n)) return false;
    if (
      n.type === AST_NODE_TYPES.AssignmentExpression &&
      n.left.type === AST_NODE_TYPES.MemberExpression &&
      n.left.object.type === AST_NODE_TYPES.ThisExpression &&
      memberName(n.left) === name
    ) {
      found = n.operator === '=' ? n.right : undefined;
      count++;
    }
    return undefined;
  });
  return count === 1 ? found : undefined;
}

/** The innermost non-arrow function around `node`: the one whose `this` the node sees. */
function thisFunction(node: TSESTree.Node): PlainFunction | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression) return current;
    if (current.type === AST_NODE_TYPES.ClassBody || current.type === AST_NODE_TYPES.PropertyDefinition) return undefined;
  }
  return undefined;
}

/** `X.prototype` with `X` an identifier: returns `X`'s name. */
function prototypeOwner(node: TSESTree.Node): string | undefined {
  const current = unwrap(node);
  if (current.type !== AST_NODE_TYPES.MemberExpression || memberName(current) !== 'prototype') return undefined;
  const object = unwrap(current.object);
  return object.type === AST_NODE_TYPES.Identifier ? object.name : undefined;
}

/**
 * The constructor function called `name` as seen from `from`: a function declaration or a
 * `var name = function …` in an enclosing block, nearest first (lexical scoping, no hoisting tricks).
 */
function constructorNamed(name: string, from: TSESTree.Node): PlainFunction | undefined {
  for (let current = from.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.BlockStatement && current.type !== AST_NODE_TYPES.Program) continue;
    for (const statement of current.body) {
      if (statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id?.name === name) return statement;
      if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of statement.declarations) {
          if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== name || !declarator.init) continue;
          const init = unwrap(declarator.init);
          return init.type === AST_NODE_TYPES.FunctionExpression ? init : undefined;
        }
      }
    }
  }
  return undefined;
}

function indexFor(program: TSESTree.Program): Index {
  const cached = indexes.get(program);
  if (cached) return cached;
  // constructor → method name → functions assigned under that name (more than one: ambiguous)
  const found = new Map<PlainFunction, Map<string, FunctionNode[]>>();
  const add = (owner: string, at: TSESTree.Node, name: string | undefined, value: TSESTree.Node): void => {
    const fn = unwrap(value);
    if (name === undefined || !isFunctionNode(fn)) return;
    const ctor = constructorNamed(owner, at);
    if (!ctor) return;
    const methods = found.get(ctor) ?? new Map<string, FunctionNode[]>();
    found.set(ctor, methods);
    methods.set(name, [...(methods.get(name) ?? []), fn]);
  };
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=') return undefined;
    const left = unwrap(node.left);
    if (left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    // Gemini.prototype.make_request = function (…) { … }
    const owner = prototypeOwner(left.object);
    if (owner !== undefined) add(owner, node, memberName(left), node.right);
    // Gemini.prototype = { make_request: function (…) { … }, … }
    const wholeOwner = prototypeOwner(left);
    const right = unwrap(node.right);
    if (wholeOwner !== undefined && right.type === AST_NODE_TYPES.ObjectExpression) {
      for (const prop of right.properties) {
        if (prop.type === AST_NODE_TYPES.Property) add(wholeOwner, node, staticKeyName(prop.key, prop.computed), prop.value);
      }
    }
    return undefined;
  });
  const byFunction = new Map<FunctionNode, PrototypeClass>();
  for (const [ctor, assigned] of found) {
    const methods = new Map<string, FunctionNode>();
    for (const [name, fns] of assigned) if (fns.length === 1) methods.set(name, fns[0]!);
    const cls: PrototypeClass = { ctor, methods };
    byFunction.set(ctor, cls);
    for (const fns of assigned.values()) for (const fn of fns) if (!byFunction.has(fn)) byFunction.set(fn, cls);
  }
  const index = { byFunction };
  indexes.set(program, index);
  return index;
}
