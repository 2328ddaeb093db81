import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { dottedPath, unwrap } from '../ast-utils.js';
import { findVariable } from '../values/bindings.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Two references to the same variable or the same `a.b.c` member path. */
export function sameReference(a: TSESTree.Node, b: TSESTree.Node, sc: SourceCode): boolean {
  const x = unwrap(a);
  const y = unwrap(b);
  if (x.type === AST_NODE_TYPES.Identifier && y.type === AST_NODE_TYPES.Identifier) {
    if (x.name !== y.name) return false;
    const v = findVariable(x, sc);
    return v === findVariable(y, sc);
  }
  if (x.type === AST_NODE_TYPES.MemberExpression && y.type === AST_NODE_TYPES.MemberExpression) {
    const px = dottedPath(x);
    return px !== undefined && px === dottedPath(y);
  }
  return false;
}


function ancestors(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  for (let current = node.parent; current; current = current.parent) out.push(current);
  return out;
}

/** The lowest common ancestor of two nodes, with the children of it on the way to each. */
export function commonAncestor(a: TSESTree.Node, b: TSESTree.Node): { lca: TSESTree.Node; towardA: TSESTree.Node; towardB: TSESTree.Node } | undefined {
  const chainA = [a, ...ancestors(a)];
  const index = new Map(chainA.map((n, i) => [n, i]));
  let previousB = b;
  for (let current: TSESTree.Node | undefined = b; current; previousB = current, current = current.parent) {
    const i = index.get(current);
    if (i !== undefined) {
      const towardA = i > 0 ? chainA[i - 1]! : current;
      return { lca: current, towardA, towardB: current === b ? b : previousB };
    }
  }
  return undefined;
}

