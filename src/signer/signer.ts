/**
 * Reference signer for private Gemini exchange REST calls (api.gemini.com).
 *
 * Protocol: the payload is a JSON object `{ request, nonce, ...params }` (plus `account` for master
 * keys); `X-GEMINI-PAYLOAD` is its standard base64; `X-GEMINI-SIGNATURE` is the lowercase hex
 * HMAC-SHA384, keyed with the API secret, of that **base64 text**.
 *
 * The secret lives only in closures: it is never stored on an object, so no serialiser or
 * inspector can reach it, and every message we build is scrubbed of it before it is thrown.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';
import { geminiApiKeyPrefix, isMasterApiKey } from '../gemini/credentials.js';
import { GEMINI_EXTRA_HEADERS, GEMINI_HEADERS } from '../gemini/headers.js';
import { createIncrementalNonce, type NonceKind, type NonceSource } from './nonce.js';

const REDACTED = '[redacted]';

/** The headers of a signed request: the three Gemini authentication headers plus the usual extras. */
export type GeminiSignedHeaders = {
  [GEMINI_HEADERS.apiKey]: string;
  [GEMINI_HEADERS.payload]: string;
  [GEMINI_HEADERS.signature]: string;
} & { -readonly [K in keyof typeof GEMINI_EXTRA_HEADERS]: (typeof GEMINI_EXTRA_HEADERS)[K] };

/** The payload of a signed request, as JSON text and as the base64 that is sent and signed. */
export interface SignedPayload {
  /** The JSON text that was encoded. */
  text: string;
  /** Standard base64 (with padding) of `text`: the value of `X-GEMINI-PAYLOAD`. */
  base64: string;
}

/** What {@link GeminiSigner.sign} returns. */
export interface SignedRequest {
  /** Headers to send with the `POST`; the body may stay empty. */
  headers: GeminiSignedHeaders;
  /** The payload that was signed. */
  payload: SignedPayload;
  /** The nonce placed in the payload. */
  nonce: number;
}

/** Options of {@link createGeminiSigner}. */
export interface GeminiSignerOptions {
  /** The API key (`account-…` or `master-…`). Sent in `X-GEMINI-APIKEY`. */
  apiKey: string;
  /** The API secret. Used only as the HMAC key; never stored on an object or shown. */
  apiSecret: string;
  /**
   * Default `account` for every payload. Required in effect for master keys (unless every call
   * passes `params.account`); a `params.account` overrides it for that call.
   */
  account?: string;
  /**
   * Where nonces come from; defaults to a new `createIncrementalNonce()` source. Use
   * `createTimeBasedNonce()` for keys created with "Uses a time based nonce". All signers of
   * one key must share one source.
   */
  nonce?: NonceSource;
}

/** The safe, secret-free description of a signer used by `toJSON`, `toString` and `util.inspect`. */
export interface GeminiSignerSummary {
  /** The key's prefix and first four characters, e.g. `account-AbCd…`. */
  key: string;
  /** The default account, when one was given. */
  account?: string;
  /** The kind of the nonce source. */
  nonce: NonceKind;
}

/** A signer bound to one Gemini exchange API key. Its methods may be called detached. */
export interface GeminiSigner {
  /** The key's prefix and first four characters, e.g. `account-AbCd…`; never the full key. */
  readonly keyHint: string;
  /** The default `account` placed in payloads, if any. */
  readonly account: string | undefined;
  /** The kind of nonce source in use. */
  readonly nonceKind: NonceKind;
  /**
   * Signs one private request.
   * @param path The URL path exactly as posted, e.g. `/v1/order/status` (no host, no query).
   * @param params Endpoint parameters, placed as top-level payload keys after `request` and
   *   `nonce`. They may set `account` but not `request` or `nonce`.
   * @throws {TypeError} for a path with a host, query string or fragment (Gemini would answer
   *   `EndpointMismatch`), for params that are not an object or that set `request`/`nonce`, and
   *   for a master key without an `account` (Gemini would answer `MissingAccounts`).
   */
  sign(path: string, params?: Readonly<Record<string, unknown>>): SignedRequest;
  /** A secret-free summary, so `JSON.stringify(signer)` is safe. */
  toJSON(): GeminiSignerSummary;
  /** `GeminiSigner(account-AbCd…)`. */
  toString(): string;
}

/**
 * Shows the key's prefix and at most its first four characters. A key without the
 * `account-`/`master-` prefix shows nothing: it may be a secret passed in the wrong argument.
 */
function keyHintOf(apiKey: string): string {
  const prefix = geminiApiKeyPrefix(apiKey);
  if (prefix === undefined) return '(unrecognised key format)';
  return `${prefix}${/^[0-9A-Za-z]{0,4}/.exec(apiKey.slice(prefix.length))?.[0] ?? ''}…`;
}

function requireCredential(value: unknown, name: 'apiKey' | 'apiSecret'): asserts value is string {
  // Never echo the value: it may be (or contain) the secret.
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`Gemini exchange signer: ${name} must be a non-empty string.`);
  }
  if (/\s/.test(value)) {
    // A trailing newline from a .env or secrets file is the usual culprit; Gemini would answer
    // InvalidSignature (secret) or reject the key, far from the cause.
    throw new TypeError(`Gemini exchange signer: ${name} contains whitespace; trim it where it is loaded.`);
  }
}

function requireAccount(value: unknown, where: string): asserts value is string | undefined {
  if (value !== undefined && (typeof value !== 'string' || value.length === 0)) {
    throw new TypeError(`Gemini exchange signer: ${where} must be a non-empty string when given.`);
  }
}

function base64Of(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function hmacHex(payloadBase64: string, apiSecret: string): string {
  // Gemini signs the base64 TEXT, not the JSON and not the decoded bytes.
  return createHmac('sha384', apiSecret).update(payloadBase64, 'utf8').digest('hex');
}

/**
 * Low-level signing of an exact payload text, byte for byte: base64-encodes `payloadText` (UTF-8)
 * and computes the lowercase hex HMAC-SHA384 of that base64 text, keyed with `apiSecret`. Use it
 * to reproduce Gemini's published test vector or to sign a payload formatted by other code.
 * @returns `payloadBase64` for `X-GEMINI-PAYLOAD` and `signature` for `X-GEMINI-SIGNATURE`.
 * @throws {TypeError} when either argument is not a string (the secret is never echoed).
 */
export function signPayload(payloadText: string, apiSecret: string): { payloadBase64: string; signature: string } {
  if (typeof payloadText !== 'string') {
    throw new TypeError('Gemini exchange signer: payloadText must be a string.');
  }
  if (typeof apiSecret !== 'string' || apiSecret.length === 0) {
    throw new TypeError('Gemini exchange signer: apiSecret must be a non-empty string.');
  }
  const payloadBase64 = base64Of(payloadText);
  return { payloadBase64, signature: hmacHex(payloadBase64, apiSecret) };
}

/**
 * Creates a signer for one Gemini exchange API key.
 *
 * ```ts
 * const signer = createGeminiSigner({ apiKey, apiSecret });
 * const { headers } = signer.sign('/v1/order/status', { order_id: 18834 });
 * await fetch('https://api.gemini.com/v1/order/status', { method: 'POST', headers });
 * ```
 *
 * @throws {TypeError} when `apiKey`/`apiSecret` are empty, not strings or contain whitespace, when
 *   `account` is not a non-empty string, or when `nonce` is not a {@link NonceSource}. Messages
 *   never contain the secret and show at most the key's prefix and four characters.
 */
export function createGeminiSigner(options: GeminiSignerOptions): GeminiSigner {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('Gemini exchange signer: options must be an object { apiKey, apiSecret }.');
  }
  const { apiKey, apiSecret, account: defaultAccount } = options;
  requireCredential(apiKey, 'apiKey');
  requireCredential(apiSecret, 'apiSecret');
  requireAccount(defaultAccount, 'options.account');
  const source = options.nonce ?? createIncrementalNonce();
  if (typeof source !== 'object' || source === null || typeof source.next !== 'function') {
    throw new TypeError('Gemini exchange signer: options.nonce must be a NonceSource ({ kind, next() }).');
  }

  const keyHint = keyHintOf(apiKey);
  const isMasterKey = isMasterApiKey(apiKey);
  // Last line of defence for messages that echo caller input (a path, say): if the secret was
  // passed in the wrong place, it must not reach an error message or a stack trace.
  const scrub = (text: string): string => text.split(apiSecret).join(REDACTED);
  const show = (value: string): string => {
    const clean = scrub(value);
    return JSON.stringify(clean.length > 80 ? `${clean.slice(0, 80)}…` : clean);
  };

  function checkPath(path: unknown): asserts path is string {
    const why =
      'The payload\'s "request" must equal the URL path you POST to, or Gemini answers EndpointMismatch.';
    if (typeof path !== 'string') {
      throw new TypeError(`Gemini exchange signer: path must be a string such as "/v1/order/status". ${why}`);
    }
    if (!path.startsWith('/') || path.startsWith('//') || path.includes('://')) {
      throw new TypeError(
        `Gemini exchange signer: path must be the URL path only, starting with "/" and without scheme or host (e.g. "/v1/order/status"); got ${show(path)}. ${why}`,
      );
    }
    if (/[?#]/.test(path)) {
      throw new TypeError(
        `Gemini exchange signer: path must not contain a query string or fragment; got ${show(path)}. Put parameters in params. ${why}`,
      );
    }
    // Usually a base URL ending in "/" joined with a path starting with "/".
    if (path.includes('//') || /\s/.test(path)) {
      throw new TypeError(
        `Gemini exchange signer: path contains an empty segment or whitespace; got ${show(path)}. ${why}`,
      );
    }
  }

  function checkParams(params: unknown): asserts params is Readonly<Record<string, unknown>> {
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new TypeError('Gemini exchange signer: params must be a plain object of endpoint parameters.');
    }
    if (Object.hasOwn(params, 'request')) {
      throw new TypeError(
        'Gemini exchange signer: params must not set "request"; it is taken from path, and a different value makes Gemini answer EndpointMismatch.',
      );
    }
    if (Object.hasOwn(params, 'nonce')) {
      throw new TypeError(
        'Gemini exchange signer: params must not set "nonce"; it comes from the signer\'s NonceSource so that it stays valid for the key (otherwise Gemini answers InvalidNonce).',
      );
    }
  }

  function nextNonce(): number {
    const value: unknown = source.next();
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(
        `Gemini exchange signer: the NonceSource returned ${typeof value === 'number' ? String(value) : typeof value}; expected a non-negative safe integer.`,
      );
    }
    return value;
  }

  function sign(path: string, params: Readonly<Record<string, unknown>> = {}): SignedRequest {
    checkPath(path);
    checkParams(params);
    requireAccount(params.account, 'params.account');
    // A per-call account wins so one master-key signer can act for several accounts.
    const account = params.account ?? defaultAccount;
    if (isMasterKey && account === undefined) {
      throw new TypeError(
        `Gemini exchange signer: master key ${keyHint} needs an "account" in every payload (pass { account } to createGeminiSigner or in params); otherwise Gemini answers MissingAccounts.`,
      );
    }
    // Validate before taking a nonce, so a rejected call does not advance the source.
    const nonce = nextNonce();

    // Null prototype: a "__proto__" parameter becomes an ordinary key instead of a prototype.
    const body: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    body.request = path;
    body.nonce = nonce;
    if (account !== undefined) body.account = account;
    for (const [name, value] of Object.entries(params)) {
      if (name !== 'account') body[name] = value;
    }

    const text = JSON.stringify(body);
    const base64 = base64Of(text);
    const headers: GeminiSignedHeaders = {
      [GEMINI_HEADERS.apiKey]: apiKey,
      [GEMINI_HEADERS.payload]: base64,
      [GEMINI_HEADERS.signature]: hmacHex(base64, apiSecret),
      ...GEMINI_EXTRA_HEADERS,
    };
    return { headers, payload: { text, base64 }, nonce };
  }

  const summary = (): GeminiSignerSummary =>
    defaultAccount === undefined
      ? { key: keyHint, nonce: source.kind }
      : { key: keyHint, account: defaultAccount, nonce: source.kind };

  return Object.freeze({
    keyHint,
    account: defaultAccount,
    nonceKind: source.kind,
    sign,
    toJSON: summary,
    toString: () => `GeminiSigner(${keyHint})`,
    [inspect.custom]: (_depth: number, inspectOptions: object) =>
      `GeminiSigner ${inspect(summary(), inspectOptions)}`,
  });
}

/** Anything headers can be read from: a fetch `Headers`, or a plain object such as Node's `req.headers`. */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Input of {@link verifyGeminiSignature}: either the payload base64 itself or the request headers. */
export type VerifyGeminiSignatureInput =
  | {
      /** The `X-GEMINI-PAYLOAD` value. */
      payloadBase64: string;
      /** The `X-GEMINI-SIGNATURE` value. */
      signature: string;
      /** The secret to check against. */
      apiSecret: string;
      headers?: undefined;
    }
  | {
      /** Request headers carrying `X-GEMINI-PAYLOAD` (and `X-GEMINI-SIGNATURE` unless `signature` is given). */
      headers: HeaderSource;
      /** Overrides the `X-GEMINI-SIGNATURE` header. */
      signature?: string;
      /** The secret to check against. */
      apiSecret: string;
      payloadBase64?: undefined;
    };

/** Reads one header case-insensitively; a missing, repeated or ambiguous header reads as undefined. */
function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const lower = name.toLowerCase();
  const found = Object.entries(headers as Readonly<Record<string, unknown>>).filter(
    ([key, value]) => key.toLowerCase() === lower && value !== undefined,
  );
  if (found.length !== 1) return undefined;
  const value = found[0]?.[1];
  if (Array.isArray(value)) return value.length === 1 && typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Checks a Gemini exchange signature in constant time, the way Gemini's server does: recomputes
 * the lowercase hex HMAC-SHA384 of the payload base64 text with `apiSecret` and compares it with
 * `signature` using `crypto.timingSafeEqual` (lengths are compared first; only the fixed length
 * of a signature can leak). For tests and for servers that emulate Gemini.
 *
 * Accepts either `{ payloadBase64, signature, apiSecret }` or `{ headers, apiSecret }` (the
 * payload and signature read from `X-GEMINI-PAYLOAD` / `X-GEMINI-SIGNATURE`, case-insensitively).
 * @returns `false` for a wrong or malformed signature and for missing headers.
 * @throws {TypeError} when `apiSecret` is not a non-empty string.
 */
export function verifyGeminiSignature(input: VerifyGeminiSignatureInput): boolean {
  const { apiSecret } = input;
  if (typeof apiSecret !== 'string' || apiSecret.length === 0) {
    throw new TypeError('Gemini exchange signer: apiSecret must be a non-empty string.');
  }
  const payloadBase64 =
    input.headers === undefined ? input.payloadBase64 : readHeader(input.headers, GEMINI_HEADERS.payload);
  const signature =
    input.signature ?? (input.headers === undefined ? undefined : readHeader(input.headers, GEMINI_HEADERS.signature));
  if (typeof payloadBase64 !== 'string' || typeof signature !== 'string') return false;

  const expected = Buffer.from(hmacHex(payloadBase64, apiSecret), 'utf8');
  const actual = Buffer.from(signature, 'utf8');
  // timingSafeEqual throws on unequal lengths; a signature's length is public anyway.
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Decodes an `X-GEMINI-PAYLOAD` value: strict standard base64 (with padding) of a JSON object.
 * @returns the payload object (`request`, `nonce`, parameters).
 * @throws {TypeError} when the value is not canonical base64 or does not hold a JSON object.
 * @throws {SyntaxError} when the decoded text is not JSON.
 */
export function decodePayload(payloadBase64: string): Record<string, unknown> {
  // Buffer's decoder silently skips invalid characters; Gemini expects standard base64, so be strict.
  if (
    typeof payloadBase64 !== 'string' ||
    payloadBase64.length % 4 !== 0 ||
    !/^[A-Za-z0-9+/]*={0,2}$/.test(payloadBase64)
  ) {
    throw new TypeError('Gemini exchange payload must be standard base64 with padding.');
  }
  const value: unknown = JSON.parse(Buffer.from(payloadBase64, 'base64').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('Gemini exchange payload must be a JSON object.');
  }
  return value as Record<string, unknown>;
}
