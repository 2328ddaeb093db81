import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, memberName, nodesOfType, unwrap } from '../ast-utils.js';
import { findVariable, writeReferences } from '../values/bindings.js';
import { memoForFile } from '../memo.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A write through a member: `x.name = …`, `x.name += …`, `x.name++`, `delete x.name`. */
export type MemberWrite = TSESTree.AssignmentExpression | TSESTree.UpdateExpression | TSESTree.UnaryExpression;

/** Every write through a member in the file, by property name (memoised: one pass per file). */
export function memberWrites(sc: SourceCode): ReadonlyMap<string, readonly MemberWrite[]> {
  return memoForFile(sc, 'nonces.memberWrites', () => {
    const byName = new Map<string, MemberWrite[]>();
    for (const node of nodesOfType(sc.ast, AST_NODE_TYPES.AssignmentExpression, AST_NODE_TYPES.UpdateExpression, AST_NODE_TYPES.UnaryExpression)) {
      let target: TSESTree.Node | undefined;
      if (node.type === AST_NODE_TYPES.AssignmentExpression) target = node.left;
      else if (node.type === AST_NODE_TYPES.UpdateExpression) target = node.argument;
      else if (node.operator === 'delete') target = node.argument;
      if (!target) continue;
      const t = unwrap(target);
      if (t.type !== AST_NODE_TYPES.MemberExpression) continue;
      const name = memberName(t);
      if (name !== undefined) byName.set(name, [...(byName.get(name) ?? []), node]);
    }
    return byName;
  });
}

/** How often `name` is written through a member anywhere in the file. */
export function memberWriteCount(sc: SourceCode, name: string): number {
  return memberWrites(sc).get(name)?.length ?? 0;
}

function inConstructor(node: TSESTree.Node): boolean {
  const fn = enclosingFunction(node);
  return fn?.parent?.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor';
}

/**
 * Whether `node` (an offset added to or subtracted from the clock) changes while the process runs:
 * a variable or property that is assigned again after it got its first value — a clock-sync
 * routine that updates `offset`, `this.timeOffset = serverTime - Date.now()` outside the
 * constructor. A `const`, a parameter, or a value set once stays put.
 */
export function changesWhileRunning(node: TSESTree.Node, sc: SourceCode): boolean {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(n, sc);
    const def = variable?.defs[0];
    if (!variable || def?.type !== 'Variable') return false;
    const writes = writeReferences(variable, sc);
    const later = writes.filter((ref) => !ref.init);
    if (later.length === 0) return false;
    // written again after an initial value, or by a function other than the one declaring it
    const home = enclosingFunction(def.node);
    return writes.length >= 2 || later.some((ref) => enclosingFunction(ref.identifier) !== home);
  }
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(n);
    if (name === undefined) return false;
    const writes = memberWrites(sc).get(name) ?? [];
    const outside = writes.filter((w) => !inConstructor(w));
    if (outside.length === 0) return false;
    return writes.length >= 2 || hasFieldInitializer(n, name);
  }
  return false;
}

function hasFieldInitializer(node: TSESTree.Node, name: string): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassBody) {
      return current.body.some((e) => e.type === AST_NODE_TYPES.PropertyDefinition && !e.computed && e.key.type === AST_NODE_TYPES.Identifier && e.key.name === name && e.value !== null);
    }
  }
  return false;
}

/**
 * The value written to `use`'s variable by a plain `x = …` statement earlier in the same block,
 * with no other write to it in between (`last = Math.max(Date.now(), last + 1); return last;`).
 * A straight-line reaching write: enough for the guards nonce helpers are written with, where
 * the variable lives outside the function and is written from several places.
 */
export function precedingWrite(use: TSESTree.Identifier, sc: SourceCode): TSESTree.Node | undefined {
  const variable = findVariable(use, sc);
  const def = variable?.defs[0];
  // only state kept outside the function (a guard's `last`): inside one function the variable is
  // the evaluator's ordinary business
  if (!variable || !def || enclosingFunction(def.node) === enclosingFunction(use)) return undefined;
  let child: TSESTree.Node = use;
  for (let current = use.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program) break;
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
  }
  const block = child.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement && block?.type !== AST_NODE_TYPES.Program) return undefined;
  const body = block.body as TSESTree.Node[];
  const writesIn = (node: TSESTree.Node): TSESLint.Scope.Reference[] => writeReferences(variable, sc).filter((ref) => node.range[0] <= ref.identifier.range[0] && ref.identifier.range[1] <= node.range[1]);
  // the statement holding the use must not write the variable before reading it
  if (writesIn(child).some((ref) => ref.identifier.range[0] < use.range[0])) return undefined;
  for (let i = body.indexOf(child) - 1; i >= 0; i--) {
    const statement = body[i]!;
    const writes = writesIn(statement);
    if (writes.length === 0) continue;
    if (writes.length > 1 || statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
    const expr = unwrap(statement.expression);
    return expr.type === AST_NODE_TYPES.AssignmentExpression && expr.operator === '=' && expr.left === writes[0]!.identifier ? expr.right : undefined;
  }
  return undefined;
}
