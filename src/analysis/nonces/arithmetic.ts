import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { int32, isTime, numeric, powerOfTen, UNKNOWN, type Next, type Out, type Trace, type Walker } from './shape.js';
import { isSteppedCounter } from './counters.js';
import { changesWhileRunning } from './writes.js';

/**
 * The arithmetic of the domain: what `a op b` holds given what `a` and `b` hold. Scaling by powers
 * of ten moves a time's scale (not its resolution); `now − elapsed` is the process's start time and
 * `start + elapsed` is "now" again (how `performance.timeOrigin + performance.now()` and
 * `process.hrtime.bigint()`-based microsecond nonces are built); adding a random jitter makes a
 * clock random; an offset that changes while the process runs makes it jump back.
 */
export function binary(node: TSESTree.BinaryExpression, w: Walker, next: Next, out: Out): Trace {
  if (node.left.type === AST_NODE_TYPES.PrivateIdentifier) return out(UNKNOWN);
  const left = next(node.left);
  const right = next(node.right);
  const l = left.shape;
  const r = right.shape;
  switch (node.operator) {
    case '+':
    case '-':
      return additive(node, w, left, right, out);
    case '*': {
      const lk = powerOfTen(r);
      const rk = powerOfTen(l);
      const [main, k, mainTrace] = lk !== undefined ? [numeric(l), lk, left] : rk !== undefined ? [numeric(r), rk, right] : [undefined, undefined, undefined];
      if (main && k !== undefined && mainTrace) {
        if (isTime(main)) return { ...mainTrace, shape: { ...main, scale: main.scale + k } };
        if (main.t === 'random' || main.t === 'relative' || main.t === 'literal' || main.t === 'shifted') return { ...mainTrace, shape: main };
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
      if (k !== undefined && isTime(main)) return { ...left, shape: { ...main, scale: main.scale - k } };
      if (r.t === 'literal' && (main.t === 'random' || main.t === 'relative' || main.t === 'literal' || main.t === 'shifted')) return { ...left, shape: main };
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
      if (isTime(main) || main.t === 'relative') return { ...left, shape: { t: 'relative' } };
      if (main.t === 'random') return left;
      return out(UNKNOWN);
    }
    default:
      return out(UNKNOWN);
  }
}

function additive(node: TSESTree.BinaryExpression, w: Walker, left: Trace, right: Trace, out: Out): Trace {
  const l = left.shape;
  const r = right.shape;
  const plus = node.operator === '+';
  if (l.t === 'literal' && r.t === 'literal') return out({ t: 'literal' });
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
    if (!plus && l.t === 'literal') return out(UNKNOWN);
    return mainTrace;
  }
  const ln = numeric(l);
  const rn = numeric(r);
  // the process's start instant plus the time since: "now", read afresh here
  if (plus && ln.t === 'clock' && ln.epoch && rn.t === 'elapsed' && ln.scale === rn.scale) return out({ t: 'clock', scale: rn.scale, res: rn.res });
  if (plus && rn.t === 'clock' && rn.epoch && ln.t === 'elapsed' && ln.scale === rn.scale) return out({ t: 'clock', scale: ln.scale, res: ln.res });
  // now minus the time since the process started: the start instant (a fixed value per process)
  if (!plus && ln.t === 'clock' && !ln.epoch && rn.t === 'elapsed' && ln.scale === rn.scale) return { ...left, shape: { t: 'clock', scale: ln.scale, res: ln.res, epoch: true } };
  // a random jitter on a clock: two requests can come out in either order
  if ((isTime(ln) && rn.t === 'random') || (ln.t === 'random' && isTime(rn))) {
    const jitter = rn.t === 'random' ? right : left;
    return out({ t: 'random' }, jitter.node);
  }
  // clock ± something unknown (a server-time offset, a loop index): still a clock, but no longer
  // one value computed once, and two readings in one tick may differ. An offset that changes while
  // the process runs makes the clock jump back whenever it changes.
  if (ln.t === 'clock' && r.t === 'unknown') {
    // an offset that only ever steps up (`Date.now() + this.bump` with `this.bump++`) keeps it increasing
    if (changesWhileRunning(node.right, w.sc) && !(plus && isSteppedCounter(node.right, w))) return out({ t: 'shifted' }, node.right);
    return { ...left, shape: { ...ln, tagged: true }, computedAt: out(UNKNOWN).computedAt };
  }
  if (rn.t === 'clock' && l.t === 'unknown' && plus) {
    if (changesWhileRunning(node.left, w.sc) && !isSteppedCounter(node.left, w)) return out({ t: 'shifted' }, node.left);
    return { ...right, shape: { ...rn, tagged: true }, computedAt: out(UNKNOWN).computedAt };
  }
  return out(UNKNOWN);
}
