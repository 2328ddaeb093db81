import { describe, expect, it } from 'vitest';
import {
  GEMINI_CLIENT_PACKAGES,
  GOOGLE_GEMINI_AI_PACKAGES,
  isGeminiClientPackage,
  isGeminiExportOf,
  isGoogleAiPackage,
  packageNameOf,
} from '../../src/gemini/packages.js';

describe('packageNameOf', () => {
  it('reads plain and scoped package names, with or without a subpath', () => {
    expect(packageNameOf('gemini-api')).toBe('gemini-api');
    expect(packageNameOf('gemini-api/dist/index.js')).toBe('gemini-api');
    expect(packageNameOf('@google/genai')).toBe('@google/genai');
    expect(packageNameOf('@google/genai/node')).toBe('@google/genai');
  });

  it('gives undefined for relative, absolute, builtin and malformed specifiers', () => {
    expect(packageNameOf('./gemini-api')).toBeUndefined();
    expect(packageNameOf('../gemini')).toBeUndefined();
    expect(packageNameOf('/abs/gemini-api')).toBeUndefined();
    expect(packageNameOf('node:crypto')).toBeUndefined();
    expect(packageNameOf('https://esm.sh/gemini-api')).toBeUndefined();
    expect(packageNameOf('@google')).toBeUndefined();
    expect(packageNameOf('@/gemini')).toBeUndefined();
    expect(packageNameOf('')).toBeUndefined();
  });
});

describe('isGeminiClientPackage', () => {
  it('recognises every listed exchange client, subpaths included', () => {
    for (const name of GEMINI_CLIENT_PACKAGES) {
      expect(isGeminiClientPackage(name)).toBe(true);
      expect(isGeminiClientPackage(`${name}/lib/client.js`)).toBe(true);
    }
    expect(isGeminiClientPackage('gemini-exchange-coffee-api')).toBe(true);
  });

  it('rejects Google AI SDKs, multi-exchange libraries and look-alike names', () => {
    for (const name of GOOGLE_GEMINI_AI_PACKAGES) expect(isGeminiClientPackage(name)).toBe(false);
    expect(isGeminiClientPackage('ccxt')).toBe(false);
    expect(isGeminiClientPackage('gemini')).toBe(false);
    expect(isGeminiClientPackage('gemini-api-extra')).toBe(false);
    expect(isGeminiClientPackage('@scope/gemini-api')).toBe(false);
    expect(isGeminiClientPackage('./gemini-api')).toBe(false);
  });
});

describe('isGoogleAiPackage', () => {
  it('recognises the Google Gemini AI SDKs', () => {
    for (const name of [
      '@google/generative-ai',
      '@google/genai',
      '@google-cloud/vertexai',
      '@ai-sdk/google',
      '@langchain/google-genai',
      '@langchain/google-vertexai',
    ]) {
      expect(isGoogleAiPackage(name), name).toBe(true);
    }
  });

  it('handles subpaths such as @google/genai/node', () => {
    expect(isGoogleAiPackage('@google/genai/node')).toBe(true);
    expect(isGoogleAiPackage('@google/generative-ai/server')).toBe(true);
  });

  it('rejects exchange clients and other Google packages', () => {
    for (const name of GEMINI_CLIENT_PACKAGES) expect(isGoogleAiPackage(name)).toBe(false);
    expect(isGoogleAiPackage('@google-cloud/storage')).toBe(false);
    expect(isGoogleAiPackage('@google/genai-extra')).toBe(false);
    expect(isGoogleAiPackage('googleapis')).toBe(false);
  });

  it('keeps the two lists disjoint', () => {
    const clients = new Set(GEMINI_CLIENT_PACKAGES);
    for (const name of GOOGLE_GEMINI_AI_PACKAGES) expect(clients.has(name)).toBe(false);
  });
});

describe('Gemini clients of multi-exchange packages', () => {
  it('knows gemini-node-api as an exchange client and ccxt only through its gemini export', () => {
    expect(isGeminiClientPackage('gemini-node-api')).toBe(true);
    expect(isGeminiClientPackage('ccxt')).toBe(false);
    expect(isGeminiExportOf('ccxt', 'gemini')).toBe(true);
    expect(isGeminiExportOf('ccxt/js/ccxt.js', 'gemini')).toBe(true);
    expect(isGeminiExportOf('ccxt', 'binance')).toBe(false);
    expect(isGeminiExportOf('gemini-api', 'gemini')).toBe(false);
    expect(isGeminiExportOf('toString', 'gemini')).toBe(false);
  });
});
