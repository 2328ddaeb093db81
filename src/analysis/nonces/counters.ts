import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { enclosingClass, memberName, staticKeyName, unwrap, walk } from '../ast-utils.js';
import { assignmentsTo, findVariable, writeReferences } from '../values/bindings.js';
import { numeric, type Shape, type Walker } from './shape.js';
import { sameReference } from './tree.js';
import { memberWrites } from './writes.js';

/**
 * What a counter (`++n`, `this.nonce++`, `n += 1`) starts from in each process: its initialiser
 * and every plain `=` that sets it (other than its own steps). `'literal'` when all are constants
 * (`private nonce = 0`, a module `let n = 0`): the counter starts again on every process start, so
 * after a restart an incremental key sees nonces it has already passed. `'clock'` when any of them
 * reads the clock (`counter = Date.now()`, a resync with `Math.max(Date.now(), …)`), `'unknown'`
 * otherwise (a value loaded from disk, a parameter).
 */
export function counterSeed(target: TSESTree.Node, w: Walker, depth: number): Extract<Shape, { t: 'counter' }>['seed'] {
  const t = unwrap(target);
  const values: TSESTree.Node[] = [];
  if (t.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(t, w.sc);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return 'unknown';
    if (def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init) values.push(def.node.init);
    for (const p of assignmentsTo(variable, w.sc)) if (p.operator === '=') values.push(p.right);
  } else if (t.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(t);
    if (name === undefined) return 'unknown';
    const field = t.object.type === AST_NODE_TYPES.ThisExpression ? fieldInitializer(t, name) : undefined;
    if (field) values.push(field);
    for (const write of memberWrites(w.sc).get(name) ?? []) {
      if (write.type === AST_NODE_TYPES.AssignmentExpression && write.operator === '=') values.push(write.right);
    }
  } else {
    return 'unknown';
  }
  let seed: 'clock' | 'literal' | undefined;
  for (const value of values) {
    const step = mentions(value, t, w);
    if (w.active.has(value)) return 'unknown';
    w.active.add(value);
    let shape: Shape;
    try {
      shape = numeric(w.analyse(value, value, { ...w, callees: [] }, depth + 1).shape);
    } finally {
      w.active.delete(value);
    }
    if (shape.t === 'clock' || shape.t === 'source') seed = 'clock';
    // `n = n + 1` is a step, not a seed
    else if (step) continue;
    else if (shape.t === 'literal') seed ??= 'literal';
    else if (shape.t !== 'counter') return 'unknown';
  }
  return seed ?? 'unknown';
}

function fieldInitializer(node: TSESTree.MemberExpression, name: string): TSESTree.Node | undefined {
  const cls = enclosingClass(node);
  for (const element of cls?.body.body ?? []) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && staticKeyName(element.key, element.computed) === name) {
      return element.value ?? undefined;
    }
  }
  return undefined;
}

/** Whether `expr` reads the counter itself (`n + 1`, `Math.max(Date.now(), this.nonce + 1)`). */
function mentions(expr: TSESTree.Node, counter: TSESTree.Node, w: Walker): boolean {
  let found = false;
  walk(expr, (n) => {
    if (found) return false;
    if ((n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.MemberExpression) && sameReference(n, counter, w.sc)) {
      found = true;
      return false;
    }
    return undefined;
  });
  return found;
}

/** A write that moves a counter up by a constant: `n++`, `++n`, `n += 1`, `n = n + 1`. */
function isStep(write: TSESTree.Node, target: TSESTree.Node, w: Walker): boolean {
  if (write.type === AST_NODE_TYPES.UpdateExpression) return write.operator === '++';
  if (write.type !== AST_NODE_TYPES.AssignmentExpression) return false;
  const positive = (x: TSESTree.Node): boolean => {
    const u = unwrap(x);
    return u.type === AST_NODE_TYPES.Literal && typeof u.value === 'number' && u.value > 0;
  };
  if (write.operator === '+=') return positive(write.right);
  if (write.operator !== '=') return false;
  const right = unwrap(write.right);
  return (
    right.type === AST_NODE_TYPES.BinaryExpression &&
    right.operator === '+' &&
    ((sameReference(right.left, target, w.sc) && positive(right.right)) || (sameReference(right.right, target, w.sc) && positive(right.left)))
  );
}

function inConstructor(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.MethodDefinition) return current.kind === 'constructor';
  }
  return false;
}

/**
 * A counter read after it was stepped (`this.nonce += 1; … nonce: this.nonce`, `n++; … nonce: n`):
 * every write after the seed (its initialiser, or for a field, constructor writes) steps it up.
 */
export function isSteppedCounter(node: TSESTree.Node, w: Walker): boolean {
  const t = unwrap(node);
  let writes: TSESTree.Node[];
  if (t.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(t, w.sc);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return false;
    writes = writeReferences(variable, w.sc).filter((ref) => !ref.init).map((ref) => ref.identifier.parent!).filter(Boolean);
  } else if (t.type === AST_NODE_TYPES.MemberExpression && t.object.type === AST_NODE_TYPES.ThisExpression) {
    const name = memberName(t);
    if (name === undefined) return false;
    writes = (memberWrites(w.sc).get(name) ?? []).filter((write) => !inConstructor(write));
  } else {
    return false;
  }
  return writes.length > 0 && writes.every((write) => isStep(write, t, w));
}
