import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../ast-utils.js';
import type { NonceKeyKind } from './types.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** How far value following goes before giving up (cycles, long chains). */
export const MAX_DEPTH = 24;

// value = Unix time in seconds × 10^scale, distinct per 10^-res seconds
export type Shape =
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

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.t !== b.t) return false;
  if (a.t === 'clock' && b.t === 'clock') return a.scale === b.scale && a.res === b.res;
  if ((a.t === 'source' || a.t === 'nonce-source') && (b.t === 'source' || b.t === 'nonce-source')) return a.key === b.key;
  return true;
}

/** 10^k → k for k ≥ 1, from a numeric literal shape. */
export function powerOfTen(shape: Shape): number | undefined {
  if (shape.t !== 'literal' || typeof shape.value !== 'number') return undefined;
  const k = Math.round(Math.log10(shape.value));
  return k >= 1 && k <= 9 && 10 ** k === shape.value ? k : undefined;
}

export function truncate(shape: Shape): Shape {
  if (shape.t === 'clock') return { t: 'clock', scale: shape.scale, res: Math.min(shape.res, shape.scale) };
  if (shape.t === 'date') return { t: 'clock', scale: 3, res: 3 };
  return shape;
}

/** A Date-ish object turned into a number (`+d`, `d / 1000`, `Number(d)`) is milliseconds. */
export function numeric(shape: Shape): Shape {
  return shape.t === 'date' ? { t: 'clock', scale: 3, res: 3 } : shape;
}


export type Out = (shape: Shape, decided?: TSESTree.Node, at?: TSESTree.Node) => Trace;
export type Next = (n: TSESTree.Node) => Trace;

/** `~~x`, `x | 0`, `x >>> 0`: a 32-bit integer. Fine for seconds, wraps for milliseconds. */
export function int32(shape: Shape): Shape {
  const s = numeric(shape);
  if (s.t !== 'clock') return s;
  return s.scale >= 1 ? { t: 'relative' } : truncate(s);
}

