import { describe, expect, it } from 'vitest';
import {
  GEMINI_API_KEY_RE,
  classifyCredentialName,
  findGeminiApiKeys,
  isGeminiApiKey,
  isGeminiNamed,
  isPlaceholder,
  looksLikeGeminiSecret,
  redactCredential,
  splitWords,
} from '../../src/gemini/credentials.js';

const REAL_KEY = 'account-aB3dE5gH7jK9mN1pQ2rS';
const REAL_MASTER_KEY = 'master-Zq8Lp3Wx7Tn2Vb5Rc9Hm';
const REAL_SECRET = '3go2Bd2n6rPsaGwhTBHqH9rBrdzZ'; // 28 characters, the shape Gemini issues

/** A small deterministic PRNG so the "random values" tests never flake. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomBase62(rand: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += BASE62[Math.floor(rand() * BASE62.length)];
  return s;
}

describe('isGeminiApiKey', () => {
  it('accepts account- and master- keys with exactly 20 letters and digits', () => {
    expect(isGeminiApiKey(REAL_KEY)).toBe(true);
    expect(isGeminiApiKey(REAL_MASTER_KEY)).toBe(true);
  });

  it('rejects the wrong length, characters or prefix', () => {
    expect(isGeminiApiKey('account-aB3dE5gH7jK9mN1pQ2r')).toBe(false); // 19
    expect(isGeminiApiKey('account-aB3dE5gH7jK9mN1pQ2rSt')).toBe(false); // 21
    expect(isGeminiApiKey('account-aB3dE5gH7jK9mN1pQ2r_')).toBe(false);
    expect(isGeminiApiKey('Account-aB3dE5gH7jK9mN1pQ2rS')).toBe(false);
    expect(isGeminiApiKey('accounts-aB3dE5gH7jK9mN1pQ2r')).toBe(false);
    expect(isGeminiApiKey('aB3dE5gH7jK9mN1pQ2rS')).toBe(false);
    expect(isGeminiApiKey(` ${REAL_KEY}`)).toBe(false);
  });
});

describe('GEMINI_API_KEY_RE', () => {
  it('is not global, so repeated test() calls agree', () => {
    expect(GEMINI_API_KEY_RE.global).toBe(false);
    expect(GEMINI_API_KEY_RE.test(`key=${REAL_KEY}`)).toBe(true);
    expect(GEMINI_API_KEY_RE.test(`key=${REAL_KEY}`)).toBe(true);
  });
});

describe('findGeminiApiKeys', () => {
  it('finds every key with its offset', () => {
    const text = `const a = "${REAL_KEY}";\nconst b = '${REAL_MASTER_KEY}';`;
    expect(findGeminiApiKeys(text)).toEqual([
      { index: text.indexOf(REAL_KEY), value: REAL_KEY },
      { index: text.indexOf(REAL_MASTER_KEY), value: REAL_MASTER_KEY },
    ]);
  });

  it('gives the same answer when called twice', () => {
    expect(findGeminiApiKeys(REAL_KEY)).toEqual(findGeminiApiKeys(REAL_KEY));
  });

  it('skips keys that are part of a longer run of letters and digits', () => {
    expect(findGeminiApiKeys(`${REAL_KEY}X`)).toEqual([]);
    expect(findGeminiApiKeys(`my${REAL_KEY}`)).toEqual([]);
    expect(findGeminiApiKeys(`x9${REAL_KEY}`)).toEqual([]);
  });

  it('finds keys next to punctuation', () => {
    expect(findGeminiApiKeys(`"${REAL_KEY}"`)).toHaveLength(1);
    expect(findGeminiApiKeys(`X-GEMINI-APIKEY:${REAL_KEY}\n`)).toHaveLength(1);
    expect(findGeminiApiKeys(`GEMINI_API_KEY=${REAL_KEY}`)).toHaveLength(1);
  });

  it('finds placeholders too, leaving the filtering to isPlaceholder', () => {
    expect(findGeminiApiKeys('account-XXXXXXXXXXXXXXXXXXXX')).toHaveLength(1);
  });

  it('finds nothing in unrelated text', () => {
    const others = 'AKIAIOSFODNN7EXAMPLE ghp_0123456789abcdefghij AIzaSyA-1234567890abcdefghijklmnop';
    expect(findGeminiApiKeys(others)).toEqual([]);
  });
});

describe('isPlaceholder', () => {
  it.each([
    'account-XXXXXXXXXXXXXXXXXXXX',
    'master-xxxxxxxxxxxxxxxxxxxx',
    'account-xxxxxxxxxxxxxxxxxxxx',
    'account-00000000000000000000',
    'master-11111111111111111111',
    'account-1234567890abcdefghij',
    'account-abcdefghijklmnopqrst',
    'account-ABCDEFGHIJKLMNOPQRST',
    'account-01234567890123456789',
    'account-abababababababababab',
    'account-aB3aB3aB3aB3aB3aB3aB',
    'account-XXXXXXXXXXXXXXXX1234',
    'account-YOURAPIKEYHERE123456',
    'account-yourKeyGoesHere12345',
    'account-EXAMPLEKEY0000000000',
    'account-1234XXXXXXXXXXXXXXXX',
    'account-putYourKeyHere123456',
    'insert-your-key',
    'your-api-secret',
    'your_api_key_here',
    'YOUR_API_SECRET',
    '<GEMINI_API_SECRET>',
    '<your api secret>',
    '${GEMINI_API_SECRET}',
    '{{secret}}',
    '{secret}',
    '%GEMINI_API_SECRET%',
    '$GEMINI_API_SECRET',
    '[REDACTED]',
    'changeme',
    'change-me',
    'CHANGE_ME',
    'example',
    'placeholder',
    'dummy',
    'redacted',
    '***',
    '********',
    '...',
    '…',
    'xxxx',
    'xxxx-xxxx-xxxx',
    '••••••',
    'GEMINI_API_SECRET',
    'gemini-api-key',
    'api_key',
    'my-secret',
    'test',
    'secret',
    'aaaaaaaaaaaaaaaaaaaaaaaaaa',
    'abcdefghijklmnopqrstuvwxyz',
    '12345678901234567890123456',
    '1234abcd', // the protocol doc's published test-vector secret
    '',
    '   ',
  ])('treats %j as a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it.each([
    REAL_KEY,
    REAL_MASTER_KEY,
    REAL_SECRET,
    'account-Kx9Qe2Lw7Rt4Yp1Zm6Nb',
    'Gk4mZ8qR2wT7vN5x',
    // Random values that happen to contain "your" or "xxxx" mid-word, in mixed case.
    'QKDXrOTsHRhggQyM4yOURN65h5k',
    'JSKnZHvOLCpWccz2LXxxx9bx7yM',
    'B5G8dsIO6pY9yourDgO05rhbdRL',
  ])('treats the realistic value %j as real', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });

  it('treats random keys and secrets as real', () => {
    const rand = mulberry32(42);
    for (let i = 0; i < 2000; i++) {
      const key = `account-${randomBase62(rand, 20)}`;
      expect(isPlaceholder(key), key).toBe(false);
      const secret = randomBase62(rand, 26 + (i % 3));
      expect(isPlaceholder(secret), secret).toBe(false);
    }
  });
});

describe('looksLikeGeminiSecret', () => {
  it('accepts realistic 26-28 character secrets', () => {
    expect(looksLikeGeminiSecret(REAL_SECRET)).toBe(true);
    expect(looksLikeGeminiSecret('2xhWN4wbTPMHDz3D9JyxJZiJLE')).toBe(true); // 26
    expect(looksLikeGeminiSecret('q7VfK2pL9sXc4HnB8tRm3WzJ6yD')).toBe(true); // 27
  });

  it('accepts nearly all random base-62 strings of that length', () => {
    const rand = mulberry32(7);
    let accepted = 0;
    const total = 2000;
    for (let i = 0; i < total; i++) if (looksLikeGeminiSecret(randomBase62(rand, 26 + (i % 3)))) accepted++;
    expect(accepted / total).toBeGreaterThan(0.97);
  });

  it('rejects the wrong length or characters', () => {
    expect(looksLikeGeminiSecret('3go2Bd2n6rPsaGwhTBHqH9rBr')).toBe(false); // 25
    expect(looksLikeGeminiSecret('3go2Bd2n6rPsaGwhTBHqH9rBrdzZa')).toBe(false); // 29
    expect(looksLikeGeminiSecret('3go2Bd2n6rPsaGwh-BHqH9rBrdzZ')).toBe(false);
    expect(looksLikeGeminiSecret('1234abcd')).toBe(false);
  });

  it('rejects placeholders of the right length', () => {
    expect(looksLikeGeminiSecret('XXXXXXXXXXXXXXXXXXXXXXXXXXX')).toBe(false);
    expect(looksLikeGeminiSecret('yourApiSecretGoesHere123456')).toBe(false);
    expect(looksLikeGeminiSecret('1234567890abcdefghijklmnopq')).toBe(false);
    expect(looksLikeGeminiSecret('abc123abc123abc123abc123abc')).toBe(false);
  });

  it('rejects values without both letters and digits', () => {
    expect(looksLikeGeminiSecret('ThisIsMyVeryLongSecretValue')).toBe(false);
    expect(looksLikeGeminiSecret('83729104857362910384756291')).toBe(false);
  });

  it('rejects word-shaped identifiers', () => {
    expect(looksLikeGeminiSecret('GeminiApiSecret2024ForProd')).toBe(false);
    expect(looksLikeGeminiSecret('ExchangeClientSecretValue1')).toBe(false);
    expect(looksLikeGeminiSecret('TRADINGBOTSECRETVALUE2024A')).toBe(false);
  });

  it('rejects values with too few distinct characters', () => {
    expect(looksLikeGeminiSecret('aab1aab1aabb11aab1ab1ab1ab')).toBe(false);
  });
});

describe('redactCredential', () => {
  it('keeps the prefix and four characters of an API key', () => {
    expect(redactCredential(REAL_KEY)).toBe('account-aB3d…');
    expect(redactCredential(REAL_MASTER_KEY)).toBe('master-Zq8L…');
  });

  it('keeps two characters of anything else', () => {
    expect(redactCredential(REAL_SECRET)).toBe('3g…');
    expect(redactCredential('1234abcd')).toBe('12…');
    expect(redactCredential('account-XXXXXXXXXXXXXXXXXXXX')).toBe('account-XXXX…');
  });

  it('never shows more than a quarter of a short value', () => {
    expect(redactCredential('abcd')).toBe('a…');
    expect(redactCredential('abc')).toBe('…');
    expect(redactCredential('account-ab')).toBe('account-…');
  });

  it('gives … for an empty value', () => {
    expect(redactCredential('')).toBe('…');
  });

  it('does not split surrogate pairs', () => {
    expect(redactCredential('🔑🔑🔑🔑🔑🔑🔑🔑')).toBe('🔑🔑…');
  });

  it('never contains the whole value', () => {
    for (const v of [REAL_KEY, REAL_MASTER_KEY, REAL_SECRET, 'mykey', 'ab']) {
      expect(redactCredential(v)).not.toContain(v);
    }
  });
});

describe('splitWords', () => {
  it('splits camelCase, PascalCase, snake, kebab, SCREAMING and dotted names', () => {
    expect(splitWords('geminiApiKey')).toEqual(['gemini', 'api', 'key']);
    expect(splitWords('GeminiAPIKey')).toEqual(['gemini', 'api', 'key']);
    expect(splitWords('GEMINI_API_SECRET')).toEqual(['gemini', 'api', 'secret']);
    expect(splitWords('x-gemini-apikey')).toEqual(['x', 'gemini', 'apikey']);
    expect(splitWords('process.env.API_KEY')).toEqual(['process', 'env', 'api', 'key']);
    expect(splitWords('key2')).toEqual(['key', '2']);
  });
});

describe('classifyCredentialName', () => {
  it.each([
    'apiKey',
    'api_key',
    'API_KEY',
    'GEMINI_API_KEY',
    'geminiKey',
    'GEMINI_KEY',
    'geminiApiKey',
    'APIKEY',
    'apikey',
    'GEMINIAPIKEY',
    'x-gemini-apikey',
    'ApiKey',
  ])('classifies %j as an API key', (name) => {
    expect(classifyCredentialName(name)).toBe('apiKey');
  });

  it.each([
    'apiSecret',
    'api_secret',
    'API_SECRET',
    'secret',
    'SECRET',
    'GEMINI_API_SECRET',
    'GEMINI_SECRET',
    'geminiSecret',
    'privateKey',
    'private_key',
    'secretKey',
    'SECRET_KEY',
    'clientSecret',
    'client_secret',
    'apiSecretKey',
    'signingKey',
    'hmacKey',
    'APISECRET',
    'apisecret',
  ])('classifies %j as an API secret', (name) => {
    expect(classifyCredentialName(name)).toBe('apiSecret');
  });

  it.each([
    'key',
    'KEY',
    'cacheKey',
    'publicKey',
    'accessKey',
    'keys',
    'apiKeys',
    'secrets',
    'secretName',
    'apiKeyHeader',
    'API_KEY_ENV',
    'apiKeyId',
    'secretArn',
    'secretsManager',
    'secretLength',
    'isApiKey',
    'hasSecret',
    'validateApiKey',
    'GEMINI_API_SECRET_FILE',
    'apiUrl',
    'gemini',
    'nonce',
    'payload',
    'signature',
    '',
  ])('does not classify %j', (name) => {
    expect(classifyCredentialName(name)).toBeUndefined();
  });
});

describe('isGeminiNamed', () => {
  it('finds the word gemini in any naming style', () => {
    expect(isGeminiNamed('GEMINI_API_KEY')).toBe(true);
    expect(isGeminiNamed('geminiClient')).toBe(true);
    expect(isGeminiNamed('GeminiExchange')).toBe(true);
    expect(isGeminiNamed('x-gemini-apikey')).toBe(true);
    expect(isGeminiNamed('GEMINIAPIKEY')).toBe(true);
    expect(isGeminiNamed('gemini')).toBe(true);
  });

  it('ignores gemini inside another word', () => {
    expect(isGeminiNamed('capgemini')).toBe(false);
    expect(isGeminiNamed('CapgeminiClient')).toBe(false);
    expect(isGeminiNamed('apiKey')).toBe(false);
  });
});
