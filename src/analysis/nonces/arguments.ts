import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { unwrap, type FunctionNode } from '../ast-utils.js';
import { resolveIdentifier } from '../values/bindings.js';
import { propertyValue } from '../values/values.js';
import { callSitesOf } from './reuse.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Where a payload's nonce comes from a parameter: which one, and under which key of it (if an object). */
export interface NonceParameter {
  fn: FunctionNode;
  index: number;
  /** `'nonce'` when the parameter is an object the nonce is read from (`params.nonce`, `...params`, `{ nonce }`). */
  key?: string;
}

/** The parameter position of `name` in `fn`, and whether it is destructured as `{ nonce }`. */
function parameterIndex(fn: FunctionNode, name: string): { index: number; key?: string } | undefined {
  for (let i = 0; i < fn.params.length; i++) {
    let p: TSESTree.Node = fn.params[i]!;
    if (p.type === AST_NODE_TYPES.AssignmentPattern) p = p.left;
    if (p.type === AST_NODE_TYPES.TSParameterProperty) p = p.parameter;
    if (p.type === AST_NODE_TYPES.Identifier && p.name === name) return { index: i };
    if (p.type === AST_NODE_TYPES.ObjectPattern) {
      for (const prop of p.properties) {
        if (prop.type !== AST_NODE_TYPES.Property || prop.computed || prop.key.type !== AST_NODE_TYPES.Identifier) continue;
        const target = prop.value.type === AST_NODE_TYPES.AssignmentPattern ? prop.value.left : prop.value;
        if (target.type === AST_NODE_TYPES.Identifier && target.name === name) return { index: i, key: prop.key.name };
      }
    }
  }
  return undefined;
}

/**
 * The parameter a payload's nonce is read from: `{ request, nonce }` with `nonce` a parameter,
 * `nonce: params.nonce`, or no `nonce` entry but a spread of a parameter (`{ request, ...params }`).
 */
export function nonceParameter(payload: TSESTree.ObjectExpression, entryValue: TSESTree.Node | undefined, sc: SourceCode): NonceParameter | undefined {
  const viaParam = (id: TSESTree.Node, key?: string): NonceParameter | undefined => {
    const n = unwrap(id);
    if (n.type !== AST_NODE_TYPES.Identifier) return undefined;
    const binding = resolveIdentifier(n, sc);
    if (binding.kind !== 'parameter') return undefined;
    const at = parameterIndex(binding.fn, n.name);
    if (!at) return undefined;
    if (at.key !== undefined && key !== undefined) return undefined;
    const k = at.key ?? key;
    return k === undefined ? { fn: binding.fn, index: at.index } : { fn: binding.fn, index: at.index, key: k };
  };
  if (entryValue) {
    const v = unwrap(entryValue);
    if (v.type === AST_NODE_TYPES.Identifier) return viaParam(v);
    if (v.type === AST_NODE_TYPES.MemberExpression && !v.computed && v.property.type === AST_NODE_TYPES.Identifier) return viaParam(v.object, v.property.name);
    return undefined;
  }
  // the last spread of a parameter may bring the nonce in
  for (let i = payload.properties.length - 1; i >= 0; i--) {
    const p = payload.properties[i]!;
    if (p.type === AST_NODE_TYPES.SpreadElement) return viaParam(p.argument, 'nonce');
  }
  return undefined;
}

/** One call of the payload's function and the nonce value it passes. */
export interface NonceArgument {
  call: TSESTree.CallExpression;
  /** The argument in the parameter's position. */
  arg: TSESTree.Node;
  /** The value passed: the argument, or the `nonce` entry of the object passed. */
  value: TSESTree.Node;
}

/** The nonce each call of `param.fn` in the file passes (calls that pass none are left out). */
export function nonceArguments(param: NonceParameter, sc: SourceCode): NonceArgument[] {
  const out: NonceArgument[] = [];
  for (const call of callSitesOf(param.fn, sc)) {
    const arg = call.arguments[param.index];
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
    const value = param.key === undefined ? arg : propertyValue(arg, param.key, sc);
    if (value) out.push({ call, arg, value });
  }
  return out;
}
