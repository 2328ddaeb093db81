import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction } from '../ast-utils.js';
import { findVariable, writeReferences } from './bindings.js';
import { swallowed } from '../../utils/guard.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

const LOOPS: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

/**
 * For a variable written more than once — the CoffeeScript / ES5 idiom `var p; p = { … };
 * p = encode(p); send(p)` — the value of the last write that ends before `use`, when that is
 * certain enough: every write is a plain `=` (or the declaration's initialiser) in the same function
 * as `use`, and no write after `use` can come round again through a loop. `undefined` otherwise
 * (then callers treat the variable as unknown, as `resolveIdentifier` does).
 */
export function lastWriteBefore(use: TSESTree.Identifier, sourceCode: SourceCode): TSESTree.Node | undefined {
  try {
    const variable = findVariable(use, sourceCode);
    if (!variable || variable.defs.length !== 1 || variable.defs[0]?.type !== 'Variable') return undefined;
    const fn = enclosingFunction(use);
    let best: { end: number; value: TSESTree.Node } | undefined;
    let writeAfter = false;
    for (const ref of writeReferences(variable, sourceCode)) {
      const id = ref.identifier;
      const parent = id.parent;
      let value: TSESTree.Node | undefined;
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === id && parent.operator === '=') value = parent.right;
      else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id === id && parent.init) value = parent.init;
      // compound assignments, for-in/of targets, destructuring, writes in other functions
      if (!value || !parent || enclosingFunction(id) !== fn) return undefined;
      const end = parent.range[1];
      if (end > use.range[0]) {
        writeAfter = true;
        continue;
      }
      if (!best || end > best.end) best = { end, value };
    }
    if (writeAfter) {
      for (let current: TSESTree.Node | undefined = use.parent; current && current !== fn; current = current.parent) {
        if (LOOPS.has(current.type)) return undefined;
      }
    }
    return best?.value;
  } catch {
    swallowed();
    // defensive: rules must never throw
    return undefined;
  }
}
