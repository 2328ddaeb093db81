import { describe, expect, it } from 'vitest';
import { redactSecretsInText } from '../../src/gemini/credentials.js';

describe('redactSecretsInText', () => {
  it('redacts Gemini keys in any case, keeping the public prefix and four characters', () => {
    expect(redactSecretsInText("nonce: 'account-vvDeKD5SyFOvL1NHGYbw'")).toBe("nonce: 'account-vvDe…'");
    expect(redactSecretsInText('http://master-q8xlzwa3odvdoywv12b8@api.gemini.com')).toBe('http://master-q8xl…@api.gemini.com');
  });

  it('redacts secret-shaped tokens, whole or cut short by truncation', () => {
    expect(redactSecretsInText("hash('IQDeDYo0cNNPWKH0s5kV9if2wpwt') + 1")).toBe("hash('IQ…') + 1");
    expect(redactSecretsInText("x + 'IQDeDYo0cN...")).toBe("x + 'IQ…...");
  });

  it('leaves code, words, numbers and short tokens alone', () => {
    const code = "Math.floor(Date.now() / 1000) * 1000 + createIncrementalNonce().next() + 'sha384' + 1700000000000";
    expect(redactSecretsInText(code)).toBe(code);
  });
});

describe('redactSecretsInText and technical words', () => {
  it('keeps encoding and algorithm names that rules name on purpose', () => {
    expect(redactSecretsInText("encoded as base64url, not 'ripemd160'")).toBe("encoded as base64url, not 'ripemd160'");
  });
});
