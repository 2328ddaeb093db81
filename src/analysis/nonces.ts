import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { dottedPath, enclosingClass, enclosingFunction, isFunctionNode, memberName, returnedExpressions, staticKeyName, unwrap, walk, type FunctionNode } from './ast-utils.js';
import { findVariable, isModuleMember, moduleRef, resolveIdentifier, type ModuleRef } from './values/bindings.js';
import { calledFunction } from './values/functions.js';
import { containsNode, dottedPath, enclosingClass, enclosingFunction, isFunctionNode, memberName, returnedExpressions, staticKeyName, unwrap, walk, type FunctionNode } from './ast-utils.js';
import { memoForFile } from './memo.js';
import { callSitesOf as namedCallSitesOf } from './values/symbolic.js';
import { geminiPayloads, type GeminiPayload } from './requests/payloads.js';
import { classFieldValue, propertyValue, resolveValueNode, type ObjectEntry } from './values/values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * What a nonce expression produces, as far as one file shows:
 * - `literal`: a constant (`123456`, `'1'`, a `const` holding one);
 * - `milliseconds`: Unix time in milliseconds or finer (`Date.now()`, `+new Date()`, `Date.now() * 1000`);
 * - `seconds`: Unix time in seconds (`Math.floor(Date.now() / 1000)`, `dayjs().unix()`, `Date.now() / 1000`);
 * - `scaled-seconds`: whole seconds scaled to look like milliseconds (`Math.floor(Date.now() / 1000) * 1000`);
 * - `random`: `Math.random()`, `crypto.randomInt/randomUUID/randomBytes`, `uuid()`, `nanoid()`…;
 * - `non-monotonic`: a clock that restarts or wraps (`performance.now()`, `process.hrtime()`,
 *   `new Date().getSeconds()`, `Date.now() % n`, a millisecond clock squeezed through `| 0`);
 * - `monotonic-source`: a source that increases on every call (the reference signer's
 *   `createIncrementalNonce().next()` / `defaultNonce.next()`, or `Math.max(Date.now(), last + 1)`
 *   with the result written back to `last`);
 * - `counter`: `++n`, `this.nonce++`, `n += 1`;
 * - `unknown`: anything else (parameters, imported helpers, …) — callers must stay silent.
 */
export type NonceKind =
  | 'literal'
  | 'milliseconds'
  | 'seconds'
  | 'scaled-seconds'
  | 'random'
  | 'non-monotonic'
  | 'monotonic-source'
  | 'counter'
  | 'unknown';

/** The kind of Gemini exchange API key a nonce source is made for. */
export type NonceKeyKind = 'incremental' | 'time-based';

/** Where a nonce value comes from. */
export interface NonceOrigin {
  kind: NonceKind;
  /** The expression that decided the kind (e.g. the `Math.random()` call), reached by following values. */
  node: TSESTree.Node;
  /** For `monotonic-source`: which kind of key the source serves. */
  sourceKind?: NonceKeyKind;
  /**
   * The expression whose every evaluation yields a new value: the nonce expression itself when
   * it is computed in place, or the initialiser of the `const` / class field it was read from.
   * A nonce whose `computedAt` lies outside the payload object is computed once and may be reused.
   */
  computedAt: TSESTree.Node;
}

/** The only module whose nonce sources this layer trusts by name. */
export const SIGNER_MODULE = 'eslint-plugin-gemini-guard/signer';

/** How far value following goes before giving up (cycles, long chains). */
const MAX_DEPTH = 24;

// value = Unix time in seconds × 10^scale, distinct per 10^-res seconds
type Shape =
  | { t: 'clock'; scale: number; res: number }
  | { t: 'literal'; value?: string | number | bigint }
  | { t: 'random' }
  | { t: 'relative' }
  | { t: 'source'; key: NonceKeyKind }
  | { t: 'counter' }
  /** a Date / dayjs / moment / luxon object for "now" */
  | { t: 'date' }
  /** a NonceSource object from the reference signer */
  | { t: 'nonce-source'; key: NonceKeyKind }
  | { t: 'unknown' };

interface Trace {
  shape: Shape;
  node: TSESTree.Node;
  computedAt: TSESTree.Node;
}

interface Walker {
  sc: SourceCode;
  /** Local functions entered through calls: values computed inside them are fresh per call. */
  callees: FunctionNode[];
  /** Nodes being followed (cycle guard). */
  active: Set<TSESTree.Node>;
  budget: { left: number };
}

const UNKNOWN: Shape = { t: 'unknown' };

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
    trace = analyse(node, node, { sc: sourceCode, callees: [], active: new Set(), budget: { left: 2000 } }, 0);
  } catch {
    // analysis must never break a lint run
    return { kind: 'unknown', node, computedAt: node };
  }
  const origin: NonceOrigin = { kind: kindOf(trace.shape), node: trace.node, computedAt: trace.computedAt };
  if (trace.shape.t === 'source') origin.sourceKind = trace.shape.key;
  return origin;
}

function kindOf(shape: Shape): NonceKind {
  switch (shape.t) {
    case 'clock':
      if (shape.scale >= 3 && shape.scale <= 9) {
        if (shape.res >= 3) return 'milliseconds';
        if (shape.res <= 0) return 'scaled-seconds';
        return 'unknown';
      }
      return shape.scale === 0 ? 'seconds' : 'unknown';
    case 'literal':
      return 'literal';
    case 'random':
      return 'random';
    case 'relative':
      return 'non-monotonic';
    case 'source':
      return 'monotonic-source';
    case 'counter':
      return 'counter';
    default:
      return 'unknown';
  }
}

function sameShape(a: Shape, b: Shape): boolean {
  if (a.t !== b.t) return false;
  if (a.t === 'clock' && b.t === 'clock') return a.scale === b.scale && a.res === b.res;
  if ((a.t === 'source' || a.t === 'nonce-source') && (b.t === 'source' || b.t === 'nonce-source')) return a.key === b.key;
  return true;
}

/** 10^k → k for k ≥ 1, from a numeric literal shape. */
function powerOfTen(shape: Shape): number | undefined {
  if (shape.t !== 'literal' || typeof shape.value !== 'number') return undefined;
  const k = Math.round(Math.log10(shape.value));
  return k >= 1 && k <= 9 && 10 ** k === shape.value ? k : undefined;
}

function truncate(shape: Shape): Shape {
  if (shape.t === 'clock') return { t: 'clock', scale: shape.scale, res: Math.min(shape.res, shape.scale) };
  if (shape.t === 'date') return { t: 'clock', scale: 3, res: 3 };
  return shape;
}

/** A Date-ish object turned into a number (`+d`, `d / 1000`, `Number(d)`) is milliseconds. */
function numeric(shape: Shape): Shape {
  return shape.t === 'date' ? { t: 'clock', scale: 3, res: 3 } : shape;
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
      return out(node.operator === '++' ? { t: 'counter' } : UNKNOWN);
    case AST_NODE_TYPES.AssignmentExpression:
      return assignment(node, next, out, w);
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
      return binary(node, next, out);
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

type Out = (shape: Shape, decided?: TSESTree.Node, at?: TSESTree.Node) => Trace;
type Next = (n: TSESTree.Node) => Trace;

function either(a: Trace, b: Trace, out: Out): Trace {
  if (!sameShape(a.shape, b.shape)) return out(UNKNOWN);
  return a.computedAt === b.computedAt ? a : { ...a, computedAt: out(UNKNOWN).computedAt };
}

/** `~~x`, `x | 0`, `x >>> 0`: a 32-bit integer. Fine for seconds, wraps for milliseconds. */
function int32(shape: Shape): Shape {
  const s = numeric(shape);
  if (s.t !== 'clock') return s;
  return s.scale >= 1 ? { t: 'relative' } : truncate(s);
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
  return out(UNKNOWN);
}

function member(node: TSESTree.MemberExpression, anchor: TSESTree.Node, w: Walker, depth: number, out: Out): Trace {
  const name = memberName(node);
  const object = unwrap(node.object);
  if (name !== undefined && object.type === AST_NODE_TYPES.ThisExpression) {
    const getter = classGetter(node, name);
    if (getter) return returns(getter, anchor, w, depth, out);
    const value = classFieldValue(node, name);
    if (!value) return out(UNKNOWN);
    // the one write classFieldValue relies on is allowed; any other write makes the field vary
    const inConstructor = value.parent?.type === AST_NODE_TYPES.AssignmentExpression;
    if ((memberWrites(w.sc).get(name) ?? 0) > (inConstructor ? 1 : 0)) return out(UNKNOWN);
    return follow(value, anchor, w, depth);
  }
  if (name !== undefined && !node.computed) {
    if ((memberWrites(w.sc).get(name) ?? 0) > 0) return out(UNKNOWN);
    const resolved = resolveValueNode(node, w.sc);
    if (resolved !== node) return follow(resolved, anchor, w, depth);
    return out(UNKNOWN);
  }
  // process.hrtime()[0], randomBytes(4)[0]
  if (node.computed) {
    const inner = analyse(node.object, anchor, w, depth + 1);
    if (inner.shape.t === 'random' || inner.shape.t === 'relative') return inner;
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

/** How often each property name is written through a member (`x.name = …`, `x.name++`, `x.name += …`). */
function memberWrites(sc: SourceCode): Map<string, number> {
  return memoForFile(sc, 'nonces.memberWrites', () => {
    const counts = new Map<string, number>();
    walk(sc.ast, (node) => {
      let target: TSESTree.Node | undefined;
      if (node.type === AST_NODE_TYPES.AssignmentExpression) target = node.left;
      else if (node.type === AST_NODE_TYPES.UpdateExpression) target = node.argument;
      else if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete') target = node.argument;
      if (target) {
        const t = unwrap(target);
        if (t.type === AST_NODE_TYPES.MemberExpression) {
          const name = memberName(t);
          if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
        }
      }
      return undefined;
    });
    return counts;
  });
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

function assignment(node: TSESTree.AssignmentExpression, next: Next, out: Out, w: Walker): Trace {
  if (node.operator === '+=') {
    const step = next(node.right).shape;
    return out(step.t === 'literal' && typeof step.value === 'number' && step.value > 0 ? { t: 'counter' } : UNKNOWN);
  }
  if (node.operator !== '=') return out(UNKNOWN);
  // n = n + 1
  const right = unwrap(node.right);
  if (right.type === AST_NODE_TYPES.BinaryExpression && right.operator === '+') {
    const [a, b] = [unwrap(right.left), unwrap(right.right)];
    const step = (x: TSESTree.Node) => x.type === AST_NODE_TYPES.Literal && typeof x.value === 'number' && x.value > 0;
    if ((sameReference(a, node.left, w.sc) && step(b)) || (sameReference(b, node.left, w.sc) && step(a))) return out({ t: 'counter' });
  }
  const inner = next(node.right);
  return { ...inner, computedAt: out(UNKNOWN).computedAt };
}

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

function binary(node: TSESTree.BinaryExpression, next: Next, out: Out): Trace {
  if (node.left.type === AST_NODE_TYPES.PrivateIdentifier) return out(UNKNOWN);
  const left = next(node.left);
  const right = next(node.right);
  const l = left.shape;
  const r = right.shape;
  switch (node.operator) {
    case '+':
    case '-': {
      if (l.t === 'literal' && r.t === 'literal') return out({ t: 'literal' });
      // performance.timeOrigin + performance.now(): an absolute clock with sub-millisecond resolution
      if (node.operator === '+' && (isTimeOrigin(node.left) || isTimeOrigin(node.right))) {
        return out({ t: 'clock', scale: 3, res: 3 });
      }
      const [main, other, mainTrace] = l.t === 'literal' ? [r, l, right] : [l, r, left];
      if (other.t === 'literal') {
        if (typeof other.value === 'string') {
          // string concatenation: '' changes nothing, trailing zeros scale the digits up
          if (other.value === '') return main.t === 'date' ? out(UNKNOWN) : mainTrace;
          if (l.t !== 'literal' && /^0+$/.test(other.value) && main.t === 'clock') {
            return { ...mainTrace, shape: { ...main, scale: main.scale + other.value.length } };
          }
          return out(UNKNOWN);
        }
        // a constant offset keeps what the value is and where it is computed
        if (main.t === 'date') return out(UNKNOWN);
        if (node.operator === '-' && l.t === 'literal') return out(UNKNOWN);
        return mainTrace;
      }
      // clock ± something unknown (a server-time offset, a loop index): still a clock, but no
      // longer one value computed once
      if (l.t === 'clock' && r.t === 'unknown') return { ...left, computedAt: out(UNKNOWN).computedAt };
      if (r.t === 'clock' && l.t === 'unknown' && node.operator === '+') return { ...right, computedAt: out(UNKNOWN).computedAt };
      return out(UNKNOWN);
    }
    case '*': {
      const lk = powerOfTen(r);
      const rk = powerOfTen(l);
      const [main, k, mainTrace] = lk !== undefined ? [numeric(l), lk, left] : rk !== undefined ? [numeric(r), rk, right] : [undefined, undefined, undefined];
      if (main && k !== undefined && mainTrace) {
        if (main.t === 'clock') return { ...mainTrace, shape: { ...main, scale: main.scale + k } };
        if (main.t === 'random' || main.t === 'relative' || main.t === 'literal') return { ...mainTrace, shape: main };
        return out(UNKNOWN);
      }
      if (l.t === 'random' && r.t !== 'clock' && r.t !== 'date') return left;
      if (r.t === 'random' && l.t !== 'clock' && l.t !== 'date') return right;
      if (l.t === 'literal' && r.t === 'literal') return out({ t: 'literal' });
      return out(UNKNOWN);
    }
    case '/': {
      const k = powerOfTen(r);
      const main = numeric(l);
      if (k !== undefined && main.t === 'clock') return { ...left, shape: { ...main, scale: main.scale - k } };
      if (r.t === 'literal' && (main.t === 'random' || main.t === 'relative' || main.t === 'literal')) return { ...left, shape: main };
      return out(UNKNOWN);
    }
    case '|':
    case '>>':
    case '>>>': {
      if (r.t === 'literal' && r.value === 0) return { ...left, shape: int32(l) };
      return out(UNKNOWN);
    }
    case '%': {
      const main = numeric(l);
      if (main.t === 'clock' || main.t === 'relative') return { ...left, shape: { t: 'relative' } };
      if (main.t === 'random') return left;
      return out(UNKNOWN);
    }
    default:
      return out(UNKNOWN);
  }
}

function isTimeOrigin(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.MemberExpression || memberName(n) !== 'timeOrigin') return false;
  const base = unwrap(n.object);
  return base.type === AST_NODE_TYPES.Identifier && base.name === 'performance';
}

const RANDOM_CRYPTO = new Set(['randomInt', 'randomUUID', 'randomBytes', 'pseudoRandomBytes', 'getRandomValues', 'randomFillSync', 'randomFill']);
const RANDOM_PACKAGES = new Set(['uuid', 'nanoid', 'nanoid/non-secure', 'cuid', '@paralleldrive/cuid2', 'short-uuid', 'shortid', 'hyperid', 'crypto-random-string', 'random-int', 'randomstring']);
const ROUNDING = new Set(['floor', 'trunc', 'round', 'ceil']);
const DATE_LIBRARIES = new Set(['dayjs', 'moment', 'moment-timezone']);

/** What a call to something imported or global produces, when it is a known clock/random source. */
function knownCall(ref: ModuleRef, node: TSESTree.CallExpression, next: Next, out: Out): Trace | undefined {
  const path = ref.path;
  const last = path[path.length - 1];
  const arg0 = node.arguments[0];
  const arg = arg0 && arg0.type !== AST_NODE_TYPES.SpreadElement ? arg0 : undefined;
  if (ref.source === '<global>') {
    const name = path.join('.');
    switch (name) {
      case 'Date.now':
        return out({ t: 'clock', scale: 3, res: 3 });
      case 'Math.random':
        return out({ t: 'random' });
      case 'Math.abs':
        return arg ? next(arg) : undefined;
      case 'Number':
      case 'BigInt':
      case 'Number.parseFloat':
      case 'parseFloat': {
        if (!arg) return undefined;
        const inner = next(arg);
        return { ...inner, shape: numeric(inner.shape) };
      }
      case 'String': {
        if (!arg) return undefined;
        const inner = next(arg);
        return inner.shape.t === 'date' ? out(UNKNOWN) : inner;
      }
      case 'parseInt':
      case 'Number.parseInt': {
        if (!arg) return undefined;
        const inner = next(arg);
        return { ...inner, shape: truncate(inner.shape) };
      }
      case 'performance.now':
      case 'process.hrtime':
      case 'process.hrtime.bigint':
      case 'process.uptime':
        return out({ t: 'relative' });
      default:
        break;
    }
    if (path.length === 2 && path[0] === 'Math' && last && ROUNDING.has(last) && arg) {
      const inner = next(arg);
      return { ...inner, shape: truncate(inner.shape) };
    }
    if (path[0] === 'crypto' && last && RANDOM_CRYPTO.has(last)) return out({ t: 'random' });
    return undefined;
  }
  if (ref.source === SIGNER_MODULE) {
    if (isModuleMember(ref, SIGNER_MODULE, 'createIncrementalNonce')) return out({ t: 'nonce-source', key: 'incremental' });
    if (isModuleMember(ref, SIGNER_MODULE, 'createTimeBasedNonce')) return out({ t: 'nonce-source', key: 'time-based' });
    return undefined;
  }
  if (ref.source === 'crypto' && last && RANDOM_CRYPTO.has(last)) return out({ t: 'random' });
  if (RANDOM_PACKAGES.has(ref.source)) return out({ t: 'random' });
  if ((ref.source === 'crypto-js' || ref.source.startsWith('crypto-js/')) && last === 'random') return out({ t: 'random' });
  if ((ref.source === 'perf_hooks' && isModuleMember(ref, 'perf_hooks', 'performance', 'now')) || (ref.source === 'os' && last === 'uptime')) {
    return out({ t: 'relative' });
  }
  if (ref.source === 'process' && (last === 'hrtime' || last === 'bigint' || last === 'uptime')) return out({ t: 'relative' });
  if (DATE_LIBRARIES.has(ref.source)) {
    if (path.length === 0 && node.arguments.length === 0) return out({ t: 'date' });
    if (path.length === 1 && last === 'utc' && node.arguments.length === 0) return out({ t: 'date' });
    if (path.length === 1 && last === 'now') return out({ t: 'clock', scale: 3, res: 3 });
    return undefined;
  }
  if (ref.source === 'luxon' && path.length === 2 && path[0] === 'DateTime' && (last === 'now' || last === 'local' || last === 'utc') && node.arguments.length === 0) {
    return out({ t: 'date' });
  }
  if (ref.source === 'date-fns' || ref.source.startsWith('date-fns/')) {
    const fn = path.length === 0 ? ref.source.slice('date-fns/'.length) : last;
    const d = arg ? next(arg).shape : UNKNOWN;
    if (d.t !== 'date') return undefined;
    if (fn === 'getUnixTime') return out({ t: 'clock', scale: 0, res: 0 });
    if (fn === 'getTime') return out({ t: 'clock', scale: 3, res: 3 });
  }
  return undefined;
}

const CONVERSIONS = new Set(['toString', 'valueOf', 'toFixed', 'toLocaleString']);

function call(node: TSESTree.CallExpression, anchor: TSESTree.Node, w: Walker, depth: number, out: Out, next: Next): Trace {
  const callee = unwrap(node.callee);
  const ref = moduleRef(callee, w.sc);
  if (ref) {
    if (ref.source === '<global>' && ref.path.join('.') === 'Math.max') {
      const found = maxPattern(node, w, next, out);
      if (found) return found;
      return out(UNKNOWN);
    }
    const known = knownCall(ref, node, next, out);
    if (known) return known;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && !(ref && isDateLibraryRoot(ref))) {
    const method = memberName(callee);
    if (method !== undefined) {
      const fromMethod = methodCall(node, callee, method, anchor, w, depth, out);
      if (fromMethod) return fromMethod;
    }
  }
  // a detached `next` of a signer source: `const next = source.next; next()`
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const binding = resolveIdentifier(callee, w.sc);
    if (binding.kind === 'expression') {
      const target = unwrap(binding.node);
      if (target.type === AST_NODE_TYPES.MemberExpression && memberName(target) === 'next') {
        const obj = analyse(target.object, anchor, w, depth + 1).shape;
        if (obj.t === 'nonce-source') return out({ t: 'source', key: obj.key });
      }
    }
  }
  let fn: FunctionNode | undefined;
  try {
    fn = calledFunction(node, w.sc);
  } catch {
    fn = undefined;
  }
  if (fn) return returns(fn, anchor, w, depth, out);
  return out(UNKNOWN);
}

function isDateLibraryRoot(ref: ModuleRef): boolean {
  return DATE_LIBRARIES.has(ref.source) && ref.path.length <= 1;
}

function methodCall(
  node: TSESTree.CallExpression,
  callee: TSESTree.MemberExpression,
  method: string,
  anchor: TSESTree.Node,
  w: Walker,
  depth: number,
  out: Out,
): Trace | undefined {
  const obj = analyse(callee.object, anchor, w, depth + 1);
  const shape = obj.shape;
  const arg0 = node.arguments[0];
  const argText = arg0 && arg0.type === AST_NODE_TYPES.Literal ? arg0.value : undefined;
  switch (shape.t) {
    case 'nonce-source':
      // each call of a signer source yields a new nonce: computed here, not where the source was made
      return method === 'next' ? out({ t: 'source', key: shape.key }) : undefined;
    case 'date':
      switch (method) {
        case 'getTime':
        case 'valueOf':
        case 'toMillis':
          return { ...obj, shape: { t: 'clock', scale: 3, res: 3 } };
        case 'unix':
        case 'toUnixInteger':
          return { ...obj, shape: { t: 'clock', scale: 0, res: 0 } };
        case 'toSeconds':
          return { ...obj, shape: { t: 'clock', scale: 0, res: 3 } };
        case 'format':
          if (argText === 'x') return { ...obj, shape: { t: 'clock', scale: 3, res: 3 } };
          if (argText === 'X') return { ...obj, shape: { t: 'clock', scale: 0, res: 0 } };
          return undefined;
        case 'getMilliseconds':
        case 'getUTCMilliseconds':
        case 'getSeconds':
        case 'getUTCSeconds':
        case 'getMinutes':
        case 'getUTCMinutes':
          return { ...obj, shape: { t: 'relative' } };
        case 'utc':
        case 'local':
        case 'clone':
          return node.arguments.length === 0 ? obj : undefined;
        default:
          return undefined;
      }
    case 'random':
    case 'relative':
      // Math.random().toString(36).slice(2), randomBytes(8).readBigUInt64BE()
      return obj;
    case 'clock':
    case 'literal':
    case 'counter':
    case 'source':
      if (!CONVERSIONS.has(method)) return undefined;
      if (method === 'toFixed') {
        // toFixed() and toFixed(0) round to an integer
        if (node.arguments.length === 0 || argText === 0) return { ...obj, shape: truncate(shape) };
        return obj;
      }
      if (method === 'toString' && node.arguments.length > 0 && argText !== 10) return undefined;
      return obj;
    default:
      return undefined;
  }
}

/**
 * `Math.max(Date.now(), last + 1)` whose result is written back to `last`: a strictly increasing
 * millisecond nonce (what the reference signer does). Without the write-back it is just the clock.
 */
function maxPattern(node: TSESTree.CallExpression, w: Walker, next: Next, out: Out): Trace | undefined {
  if (node.arguments.length !== 2) return undefined;
  let clock: Trace | undefined;
  let previous: TSESTree.Node | undefined;
  for (const arg of node.arguments) {
    if (arg.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const a = unwrap(arg);
    const step = a.type === AST_NODE_TYPES.BinaryExpression && a.operator === '+' ? incrementOf(a) : undefined;
    if (step) {
      previous = step;
      continue;
    }
    const t = next(a);
    if (t.shape.t === 'clock' || t.shape.t === 'date') clock = { ...t, shape: numeric(t.shape) };
  }
  if (!clock || !previous) return undefined;
  if (assignedBack(node, previous, w.sc)) return out({ t: 'source', key: 'incremental' });
  return { ...clock, computedAt: out(UNKNOWN).computedAt };
}

function incrementOf(node: TSESTree.BinaryExpression): TSESTree.Node | undefined {
  const isStep = (x: TSESTree.Node) => {
    const u = unwrap(x);
    return u.type === AST_NODE_TYPES.Literal && typeof u.value === 'number' && u.value >= 1;
  };
  if (node.left.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
  if (isStep(node.right)) return unwrap(node.left);
  if (isStep(node.left)) return unwrap(node.right);
  return undefined;
}

/** The `Math.max(…)` result (directly or through a variable) is assigned to `previous`. */
function assignedBack(call: TSESTree.CallExpression, previous: TSESTree.Node, sc: SourceCode): boolean {
  const parent = call.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && sameReference(parent.left, previous, sc)) return true;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  const holder = findVariable(parent.id, sc);
  if (!holder) return false;
  return holder.references.some((ref) => {
    const p = ref.identifier.parent;
    return (
      ref.isRead() &&
      p?.type === AST_NODE_TYPES.AssignmentExpression &&
      p.operator === '=' &&
      p.right === ref.identifier &&
      sameReference(p.left, previous, sc)
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Reuse: one computed nonce sent by several requests

/** How a nonce computed once ends up in more than one signed request. */
export interface NonceReuse {
  /**
   * `loop`: computed before a loop that builds the payload on every iteration; `callback`:
   * computed outside a callback that runs repeatedly (`.map`, `forEach`, `setInterval`, event
   * handlers); `function`: computed outside a function that runs repeatedly (a method, an
   * exported function, one called from several places); `shared`: two payloads in one run of a
   * function carry the same value.
   */
  kind: 'loop' | 'callback' | 'function' | 'shared';
  /** Where the value is computed: `module` (top level), `instance` (class field or constructor), or `function`. */
  scope: 'module' | 'instance' | 'function';
  /** The node whose single evaluation produces the shared value. */
  computedAt: TSESTree.Node;
  /** The loop or function that repeats, or (for `shared`) the other payload object. */
  repeatedBy: TSESTree.Node;
}

const LOOPS = new Set<string>([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

/** Whether `child` (a direct child of `loop`) is evaluated on every iteration. */
function repeatsInLoop(loop: TSESTree.Node, child: TSESTree.Node): boolean {
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
function reusable(origin: NonceOrigin): boolean {
  if (origin.kind === 'literal') return false;
  if (origin.kind !== 'unknown') return true;
  // an unknown value counts only when it is visibly produced by a call (`await getNonce()`)
  let at = unwrap(origin.computedAt);
  if (at.type === AST_NODE_TYPES.AwaitExpression) at = unwrap(at.argument);
  return at.type === AST_NODE_TYPES.CallExpression;
}

function scopeOf(node: TSESTree.Node): NonceReuse['scope'] {
  const fn = enclosingFunction(node);
  const cls = enclosingClass(node);
  if (cls && (!fn || !containsNode(cls, fn))) return 'instance';
  if (fn?.parent?.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor') return 'instance';
  return fn ? 'function' : 'module';
}

function ancestors(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  for (let current = node.parent; current; current = current.parent) out.push(current);
  return out;
}

/** The lowest common ancestor of two nodes, with the children of it on the way to each. */
function commonAncestor(a: TSESTree.Node, b: TSESTree.Node): { lca: TSESTree.Node; towardA: TSESTree.Node; towardB: TSESTree.Node } | undefined {
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
function exitsLoop(use: TSESTree.Node, loop: TSESTree.Node): boolean {
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
function callSitesOf(fn: FunctionNode, sc: SourceCode): readonly TSESTree.CallExpression[] {
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
function bothRun(a: TSESTree.Node, b: TSESTree.Node): boolean {
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

// ---------------------------------------------------------------------------------------------
// Per-file facts for Gemini payloads

/** The nonce of one Gemini payload, classified, with any reuse found. */
export interface GeminiNonceUse {
  payload: GeminiPayload;
  /** The payload's `nonce` entry; its value may sit in an object spread into the payload. */
  entry: ObjectEntry;
  origin: NonceOrigin;
  /** Set when one computed nonce is sent by several requests. */
  reuse?: NonceReuse;
}

/**
 * Every Gemini payload nonce in the file, classified and checked for reuse (memoised). Payloads
 * come from {@link geminiPayloads}, so code for other APIs (Kraken, Binance, OAuth…) is absent.
 */
export function geminiNonceUses(sourceCode: SourceCode): GeminiNonceUse[] {
  return memoForFile(sourceCode, 'nonces.geminiNonceUses', () => {
    const result: GeminiNonceUse[] = [];
    for (const payload of geminiPayloads(sourceCode)) {
      const entry = payload.nonce;
      if (!entry || entry.valueNode.type === AST_NODE_TYPES.AssignmentPattern) continue;
      const origin = nonceOrigin(entry.valueNode, sourceCode);
      const use: GeminiNonceUse = { payload, entry, origin };
      const reuse = nonceReuse(payload.node, origin, sourceCode);
      if (reuse) use.reuse = reuse;
      result.push(use);
    }
    const byUse = new Map<NonceUse, GeminiNonceUse>();
    const uses = result.filter((r) => !r.reuse).map((r) => {
      const u: NonceUse = { use: r.payload.node, origin: r.origin };
      byUse.set(u, r);
      return u;
    });
    for (const [later, earlier] of sharedNonceUses(uses)) {
      const target = byUse.get(later);
      if (target) target.reuse = { kind: 'shared', scope: scopeOf(later.origin.computedAt), computedAt: later.origin.computedAt, repeatedBy: earlier.use };
    }
    return result;
  });
}
