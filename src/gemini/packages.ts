/**
 * npm packages that decide whether a file talks to the Gemini exchange or to Google's Gemini AI.
 * An import of an exchange client makes a file Gemini code; an import of a Google AI SDK means a
 * nearby `GEMINI_API_KEY` belongs to Google and must not be reported as an exchange credential.
 */

/**
 * Client libraries for the Gemini crypto exchange, each checked on the npm registry (name and
 * description) when this list was written. `ccxt` is left out: it serves a hundred exchanges, so
 * importing it says nothing about Gemini.
 */
export const GEMINI_CLIENT_PACKAGES: readonly string[] = [
  'gemini-api', // "Node.js client for the Gemini cryptocurrency exchange API."
  'gemini-exchange-coffee-api', // "node.js wrapper for gemini cryptocurrency exchange"
  'gemini-exchange-api', // "node.js wrapper for gemini cryptocurrency exchange"
  'ee-gemini-api', // "Gemini crypto-exchange API wrapper"
  'gemini-node-api', // "Gemini Node.js API": PublicClient / AuthenticatedClient / WebsocketClient for api.gemini.com
];

/**
 * Multi-exchange packages and the exports that are their Gemini exchange client: importing the
 * package says nothing, `new ccxt.gemini({ apiKey, secret })` or `import { gemini } from 'ccxt'`
 * does (ccxt.pro's `ccxt.pro.gemini` too).
 */
export const GEMINI_EXPORTS_OF_MULTI_EXCHANGE_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  ccxt: ['gemini'],
};

/** True when `name` exported by the package `spec` is a Gemini exchange client (`gemini` of ccxt). */
export function isGeminiExportOf(spec: string, name: string): boolean {
  const pkg = packageNameOf(spec);
  return pkg !== undefined && Object.hasOwn(GEMINI_EXPORTS_OF_MULTI_EXCHANGE_PACKAGES, pkg) && GEMINI_EXPORTS_OF_MULTI_EXCHANGE_PACKAGES[pkg]!.includes(name);
}

/** SDKs for Google's Gemini AI models, which also read a `GEMINI_API_KEY`. */
export const GOOGLE_GEMINI_AI_PACKAGES: readonly string[] = [
  '@google/generative-ai',
  '@google/genai',
  '@google-cloud/vertexai',
  '@google-cloud/aiplatform',
  '@ai-sdk/google',
  '@ai-sdk/google-vertex',
  '@langchain/google-genai',
  '@langchain/google-vertexai',
  '@genkit-ai/googleai',
  '@genkit-ai/vertexai',
  'gemini-ai',
];

const CLIENTS: ReadonlySet<string> = new Set(GEMINI_CLIENT_PACKAGES);
const GOOGLE_AI: ReadonlySet<string> = new Set(GOOGLE_GEMINI_AI_PACKAGES);

/**
 * The package name in an import specifier: `@google/genai/node` → `@google/genai`,
 * `gemini-api/dist/index.js` → `gemini-api`. Relative, absolute, `node:` and URL specifiers have no
 * package name and give `undefined`.
 */
export function packageNameOf(spec: string): string | undefined {
  const s = spec.trim();
  if (s.length === 0 || s.startsWith('.') || s.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(s)) return undefined;
  const parts = s.split('/');
  if (s.startsWith('@')) {
    const [scope, name] = parts;
    return scope !== undefined && scope.length > 1 && name ? `${scope}/${name}` : undefined;
  }
  return parts[0];
}

/** True when the import specifier (or a subpath of it) is a Gemini exchange client package. */
export function isGeminiClientPackage(spec: string): boolean {
  const name = packageNameOf(spec);
  return name !== undefined && CLIENTS.has(name);
}

/** True when the import specifier (or a subpath of it) is a Google Gemini AI SDK. */
export function isGoogleAiPackage(spec: string): boolean {
  const name = packageNameOf(spec);
  return name !== undefined && GOOGLE_AI.has(name);
}
