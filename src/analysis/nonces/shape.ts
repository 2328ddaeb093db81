import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../ast-utils.js';
import type { NonceKeyKind, NonceKind, NonceValue } from './types.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** How far value following goes before giving up (cycles, long chains). */
export const MAX_DEPTH = 24;

/**
 * The evaluator's abstract domain. Times carry two numbers: the value is (time in seconds) ×
 * 10^`scale`, and two readings differ once 10^-`res` seconds have passed. Arithmetic moves them
 * apart: `/ 1000` lowers the scale only, `Math.floor` caps the resolution at the scale, `* 1000`
 * raises the scale only — so seconds scaled by 1000 keep one-second resolution.
 */
export type Shape =
  /**
   * Unix time. `epoch`: a fixed instant (the process start, `performance.timeOrigin`) rather than
   * "now". `tagged`: plus a term we cannot see (a loop index, an offset), so two readings in the
   * same tick may still differ.
   */
  | { t: 'clock'; scale: number; res: number; epoch?: boolean; tagged?: boolean }
  /** Time since the process started (`performance.now()`, `process.hrtime.bigint()`): restarts at 0. */
  | { t: 'elapsed'; scale: number; res: number }
  | { t: 'literal'; value?: string | number | bigint }
  | { t: 'random' }
  /** A value that wraps around (`% n`, `| 0` on milliseconds, `getSeconds()`, the `hrtime()` tuple). */
  | { t: 'relative' }
  /** The clock shifted by an offset that changes while the process runs. */
  | { t: 'shifted' }
  | { t: 'source'; key: NonceKeyKind }
  /** `++n`, `n += 1`: `seed` is what the counter starts from in each process. */
  | { t: 'counter'; seed: 'clock' | 'literal' | 'unknown' }
  /** a Date / dayjs / moment / luxon object for "now" */
  | { t: 'date' }
  /** a NonceSource object from the reference signer */
  | { t: 'nonce-source'; key: NonceKeyKind }
  | { t: 'unknown' };

export interface Trace {
  shape: Shape;
  node: TSESTree.Node;
  computedAt: TSESTree.Node;
}

export interface Walker {
  sc: SourceCode;
  /** Local functions entered through calls: values computed inside them are fresh per call. */
  callees: FunctionNode[];
  /** Nodes being followed (cycle guard). */
  active: Set<TSESTree.Node>;
  budget: { left: number };
  /** The evaluator itself, so that the call rules in calls.ts can recurse without an import cycle. */
  analyse: (node: TSESTree.Node, anchor: TSESTree.Node, w: Walker, depth: number) => Trace;
  /** Evaluates what a local function returns. */
  returns: (fn: FunctionNode, anchor: TSESTree.Node, w: Walker, depth: number, out: Out) => Trace;
}

export const UNKNOWN: Shape = { t: 'unknown' };

export type Out = (shape: Shape, decided?: TSESTree.Node, at?: TSESTree.Node) => Trace;
export type Next = (n: TSESTree.Node) => Trace;

/** Equality in the domain: the join of two shapes is the shape when they are equal, else unknown. */
export function sameShape(a: Shape, b: Shape): boolean {
  if (a.t !== b.t) return false;
  if (a.t === 'clock' && b.t === 'clock') return a.scale === b.scale && a.res === b.res && !a.epoch === !b.epoch && !a.tagged === !b.tagged;
  if (a.t === 'elapsed' && b.t === 'elapsed') return a.scale === b.scale && a.res === b.res;
  if (a.t === 'counter' && b.t === 'counter') return a.seed === b.seed;
  if ((a.t === 'source' || a.t === 'nonce-source') && (b.t === 'source' || b.t === 'nonce-source')) return a.key === b.key;
  return true;
}

/** A time shape: Unix time or time since the process started. */
export function isTime(shape: Shape): shape is Extract<Shape, { t: 'clock' | 'elapsed' }> {
  return shape.t === 'clock' || shape.t === 'elapsed';
}

/** 10^k → k for k ≥ 1, from a numeric or BigInt literal shape (`1000`, `1e3`, `1000n`). */
export function powerOfTen(shape: Shape): number | undefined {
  if (shape.t !== 'literal' || (typeof shape.value !== 'number' && typeof shape.value !== 'bigint')) return undefined;
  const value = Number(shape.value);
  const k = Math.round(Math.log10(value));
  return k >= 1 && k <= 9 && 10 ** k === value ? k : undefined;
}

/** Rounding to an integer: the resolution cannot be finer than one unit of the scale. */
export function truncate(shape: Shape): Shape {
  if (isTime(shape)) return { ...shape, res: Math.min(shape.res, shape.scale) };
  if (shape.t === 'date') return { t: 'clock', scale: 3, res: 3 };
  return shape;
}

/** A Date-ish object turned into a number (`+d`, `d / 1000`, `Number(d)`) is milliseconds. */
export function numeric(shape: Shape): Shape {
  return shape.t === 'date' ? { t: 'clock', scale: 3, res: 3 } : shape;
}

/** `~~x`, `x | 0`, `x >>> 0`: a 32-bit integer. Fine for seconds, wraps for milliseconds. */
export function int32(shape: Shape): Shape {
  const s = numeric(shape);
  if (!isTime(s)) return s;
  return s.scale >= 1 ? { t: 'relative' } : truncate(s);
}

/** The coarse kind the rule and older callers name a shape by. */
export function kindOf(shape: Shape): NonceKind {
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
    case 'elapsed':
    case 'shifted':
      return 'non-monotonic';
    case 'source':
      return 'monotonic-source';
    case 'counter':
      return 'counter';
    default:
      return 'unknown';
  }
}

function resolutionOf(res: number): NonceValue['resolution'] {
  if (res >= 6) return 'µs';
  if (res >= 3) return 'ms';
  return res <= 0 ? 's' : 'unknown';
}

function unitOf(scale: number): NonceValue['unit'] {
  return scale === 0 ? 's' : scale === 3 ? 'ms' : scale === 6 ? 'µs' : scale === 9 ? 'ns' : 'unknown';
}

const UNKNOWN_VALUE: NonceValue = { resolution: 'unknown', unit: 'unknown', monotonic: 'unknown', lifetime: 'unknown' };

/** The lattice value (see {@link NonceValue}) of a shape, before the per-file lifetime facts. */
export function valueOf(shape: Shape): NonceValue {
  switch (shape.t) {
    case 'clock': {
      const time = { resolution: resolutionOf(shape.res), unit: unitOf(shape.scale) };
      if (shape.epoch) return { ...time, monotonic: 'not', lifetime: 'process', breaks: 'process-start' };
      return { ...time, monotonic: 'guaranteed', lifetime: 'request' };
    }
    case 'elapsed':
      return { resolution: resolutionOf(shape.res), unit: unitOf(shape.scale), monotonic: 'not', lifetime: 'request', breaks: 'restarts' };
    case 'relative':
      return { ...UNKNOWN_VALUE, monotonic: 'not', lifetime: 'request', breaks: 'wraps' };
    case 'shifted':
      return { ...UNKNOWN_VALUE, monotonic: 'not', lifetime: 'request', breaks: 'offset' };
    case 'random':
      return { ...UNKNOWN_VALUE, monotonic: 'not', lifetime: 'request', breaks: 'random' };
    case 'literal':
      return { ...UNKNOWN_VALUE, monotonic: 'not', lifetime: 'shared', breaks: 'fixed' };
    case 'source':
      return shape.key === 'incremental'
        ? { resolution: 'ms', unit: 'ms', monotonic: 'guaranteed', lifetime: 'request' }
        : { resolution: 's', unit: 's', monotonic: 'guaranteed', lifetime: 'request' };
    case 'counter':
      if (shape.seed === 'literal') return { ...UNKNOWN_VALUE, monotonic: 'not', lifetime: 'request', breaks: 'counter' };
      return { ...UNKNOWN_VALUE, monotonic: shape.seed === 'clock' ? 'guaranteed' : 'unknown', lifetime: 'request' };
    default:
      return UNKNOWN_VALUE;
  }
}
