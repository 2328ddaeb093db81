/**
 * Recognising Gemini exchange credentials in source text and in names.
 *
 * An API key is `account-` or `master-` followed by exactly 20 characters of `[0-9A-Za-z]`. A secret
 * has no published format (observed: 26–28 of `[0-9A-Za-z]`) and is only trusted with context, so
 * {@link looksLikeGeminiSecret} is a plausibility check, not a detector. Both must tell real values
 * from the placeholders that fill READMEs and examples; {@link isPlaceholder} does that.
 */

/** Which credential a name or value is. */
export type CredentialKind = 'apiKey' | 'apiSecret';

const KEY_PREFIX = /^(account|master)-/i;

/**
 * The prefixes of a Gemini API key: `account-` (an account-scoped key) and `master-` (a master key,
 * whose payloads must also name the `account`). This module owns the key shape: everything else
 * imports these constants instead of retyping them (a test greps `src/` for copies).
 */
export const GEMINI_API_KEY_PREFIXES = ['account-', 'master-'] as const;

/** One of {@link GEMINI_API_KEY_PREFIXES}. */
export type GeminiApiKeyPrefix = (typeof GEMINI_API_KEY_PREFIXES)[number];

/**
 * Regex source (no anchors, no flags) for the start of a key, `account` or `master`, without the
 * dash: for patterns that look for a key being joined from pieces (`'account' + '-…'`).
 */
export const GEMINI_API_KEY_PREFIX_PATTERN = `(?:${GEMINI_API_KEY_PREFIXES.map((p) => p.slice(0, -1)).join('|')})`;

/** How many characters of `[0-9A-Za-z]` follow a key's prefix. */
export const GEMINI_API_KEY_BODY_LENGTH = 20;

/** Regex source (no anchors, no flags) for the characters of a key after its prefix: exactly 20 of `[0-9A-Za-z]`. */
export const GEMINI_API_KEY_BODY_PATTERN = `[0-9A-Za-z]{${GEMINI_API_KEY_BODY_LENGTH}}`;

/**
 * Regex source (no anchors, no boundaries, no flags) for a whole Gemini API key, to compose into
 * other patterns: `new RegExp(`gemini|${GEMINI_API_KEY_PATTERN}`, 'i')`.
 */
export const GEMINI_API_KEY_PATTERN = `${GEMINI_API_KEY_PREFIX_PATTERN}-${GEMINI_API_KEY_BODY_PATTERN}`;

/**
 * Regex source (no anchors, no flags) for the shape of a Gemini API secret as observed: 26–28 of
 * `[0-9A-Za-z]`. Gemini publishes no format; a match is only a candidate (see {@link looksLikeGeminiSecret}).
 */
export const GEMINI_API_SECRET_PATTERN = '[0-9A-Za-z]{26,28}';

/**
 * A Gemini API key somewhere in a text: `account-`/`master-` + exactly 20 of `[0-9A-Za-z]`, not part
 * of a longer letter/digit run on either side. Deliberately not global, so `.test()` and `.exec()`
 * keep no state between calls; use {@link findGeminiApiKeys} to find them all.
 */
export const GEMINI_API_KEY_RE = new RegExp(`(?<![0-9A-Za-z])${GEMINI_API_KEY_PATTERN}(?![0-9A-Za-z])`);

const GEMINI_API_KEY_EXACT_RE = new RegExp(`^${GEMINI_API_KEY_PATTERN}$`);

const GEMINI_API_SECRET_EXACT_RE = new RegExp(`^${GEMINI_API_SECRET_PATTERN}$`);

/**
 * The key prefix `s` starts with (`account-` or `master-`, case-sensitive as Gemini issues them),
 * or `undefined`. Says nothing about the rest of the value: see {@link isGeminiApiKey}.
 */
export function geminiApiKeyPrefix(s: string): GeminiApiKeyPrefix | undefined {
  return GEMINI_API_KEY_PREFIXES.find((prefix) => s.startsWith(prefix));
}

/** True for a master key (`master-…`): its payloads must name the `account` they act for. */
export function isMasterApiKey(apiKey: string): boolean {
  return geminiApiKeyPrefix(apiKey) === 'master-';
}

/**
 * True when `text` holds a Gemini API key ({@link GEMINI_API_KEY_RE}); a substring search for the
 * prefixes first, so most texts never reach the regex.
 */
export function containsGeminiApiKey(text: string): boolean {
  return GEMINI_API_KEY_PREFIXES.some((prefix) => text.includes(prefix)) && GEMINI_API_KEY_RE.test(text);
}

/** A Gemini API key found in a text. */
export interface FoundApiKey {
  /** UTF-16 offset of the key's first character in the text. */
  index: number;
  /** The key itself (placeholders included: filter with {@link isPlaceholder}). */
  value: string;
}

/** Every Gemini API key in `text`, in order; a fresh regex per call, so it is safe to share. */
export function findGeminiApiKeys(text: string): FoundApiKey[] {
  const re = new RegExp(GEMINI_API_KEY_RE.source, 'g');
  const found: FoundApiKey[] = [];
  for (const m of text.matchAll(re)) found.push({ index: m.index, value: m[0] });
  return found;
}

/** True when the whole string is a Gemini API key in shape (placeholders included). */
export function isGeminiApiKey(s: string): boolean {
  return GEMINI_API_KEY_EXACT_RE.test(s);
}

// Text that only ever appears in stand-ins, in lower, UPPER or Capitalised spelling (people write
// "YOUR_KEY" or "yourKey"; random text writes "yOUR"). Markers of five letters or more count
// anywhere; the four-letter "your" and "xxxx" only where a word starts (start, after a separator,
// or a camelCase hump), or as a run of six x's, because a random 20–28 character value contains
// them by chance about once in 100,000 tries otherwise.
const LONG_PLACEHOLDER_MARKERS = [
  'changeme',
  'placeholder',
  'example',
  'sample',
  'dummy',
  'redacted',
  'replace',
  'insert',
  'fixme',
  'lorem',
];

function spellings(word: string): string[] {
  return [word, word.toUpperCase(), `${word.slice(0, 1).toUpperCase()}${word.slice(1)}`];
}

const PLACEHOLDER_MARKER_RE = new RegExp(
  [
    ...LONG_PLACEHOLDER_MARKERS.flatMap(spellings),
    `(?:^|[^A-Za-z0-9])(?:${[...spellings('your'), ...spellings('xxxx')].join('|')})`,
    '(?<=[a-z])(?:Your|YOUR|Xxxx|XXXX)',
    '[xX]{6}',
  ].join('|'),
);

// Words that make up names and fillers ("your_api_key_here", "GEMINI_API_SECRET", "my-secret"). A
// value made only of these words is a name, not a credential.
const FILLER_WORDS: ReadonlySet<string> = new Set([
  'a', 'account', 'api', 'apikey', 'apisecret', 'change', 'demo', 'env', 'example', 'exchange', 'fake',
  'foo', 'bar', 'baz', 'gemini', 'goes', 'here', 'id', 'key', 'master', 'me', 'mock', 'my', 'none',
  'null', 'private', 'prod', 'production', 'sandbox', 'secret', 'string', 'test', 'tbd', 'the', 'to',
  'todo', 'token', 'undefined', 'value', 'var', 'with', 'xxx', 'your',
]);

// Templating and masking wrappers: <SECRET>, ${SECRET}, {{secret}}, %SECRET%, $SECRET, [SECRET].
const WRAPPED = [
  /^<[^<>]*>$/,
  /^\$\{[^{}]*\}$/,
  /^\{\{[^{}]*\}\}$/,
  /^\{[^{}]*\}$/,
  /^%[^%]+%$/,
  /^\$[A-Za-z_]\w*$/,
  /^\[[^[\]]*\]$/,
];

// Characters used to blank out a value: "***", "...", "xxxx-xxxx", "••••", "…".
const MASK_ONLY = /^[*.xX•#…_\-\s]+$/u;

const SEQUENCE_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Splits an identifier or value into lower-case words at separators, case changes and digit runs. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** Whether `b` follows `a` in "0123456789abc…z", also 9→0 and 0→a (the keyboard row, `1234567890abc`) and z→a. */
function isSuccessor(a: string, b: string): boolean {
  const ia = SEQUENCE_ALPHABET.indexOf(a);
  const ib = SEQUENCE_ALPHABET.indexOf(b);
  if (ia === -1 || ib === -1) return false;
  return ib === ia + 1 || (a === '9' && b === '0') || (a === 'z' && b === 'a') || (a === '0' && b === 'a');
}

/** Mostly a counting run such as `1234567890abcdefghij` or `abcdefghijklmnopqrst`. */
function isTrivialSequence(body: string): boolean {
  const s = body.toLowerCase();
  if (s.length < 6) return false;
  let steps = 0;
  for (let i = 1; i < s.length; i++) if (isSuccessor(s[i - 1] ?? '', s[i] ?? '')) steps++;
  return steps / (s.length - 1) >= 0.8;
}

/** A short unit repeated: `abababab…`, `12341234…`, `aB3aB3aB3…`. */
function isPeriodic(body: string): boolean {
  if (body.length < 6) return false;
  for (let p = 1; p <= body.length / 3; p++) {
    let periodic = true;
    for (let i = p; i < body.length && periodic; i++) periodic = body[i] === body[i - p];
    if (periodic) return true;
  }
  return false;
}

/**
 * True for a value that stands in for a credential rather than being one. It looks at the value
 * and, for keys, at the part after `account-`/`master-`:
 * - empty, masking characters only (`***`, `...`, `xxxx-xxxx`), or templating (`<GEMINI_API_SECRET>`,
 *   `${GEMINI_API_SECRET}`, `{{secret}}`, `%SECRET%`, `$SECRET`);
 * - a marker word (`your`, `xxxx`, `changeme`, `example`, `placeholder`, `dummy`, `redacted`,
 *   `sample`, `replace`, `insert`, …), or only filler words (`api`, `key`, `secret`,
 *   `here`, `test`, `change-me`, …);
 * - one character repeated, at most three distinct characters, a short unit repeated, or a counting
 *   run (`1234567890abcdefghij`).
 * A realistic random value (`account-aB3dE5gH7jK9mN1pQ2rS`) is not a placeholder.
 */
export function isPlaceholder(s: string): boolean {
  const value = s.trim();
  if (value.length === 0) return true;
  if (MASK_ONLY.test(value) || WRAPPED.some((re) => re.test(value))) return true;
  const body = value.replace(KEY_PREFIX, '');
  if (body.length === 0 || MASK_ONLY.test(body)) return true;
  const compact = body.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (compact.length === 0) return true;
  if (PLACEHOLDER_MARKER_RE.test(body)) return true;
  const words = splitWords(body);
  if (words.length > 0 && words.every((w) => FILLER_WORDS.has(w))) return true;
  if (new Set(compact).size <= 3) return true;
  return isPeriodic(compact) || isTrivialSequence(compact);
}

/**
 * Whether a string is plausibly a Gemini API secret. Gemini publishes no format, so this is a
 * heuristic meant to be combined with context (a `secret` name, an HMAC key argument, an object that
 * also holds a Gemini key):
 * - 26–28 characters, all `[0-9A-Za-z]` (observed secrets);
 * - not a placeholder ({@link isPlaceholder});
 * - contains both a letter and a digit — random 27-character base-62 text lacks a digit under 1% of
 *   the time, while identifiers and words (`ThisIsMyVeryLongSecretValue`) usually do;
 * - at least 10 distinct characters (random text of this length has about 22);
 * - not word-shaped: its runs of `Word`/`UPPER`/lower/digits average under 3.5 characters, which
 *   random text meets (about 1.7) and camelCase identifiers such as `GeminiApiSecret2024ForProd` do not.
 */
export function looksLikeGeminiSecret(s: string): boolean {
  if (!GEMINI_API_SECRET_EXACT_RE.test(s)) return false;
  if (isPlaceholder(s)) return false;
  if (!/[0-9]/.test(s) || !/[A-Za-z]/.test(s)) return false;
  if (new Set(s).size < 10) return false;
  const runs = s.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? [];
  return s.length / runs.length < 3.5;
}

/**
 * A credential made safe to print: an API key keeps its `account-`/`master-` prefix and the first
 * four characters after it (`account-aB3d…`), enough to tell keys apart; anything else keeps its
 * first two characters (`2x…`), fewer for short values so no more than a quarter is ever shown,
 * and an empty value is `…`. Messages and findings must use this, never the raw value.
 */
export function redactCredential(value: string): string {
  const prefix = KEY_PREFIX.exec(value)?.[0];
  if (prefix !== undefined) {
    const body = Array.from(value.slice(prefix.length));
    return `${prefix}${body.slice(0, Math.min(4, Math.floor(body.length / 4))).join('')}…`;
  }
  const chars = Array.from(value);
  return `${chars.slice(0, Math.min(2, Math.floor(chars.length / 4))).join('')}…`;
}

// Anything shaped like a Gemini key, in any case (hosts and URLs arrive lower-cased).
const KEY_IN_TEXT = /(?<![0-9A-Za-z])(?:account|master)-[0-9A-Za-z]{20}(?![0-9A-Za-z])/gi;
// Runs of letters and digits long enough to hold a visible piece of a credential.
const RUN_IN_TEXT = /[0-9A-Za-z]{9,}/g;

/**
 * How many characters of a known credential make a leak: outputs may show at most 8 (the redacted
 * forms show 2–4), so every run of text sharing 9 characters with a known credential is redacted.
 */
export const LEAK_WINDOW = 9;

/** Credentials known to be in play (values, or literal pieces of them), ready for {@link redactSecretsInText}. */
export interface KnownCredentials {
  /** Every lower-cased {@link LEAK_WINDOW}-character window of their letter-and-digit runs. */
  readonly windows: ReadonlySet<string>;
}

/** Indexes credential values (whole keys and secrets, or literal pieces a key or secret is built from). */
export function knownCredentials(values: Iterable<string>): KnownCredentials {
  const windows = new Set<string>();
  for (const value of values) {
    for (const run of value.match(RUN_IN_TEXT) ?? []) {
      const lower = run.toLowerCase();
      for (let i = 0; i + LEAK_WINDOW <= lower.length; i++) windows.add(lower.slice(i, i + LEAK_WINDOW));
    }
  }
  return { windows };
}

const NOTHING_KNOWN: KnownCredentials = { windows: new Set() };

function sharesWindow(run: string, windows: ReadonlySet<string>): boolean {
  if (windows.size === 0) return false;
  const lower = run.toLowerCase();
  for (let i = 0; i + LEAK_WINDOW <= lower.length; i++) if (windows.has(lower.slice(i, i + LEAK_WINDOW))) return true;
  return false;
}

/** A run of 26–28 letters and digits that is plausibly a Gemini secret (see {@link looksLikeGeminiSecret}). */
function isSecretShaped(run: string): boolean {
  return run.length >= 26 && run.length <= 28 && looksLikeGeminiSecret(run);
}

/**
 * Text made safe to show (a message quoting code, a path, a label), by knowledge rather than by
 * character classes: every Gemini key in it (any case), every run of letters and digits with the
 * shape of a Gemini secret, and every run sharing {@link LEAK_WINDOW} characters with a `known`
 * credential — the literals the analysis saw flow into a key or secret role, or a key or secret be
 * assembled from (`'account-' + 'Tq4Wn8Zr2L' + suffix`) — is replaced by its
 * {@link redactCredential} form. Redact before truncating: a cut-off piece no longer has a shape.
 */
export function redactSecretsInText(text: string, known: KnownCredentials | Iterable<string> = NOTHING_KNOWN): string {
  const index = 'windows' in known ? (known as KnownCredentials) : knownCredentials(known as Iterable<string>);
  return text
    .replace(KEY_IN_TEXT, (key) => redactCredential(key))
    .replace(RUN_IN_TEXT, (run) => (isSecretShaped(run) || sharesWindow(run, index.windows) ? redactCredential(run) : run));
}

/** Every Gemini key and secret-shaped run in a text (what {@link redactSecretsInText} redacts by shape alone). */
export function credentialShapesIn(text: string): string[] {
  const out = [...text.matchAll(KEY_IN_TEXT)].map((m) => m[0]);
  for (const m of text.matchAll(RUN_IN_TEXT)) if (isSecretShaped(m[0])) out.push(m[0]);
  return out;
}

// Single words that are really two, as in SCREAMING or all-lower names: GEMINIAPIKEY, apisecret.
const COMPOUND_WORDS: Readonly<Record<string, readonly string[]>> = {
  apikey: ['api', 'key'],
  apisecret: ['api', 'secret'],
  secretkey: ['secret', 'key'],
  privatekey: ['private', 'key'],
  clientsecret: ['client', 'secret'],
  signingkey: ['signing', 'key'],
  hmackey: ['hmac', 'key'],
};

function expandCompound(word: string): string[] {
  // own keys only: `constructor`, `toString` (`createHmac('sha384', config.constructor)`) would
  // find Object.prototype's members
  const known = Object.hasOwn(COMPOUND_WORDS, word) ? COMPOUND_WORDS[word] : undefined;
  if (known) return [...known];
  if (word.startsWith('gemini') && word.length > 'gemini'.length) {
    return ['gemini', ...expandCompound(word.slice('gemini'.length))];
  }
  return [word];
}

/** The words of a name, with compounds (`GEMINIAPIKEY`, `apisecret`) split. */
function nameWords(name: string): string[] {
  return splitWords(name).flatMap(expandCompound);
}

// A final word that makes the name describe a credential rather than hold one: secretName,
// apiKeyHeader, API_KEY_ENV, secretArn, apiKeyLength, …
const METADATA_WORDS: ReadonlySet<string> = new Set([
  'arn', 'count', 'description', 'digest', 'enabled', 'env', 'error', 'exists', 'expiry', 'field', 'file',
  'filename', 'format', 'hash', 'header', 'headers', 'hint', 'id', 'ids', 'label', 'len', 'length',
  'location', 'manager', 'mask', 'masked', 'message', 'msg', 'name', 'names', 'param', 'path', 'pattern',
  'prefix', 'prompt', 'provided', 'provider', 're', 'ref', 'regex', 'required', 'schema', 'size', 'store',
  'suffix', 'type', 'uri', 'url', 'var', 'variable', 'version',
]);

// A first word that makes the name a predicate or an action about a credential: isApiKey,
// hasSecret, validateApiKey, maskSecret, missingApiKey, …
const PREDICATE_WORDS: ReadonlySet<string> = new Set([
  'can', 'check', 'has', 'hide', 'is', 'mask', 'missing', 'needs', 'no', 'redact', 'should', 'show',
  'use', 'uses', 'validate', 'verify', 'without',
]);

/**
 * Classifies an identifier, environment-variable or property name by its words (camelCase,
 * snake_case, kebab-case and SCREAMING_CASE are all split):
 * - `apiSecret`: a `secret` word (`apiSecret`, `api_secret`, `secret`, `GEMINI_API_SECRET`,
 *   `GEMINI_SECRET`, `secretKey`, `clientSecret`), or `private`/`signing`/`hmac` + `key`
 *   (`privateKey`, `private_key`, `signingKey`);
 * - `apiKey`: `api` + `key` (`apiKey`, `api_key`, `API_KEY`, `GEMINI_API_KEY`) or `gemini` + `key`
 *   (`geminiKey`).
 * Bare `key` is too generic (map keys, cache keys) and gives `undefined`, as do plurals (`secrets`,
 * `apiKeys` hold collections), names ending in a metadata word (`secretName`, `apiKeyHeader`) and
 * predicates (`isApiKey`, `hasSecret`).
 */
export function classifyCredentialName(name: string): CredentialKind | undefined {
  const words = nameWords(name);
  const first = words[0];
  const last = words[words.length - 1];
  if (first === undefined || last === undefined) return undefined;
  if (METADATA_WORDS.has(last) || (PREDICATE_WORDS.has(first) && words.length > 1)) return undefined;
  if (words.includes('secret')) return 'apiSecret';
  const keyAt = words.lastIndexOf('key');
  if (keyAt > 0) {
    const before = words[keyAt - 1];
    if (before === 'private' || before === 'signing' || before === 'hmac') return 'apiSecret';
    if (before === 'api' || before === 'gemini') return 'apiKey';
  }
  return undefined;
}

/** True when the name contains the word `gemini` (`GEMINI_API_KEY`, `geminiClient`, `GeminiKey`). */
export function isGeminiNamed(name: string): boolean {
  return nameWords(name).includes('gemini');
}
