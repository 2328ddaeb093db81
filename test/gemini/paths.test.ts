import { describe, expect, it } from 'vitest';
import {
  HOLE,
  hasHole,
  isPureHole,
  normalisePath,
  pathsEqual,
  segmentsMayMatch,
  splitPath,
} from '../../src/gemini/paths.js';

describe('HOLE', () => {
  it('is a single NUL character', () => {
    expect(HOLE).toBe('\u0000');
    expect(HOLE).toHaveLength(1);
  });

  it('is detected inside text and recognised when a segment is nothing but holes', () => {
    expect(hasHole(`/v1/book/${HOLE}`)).toBe(true);
    expect(hasHole('/v1/book/btcusd')).toBe(false);
    expect(isPureHole(HOLE)).toBe(true);
    expect(isPureHole(HOLE + HOLE)).toBe(true);
    expect(isPureHole(`btc${HOLE}`)).toBe(false);
    expect(isPureHole('')).toBe(false);
  });
});

describe('normalisePath', () => {
  it('drops the query string and the fragment', () => {
    expect(normalisePath('/v1/book/btcusd?limit_bids=1')).toBe('/v1/book/btcusd');
    expect(normalisePath('/v1/book/btcusd#top')).toBe('/v1/book/btcusd');
    expect(normalisePath('/v1/trades/btcusd#a?b')).toBe('/v1/trades/btcusd');
  });

  it('keeps double slashes, relative paths and trailing slashes as written', () => {
    expect(normalisePath('//v1/balances')).toBe('//v1/balances');
    expect(normalisePath('v1/balances')).toBe('v1/balances');
    expect(normalisePath('/v1/balances/')).toBe('/v1/balances/');
    expect(normalisePath('')).toBe('');
  });
});

describe('splitPath', () => {
  it('keeps a leading empty segment for absolute paths', () => {
    expect(splitPath('/v1/balances')).toEqual(['', 'v1', 'balances']);
    expect(splitPath('v1/balances')).toEqual(['v1', 'balances']);
  });

  it('keeps empty segments from double and trailing slashes', () => {
    expect(splitPath('//v1/balances')).toEqual(['', '', 'v1', 'balances']);
    expect(splitPath('/v1/balances/')).toEqual(['', 'v1', 'balances', '']);
    expect(splitPath('/')).toEqual(['', '']);
  });

  it('ignores the query string', () => {
    expect(splitPath('/v1/book/btcusd?x=/y/z')).toEqual(['', 'v1', 'book', 'btcusd']);
  });
});

describe('segmentsMayMatch', () => {
  it('compares concrete segments exactly', () => {
    expect(segmentsMayMatch('balances', 'balances')).toBe(true);
    expect(segmentsMayMatch('balances', 'Balances')).toBe(false);
  });

  it('lets a hole stand for any text within the segment', () => {
    expect(segmentsMayMatch(HOLE, 'btcusd')).toBe(true);
    expect(segmentsMayMatch(HOLE, '')).toBe(true);
    expect(segmentsMayMatch(`btc${HOLE}`, 'btcusd')).toBe(true);
    expect(segmentsMayMatch(`btc${HOLE}`, 'ethusd')).toBe(false);
    expect(segmentsMayMatch(`${HOLE}.xlsx`, 'records.xlsx')).toBe(true);
    expect(segmentsMayMatch(`${HOLE}.xlsx`, 'records.json')).toBe(false);
  });

  it('treats regex metacharacters in literal text literally', () => {
    expect(segmentsMayMatch(`records.${HOLE}`, 'records.xlsx')).toBe(true);
    expect(segmentsMayMatch(`records.${HOLE}`, 'recordsXxlsx')).toBe(false);
  });

  it('compares the known ends of two partial segments', () => {
    expect(segmentsMayMatch(`btc${HOLE}`, `${HOLE}usd`)).toBe(true);
    expect(segmentsMayMatch(`btc${HOLE}`, `eth${HOLE}`)).toBe(false);
    expect(segmentsMayMatch(`${HOLE}usd`, `${HOLE}eur`)).toBe(false);
  });
});

describe('pathsEqual', () => {
  it('says equal for identical paths', () => {
    expect(pathsEqual('/v1/order/status', '/v1/order/status')).toBe('equal');
  });

  it('says equal for identical partial paths with aligned holes', () => {
    expect(pathsEqual(`/v1/book/${HOLE}`, `/v1/book/${HOLE}`)).toBe('equal');
  });

  it('ignores query strings and fragments', () => {
    expect(pathsEqual('/v1/book/btcusd?limit_bids=5', '/v1/book/btcusd')).toBe('equal');
  });

  it('says different when a base URL ending in /v1 drops the version from the request', () => {
    expect(pathsEqual('/v1/balances', '/balances')).toBe('different');
  });

  it('says different for a double slash', () => {
    expect(pathsEqual('//v1/balances', '/v1/balances')).toBe('different');
  });

  it('says different for a request without its leading slash', () => {
    expect(pathsEqual('v1/balances', '/v1/balances')).toBe('different');
  });

  it('says different for a trailing slash', () => {
    expect(pathsEqual('/v1/balances/', '/v1/balances')).toBe('different');
  });

  it('says different for different literal segments', () => {
    expect(pathsEqual('/v1/orders', '/v1/balances')).toBe('different');
    expect(pathsEqual('/v1/order/status', '/v1/order/cancel')).toBe('different');
  });

  it('says different when a literal segment differs even though another segment has a hole', () => {
    expect(pathsEqual(`/v1/book/${HOLE}`, '/v1/trades/btcusd')).toBe('different');
  });

  it('says unknown when a hole may fill the difference', () => {
    expect(pathsEqual(`/v1/book/${HOLE}`, '/v1/book/btcusd')).toBe('unknown');
    expect(pathsEqual(`/v1/${HOLE}`, '/v1/balances')).toBe('unknown');
    expect(pathsEqual(`${HOLE}/v1/balances`, '/v1/balances')).toBe('unknown');
  });

  it('says unknown, not different, for a segment-count difference when a hole is present', () => {
    expect(pathsEqual(`${HOLE}/balances`, '/v1/balances')).toBe('unknown');
    expect(pathsEqual(`/v1/${HOLE}`, '/v1/order/status')).toBe('unknown');
  });

  it('says unknown for two different partial paths that could agree', () => {
    expect(pathsEqual(`/v1/book/${HOLE}`, `/v1/book/btc${HOLE}`)).toBe('unknown');
  });
});
