import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { dottedPath, enclosingFunction, isFunctionNode, memberName, unwrap, walk, type FunctionNode } from '../ast-utils.js';
import { bothRun, callSitesOf, exitsLoop, LOOPS, repeatsInLoop } from './reuse.js';
import { containsNode } from '../ast-utils.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Array methods whose callbacks run back to back, within one turn of the event loop: nonces read
 * from a millisecond clock inside them come out equal (and the requests race each other).
 * Event handlers, routes and timers run once per event and are not bursts.
 */
const BURST_METHODS = new Set(['map', 'flatMap', 'forEach']);

/** How many helper calls a burst is followed through (`items.map(() => this.sign(…))` → `sign` → payload). */
const MAX_LIFT = 3;

/** How many earlier readings a reading is compared with (exclusive branches may hide the nearest). */
const MAX_PAIR_TRIES = 8;

/** A place where a nonce is read, and the node that makes several readings fall into one burst. */
export interface BurstPoint {
  /** The payload (or the call whose argument is the nonce) whose evaluation reads the clock. */
  at: TSESTree.Node;
  /** Caller id: the nonce use this point belongs to. */
  owner: number;
}

/** The reading and what repeats it in one burst: a loop or `.map` callback, or an earlier reading. */
export interface Burst {
  owner: number;
  repeatedBy: TSESTree.Node;
}

/**
 * Nonces read from the clock several times in one synchronous burst: in a `.map`/`forEach`
 * callback or a loop with no `await` (directly or through the helpers they call), or two readings
 * in one function with no `await` between them (`Promise.all([send(a()), send(b())])`, two payloads
 * built before either request is awaited). Within one millisecond `Date.now()` returns the same
 * value, so an incremental key sees a repeated nonce. Returns one burst per owner at most.
 */
export function findBursts(points: readonly BurstPoint[], sc: SourceCode): Burst[] {
  const found = new Map<number, Burst>();
  const lifted: { at: TSESTree.Node; owner: number }[] = [];
  for (const point of points) {
    let frontier: TSESTree.Node[] = [point.at];
    const seen = new Set<FunctionNode>();
    for (let level = 0; level <= MAX_LIFT && frontier.length > 0 && !found.has(point.owner); level++) {
      const next: TSESTree.Node[] = [];
      for (const at of frontier) {
        lifted.push({ at, owner: point.owner });
        const repeat = repeatedInBurst(at);
        if (repeat) {
          found.set(point.owner, { owner: point.owner, repeatedBy: repeat });
          break;
        }
        const fn = enclosingFunction(at);
        if (!fn || seen.has(fn) || level === MAX_LIFT) continue;
        seen.add(fn);
        // only a reading in the synchronous start of the helper happens at its call; after an
        // await it runs whenever the awaited value settles
        if (readsAfterAwait(fn, at)) continue;
        // a nonce read inside a helper is read again at each call of the helper
        next.push(...callSitesOf(fn, sc));
      }
      frontier = next;
    }
  }
  // two readings in one run of one function, with no await between them
  const byFunction = new Map<FunctionNode | undefined, { at: TSESTree.Node; owner: number }[]>();
  for (const p of lifted) {
    const fn = enclosingFunction(p.at);
    const list = byFunction.get(fn);
    if (list) list.push(p);
    else byFunction.set(fn, [p]);
  }
  for (const [fn, list] of byFunction) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((a, b) => a.at.range[0] - b.at.range[0]);
    const awaits = awaitEnds(fn, sorted[0]!.at);
    for (let i = 1; i < sorted.length; i++) {
      const later = sorted[i]!;
      if (found.has(later.owner)) continue;
      // nearest first: once an await separates a reading from `later`, it separates every earlier one
      // too, so the scan stops there (linear in the readings of a function written in sequence)
      for (let j = i - 1, tries = 0; j >= 0 && tries < MAX_PAIR_TRIES; j--, tries++) {
        const earlier = sorted[j]!;
        if (earlier.at === later.at || containsNode(earlier.at, later.at)) continue;
        if (awaitBetween(awaits, earlier.at, later.at)) break;
        if (bothRun(earlier.at, later.at)) {
          found.set(later.owner, { owner: later.owner, repeatedBy: earlier.at });
          break;
        }
      }
    }
  }
  return [...found.values()];
}

/** The loop or `.map`/`forEach` callback that evaluates `at` several times without awaiting in between. */
function repeatedInBurst(at: TSESTree.Node): TSESTree.Node | undefined {
  let child: TSESTree.Node = at;
  for (let current = at.parent; current; child = current, current = current.parent) {
    if (LOOPS.has(current.type) && repeatsInLoop(current, child)) {
      if (current.type === AST_NODE_TYPES.ForOfStatement && current.await) return undefined;
      if (exitsLoop(at, current) || hasAwait(current)) return undefined;
      return current;
    }
    if (isFunctionNode(current)) {
      const parent = current.parent;
      if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(current as TSESTree.Expression) || !burstCallee(parent)) return undefined;
      // a callback that awaits before reading the clock (a rate limiter, a queue) may space the readings
      return readsAfterAwait(current, at) ? undefined : parent;
    }
  }
  return undefined;
}

function burstCallee(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(callee);
  if (name === 'from') return dottedPath(callee) === 'Array.from';
  return name !== undefined && BURST_METHODS.has(name);
}

const awaitsIn = new WeakMap<TSESTree.Node, boolean>();

/** An `await` (or `yield`) in `node`, outside nested functions (memoised: many readings share a loop). */
function hasAwait(node: TSESTree.Node): boolean {
  const known = awaitsIn.get(node);
  if (known !== undefined) return known;
  const found = findAwait(node);
  awaitsIn.set(node, found);
  return found;
}

function findAwait(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found || (isFunctionNode(n) && n !== node)) return false;
    if (n.type === AST_NODE_TYPES.AwaitExpression || n.type === AST_NODE_TYPES.YieldExpression) found = true;
    return undefined;
  });
  return found;
}

const functionAwaits = new WeakMap<FunctionNode, number[]>();

/** Whether an `await` in `fn` completes before `at` is evaluated. */
function readsAfterAwait(fn: FunctionNode, at: TSESTree.Node): boolean {
  let ends = functionAwaits.get(fn);
  if (!ends) {
    ends = awaitEnds(fn, fn);
    functionAwaits.set(fn, ends);
  }
  return ends.length > 0 && ends[0]! <= at.range[0];
}

/** The end offsets, sorted, of every `await`/`yield` in `fn`'s body (the module for top-level code), outside nested functions. */
function awaitEnds(fn: FunctionNode | undefined, inside: TSESTree.Node): number[] {
  let root: TSESTree.Node = inside;
  if (fn) root = fn.body;
  else while (root.parent) root = root.parent;
  const ends: number[] = [];
  walk(root, (n) => {
    if (isFunctionNode(n) && n !== root) return false;
    if (n.type === AST_NODE_TYPES.AwaitExpression || n.type === AST_NODE_TYPES.YieldExpression) ends.push(n.range[1]);
    return undefined;
  });
  return ends.sort((x, y) => x - y);
}

/** An `await` that completes after `a` is built and before `b` is: the first request is awaited. */
function awaitBetween(ends: readonly number[], a: TSESTree.Node, b: TSESTree.Node): boolean {
  // the first end at or after a's end
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! < a.range[1]) lo = mid + 1;
    else hi = mid;
  }
  return lo < ends.length && ends[lo]! <= b.range[0];
}
