import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { memoForFile } from '../memo.js';
import { geminiPayloads, type GeminiPayload } from '../requests/payloads.js';
import type { ObjectEntry } from '../values/values.js';
import { nonceArguments, nonceParameter } from './arguments.js';
import { findBursts, type BurstPoint } from './bursts.js';
import { nonceOrigin } from './evaluate.js';
import { nonceReuse, scopeOf, sharedNonceUses, type NonceReuse, type NonceUse } from './reuse.js';
import type { NonceOrigin, NonceValue } from './types.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The nonce of one Gemini payload, classified, with any reuse found. */
export interface GeminiNonceUse {
  payload: GeminiPayload;
  /** The payload's `nonce` entry; its value may sit in an object spread into the payload. Absent when a spread parameter brings it. */
  entry?: ObjectEntry;
  origin: NonceOrigin;
  /** The lattice value with its lifetime settled by the facts below (`'shared'` when reused). */
  value: NonceValue;
  /** Set when one computed nonce is sent by several requests. */
  reuse?: NonceReuse;
  /**
   * Set when the payload takes its nonce from a parameter of a local function: the call that
   * passes it and the value passed there (what `origin` describes).
   */
  site?: { call: TSESTree.CallExpression; arg: TSESTree.Node; value: TSESTree.Node };
}

/**
 * Every Gemini payload nonce in the file, classified and checked for reuse (memoised). Payloads
 * come from {@link geminiPayloads}, so code for other APIs (Kraken, Binance, OAuth…) is absent.
 *
 * A payload whose nonce is a parameter (`function post(path, nonce) { … { request: path, nonce } … }`,
 * `nonce: params.nonce`, `{ request: path, ...params }`) is judged at each call of its function
 * instead, with the value that call passes: one `const ts = Date.now()` passed to two calls is one
 * nonce for two requests. Lifetimes: a value computed outside the loop, callback or function that
 * sends it, or shared by two requests of one run, or read from the clock several times in one
 * synchronous burst, lives longer than one request (`value.lifetime === 'shared'`).
 */
export function geminiNonceUses(sourceCode: SourceCode): GeminiNonceUse[] {
  return memoForFile(sourceCode, 'nonces.geminiNonceUses', () => {
    const result: GeminiNonceUse[] = [];
    for (const payload of geminiPayloads(sourceCode)) {
      const entry = payload.nonce;
      if (entry?.valueNode.type === AST_NODE_TYPES.AssignmentPattern) continue;
      const param = nonceParameter(payload.node, entry?.valueNode, sourceCode);
      if (param) {
        for (const arg of nonceArguments(param, sourceCode)) {
          const origin = nonceOrigin(arg.value, sourceCode);
          const use: GeminiNonceUse = { payload, origin, value: origin.value, site: { call: arg.call, arg: arg.arg, value: arg.value } };
          if (entry) use.entry = entry;
          const reuse = nonceReuse(arg.call, origin, sourceCode);
          if (reuse) use.reuse = reuse;
          result.push(use);
        }
        continue;
      }
      if (!entry) continue;
      const origin = nonceOrigin(entry.valueNode, sourceCode);
      const use: GeminiNonceUse = { payload, entry, origin, value: origin.value };
      const reuse = nonceReuse(payload.node, origin, sourceCode);
      if (reuse) use.reuse = reuse;
      result.push(use);
    }
    const where = (r: GeminiNonceUse): TSESTree.Node => r.site?.call ?? r.payload.node;
    const byUse = new Map<NonceUse, GeminiNonceUse>();
    const uses = result.filter((r) => !r.reuse).map((r) => {
      const u: NonceUse = { use: where(r), origin: r.origin };
      byUse.set(u, r);
      return u;
    });
    for (const [later, earlier] of sharedNonceUses(uses)) {
      const target = byUse.get(later);
      if (target) target.reuse = { kind: 'shared', scope: scopeOf(later.origin.computedAt), computedAt: later.origin.computedAt, repeatedBy: earlier.use };
    }
    // millisecond clock readings repeated within one burst
    const points: BurstPoint[] = [];
    result.forEach((r, owner) => {
      if (!r.reuse && r.origin.tick && r.origin.kind === 'milliseconds' && r.value.resolution === 'ms') points.push({ at: r.origin.computedAt, owner });
    });
    if (points.length > 0) {
      for (const burst of findBursts(points, sourceCode)) {
        const target = result[burst.owner]!;
        target.reuse = { kind: 'burst', scope: scopeOf(target.origin.computedAt), computedAt: target.origin.computedAt, repeatedBy: burst.repeatedBy };
      }
    }
    for (const r of result) if (r.reuse) r.value = { ...r.value, lifetime: 'shared' };
    return result;
  });
}
