/**
 * `eslint-plugin-gemini-guard/signer`: a reference signer for private Gemini exchange
 * (api.gemini.com) REST calls, plus nonce sources for incremental and time-based keys.
 *
 * ```ts
 * import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';
 *
 * const signer = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY!, apiSecret: process.env.GEMINI_API_SECRET! });
 * const { headers } = signer.sign('/v1/balances');
 * const res = await fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers });
 * ```
 *
 * See docs/signer.md for nonces, master accounts and verification.
 * @packageDocumentation
 */

/** Nonce sources: {@link createIncrementalNonce} (default keys), {@link createTimeBasedNonce}, {@link defaultNonce}. */
export { createIncrementalNonce, createTimeBasedNonce, defaultNonce } from './nonce.js';
/** Types describing nonce sources. */
export type { NonceKind, NonceSource, NonceSourceOptions } from './nonce.js';

/** Signing and verification: {@link createGeminiSigner}, {@link signPayload}, {@link verifyGeminiSignature}, {@link decodePayload}. */
export { createGeminiSigner, decodePayload, signPayload, verifyGeminiSignature } from './signer.js';
/** Types of the signer's inputs and outputs. */
export type {
  GeminiSignedHeaders,
  GeminiSigner,
  GeminiSignerOptions,
  GeminiSignerSummary,
  HeaderSource,
  SignedPayload,
  SignedRequest,
  VerifyGeminiSignatureInput,
} from './signer.js';
