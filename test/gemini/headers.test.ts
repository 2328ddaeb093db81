import { describe, expect, it } from 'vitest';
import { GEMINI_EXTRA_HEADERS, GEMINI_HEADERS, GEMINI_NONCE_HEADER, geminiHeaderKind, isGeminiHeaderName, isOAuthAuthorization } from '../../src/gemini/headers.js';

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

describe('OAuth and WebSocket-nonce headers', () => {
  it('knows X-GEMINI-NONCE as an X-GEMINI-* header of the WebSocket authentication', () => {
    expect(GEMINI_NONCE_HEADER).toBe('X-GEMINI-NONCE');
    expect(isGeminiHeaderName(GEMINI_NONCE_HEADER)).toBe(true);
    expect(geminiHeaderKind(GEMINI_NONCE_HEADER)).toBeUndefined();
  });

  it('takes a Bearer Authorization header, or one whose scheme is unknown, as an OAuth credential', () => {
    expect(isOAuthAuthorization('Authorization', 'Bearer \u0000')).toBe(true);
    expect(isOAuthAuthorization('authorization', 'bearer abc')).toBe(true);
    expect(isOAuthAuthorization('Authorization', undefined)).toBe(true);
    expect(isOAuthAuthorization('Authorization', '\u0000')).toBe(true);
    expect(isOAuthAuthorization('Authorization', 'Basic \u0000')).toBe(false);
    expect(isOAuthAuthorization('Authorization', 'Bearerish')).toBe(false);
    expect(isOAuthAuthorization('X-Auth', 'Bearer abc')).toBe(false);
  });
});
