import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { memberName, unwrap, type FunctionNode } from '../ast-utils.js';
import { findVariable, isModuleMember, moduleRef, resolveIdentifier, type ModuleRef } from '../values/bindings.js';
import { calledFunction } from '../values/functions.js';
import { isTime, numeric, truncate, UNKNOWN, type Next, type Out, type Shape, type Trace, type Walker } from './shape.js';
import { sameReference } from './tree.js';
import { SIGNER_MODULE } from './types.js';
import { swallowed } from '../../utils/guard.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

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
      // time since the process started: restarts at zero with every process
      case 'performance.now':
        return out({ t: 'elapsed', scale: 3, res: 6 });
      case 'process.hrtime.bigint':
        return out({ t: 'elapsed', scale: 9, res: 9 });
      case 'process.uptime':
        return out({ t: 'elapsed', scale: 0, res: 6 });
      // a [seconds, nanoseconds] tuple
      case 'process.hrtime':
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
  if (ref.source === 'perf_hooks' && isModuleMember(ref, 'perf_hooks', 'performance', 'now')) return out({ t: 'elapsed', scale: 3, res: 6 });
  if (ref.source === 'os' && last === 'uptime') return out({ t: 'elapsed', scale: 0, res: 0 });
  if (ref.source === 'process') {
    if (last === 'bigint') return out({ t: 'elapsed', scale: 9, res: 9 });
    if (last === 'uptime') return out({ t: 'elapsed', scale: 0, res: 6 });
    if (last === 'hrtime') return out({ t: 'relative' });
  }
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
const DIGIT_CUTS = new Set(['slice', 'substring', 'substr']);

/**
 * `String(Date.now()).slice(0, 10)`: the leading digits of a time's decimal string. Unix time has
 * 10 digits in seconds (until 2286), so a string of scale `s` has `10 + s` digits and keeping `n`
 * of them (or dropping `-n`) leaves scale `n − 10`. Any other cut is not a time any more.
 */
function digitCut(node: TSESTree.CallExpression, shape: Extract<Shape, { t: 'clock' | 'elapsed' }>, obj: Trace): Trace | undefined {
  const [start, end] = node.arguments.map((a) => (a.type === AST_NODE_TYPES.Literal && typeof a.value === 'number' ? a.value : a.type === AST_NODE_TYPES.UnaryExpression && a.operator === '-' && a.argument.type === AST_NODE_TYPES.Literal && typeof a.argument.value === 'number' ? -a.argument.value : undefined));
  if (shape.t !== 'clock' || node.arguments.length !== 2 || start !== 0 || end === undefined || shape.res < shape.scale) return undefined;
  const digits = 10 + shape.scale;
  const kept = end < 0 ? digits + end : end;
  const scale = kept - 10;
  if (!Number.isInteger(scale) || scale < 0 || scale > shape.scale) return undefined;
  return { ...obj, shape: { ...shape, scale, res: Math.min(shape.res, scale) } };
}

/** What a call produces: a known clock or random source, a signer source's `next()`, a conversion, or a local function's return value. */
export function call(node: TSESTree.CallExpression, anchor: TSESTree.Node, w: Walker, depth: number, out: Out, next: Next): Trace {
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
        const obj = w.analyse(target.object, anchor, w, depth + 1).shape;
        if (obj.t === 'nonce-source') return out({ t: 'source', key: obj.key });
      }
    }
  }
  let fn: FunctionNode | undefined;
  try {
    fn = calledFunction(node, w.sc);
  } catch {
    swallowed();
    fn = undefined;
  }
  if (fn) return w.returns(fn, anchor, w, depth, out);
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
  const obj = w.analyse(callee.object, anchor, w, depth + 1);
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
    case 'elapsed':
    case 'literal':
    case 'counter':
    case 'source':
    case 'shifted':
      if (isTime(shape) && DIGIT_CUTS.has(method)) return digitCut(node, shape, obj);
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
  // without the write-back it is the clock, or more: two readings in one tick may still differ
  return { ...clock, shape: clock.shape.t === 'clock' ? { ...clock.shape, tagged: true } : clock.shape, computedAt: out(UNKNOWN).computedAt };
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

/**
 * The `Math.max(…)` result (directly or through a variable) is written back to `previous`: assigned
 * to it (`last = n`), or, for a per-key map of last nonces (`(last.get(key) ?? 0) + 1`), stored with
 * `last.set(key, n)`.
 */
function assignedBack(call: TSESTree.CallExpression, previous: TSESTree.Node, sc: SourceCode): boolean {
  const prev = unwrapDefault(previous);
  const writes = (value: TSESTree.Node): boolean => {
    const p = value.parent;
    if (p?.type === AST_NODE_TYPES.AssignmentExpression && p.operator === '=' && p.right === value) return sameReference(p.left, prev, sc);
    return p?.type === AST_NODE_TYPES.CallExpression && p.arguments[1] === value && isMapSetOf(p, prev, sc);
  };
  if (writes(call)) return true;
  const parent = call.parent;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  const holder = findVariable(parent.id, sc);
  if (!holder) return false;
  return holder.references.some((ref) => ref.isRead() && writes(ref.identifier));
}

/** `x ?? 0`, `x || 0` → `x`. */
function unwrapDefault(node: TSESTree.Node): TSESTree.Node {
  const n = unwrap(node);
  return n.type === AST_NODE_TYPES.LogicalExpression && (n.operator === '??' || n.operator === '||') ? unwrap(n.left) : n;
}

/** `m.set(k, …)` where `previous` is `m.get(k)` (same map, same key). */
function isMapSetOf(set: TSESTree.CallExpression, previous: TSESTree.Node, sc: SourceCode): boolean {
  const callee = unwrap(set.callee);
  if (previous.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'set') return false;
  const getter = unwrap(previous.callee);
  if (getter.type !== AST_NODE_TYPES.MemberExpression || memberName(getter) !== 'get') return false;
  const [k1] = previous.arguments;
  const [k2] = set.arguments;
  if (!k1 || !k2) return false;
  return sameReference(getter.object, callee.object, sc) && (sameReference(k1, k2, sc) || sc.getText(k1) === sc.getText(k2));
}
