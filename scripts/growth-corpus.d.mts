// Types for scripts/growth-corpus.mjs, so TypeScript tests can import it.

/** Private REST endpoints, used in turn by the generated sites. */
export declare const GEMINI_PRIVATE_ENDPOINTS: readonly string[];

/** The first lines of a generated ES-module client. */
export declare const ESM_CLIENT_PREAMBLE: readonly string[];
