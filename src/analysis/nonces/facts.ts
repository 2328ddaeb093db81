import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { memoForFile } from '../memo.js';
import { geminiPayloads, type GeminiPayload } from '../payloads.js';
import type { ObjectEntry } from '../values.js';
import { nonceOrigin } from './evaluate.js';
import { nonceReuse, scopeOf, sharedNonceUses, type NonceReuse, type NonceUse } from './reuse.js';
import type { NonceOrigin } from './types.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

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
