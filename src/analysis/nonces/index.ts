/**
 * The nonce wing of the analysis: what a Gemini payload's `nonce` holds and how long it lives.
 * Every nonce is evaluated into a {@link NonceValue}: resolution × monotonicity × lifetime (see
 * types.ts for the lattice, docs/rules/valid-nonce.md for the rule built on it).
 *
 * - `types.ts`      the public vocabulary: kinds, origins, the lattice of abstract nonce values;
 * - `shape.ts`      the evaluator's abstract domain, its order and its map onto the lattice;
 * - `evaluate.ts`   the abstract interpreter over expressions (values, fields, getters, helpers);
 * - `arithmetic.ts` `+ - * / % |` on abstract values (units, process start, jitter, offsets);
 * - `calls.ts`      what known calls produce (clocks, random sources, date libraries, the signer,
 *                   digit cuts of a time string, `Math.max` guards);
 * - `counters.ts`   where a counter starts in each process;
 * - `writes.ts`     member writes per file, offsets that change, a guard's write-back;
 * - `reuse.ts`      one evaluated nonce reaching several requests (loops, callbacks, functions);
 * - `arguments.ts`  nonces a local helper takes as a parameter, judged at each call;
 * - `bursts.ts`     clock readings repeated within one synchronous run;
 * - `facts.ts`      the per-file facts for Gemini payloads, memoised, as the rule consumes them.
 */
export { classifyNonceExpression, nonceOrigin } from './evaluate.js';
export { isRepeatedFunction, nonceReuse, sharedNonceUses, type NonceReuse, type NonceUse } from './reuse.js';
export { geminiNonceUses, type GeminiNonceUse } from './facts.js';
export { SIGNER_MODULE, type NonceBreak, type NonceKeyKind, type NonceKind, type NonceOrigin, type NonceResolution, type NonceValue } from './types.js';
