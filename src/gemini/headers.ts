import { HOLE } from './paths.js';

/** The three headers that authenticate a private Gemini exchange request with an API key. */
export const GEMINI_HEADERS = {
  apiKey: 'X-GEMINI-APIKEY',
  payload: 'X-GEMINI-PAYLOAD',
  signature: 'X-GEMINI-SIGNATURE',
} as const;

/** Which authentication header a name is: `apiKey`, `payload` or `signature`. */
export type GeminiHeaderKind = keyof typeof GEMINI_HEADERS;

const BY_LOWER_NAME: ReadonlyMap<string, GeminiHeaderKind> = new Map(
  (Object.entries(GEMINI_HEADERS) as [GeminiHeaderKind, string][]).map(([kind, name]) => [name.toLowerCase(), kind]),
);

/**
 * Classifies a header name; HTTP header names are case-insensitive, so `x-gemini-apikey` counts.
 * @returns the header's kind, or `undefined` for any other header.
 */
export function geminiHeaderKind(name: string): GeminiHeaderKind | undefined {
  return BY_LOWER_NAME.get(name.trim().toLowerCase());
}

/** True for any `X-GEMINI-*` header name (including ones we do not classify). */
export function isGeminiHeaderName(name: string): boolean {
  return /^x-gemini-/i.test(name.trim());
}

/** Extra headers Gemini's docs send with every private call. */
export const GEMINI_EXTRA_HEADERS = {
  'Content-Type': 'text/plain',
  'Content-Length': '0',
  'Cache-Control': 'no-cache',
} as const;

/**
 * The new WebSocket API (`wss://ws.gemini.com`) authenticates the upgrade request with a fourth
 * header: the nonce itself (Unix seconds). There `X-GEMINI-PAYLOAD` is the base64 of that nonce
 * string, not of a JSON payload, and `X-GEMINI-SIGNATURE` is its hex HMAC-SHA384 as for REST.
 * Source: developer.gemini.com, WebSocket authentication.
 */
export const GEMINI_NONCE_HEADER = 'X-GEMINI-NONCE';

/**
 * OAuth: an access token sent as `Authorization: Bearer <token>` authenticates REST and WebSocket
 * requests instead of the API-key headers (developer.gemini.com, OAuth).
 */
export const OAUTH_HEADER = 'Authorization';

/**
 * True when a header may carry a Gemini OAuth access token: an `Authorization` header whose value
 * starts with `Bearer `, or whose scheme is unknown (`valueText` undefined, or beginning with an
 * unknown part, the `HOLE` of `paths.ts`). A known other scheme (`Basic …`) is not OAuth.
 */
export function isOAuthAuthorization(name: string, valueText: string | undefined): boolean {
  if (name.trim().toLowerCase() !== OAUTH_HEADER.toLowerCase()) return false;
  if (valueText === undefined || valueText.startsWith(HOLE)) return true;
  return /^\s*bearer(?:\s|$)/i.test(valueText);
}
