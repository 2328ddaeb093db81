import { describe, expect, it } from 'vitest';
import { knownCredentials, redactSecretsInText } from '../../src/gemini/credentials.js';

describe('redactSecretsInText', () => {
  it('redacts Gemini keys in any case, keeping the public prefix and four characters', () => {
    expect(redactSecretsInText("nonce: 'account-vvDeKD5SyFOvL1NHGYbw'")).toBe("nonce: 'account-vvDe…'");
    expect(redactSecretsInText('http://master-q8xlzwa3odvdoywv12b8@api.gemini.com')).toBe('http://master-q8xl…@api.gemini.com');
  });

  it('redacts secret-shaped tokens whole, and a piece cut short by truncation when the secret is known', () => {
    expect(redactSecretsInText("hash('IQDeDYo0cNNPWKH0s5kV9if2wpwt') + 1")).toBe("hash('IQ…') + 1");
    expect(redactSecretsInText("x + 'IQDeDYo0cN...", ['IQDeDYo0cNNPWKH0s5kV9if2wpwt'])).toBe("x + 'IQ…...");
  });

  it('redacts by knowledge: any run sharing 9 characters with a known credential or piece, digits or not', () => {
    const known = knownCredentials(['account-', 'vvDeKDaSyF', 'OvLbNHGYbw']);
    // the pieces of a key assembled with +, and a digit-free piece of a secret
    expect(redactSecretsInText("'account-' + 'vvDeKDaSyF' + suffix", known)).toBe("'account-' + 'vv…' + suffix");
    expect(redactSecretsInText('label OVLBNHGYBW', known)).toBe('label OV…');
    // 8 shared characters are not a leak, and unrelated words stay
    expect(redactSecretsInText('vvDeKDaS and something else', known)).toBe('vvDeKDaS and something else');
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
