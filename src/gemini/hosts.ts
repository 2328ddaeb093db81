/**
 * Which hosts are the Gemini crypto exchange's API, and which well-known hosts only look similar.
 * "Gemini" here is the exchange (api.gemini.com), never Google's Gemini AI models.
 */
import { HOLE, normalisePath } from './paths.js';

/** Hosts that serve Gemini's REST API: production and sandbox. */
export const GEMINI_REST_HOSTS = ['api.gemini.com', 'api.sandbox.gemini.com'] as const;

/**
 * Hosts that serve Gemini's WebSocket APIs: the legacy feeds on the REST hosts
 * (`/v1/order/events`, `/v1/marketdata/{symbol}`, `/v2/marketdata`) and the newer `ws.` hosts.
 */
export const GEMINI_WS_HOSTS = [
  'api.gemini.com',
  'api.sandbox.gemini.com',
  'ws.gemini.com',
  'ws.sandbox.gemini.com',
] as const;

/** The sandbox hosts: test funds only, but keys and nonces behave as in production. */
export const GEMINI_SANDBOX_HOSTS = ['api.sandbox.gemini.com', 'ws.sandbox.gemini.com'] as const;

const REST_HOSTS: ReadonlySet<string> = new Set(GEMINI_REST_HOSTS);
const WS_HOSTS: ReadonlySet<string> = new Set(GEMINI_WS_HOSTS);
const API_HOSTS: ReadonlySet<string> = new Set([...GEMINI_REST_HOSTS, ...GEMINI_WS_HOSTS]);
const SANDBOX_HOSTS: ReadonlySet<string> = new Set(GEMINI_SANDBOX_HOSTS);

/**
 * A host name in comparable form: trimmed, lower-cased, without user info, `:port` or the trailing
 * dot of a fully-qualified name (`API.Gemini.com.:443` → `api.gemini.com`). Bracketed IPv6
 * literals keep their brackets.
 */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  const at = h.lastIndexOf('@');
  if (at !== -1) h = h.slice(at + 1);
  if (h.startsWith('[')) {
    const close = h.indexOf(']');
    return close === -1 ? h : h.slice(0, close + 1);
  }
  const colon = h.indexOf(':');
  if (colon !== -1) h = h.slice(0, colon);
  while (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/**
 * True for a Gemini exchange API host (REST or WebSocket, production or sandbox), case-insensitive,
 * ignoring a `:port` and a trailing dot. Other `gemini.com` hosts (`exchange.gemini.com`,
 * `www.gemini.com`, `docs.gemini.com`) are websites, not the API.
 */
export function isGeminiHost(host: string): boolean {
  return API_HOSTS.has(normaliseHost(host));
}

/** True for a host that serves Gemini's REST API (see {@link GEMINI_REST_HOSTS}). */
export function isGeminiRestHost(host: string): boolean {
  return REST_HOSTS.has(normaliseHost(host));
}

/** True for a host that serves a Gemini WebSocket API (see {@link GEMINI_WS_HOSTS}). */
export function isGeminiWebSocketHost(host: string): boolean {
  return WS_HOSTS.has(normaliseHost(host));
}

/** True for a Gemini sandbox host. */
export function isGeminiSandboxHost(host: string): boolean {
  return SANDBOX_HOSTS.has(normaliseHost(host));
}

/** An absolute URL that points at a Gemini exchange API host. */
export interface GeminiUrl {
  /** Lower-case scheme without the colon: `https`, `http`, `wss` or `ws`. */
  scheme: string;
  /** The normalised host (see {@link normaliseHost}). */
  host: string;
  /** The path without query or fragment, exactly as written; `/` when the URL has none. */
  path: string;
  /** `https` or `wss`: Gemini answers plain `http`/`ws` with the error `NoSSL`. */
  secure: boolean;
  /** `websocket` for `ws`/`wss` URLs and for the `ws.` hosts; `rest` otherwise. */
  kind: 'rest' | 'websocket';
  /** True for the sandbox hosts. */
  sandbox: boolean;
}

const SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'ws', 'wss']);

// scheme "://" authority path — the rest (query, fragment) is dropped by normalisePath.
const ABSOLUTE_URL = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/is;

/**
 * Parses an absolute `http`, `https`, `ws` or `wss` URL whose host is a Gemini exchange API host.
 * Works on partial strings from the analysis layer: {@link HOLE}s may appear in the port, path,
 * query or fragment, but a host that contains a hole is not known to be Gemini's, so the result is
 * `undefined` (as it is for relative URLs, other schemes and other hosts).
 * The WHATWG `URL` class is not used because it would percent-encode the holes.
 */
export function parseGeminiUrl(url: string): GeminiUrl | undefined {
  const m = ABSOLUTE_URL.exec(url.trim());
  if (!m) return undefined;
  const scheme = (m[1] ?? '').toLowerCase();
  const authority = m[2] ?? '';
  if (!SCHEMES.has(scheme)) return undefined;
  const host = normaliseHost(authority);
  if (host.includes(HOLE) || !isGeminiHost(host)) return undefined;
  const path = normalisePath(m[3] ?? '') || '/';
  const wsOnlyHost = !REST_HOSTS.has(host);
  return {
    scheme,
    host,
    path,
    secure: scheme === 'https' || scheme === 'wss',
    kind: scheme === 'ws' || scheme === 'wss' || wsOnlyHost ? 'websocket' : 'rest',
    sandbox: SANDBOX_HOSTS.has(host),
  };
}

/** Services whose hosts are often confused with, or sit next to, Gemini exchange code. */
export type NonGeminiVendor = 'google-gemini-ai' | 'binance' | 'bitfinex' | 'aws' | 'github';

/** A host pattern that is certainly not the Gemini exchange; `*` stands for one or more DNS characters. */
export interface NonGeminiHost {
  /** Exact host, or a pattern such as `*.binance.com` / `*-aiplatform.googleapis.com`. */
  readonly pattern: string;
  /** Whose host it is, for messages such as "this is Google's Gemini AI, not the exchange". */
  readonly vendor: NonGeminiVendor;
}

/**
 * Near-miss hosts: Google's Gemini AI (which shares the `GEMINI_API_KEY` variable name), other
 * exchanges whose signing code looks like Gemini's, and HMAC-signing services (AWS SigV4, GitHub).
 * Code calling these must never be reported as Gemini exchange code.
 */
export const NOT_GEMINI_HOSTS: readonly NonGeminiHost[] = [
  { pattern: 'generativelanguage.googleapis.com', vendor: 'google-gemini-ai' },
  { pattern: 'aiplatform.googleapis.com', vendor: 'google-gemini-ai' },
  { pattern: '*-aiplatform.googleapis.com', vendor: 'google-gemini-ai' },
  { pattern: 'gemini.google.com', vendor: 'google-gemini-ai' },
  { pattern: 'api.binance.com', vendor: 'binance' },
  { pattern: '*.binance.com', vendor: 'binance' },
  { pattern: '*.binance.us', vendor: 'binance' },
  { pattern: 'api.bitfinex.com', vendor: 'bitfinex' },
  { pattern: 'api-pub.bitfinex.com', vendor: 'bitfinex' },
  { pattern: '*.amazonaws.com', vendor: 'aws' },
  { pattern: 'api.github.com', vendor: 'github' },
];

const NON_GEMINI_MATCHERS: readonly { re: RegExp; vendor: NonGeminiVendor }[] = NOT_GEMINI_HOSTS.map(
  ({ pattern, vendor }) => ({
    re: new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[a-z0-9.-]+')}$`),
    vendor,
  }),
);

/** Whose host this is, when it is a known non-Gemini host (see {@link NOT_GEMINI_HOSTS}). */
export function knownNonGeminiVendor(host: string): NonGeminiVendor | undefined {
  const h = normaliseHost(host);
  return NON_GEMINI_MATCHERS.find(({ re }) => re.test(h))?.vendor;
}

/** True for a host that is certainly not the Gemini exchange (see {@link NOT_GEMINI_HOSTS}). */
export function isKnownNonGeminiHost(host: string): boolean {
  return knownNonGeminiVendor(host) !== undefined;
}
