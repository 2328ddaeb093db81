import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { geminiContext } from '../../src/analysis/gemini-context.js';
import { findNode, parse } from '../helpers/parse.js';

function verdictAt(code: string, marker = 'probe') {
  const sc = parse(code);
  const node = findNode(sc, AST_NODE_TYPES.Identifier, marker);
  const ctx = geminiContext(sc);
  return { gemini: ctx.isGeminiCode(node), other: ctx.isOtherApiCode(node), file: ctx.fileIsGemini };
}

describe('geminiContext', () => {
  it('recognises a file by the Gemini host', () => {
    expect(verdictAt(`const BASE = 'https://api.gemini.com'; probe();`)).toEqual({ gemini: true, other: false, file: true });
  });

  it('recognises X-GEMINI headers, sandbox and websocket hosts', () => {
    expect(verdictAt(`const h = { 'X-GEMINI-APIKEY': k }; probe();`).gemini).toBe(true);
    expect(verdictAt(`new WebSocket('wss://ws.sandbox.gemini.com'); probe();`).gemini).toBe(true);
  });

  it('recognises a Gemini host whose first labels are computed', () => {
    for (const url of ['`https://${subdomain}.gemini.com`', '`https://${sub}.gemini.com/v1${path}`', '`wss://${s}.gemini.com:443/v1/order/events`', '`//${x}.exchange.gemini.com`', '`https://api.${env}.gemini.com`']) {
      expect(verdictAt(`const BASE = ${url}; probe();`).gemini, url).toBe(true);
    }
    // other domains that merely contain the word, and hosts that only start like Gemini's
    for (const url of ['`https://${x}.gemini.com.evil.io`', '`https://${x}.notgemini.com`', '`https://${x}.gemini.google.com`', '`https://gemini.${tld}`', '`${a}.gemini.com`', '`https://${x}-gemini.com`']) {
      expect(verdictAt(`const BASE = ${url}; probe();`).gemini, url).toBe(false);
    }
    // the same by concatenation
    for (const url of ["'https://' + subdomain + '.gemini.com'", "'wss://' + s + '.gemini.com/v1/order/events' + q", "prefix + 'https://' + sub + '.gemini.com'"]) {
      expect(verdictAt(`const BASE = ${url}; probe();`).gemini, url).toBe(true);
    }
    for (const url of ["'https://' + x + '.gemini.com.evil.io'", "'https://' + x + y + '.gemini.com'", "x + '.gemini.com'", "'https://' + x + '-gemini.com'"]) {
      expect(verdictAt(`const BASE = ${url}; probe();`).gemini, url).toBe(false);
    }
  });

  it('recognises a Gemini key literal and ccxt.gemini', () => {
    expect(verdictAt(`const k = 'account-aB3dE5gH7jK9mN1pQ2rS'; probe();`).gemini).toBe(true);
    expect(verdictAt(`import ccxt from 'ccxt'; const ex = new ccxt.gemini({ apiKey }); probe();`).gemini).toBe(true);
    expect(verdictAt(`import ccxt from 'ccxt'; const ex = new ccxt.pro.gemini({ apiKey }); probe();`).gemini).toBe(true);
    expect(verdictAt(`import { gemini } from 'ccxt'; const ex = new gemini({ apiKey }); probe();`).gemini).toBe(true);
    expect(verdictAt(`import ccxt from 'ccxt'; const ex = new ccxt.kraken({ apiKey }); probe();`).gemini).toBe(false);
  });

  it('recognises gemini-node-api as a Gemini exchange client package', () => {
    expect(verdictAt(`import { AuthenticatedClient } from 'gemini-node-api'; const c = new AuthenticatedClient({ key, secret }); probe();`).gemini).toBe(true);
  });

  it("reads TypeScript's import x = require('m') like an import", () => {
    expect(verdictAt(`import GeminiClient = require('gemini-node-api'); const c = new GeminiClient.AuthenticatedClient({ key, secret }); probe();`).gemini).toBe(true);
    expect(verdictAt(`import Ai = require('@google/generative-ai'); const genAI = new Ai.GoogleGenerativeAI(process.env.GEMINI_API_KEY); probe();`)).toEqual({ gemini: false, other: true, file: false });
    // a namespace alias names no module
    expect(verdictAt(`namespace Gemini { export const Client = 1; } import Client = Gemini.Client; probe(Client);`).gemini).toBe(false);
  });

  it('says no for Google Gemini AI code even though it reads GEMINI_API_KEY', () => {
    const v = verdictAt(`
      import { GoogleGenerativeAI } from '@google/generative-ai';
      const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY);
      probe();`);
    expect(v).toEqual({ gemini: false, other: true, file: false });
    expect(verdictAt(`fetch('https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent?key=' + process.env.GEMINI_API_KEY); probe();`).other).toBe(true);
  });

  it('says no for AWS SigV4, GitHub webhooks, Binance and Bitfinex', () => {
    expect(verdictAt(`const alg = 'AWS4-HMAC-SHA256'; probe();`).other).toBe(true);
    expect(verdictAt(`const sig = req.headers['x-hub-signature-256']; probe();`).other).toBe(true);
    expect(verdictAt(`const h = { 'X-MBX-APIKEY': key }; probe();`).other).toBe(true);
    expect(verdictAt(`const h = { 'X-BFX-APIKEY': key }; probe();`).other).toBe(true);
  });

  it('decides by the innermost class in a multi-exchange file', () => {
    const code = `
      class Binance { sign() { return { 'X-MBX-APIKEY': this.key, probeB: 1 }; } }
      class Gemini { sign() { const probe = 1; return { 'X-GEMINI-APIKEY': this.key }; } }`;
    expect(verdictAt(code)).toEqual({ gemini: true, other: false, file: false });
    expect(verdictAt(code, 'probeB')).toEqual({ gemini: false, other: true, file: false });
  });

  it('stays undecided for code with no evidence', () => {
    expect(verdictAt(`const secret = process.env.SECRET; probe();`)).toEqual({ gemini: false, other: false, file: false });
  });

  it('does not take other gemini.com subdomains or a word "gemini" as evidence', () => {
    expect(verdictAt(`const url = 'https://www.gemini.com/blog'; const gemini = 1; probe();`).gemini).toBe(false);
  });
});
