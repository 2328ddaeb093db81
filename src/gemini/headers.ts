/** The three headers that authenticate a private Gemini exchange request. */
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
