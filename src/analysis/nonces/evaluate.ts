import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingClass, isFunctionNode, memberName, returnedExpressions, staticKeyName, unwrap, type FunctionNode } from '../ast-utils.js';
import { isModuleMember, moduleRef, resolveIdentifier } from '../values/bindings.js';
import { classFieldValue, propertyValue, resolveValueNode } from '../values/values.js';
import { binary } from './arithmetic.js';
import { call } from './calls.js';
import { counterSeed, isSteppedCounter } from './counters.js';
import { int32, kindOf, numeric, sameShape, valueOf, MAX_DEPTH, UNKNOWN, type Next, type Out, type Shape, type Trace, type Walker } from './shape.js';
import { containsNode } from '../ast-utils.js';
import { sameReference } from './tree.js';
import { memberWriteCount, precedingWrite } from './writes.js';
import { SIGNER_MODULE, type NonceKind, type NonceOrigin } from './types.js';
import { swallowed } from '../../utils/guard.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Classifies what a nonce expression produces, following `const`s, single-assignment `let`s,
 * class fields, getters, local helpers' return values (`this.nonce()`, `getNonce()`),
 * conversions (`String(x)`, `` `${x}` ``, `x.toString()`, `parseInt(x)`) and the arithmetic
 * that changes a clock's unit (`/ 1000`, `* 1000`, `Math.floor`, `| 0`, `~~`).
 * Never throws; returns `'unknown'` when unsure.
 */
export function classifyNonceExpression(node: TSESTree.Node, sourceCode: SourceCode): NonceKind {
  return nonceOrigin(node, sourceCode).kind;
}

/** Like {@link classifyNonceExpression}, with the deciding node and where the value is computed. */
export function nonceOrigin(node: TSESTree.Node, sourceCode: SourceCode): NonceOrigin {
  let trace: Trace;
  try {
    trace = analyse(node, node, { sc: sourceCode, callees: [], active: new Set(), budget: { left: 2000 }, analyse, returns }, 0);
  } catch {
    swallowed();
    // analysis must never break a lint run
    return { kind: 'unknown', node, computedAt: node, value: valueOf(UNKNOWN), tick: false };
  }
  const shape = trace.shape;
  const tick = shape.t === 'clock' && !shape.epoch && !shape.tagged;
  const origin: NonceOrigin = { kind: kindOf(shape), node: trace.node, computedAt: trace.computedAt, value: valueOf(shape), tick };
  if (shape.t === 'source') origin.sourceKind = shape.key;
  return origin;
}

function analyse(raw: TSESTree.Node, anchor: TSESTree.Node, w: Walker, depth: number): Trace {
  const node = unwrap(raw);
  const out = (shape: Shape, decided: TSESTree.Node = node, at: TSESTree.Node = anchor): Trace => ({ shape, node: decided, computedAt: at });
  if (depth > MAX_DEPTH || --w.budget.left < 0) return out(UNKNOWN);
  const next = (n: TSESTree.Node): Trace => analyse(n, anchor, w, depth + 1);

  switch (node.type) {
    case AST_NODE_TYPES.Literal: {
      const v = node.value;
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'bigint') return out({ t: 'literal', value: v });
      return out(UNKNOWN);
    }
    case AST_NODE_TYPES.TemplateLiteral:
      return template(node, next, out);
    case AST_NODE_TYPES.Identifier:
      return identifier(node, anchor, w, depth, out);
    case AST_NODE_TYPES.MemberExpression:
      return member(node, anchor, w, depth, out);
    case AST_NODE_TYPES.AwaitExpression:
      return next(node.argument);
    case AST_NODE_TYPES.SequenceExpression: {
      const last = node.expressions[node.expressions.length - 1];
      return last ? next(last) : out(UNKNOWN);
    }
    case AST_NODE_TYPES.ConditionalExpression:
      return either(next(node.consequent), next(node.alternate), out);
    case AST_NODE_TYPES.LogicalExpression:
      if (node.operator === '&&') return out(UNKNOWN);
      return either(next(node.left), next(node.right), out);
    case AST_NODE_TYPES.UpdateExpression:
      return out(node.operator === '++' ? { t: 'counter', seed: counterSeed(node.argument, w, depth) } : UNKNOWN);
    case AST_NODE_TYPES.AssignmentExpression:
      return assignment(node, next, out, w, depth);
    case AST_NODE_TYPES.UnaryExpression: {
      if (node.operator === '+') {
        const inner = next(node.argument);
        return { ...inner, shape: numeric(inner.shape) };
      }
      if (node.operator === '~') {
        const arg = unwrap(node.argument);
        if (arg.type === AST_NODE_TYPES.UnaryExpression && arg.operator === '~') {
          const inner = next(arg.argument);
          return { ...inner, shape: int32(inner.shape) };
        }
      }
      return out(UNKNOWN);
    }
    case AST_NODE_TYPES.BinaryExpression:
      return binary(node, w, next, out);
    case AST_NODE_TYPES.NewExpression: {
      const ref = moduleRef(node.callee, w.sc);
      if (node.arguments.length === 0 && isModuleMember(ref, '<global>', 'Date')) return out({ t: 'date' });
      return out(UNKNOWN);
    }
    case AST_NODE_TYPES.CallExpression:
      return call(node, anchor, w, depth, out, next);
    default:
      return out(UNKNOWN);
  }
}


function either(a: Trace, b: Trace, out: Out): Trace {
  if (!sameShape(a.shape, b.shape)) return out(UNKNOWN);
  return a.computedAt === b.computedAt ? a : { ...a, computedAt: out(UNKNOWN).computedAt };
}

function template(node: TSESTree.TemplateLiteral, next: Next, out: Out): Trace {
  if (node.expressions.length === 0) return out({ t: 'literal', value: node.quasis[0]?.value.cooked ?? '' });
  const expr = node.expressions[0];
  const head = node.quasis[0]?.value.cooked;
  const tail = node.quasis[1]?.value.cooked;
  if (node.expressions.length !== 1 || !expr || head !== '' || tail === undefined || tail === null) return out(UNKNOWN);
  const inner = next(expr);
  if (inner.shape.t === 'date') return out(UNKNOWN);
  if (tail === '') return inner;
  // `${seconds}000`: the digits scale the number up
  if (/^0+$/.test(tail) && inner.shape.t === 'clock') return { ...inner, shape: { ...inner.shape, scale: inner.shape.scale + tail.length } };
  return out(UNKNOWN);
}

function follow(target: TSESTree.Node, anchor: TSESTree.Node, w: Walker, depth: number): Trace {
  if (w.active.has(target)) return { shape: UNKNOWN, node: target, computedAt: anchor };
  // A value computed inside a helper we entered is computed afresh on every call of it.
  const insideCallee = w.callees.some((fn) => containsNode(fn, target));
  const walker: Walker = insideCallee ? w : { ...w, callees: [] };
  w.active.add(target);
  try {
    return analyse(target, insideCallee ? anchor : target, walker, depth + 1);
  } finally {
    w.active.delete(target);
  }
}

function identifier(node: TSESTree.Identifier, anchor: TSESTree.Node, w: Walker, depth: number, out: Out): Trace {
  const ref = moduleRef(node, w.sc);
  if (isModuleMember(ref, SIGNER_MODULE, 'defaultNonce')) return out({ t: 'nonce-source', key: 'incremental' });
  const binding = resolveIdentifier(node, w.sc);
  if (binding.kind === 'expression') return follow(binding.node, anchor, w, depth);
  if (binding.kind === 'property-of') {
    const value = propertyValue(binding.object, binding.key, w.sc);
    if (value) return follow(value, anchor, w, depth);
  }
  if (binding.kind === 'unknown' && isSteppedCounter(node, w)) return out({ t: 'counter', seed: counterSeed(node, w, depth) });
  if (binding.kind === 'unknown') {
    const written = precedingWrite(node, w.sc);
    if (written) return follow(written, anchor, w, depth);
  }
  return out(UNKNOWN);
}

function member(node: TSESTree.MemberExpression, anchor: TSESTree.Node, w: Walker, depth: number, out: Out): Trace {
  const name = memberName(node);
  const object = unwrap(node.object);
  // the instant the process started, in milliseconds: one value for the whole process
  if (name === 'timeOrigin' && isModuleMember(moduleRef(node, w.sc), ['<global>', 'perf_hooks'], 'performance', 'timeOrigin')) {
    return out({ t: 'clock', scale: 3, res: 3, epoch: true }, node, node);
  }
  if (name !== undefined && object.type === AST_NODE_TYPES.ThisExpression) {
    const getter = classGetter(node, name);
    if (getter) return returns(getter, anchor, w, depth, out);
    const value = classFieldValue(node, name);
    if (!value) return out(UNKNOWN);
    // the one write classFieldValue relies on is allowed; any other write makes the field vary
    const inConstructor = value.parent?.type === AST_NODE_TYPES.AssignmentExpression;
    if (memberWriteCount(w.sc, name) > (inConstructor ? 1 : 0)) {
      return isSteppedCounter(node, w) ? out({ t: 'counter', seed: counterSeed(node, w, depth) }) : out(UNKNOWN);
    }
    return follow(value, anchor, w, depth);
  }
  if (name !== undefined && !node.computed) {
    if (memberWriteCount(w.sc, name) > 0) return out(UNKNOWN);
    const resolved = resolveValueNode(node, w.sc);
    if (resolved !== node) return follow(resolved, anchor, w, depth);
    return out(UNKNOWN);
  }
  // process.hrtime()[0], randomBytes(4)[0]
  if (node.computed) {
    const inner = analyse(node.object, anchor, w, depth + 1);
    if (inner.shape.t === 'random' || inner.shape.t === 'relative' || inner.shape.t === 'elapsed') return { ...inner, shape: inner.shape.t === 'elapsed' ? { t: 'relative' } : inner.shape };
  }
  return out(UNKNOWN);
}

function classGetter(node: TSESTree.Node, name: string): FunctionNode | undefined {
  const cls = enclosingClass(node);
  if (!cls) return undefined;
  for (const element of cls.body.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'get' && !element.static && staticKeyName(element.key, element.computed) === name) {
      return isFunctionNode(element.value) ? element.value : undefined;
    }
  }
  return undefined;
}

function returns(fn: FunctionNode, anchor: TSESTree.Node, w: Walker, depth: number, out: Out): Trace {
  if (w.active.has(fn)) return out(UNKNOWN);
  const exprs = returnedExpressions(fn);
  if (exprs.length === 0) return out(UNKNOWN);
  w.active.add(fn);
  const inner: Walker = { ...w, callees: [...w.callees, fn] };
  try {
    const traces = exprs.map((e) => analyse(e, anchor, inner, depth + 1));
    const first = traces[0]!;
    if (!traces.every((t) => sameShape(t.shape, first.shape))) return out(UNKNOWN);
    return traces.every((t) => t.computedAt === first.computedAt) ? first : { ...first, computedAt: anchor };
  } finally {
    w.active.delete(fn);
  }
}

function assignment(node: TSESTree.AssignmentExpression, next: Next, out: Out, w: Walker, depth: number): Trace {
  const counter = (): Shape => ({ t: 'counter', seed: counterSeed(node.left, w, depth) });
  if (node.operator === '+=') {
    const step = next(node.right).shape;
    return out(step.t === 'literal' && typeof step.value === 'number' && step.value > 0 ? counter() : UNKNOWN);
  }
  if (node.operator !== '=') return out(UNKNOWN);
  // n = n + 1
  const right = unwrap(node.right);
  if (right.type === AST_NODE_TYPES.BinaryExpression && right.operator === '+') {
    const [a, b] = [unwrap(right.left), unwrap(right.right)];
    const step = (x: TSESTree.Node) => x.type === AST_NODE_TYPES.Literal && typeof x.value === 'number' && x.value > 0;
    if ((sameReference(a, node.left, w.sc) && step(b)) || (sameReference(b, node.left, w.sc) && step(a))) return out(counter());
  }
  const inner = next(node.right);
  return { ...inner, computedAt: out(UNKNOWN).computedAt };
}
