import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingClass, isFunctionNode, memberName, staticKeyName, unwrap, type FunctionNode } from '../ast-utils.js';
import { resolveIdentifier } from './bindings.js';
import { typedImportValue } from './typed-imports.js';
import { prototypeClassOf } from './prototype-classes.js';
import { classFieldValue, resolveObjectLiteral, resolveValueNode } from './values.js';
import { unlessReentered } from './reentry.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The function a call invokes, when it is defined in the same file: a function declaration or
 * `const f = () => …`, a method of the enclosing class called as `this.m()`, or a method of an
 * object literal (`helpers.sign()`). `depth` is how far value resolution has come when it asks
 * (a call's result is followed through the function it calls, see values.ts `callResult`).
 */
export function calledFunction(call: TSESTree.CallExpression, sourceCode: SourceCode, depth = 0): FunctionNode | undefined {
  // `const sign = sign(x)` or `const h = h.make()`: the callee's value is the call itself (a TDZ
  // error at run time, but valid syntax); following it would ask for this call again, forever
  return unlessReentered(resolvingCalls, call, undefined, () => calleeFunction(call, sourceCode, depth));
}

// Calls whose callee is being resolved right now (see calledFunction).
const resolvingCalls = new Set<TSESTree.CallExpression>();

function calleeFunction(call: TSESTree.CallExpression, sourceCode: SourceCode, depth: number): FunctionNode | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const binding = resolveIdentifier(callee, sourceCode);
    if (binding.kind === 'function') return binding.fn;
    if (binding.kind === 'import') {
      // typed linting: a helper declared in another file of the program
      const value = typedImportValue(callee, sourceCode);
      return value && isFunctionNode(value) ? value : undefined;
    }
    if (binding.kind === 'expression') {
      const value = resolveValueNode(binding.node, sourceCode, depth + 1);
      return isFunctionNode(value) ? value : undefined;
    }
    return undefined;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(callee);
  if (name === undefined) return undefined;
  if (unwrap(callee.object).type === AST_NODE_TYPES.ThisExpression) {
    const method = classMethod(callee, name);
    if (method) return method;
    // `this.request = (path, params) => { … }`, written once in the constructor
    const field = classFieldValue(callee, name);
    const value = field && unwrap(field);
    return value && isFunctionNode(value) ? value : undefined;
  }
  const obj = resolveObjectLiteral(callee.object, sourceCode, depth + 1);
  if (!obj) return undefined;
  for (const prop of obj.properties) {
    if (prop.type === AST_NODE_TYPES.Property && staticKeyName(prop.key, prop.computed) === name) {
      const value = unwrap(prop.value);
      return isFunctionNode(value) ? value : undefined;
    }
  }
  return undefined;
}

/** A method (or arrow-function field) named `name` in the class around `node`. */
export function classMethod(node: TSESTree.Node, name: string): FunctionNode | undefined {
  const cls = enclosingClass(node);
  // ES5 constructor function + prototype methods (CoffeeScript, older clients)
  if (!cls) return prototypeClassOf(node)?.methods.get(name);
  // asked for every `this.m()` of every method: the class is read once, for all its methods
  let methods = classMethods.get(cls);
  if (!methods) {
    methods = new Map();
    for (const element of cls.body.body) {
      const key = element.type === AST_NODE_TYPES.MethodDefinition || element.type === AST_NODE_TYPES.PropertyDefinition ? staticKeyName(element.key, element.computed) : undefined;
      if (key === undefined || methods.has(key)) continue;
      // the first method of that name decides, even a body-less overload signature (no function)
      if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'method') methods.set(key, isFunctionNode(element.value) ? element.value : undefined);
      const value = element.type === AST_NODE_TYPES.PropertyDefinition && element.value ? unwrap(element.value) : undefined;
      if (value && isFunctionNode(value)) methods.set(key, value);
    }
    classMethods.set(cls, methods);
  }
  return methods.get(name);
}

const classMethods = new WeakMap<TSESTree.Node, Map<string, FunctionNode | undefined>>();
