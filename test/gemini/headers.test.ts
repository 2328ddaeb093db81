import { describe, expect, it } from 'vitest';
import { GEMINI_EXTRA_HEADERS, GEMINI_HEADERS, geminiHeaderKind, isGeminiHeaderName } from '../../src/gemini/headers.js';

describe('geminiHeaderKind', () => {
  it('classifies the three authentication headers in any case', () => {
    expect(geminiHeaderKind('X-GEMINI-APIKEY')).toBe('apiKey');
    expect(geminiHeaderKind('x-gemini-payload')).toBe('payload');
    expect(geminiHeaderKind(' X-Gemini-Signature ')).toBe('signature');
  });

  it('gives undefined for other headers', () => {
    expect(geminiHeaderKind('X-GEMINI-NONCE')).toBeUndefined();
    expect(geminiHeaderKind('X-MBX-APIKEY')).toBeUndefined();
    expect(geminiHeaderKind('x-goog-api-key')).toBeUndefined();
    expect(geminiHeaderKind('Authorization')).toBeUndefined();
  });
});

describe('isGeminiHeaderName', () => {
  it('accepts any X-GEMINI- header and nothing else', () => {
    for (const name of Object.values(GEMINI_HEADERS)) expect(isGeminiHeaderName(name)).toBe(true);
    expect(isGeminiHeaderName('x-gemini-anything')).toBe(true);
    expect(isGeminiHeaderName('X-GEMINI')).toBe(false);
    expect(isGeminiHeaderName('x-goog-api-key')).toBe(false);
  });
});

describe('GEMINI_EXTRA_HEADERS', () => {
  it('holds the headers Gemini documents for private calls', () => {
    expect(GEMINI_EXTRA_HEADERS).toEqual({
      'Content-Type': 'text/plain',
      'Content-Length': '0',
      'Cache-Control': 'no-cache',
    });
  });
});
