/**
 * The nonce wing of the analysis: what a Gemini payload's `nonce` holds and how long it lives.
 *
 * - `types.ts`    the public vocabulary (kinds, origins, the lattice of abstract nonce values);
 * - `shape.ts`    the evaluator's abstract domain and its arithmetic;
 * - `evaluate.ts` the abstract interpreter over expressions (values, fields, helpers);
 * - `calls.ts`    what known calls produce (clocks, random sources, date libraries, the signer);
 * - `reuse.ts`    one evaluated nonce reaching several requests (loops, callbacks, functions);
 * - `facts.ts`    per-file facts for Gemini payloads, memoised, as the rule consumes them.
 */
export { classifyNonceExpression, nonceOrigin } from './evaluate.js';
export { isRepeatedFunction, nonceReuse, sharedNonceUses, type NonceReuse, type NonceUse } from './reuse.js';
export { geminiNonceUses, type GeminiNonceUse } from './facts.js';
export type { NonceBreak, NonceResolution, NonceValue } from './types.js';
export { sameReference } from './tree.js';
export { SIGNER_MODULE, type NonceKeyKind, type NonceKind, type NonceOrigin } from './types.js';
