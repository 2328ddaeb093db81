import { describe, expect, it } from 'vitest';
import {
  GEMINI_ENDPOINTS,
  GEMINI_ROLES,
  GEMINI_WS_ENDPOINTS,
  SIGNED_GET_TEMPLATES,
  isFundMovingPath,
  isPrivatePath,
  isValidRoleCombination,
  matchEndpoint,
  matchWebSocketEndpoint,
  minimumRoles,
  type GeminiEndpoint,
} from '../../src/gemini/endpoints.js';
import { HOLE } from '../../src/gemini/paths.js';

function endpoint(template: string): GeminiEndpoint {
  const found = GEMINI_ENDPOINTS.find((e) => e.template === template);
  if (!found) throw new Error(`not catalogued: ${template}`);
  return found;
}

describe('GEMINI_ENDPOINTS', () => {
  it('has one entry per template and absolute templates only', () => {
    const templates = GEMINI_ENDPOINTS.map((e) => e.template);
    expect(new Set(templates).size).toBe(templates.length);
    for (const t of templates) expect(t).toMatch(/^\/v[12]\/[A-Za-z0-9_./{}-]+$/);
  });

  it('has no two templates that differ only in parameter names', () => {
    const shapes = GEMINI_ENDPOINTS.map((e) => e.template.replace(/\{[^}]+\}/g, '{}'));
    expect(new Set(shapes).size).toBe(shapes.length);
  });

  it('makes public endpoints unsigned GETs without roles', () => {
    for (const e of GEMINI_ENDPOINTS.filter((x) => x.access === 'public')) {
      expect(e, e.template).toMatchObject({ method: 'GET', roles: [], signedGet: false, fundMoving: false });
    }
  });

  it('gives every private endpoint at least one role, and POST unless it is a signed GET', () => {
    for (const e of GEMINI_ENDPOINTS.filter((x) => x.access === 'private')) {
      expect(e.roles.length, e.template).toBeGreaterThan(0);
      expect(e.method, e.template).toBe(e.signedGet ? 'GET' : 'POST');
      for (const r of e.roles) expect(GEMINI_ROLES).toContain(r);
    }
  });

  it('lets only the Fund Manager call fund-moving endpoints', () => {
    for (const e of GEMINI_ENDPOINTS.filter((x) => x.fundMoving)) {
      expect(e, e.template).toMatchObject({ access: 'private', method: 'POST', roles: ['FundManager'] });
    }
  });

  it('includes every public endpoint the protocol doc names', () => {
    for (const t of [
      '/v1/symbols',
      '/v1/symbols/details/{symbol}',
      '/v1/pubticker/{symbol}',
      '/v2/ticker/{symbol}',
      '/v1/book/{symbol}',
      '/v1/trades/{symbol}',
      '/v2/candles/{symbol}/{time_frame}',
      '/v1/pricefeed',
      '/v1/feepromos',
      '/v1/staking/rates',
      '/v1/fundingamount/{symbol}',
      '/v1/riskstats/{symbol}',
    ]) {
      expect(endpoint(t).access, t).toBe('public');
    }
  });

  it('has exactly the four signed GETs of the exchange and the four of prediction markets', () => {
    expect([...SIGNED_GET_TEMPLATES].sort()).toEqual(
      [
        '/v2/fxrate/{symbol}/{timestamp}',
        '/v2/network/{token}',
        '/v2/networks/{network}/assets',
        '/v1/perpetuals/fundingpaymentreport/records.xlsx',
        '/v1/prediction-markets/terms/status',
        '/v1/prediction-markets/maker-rebate/summary/total',
        '/v1/prediction-markets/liquidity-rewards/summary/daily',
        '/v1/prediction-markets/liquidity-rewards/summary/total',
      ].sort(),
    );
  });

  it('catalogues prediction markets: public market data, signed GETs and trading with their roles', () => {
    expect(endpoint('/v1/prediction-markets/events')).toMatchObject({ access: 'public', method: 'GET' });
    expect(matchEndpoint('/v1/prediction-markets/events/BTC100K2028/strike')?.template).toBe('/v1/prediction-markets/events/{eventTicker}/strike');
    // a literal segment wins over the {eventTicker} parameter
    expect(matchEndpoint('/v1/prediction-markets/events/newly-listed')?.template).toBe('/v1/prediction-markets/events/newly-listed');
    expect(endpoint('/v1/prediction-markets/terms/status')).toMatchObject({ access: 'private', method: 'GET', signedGet: true, roles: ['Trader', 'Auditor'] });
    for (const t of ['/v1/prediction-markets/maker-rebate/summary/total', '/v1/prediction-markets/liquidity-rewards/summary/daily', '/v1/prediction-markets/liquidity-rewards/summary/total']) {
      expect(endpoint(t), t).toMatchObject({ access: 'private', method: 'GET', signedGet: true, roles: ['Trader'] });
    }
    for (const t of ['/v1/prediction-markets/order', '/v1/prediction-markets/order/cancel', '/v1/prediction-markets/order/batch', '/v1/prediction-markets/terms/accept']) {
      expect(endpoint(t), t).toMatchObject({ access: 'private', method: 'POST', roles: ['Trader'], fundMoving: false });
    }
    expect(endpoint('/v1/prediction-markets/positions').roles).toEqual(['Trader', 'Auditor']);
    // the query string of a signed GET is part of `request` in Gemini's examples: still the same endpoint
    expect(matchEndpoint('/v1/prediction-markets/liquidity-rewards/summary/daily?dateFrom=2026-05-01&dateTo=2026-05-07')?.signedGet).toBe(true);
    expect(minimumRoles([endpoint('/v1/prediction-markets/terms/status'), endpoint('/v1/prediction-markets/positions')])).toEqual(['Auditor']);
    expect(minimumRoles([endpoint('/v1/prediction-markets/order'), endpoint('/v1/prediction-markets/positions')])).toEqual(['Trader']);
  });

  it('lists the WealthManager role where the spec does, without ever asking for it', () => {
    expect(GEMINI_ROLES).toContain('WealthManager');
    expect(endpoint('/v2/withdraw/{network}/{ticker}/feeEstimate').roles).toContain('WealthManager');
    // "any role" means every role a key can hold, WealthManager included
    expect([...endpoint('/v1/heartbeat').roles].sort()).toEqual([...GEMINI_ROLES].sort());
    expect(minimumRoles([endpoint('/v2/withdraw/{network}/{ticker}/feeEstimate'), endpoint('/v1/balances')])).toEqual(['Auditor']);
  });

  it('gives the Trader the order, instant, wrap and clearing endpoints', () => {
    for (const t of [
      '/v1/order/new',
      '/v1/order/cancel',
      '/v1/order/cancel/all',
      '/v1/order/cancel/session',
      '/v1/order/status',
      '/v1/instant/quote',
      '/v1/instant/execute',
      '/v1/wrap/{symbol}',
      '/v1/clearing/new',
      '/v1/clearing/confirm',
    ]) {
      expect(endpoint(t).roles, t).toEqual(['Trader']);
    }
    for (const t of ['/v1/orders', '/v1/mytrades', '/v1/tradevolume', '/v1/notionalvolume']) {
      expect(endpoint(t).roles, t).toContain('Trader');
    }
  });

  it('lets the Auditor read balances, orders, trades, transfers, the account, heartbeat and roles', () => {
    const readable = ['/v1/balances', '/v1/orders', '/v1/mytrades', '/v2/transfers', '/v1/account', '/v1/heartbeat', '/v1/roles'];
    for (const t of readable) {
      expect(endpoint(t).roles, t).toContain('Auditor');
    }
  });

  it('marks withdrawals, internal transfers and new withdrawal destinations as fund-moving', () => {
    for (const t of [
      '/v1/withdraw/{currency}',
      '/v2/withdraw/{network}/{ticker}',
      '/v1/payments/sen/withdraw',
      '/v1/account/transfer/{currency}',
      '/v1/approvedAddresses/{network}/request',
      '/v1/payments/addbank',
      '/v1/payments/addbank/cad',
    ]) {
      expect(endpoint(t).fundMoving, t).toBe(true);
    }
  });

  it('does not mark fee estimates, deposit addresses, staking or trading as fund-moving', () => {
    for (const t of [
      '/v2/withdraw/{network}/{ticker}/feeEstimate',
      '/v1/withdraw/{currency}/feeEstimate',
      '/v1/deposit/{network}/newAddress',
      '/v1/approvedAddresses/{network}/remove',
      '/v1/staking/stake',
      '/v1/order/new',
      '/v1/balances',
    ]) {
      expect(endpoint(t).fundMoving, t).toBe(false);
    }
  });

  it('requires the Fund Manager for a new deposit address', () => {
    expect(endpoint('/v1/deposit/{network}/newAddress').roles).toEqual(['FundManager']);
  });

  it('requires the Administrator for account creation and renaming', () => {
    expect(endpoint('/v1/account/create').roles).toEqual(['Administrator']);
    expect(endpoint('/v1/account/rename').roles).toEqual(['Administrator']);
  });

  it('flags retired endpoints as legacy and current ones not', () => {
    expect(endpoint('/v1/transfers').legacy).toBe(true);
    // legacy, and still fund-moving: a retired withdrawal still moves the funds out
    for (const t of ['/v1/payments/sen/withdraw', '/v1/withdraw/{currency}']) expect(endpoint(t), t).toMatchObject({ legacy: true, fundMoving: true });
    expect(endpoint('/v2/withdraw/{network}/{ticker}').legacy).toBeUndefined();
    expect(endpoint('/v2/transfers').legacy).toBeUndefined();
  });

  it('is frozen, entries and role lists included', () => {
    expect(Object.isFrozen(GEMINI_ENDPOINTS)).toBe(true);
    for (const e of GEMINI_ENDPOINTS) {
      expect(Object.isFrozen(e), e.template).toBe(true);
      expect(Object.isFrozen(e.roles), e.template).toBe(true);
    }
    expect(Object.isFrozen(SIGNED_GET_TEMPLATES)).toBe(true);
  });
});

describe('matchEndpoint', () => {
  it('matches concrete literal paths', () => {
    expect(matchEndpoint('/v1/order/status')?.template).toBe('/v1/order/status');
    expect(matchEndpoint('/v1/balances')?.template).toBe('/v1/balances');
    expect(matchEndpoint('/v1/balances/staking')?.template).toBe('/v1/balances/staking');
  });

  it('matches parameters with concrete values', () => {
    expect(matchEndpoint('/v1/book/btcusd')?.template).toBe('/v1/book/{symbol}');
    expect(matchEndpoint('/v2/candles/btcusd/15m')?.template).toBe('/v2/candles/{symbol}/{time_frame}');
    expect(matchEndpoint('/v1/withdraw/btc')?.template).toBe('/v1/withdraw/{currency}');
    expect(matchEndpoint('/v2/withdraw/ethereum/usdc')?.template).toBe('/v2/withdraw/{network}/{ticker}');
    expect(matchEndpoint('/v2/withdraw/solana/usdc/feeEstimate')?.template).toBe(
      '/v2/withdraw/{network}/{ticker}/feeEstimate',
    );
  });

  it('ignores the query string and fragment', () => {
    expect(matchEndpoint('/v1/book/btcusd?limit_bids=1&limit_asks=1')?.template).toBe('/v1/book/{symbol}');
    expect(matchEndpoint('/v1/perpetuals/fundingpaymentreport/records.xlsx?numRows=10#x')?.template).toBe(
      '/v1/perpetuals/fundingpaymentreport/records.xlsx',
    );
  });

  it('matches holes against parameter segments', () => {
    expect(matchEndpoint(`/v1/book/${HOLE}`)?.template).toBe('/v1/book/{symbol}');
    expect(matchEndpoint(`/v1/withdraw/${HOLE}`)?.template).toBe('/v1/withdraw/{currency}');
    expect(matchEndpoint(`/v2/withdraw/${HOLE}/${HOLE}`)?.template).toBe('/v2/withdraw/{network}/{ticker}');
    expect(matchEndpoint(`/v1/deposit/${HOLE}/newAddress`)?.template).toBe('/v1/deposit/{network}/newAddress');
    expect(matchEndpoint(`/v1/book/btc${HOLE}`)?.template).toBe('/v1/book/{symbol}');
  });

  it('does not let a pure hole stand for a literal segment', () => {
    expect(matchEndpoint(`/v1/${HOLE}`)).toBeUndefined();
    expect(matchEndpoint(`/v1/order/${HOLE}`)).toBeUndefined();
    expect(matchEndpoint(`/v1/${HOLE}/btcusd`)).toBeUndefined();
    expect(matchEndpoint(`/v1/withdraw/${HOLE}/${HOLE}`)).toBeUndefined();
  });

  it('does not let a hole span several segments', () => {
    expect(matchEndpoint(`/${HOLE}`)).toBeUndefined();
    expect(matchEndpoint(`${HOLE}/balances`)).toBeUndefined();
  });

  it('accepts a partial segment that is consistent with one literal only', () => {
    expect(matchEndpoint(`/v1/order/stat${HOLE}`)?.template).toBe('/v1/order/status');
  });

  it('returns undefined for a partial segment consistent with several literals', () => {
    // clearing/new, clearing/cancel and clearing/trades all have an "e" in their last segment.
    expect(matchEndpoint(`/v1/clearing/${HOLE}e${HOLE}`)).toBeUndefined();
  });

  it('prefers a literal segment over a parameter for a concrete path', () => {
    const list = '/v1/approvedAddresses/account/{network}';
    const request = '/v1/approvedAddresses/{network}/request';
    expect(matchEndpoint('/v1/approvedAddresses/account/ethereum')?.template).toBe(list);
    expect(matchEndpoint('/v1/approvedAddresses/account/request')?.template).toBe(list);
    expect(matchEndpoint('/v1/approvedAddresses/ethereum/request')?.template).toBe(request);
  });

  it('does not guess between a literal and a parameter where the input has a hole', () => {
    expect(matchEndpoint(`/v1/approvedAddresses/${HOLE}/request`)?.template).toBe('/v1/approvedAddresses/{network}/request');
    expect(matchEndpoint(`/v1/approvedAddresses/acc${HOLE}/request`)).toBeUndefined();
  });

  it('rejects near-miss paths', () => {
    expect(matchEndpoint('/balances')).toBeUndefined();
    expect(matchEndpoint('v1/balances')).toBeUndefined();
    expect(matchEndpoint('//v1/balances')).toBeUndefined();
    expect(matchEndpoint('/v1/balances/')).toBeUndefined();
    expect(matchEndpoint('/v1/book/')).toBeUndefined();
    expect(matchEndpoint('/v1/Balances')).toBeUndefined();
    expect(matchEndpoint('/api/v3/order')).toBeUndefined();
    expect(matchEndpoint('/v1beta/models/gemini-pro:generateContent')).toBeUndefined();
    expect(matchEndpoint('')).toBeUndefined();
    expect(matchEndpoint('/')).toBeUndefined();
  });

  it('matches every catalogued template against itself and a filled-in example', () => {
    for (const e of GEMINI_ENDPOINTS) {
      expect(matchEndpoint(e.template), e.template).toBe(e);
      expect(matchEndpoint(e.template.replace(/\{[^}]+\}/g, 'xyz')), e.template).toBe(e);
      expect(matchEndpoint(e.template.replace(/\{[^}]+\}/g, HOLE)), e.template).toBe(e);
    }
  });
});

describe('isPrivatePath and isFundMovingPath', () => {
  it('classify catalogued paths', () => {
    expect(isPrivatePath('/v1/order/new')).toBe(true);
    expect(isPrivatePath('/v2/fxrate/audusd/1594651859000')).toBe(true);
    expect(isPrivatePath('/v1/pubticker/btcusd')).toBe(false);
    expect(isFundMovingPath(`/v1/withdraw/${HOLE}`)).toBe(true);
    expect(isFundMovingPath('/v2/withdraw/ethereum/eth/feeEstimate')).toBe(false);
    expect(isFundMovingPath('/v1/balances')).toBe(false);
  });

  it('say false for unknown paths', () => {
    expect(isPrivatePath('/v1/unknown')).toBe(false);
    expect(isFundMovingPath(`/v1/${HOLE}`)).toBe(false);
  });
});

describe('matchWebSocketEndpoint', () => {
  it('matches the legacy feeds', () => {
    expect(matchWebSocketEndpoint('/v1/order/events?heartbeat=true')).toMatchObject({
      access: 'private',
      roles: ['Trader', 'Auditor'],
    });
    expect(matchWebSocketEndpoint(`/v1/marketdata/${HOLE}`)).toMatchObject({ access: 'public' });
    expect(matchWebSocketEndpoint('/v2/marketdata')).toMatchObject({ access: 'public' });
    expect(GEMINI_WS_ENDPOINTS).toHaveLength(3);
  });

  it('does not match REST paths', () => {
    expect(matchWebSocketEndpoint('/v1/order/status')).toBeUndefined();
    expect(matchWebSocketEndpoint('/')).toBeUndefined();
  });
});

describe('isValidRoleCombination', () => {
  it('allows Trader with Fund Manager and Auditor alone', () => {
    expect(isValidRoleCombination(['Trader', 'FundManager'])).toBe(true);
    expect(isValidRoleCombination(['Auditor'])).toBe(true);
    expect(isValidRoleCombination([])).toBe(true);
  });

  it('rejects Auditor with any other role', () => {
    expect(isValidRoleCombination(['Auditor', 'Trader'])).toBe(false);
  });
});

describe('minimumRoles', () => {
  const e = endpoint;

  it('needs no role for public endpoints only', () => {
    expect(minimumRoles([])).toEqual([]);
    expect(minimumRoles([e('/v1/symbols'), e('/v1/book/{symbol}')])).toEqual([]);
  });

  it('suggests Auditor alone when everything is Auditor-readable', () => {
    expect(minimumRoles([e('/v1/balances'), e('/v1/mytrades'), e('/v2/transfers'), e('/v1/symbols')])).toEqual(['Auditor']);
    expect(minimumRoles([e('/v2/fxrate/{symbol}/{timestamp}')])).toEqual(['Auditor']);
  });

  it('suggests Trader as soon as an order is placed', () => {
    expect(minimumRoles([e('/v1/balances'), e('/v1/order/new')])).toEqual(['Trader']);
  });

  it('suggests Fund Manager alone for withdrawals plus balances', () => {
    expect(minimumRoles([e('/v1/withdraw/{currency}'), e('/v1/balances')])).toEqual(['FundManager']);
  });

  it('combines Trader and Fund Manager when both trading and withdrawals are needed', () => {
    expect(minimumRoles([e('/v1/order/new'), e('/v2/withdraw/{network}/{ticker}')])).toEqual(['Trader', 'FundManager']);
  });

  it('adds Administrator only for account administration', () => {
    expect(minimumRoles([e('/v1/account/create')])).toEqual(['Administrator']);
    expect(minimumRoles([e('/v1/account/create'), e('/v1/order/new')])).toEqual(['Trader', 'Administrator']);
    expect(minimumRoles([e('/v1/account/list')])).toEqual(['Auditor']);
  });

  it('returns an invalid combination when no single key can do it', () => {
    const roles = minimumRoles([e('/v2/fxrate/{symbol}/{timestamp}'), e('/v1/order/new')]);
    expect(roles).toEqual(['Auditor', 'Trader']);
    expect(isValidRoleCombination(roles)).toBe(false);
  });
});
