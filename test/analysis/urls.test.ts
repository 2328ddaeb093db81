import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { joinUrl, parseUrlText, resolveUrl } from '../../src/analysis/requests/urls.js';
import { HOLE } from '../../src/gemini/paths.js';
import { findNode, parse } from '../helpers/parse.js';

const s = (text: string, complete = !text.includes(HOLE)) => ({ text, complete });

describe('parseUrlText', () => {
  it('splits scheme, host and path and drops the query', () => {
    expect(parseUrlText(s('https://API.Gemini.com:443/v1/order/new?x=1'))).toMatchObject({ scheme: 'https', host: 'api.gemini.com', path: '/v1/order/new', gemini: true });
  });

  it('keeps an unknown host unknown and remembers the path after an unknown base', () => {
    const url = parseUrlText(s(`${HOLE}/v1/order/new`));
    expect(url).toMatchObject({ gemini: false, pathAfterUnknownBase: '/v1/order/new' });
    expect(url.host).toBeUndefined();
  });

  it('is not fooled by gemini.com in the path or a look-alike host', () => {
    expect(parseUrlText(s('https://evil.example/api.gemini.com/v1')).gemini).toBe(false);
    expect(parseUrlText(s('https://api.gemini.com.evil.example/v1')).gemini).toBe(false);
  });
});

describe('joinUrl', () => {
  it('joins like WHATWG URL, axios and got', () => {
    expect(joinUrl(s('https://api.gemini.com/v1/'), s('/balances'), 'url').text).toBe('https://api.gemini.com/balances');
    expect(joinUrl(s('https://api.gemini.com/v1/'), s('balances'), 'url').text).toBe('https://api.gemini.com/v1/balances');
    expect(joinUrl(s('https://api.gemini.com/v1'), s('/balances'), 'axios').text).toBe('https://api.gemini.com/v1/balances');
    expect(joinUrl(s('https://api.gemini.com/'), s('/v1/balances'), 'axios').text).toBe('https://api.gemini.com/v1/balances');
    expect(joinUrl(s('https://api.gemini.com'), s('v1/balances'), 'prefix').text).toBe('https://api.gemini.com/v1/balances');
  });
});

describe('resolveUrl', () => {
  it('resolves new URL(path, base) and its href', () => {
    const sc = parse(`const BASE = 'https://api.gemini.com'; const u = new URL('/v1/balances', BASE); fetch(u.href);`);
    const arg = findNode(sc, AST_NODE_TYPES.MemberExpression, 'u.href');
    expect(resolveUrl(arg, sc)).toMatchObject({ host: 'api.gemini.com', path: '/v1/balances', gemini: true });
  });

  it('resolves a double slash from base + path concatenation', () => {
    const sc = parse(`const BASE = 'https://api.gemini.com/'; const probe = BASE + '/v1/balances';`);
    const init = findNode(sc, AST_NODE_TYPES.BinaryExpression);
    expect(resolveUrl(init, sc)?.path).toBe('//v1/balances');
  });
});
