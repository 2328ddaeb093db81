/**
 * The Gemini exchange REST endpoint catalog: the single source of truth for which paths exist,
 * which are private, which HTTP method they take, which API-key roles may call them and which move
 * funds out of an account.
 *
 * Sources: Gemini's OpenAPI descriptions in the public repository gemini/developer-platform —
 * `specs/openapi/rest.yaml` (each operation's "Roles" paragraph) and
 * `specs/openapi/prediction-markets.yaml` — its REST and WebSocket documentation at
 * developer.gemini.com, and, for endpoints the description no longer lists (`legacy: true`), the
 * endpoint tables of public client libraries.
 *
 * Each catalog entry names its source in a trailing comment: a bare identifier is the operation's
 * operationId (in rest.yaml, or in prediction-markets.yaml for the prediction-markets group);
 * `docs: <path>` is a developer.gemini.com page; `source: ...` names where an entry absent from the
 * specs was confirmed (a client library's endpoint table, or a spec note retiring the v1 endpoint).
 */
import { TemplateMatcher } from './template-matcher.js';

/**
 * A role an API key can hold. Trader is the default; Trader and Fund Manager combine; Auditor is
 * read-only and cannot be combined; Administrator exists on master keys only.
 */
export type GeminiRole = 'Trader' | 'FundManager' | 'Auditor' | 'WealthManager' | 'Administrator';

/**
 * Every role, least privileged first: the order {@link minimumRoles} and messages use. The spec
 * also names a `WealthManager` role (rest.yaml, getGasFeeEstimation); no endpoint needs it
 * alone, so it never appears in a least-privilege answer.
 */
export const GEMINI_ROLES: readonly GeminiRole[] = Object.freeze(['Auditor', 'Trader', 'FundManager', 'WealthManager', 'Administrator']);

/** One REST endpoint of the Gemini exchange. */
export interface GeminiEndpoint {
  /** Absolute path template, e.g. `/v1/withdraw/{currency}`; `{name}` segments are parameters. */
  template: string;
  /** `public` endpoints are unsigned; `private` ones need the `X-GEMINI-*` headers. */
  access: 'public' | 'private';
  /** The HTTP method Gemini expects; private endpoints are `POST` except the {@link SIGNED_GET_TEMPLATES}. */
  method: 'GET' | 'POST';
  /** Roles any one of which lets a key call it; `[]` for public endpoints. */
  roles: readonly GeminiRole[];
  /**
   * Moves funds out of the account or opens a new way to: withdrawals, internal transfers between
   * accounts, and new withdrawal destinations (approved addresses, bank accounts). Fee estimates,
   * new deposit addresses, staking and trading are not fund-moving.
   */
  fundMoving: boolean;
  /** A private endpoint called with a signed `GET` rather than `POST`. */
  signedGet: boolean;
  /** What it does, in a few words (used in messages). */
  summary: string;
  /**
   * The endpoint is absent from Gemini's current OpenAPI description (retired or being retired in
   * favour of a `v2` endpoint) but still appears in client code; omitted when false.
   */
  legacy?: boolean;
}

// Role lists, spelled once. "Any role" in Gemini's docs means a key with whatever role it has.
const NONE: readonly GeminiRole[] = Object.freeze([]);
const TRADER: readonly GeminiRole[] = Object.freeze(['Trader']);
const TRADER_AUDITOR: readonly GeminiRole[] = Object.freeze(['Trader', 'Auditor']);
const TRADER_FUND_MANAGER: readonly GeminiRole[] = Object.freeze(['Trader', 'FundManager']);
const READERS: readonly GeminiRole[] = Object.freeze(['Trader', 'FundManager', 'Auditor']);
const ANY_ROLE: readonly GeminiRole[] = Object.freeze(['Trader', 'FundManager', 'Auditor', 'WealthManager', 'Administrator']);
const FUND_MANAGER: readonly GeminiRole[] = Object.freeze(['FundManager']);
const FUND_MANAGER_AUDITOR: readonly GeminiRole[] = Object.freeze(['FundManager', 'Auditor']);
const AUDITOR: readonly GeminiRole[] = Object.freeze(['Auditor']);
const ADMINISTRATOR: readonly GeminiRole[] = Object.freeze(['Administrator']);

function publicGet(template: string, summary: string, legacy = false): GeminiEndpoint {
  const endpoint: GeminiEndpoint = {
    template,
    access: 'public',
    method: 'GET',
    roles: NONE,
    fundMoving: false,
    signedGet: false,
    summary,
  };
  return withLegacy(endpoint, legacy);
}

function signedGet(template: string, roles: readonly GeminiRole[], summary: string): GeminiEndpoint {
  return { template, access: 'private', method: 'GET', roles, fundMoving: false, signedGet: true, summary };
}

function post(template: string, roles: readonly GeminiRole[], summary: string, legacy = false): GeminiEndpoint {
  const endpoint: GeminiEndpoint = {
    template,
    access: 'private',
    method: 'POST',
    roles,
    fundMoving: false,
    signedGet: false,
    summary,
  };
  return withLegacy(endpoint, legacy);
}

function fundMovingPost(template: string, summary: string, legacy = false): GeminiEndpoint {
  return withLegacy({ ...post(template, FUND_MANAGER, summary), fundMoving: true }, legacy);
}

function withLegacy(endpoint: GeminiEndpoint, legacy: boolean): GeminiEndpoint {
  return legacy ? { ...endpoint, legacy: true } : endpoint;
}

// The catalog is shared by every rule in a lint run: freeze it so no rule can change it for the others.
function freezeAll<T extends object>(items: T[]): readonly Readonly<T>[] {
  return Object.freeze(items.map((item) => Object.freeze(item)));
}

/** Every known Gemini exchange REST endpoint. */
export const GEMINI_ENDPOINTS: readonly GeminiEndpoint[] = freezeAll([
  // Market data (public, unsigned GET).
  publicGet('/v1/symbols', 'list symbols'), // listSymbols
  publicGet('/v1/symbols/details/{symbol}', 'get symbol details'), // getSymbolDetails
  publicGet('/v1/pubticker/{symbol}', 'get ticker'), // getTicker
  publicGet('/v2/ticker/{symbol}', 'get ticker (v2)'), // getTickerV2
  publicGet('/v1/book/{symbol}', 'get current order book'), // getCurrentOrderBook
  publicGet('/v1/trades/{symbol}', 'list recent trades'), // listTrades
  publicGet('/v2/candles/{symbol}/{time_frame}', 'list candles'), // listCandles
  publicGet('/v2/derivatives/candles/{symbol}/{time_frame}', 'list derivative candles'), // listDerivativeCandles
  publicGet('/v1/pricefeed', 'list prices'), // listPrices
  publicGet('/v1/feepromos', 'list fee promos'), // listFeePromos
  publicGet('/v1/staking/rates', 'list staking rates'), // listStakingRates
  publicGet('/v1/fundingamount/{symbol}', 'get funding amount'), // getFundingAmount
  publicGet('/v1/nextfundingtimestamp/{symbol}', 'get next funding timestamp'), // getNextFundingTimestamp
  publicGet('/v1/fundingamountreport/records.xlsx', 'get funding amount report file'), // getFundingAmountReportFile
  publicGet('/v1/riskstats/{symbol}', 'get risk stats'), // getRiskStats
  publicGet('/v1/network/{token}', 'get network (v1)', true), // source: rest.yaml getTokenNetworkV2 ("The v1 network endpoint is being retired")
  publicGet('/v1/auction/{symbol}', 'get current auction', true), // source: ccxt gemini API table
  publicGet('/v1/auction/{symbol}/history', 'get auction history', true), // source: ccxt gemini API table
  publicGet('/v1/earn/rates', 'list Earn rates', true), // source: ccxt gemini API table

  // The only signed GETs of the exchange API (rest.yaml); prediction markets add theirs below.
  signedGet('/v2/fxrate/{symbol}/{timestamp}', AUDITOR, 'get historical FX rate'), // getFXRate
  signedGet('/v2/network/{token}', FUND_MANAGER_AUDITOR, 'get networks for a token'), // getTokenNetworkV2
  signedGet('/v2/networks/{network}/assets', FUND_MANAGER_AUDITOR, 'get assets for a network'), // getAssetsForNetwork
  signedGet('/v1/perpetuals/fundingpaymentreport/records.xlsx', TRADER_AUDITOR, 'get funding payment report file'), // getFundingPaymentReportFile

  // Orders.
  post('/v1/order/new', TRADER, 'create new order'), // createNewOrder
  post('/v1/order/cancel', TRADER, 'cancel order'), // cancelOrder
  post('/v1/order/cancel/all', TRADER, 'cancel all active orders'), // cancelAllActiveOrders
  post('/v1/order/cancel/session', TRADER, 'cancel all session orders'), // cancelAllSessionOrders
  post('/v1/order/status', TRADER, 'get order status'), // getOrderStatus
  post('/v1/orders', TRADER_AUDITOR, 'list active orders'), // listActiveOrders
  post('/v1/orders/history', TRADER_AUDITOR, 'list past orders'), // listPastOrders
  post('/v1/mytrades', TRADER_AUDITOR, 'list past trades'), // listPastTrades
  post('/v1/tradevolume', TRADER_AUDITOR, 'get trading volume'), // getTradingVolume
  post('/v1/notionalvolume', TRADER_AUDITOR, 'get notional trading volume'), // getNotionalTradingVolume
  post('/v1/wrap/{symbol}', TRADER, 'wrap order'), // wrapOrder

  // Margin trading.
  post('/v1/margin/account', READERS, 'get margin account summary'), // getMarginAccount
  post('/v1/margin/rates', READERS, 'get margin interest rates'), // getMarginRates
  post('/v1/margin/order/preview', TRADER_AUDITOR, 'preview margin order impact'), // previewMarginOrder

  // Session.
  post('/v1/heartbeat', ANY_ROLE, 'heartbeat'), // sendHeartbeat

  // Fund management: read-only.
  post('/v1/balances', READERS, 'get available balances'), // getAvailableBalances
  post('/v1/notionalbalances/{currency}', READERS, 'get notional balances'), // getNotionalBalances
  post('/v1/addresses/{network}', READERS, 'list deposit addresses'), // listDepositAddresses
  post('/v2/transfers', READERS, 'list past transfers'), // listPastTransfers
  post('/v1/transfers', READERS, 'list past transfers (v1)', true), // source: ccxt gemini API table; rest.yaml listPastTransfers ("The v1 transfers endpoint is being retired")
  post('/v1/custodyaccountfees', READERS, 'list custody fee transfers'), // listCustodyFeeTransfers
  post('/v1/transactions', READERS, 'get transaction history'), // getTransactionHistory
  post('/v1/payments/methods', ANY_ROLE, 'list payment methods'), // listPaymentMethods
  post('/v1/approvedAddresses/account/{network}', ANY_ROLE, 'list approved addresses'), // listApprovedAddresses
  // Fee estimates move nothing, and Gemini lets any role ask for them (the spec lists Trader, Fund
  // Manager, Auditor, WealthManager and Administrator: rest.yaml getGasFeeEstimation).
  post('/v2/withdraw/{network}/{ticker}/feeEstimate', ANY_ROLE, 'get withdrawal fee estimate'), // getGasFeeEstimation
  post('/v1/withdraw/{currency}/feeEstimate', ANY_ROLE, 'get withdrawal fee estimate (v1)', true), // source: rest.yaml getGasFeeEstimation ("The v1 fee estimation endpoint is being retired")
  // A new deposit address needs the Fund Manager role but only lets funds in, so it is not
  // fund-moving: `no-withdrawal-endpoints` should not fire on it.
  post('/v1/deposit/{network}/newAddress', FUND_MANAGER, 'create new deposit address'), // createNewDepositAddress
  // Removing an approved address narrows where funds may go.
  post('/v1/approvedAddresses/{network}/remove', FUND_MANAGER, 'remove approved address'), // removeApprovedAddress

  // Fund management: moves funds or adds a withdrawal destination.
  // Legacy (docs: being retired in favour of /v2/withdraw/{network}/{ticker}), still fund-moving.
  fundMovingPost('/v1/withdraw/{currency}', 'withdraw crypto funds', true), // source: ccxt gemini API table; rest.yaml withdrawCryptoFunds ("The v1 withdraw endpoint is being retired")
  fundMovingPost('/v2/withdraw/{network}/{ticker}', 'withdraw crypto funds'), // withdrawCryptoFunds
  // Legacy (docs: SEN withdrawals, absent from rest.yaml), still fund-moving.
  fundMovingPost('/v1/payments/sen/withdraw', 'withdraw USD via SEN', true), // source: ccxt gemini API table
  // Master keys only; between accounts of one group, but non-exchange legs go on-chain.
  fundMovingPost('/v1/account/transfer/{currency}', 'transfer between accounts'), // transferBetweenAccounts
  fundMovingPost('/v1/approvedAddresses/{network}/request', 'create new approved withdrawal address'), // createNewApprovedAddress
  fundMovingPost('/v1/payments/addbank', 'add bank account'), // addBank
  fundMovingPost('/v1/payments/addbank/cad', 'add CAD bank account'), // addBankCAD

  // Clearing.
  post('/v1/clearing/new', TRADER, 'create new clearing order'), // createNewClearingOrder
  post('/v1/clearing/status', TRADER, 'get clearing order status'), // getClearingOrder
  post('/v1/clearing/cancel', TRADER, 'cancel clearing order'), // cancelClearingOrder
  post('/v1/clearing/confirm', TRADER, 'confirm clearing order'), // confirmClearingOrder
  post('/v1/clearing/list', TRADER, 'list clearing orders'), // listClearingOrders
  post('/v1/clearing/broker/list', TRADER, 'list clearing broker orders'), // listClearingBrokers
  post('/v1/clearing/broker/new', TRADER, 'create new broker clearing order'), // createNewBrokerOrder
  post('/v1/clearing/trades', TRADER, 'list clearing trades'), // listClearingTrades

  // Instant.
  post('/v1/instant/quote', TRADER, 'get instant quote'), // getInstantQuote
  post('/v1/instant/execute', TRADER, 'execute instant order'), // executeInstantOrder

  // Account administration.
  post('/v1/account', ANY_ROLE, 'get account detail'), // getAccountDetail
  post('/v1/account/create', ADMINISTRATOR, 'create new account'), // createNewAccount
  post('/v1/account/rename', ADMINISTRATOR, 'rename account'), // renameAccount
  // Needs a master key rather than a particular role.
  post('/v1/account/list', ANY_ROLE, 'list accounts in group'), // listAccountsInGroup
  post('/v1/roles', ANY_ROLE, "get the key's roles"), // getRoles
  post('/v1/oauth/revokeByToken', ANY_ROLE, 'revoke OAuth token'), // revokeOAuthToken

  // Staking: funds stay with Gemini, so not fund-moving.
  post('/v1/balances/staking', READERS, 'list staking balances'), // listStakingBalances
  post('/v1/staking/stake', TRADER_FUND_MANAGER, 'stake crypto funds'), // stakeCryptoFunds
  post('/v1/staking/unstake', TRADER_FUND_MANAGER, 'unstake crypto funds'), // unstakeCryptoFunds
  post('/v1/staking/history', READERS, 'list staking history'), // listStakingEventHistory
  post('/v1/staking/rewards', READERS, 'list staking rewards'), // listStakingRewards

  // Earn (programme ended).
  post('/v1/balances/earn', READERS, 'list Earn balances', true), // source: ccxt gemini API table
  post('/v1/earn/interest', READERS, 'list Earn interest', true), // source: ccxt gemini API table
  post('/v1/earn/history', READERS, 'list Earn history', true), // source: ccxt gemini API table

  // Derivatives.
  post('/v1/margin', TRADER_AUDITOR, 'get account margin'), // getAccountMargin
  post('/v1/positions', TRADER_AUDITOR, 'get open positions'), // getOpenPositions
  post('/v1/perpetuals/fundingPayment', TRADER_AUDITOR, 'list funding payments'), // listFundingPayments
  post('/v1/perpetuals/fundingpaymentreport/records.json', TRADER_AUDITOR, 'get funding payment report'), // getFundingPaymentReportJson

  // Prediction markets (prediction-markets.yaml). The spec states permissions rather than roles:
  // NewOrder and CancelOrder are the Trader's; OrderStatus reads are open to Trader and Auditor.
  // `/v1/prediction-markets/combos` is also a signed POST (createCombo), but one template has one
  // entry: it stays public so that listing combos is never reported as an unsigned private call.
  publicGet('/v1/prediction-markets/events', 'list prediction-market events'), // listEvents
  publicGet('/v1/prediction-markets/events/{eventTicker}', 'get prediction-market event'), // getEvent
  publicGet('/v1/prediction-markets/events/{eventTicker}/strike', 'get prediction-market event strike'), // getEventStrike
  publicGet('/v1/prediction-markets/events/newly-listed', 'list newly listed prediction-market events'), // listNewlyListedEvents
  publicGet('/v1/prediction-markets/events/recently-settled', 'list recently settled prediction-market events'), // listRecentlySettledEvents
  publicGet('/v1/prediction-markets/events/upcoming', 'list upcoming prediction-market events'), // listUpcomingEvents
  publicGet('/v1/prediction-markets/categories', 'list prediction-market categories'), // getCategories
  publicGet('/v1/prediction-markets/volume/{date}', 'get daily prediction-market volume'), // getPredictionMarketDailyVolume
  publicGet('/v1/prediction-markets/volume/{date}/hourly', 'get hourly prediction-market volume'), // getPredictionMarketHourlyVolume
  publicGet('/v1/prediction-markets/terms', 'get prediction-market terms'), // getPredictionMarketsTerms
  publicGet('/v1/prediction-markets/combos', 'list prediction-market combos'), // listCombos (createCombo: see above)
  publicGet('/v1/prediction-markets/combos/{instrumentSymbol}', 'get prediction-market combo'), // getComboByInstrumentSymbol
  publicGet('/v1/prediction-markets/maker-rebate/rates', 'get maker-rebate rates'), // getMakerRebateRates
  publicGet('/v1/prediction-markets/liquidity-rewards/config', 'get liquidity-rewards config'), // getLiquidityRewardsConfig
  publicGet('/v1/prediction-markets/liquidity-rewards/events', 'list liquidity-rewards events'), // listLiquidityRewardsEvents
  signedGet('/v1/prediction-markets/terms/status', TRADER_AUDITOR, 'get prediction-market terms status'), // getPredictionMarketsTermsStatus
  signedGet('/v1/prediction-markets/maker-rebate/summary/total', TRADER, 'get maker-rebate lifetime summary'), // getMakerRebateLifetimeSummary
  signedGet('/v1/prediction-markets/liquidity-rewards/summary/daily', TRADER, 'get liquidity-rewards daily summary'), // getLiquidityRewardsDailySummary
  signedGet('/v1/prediction-markets/liquidity-rewards/summary/total', TRADER, 'get liquidity-rewards lifetime summary'), // getLiquidityRewardsLifetimeSummary
  post('/v1/prediction-markets/terms/accept', TRADER, 'accept prediction-market terms'), // acceptPredictionMarketsTerms
  post('/v1/prediction-markets/order', TRADER, 'place prediction-market order'), // placeOrder
  post('/v1/prediction-markets/order/batch', TRADER, 'place prediction-market orders'), // placeOrderBatch
  post('/v1/prediction-markets/order/cancel', TRADER, 'cancel prediction-market order'), // cancelOrder
  post('/v1/prediction-markets/order/batch/cancel', TRADER, 'cancel prediction-market orders'), // cancelOrderBatch
  post('/v1/prediction-markets/orders/active', TRADER_AUDITOR, 'list active prediction-market orders'), // getActiveOrders
  post('/v1/prediction-markets/orders/history', TRADER_AUDITOR, 'list past prediction-market orders'), // getOrderHistory
  post('/v1/prediction-markets/positions', TRADER_AUDITOR, 'get prediction-market positions'), // getPositions
  post('/v1/prediction-markets/positions/settled', TRADER_AUDITOR, 'get settled prediction-market positions'), // getSettledPositions
  post('/v1/prediction-markets/metrics/volume', TRADER_AUDITOR, 'get prediction-market volume metrics'), // getVolumeMetrics
  post('/v1/prediction-markets/maker-rebate/payouts', TRADER, 'list maker-rebate payouts'), // listMakerRebatePayouts
]);

/** The templates of the private endpoints Gemini calls with a signed `GET` (exchange and prediction markets). */
export const SIGNED_GET_TEMPLATES: readonly string[] = Object.freeze(
  GEMINI_ENDPOINTS.filter((e) => e.signedGet).map((e) => e.template),
);

const REST_MATCHER = new TemplateMatcher(GEMINI_ENDPOINTS);

/**
 * The catalogued endpoint a path refers to, or `undefined`. The path may be concrete or contain
 * `HOLE`s (see `paths.ts`) from template literals, as in `/v1/book/\0` or `/v1/withdraw/\0`; its
 * query string and fragment are ignored. A `{param}` segment takes any non-empty segment; a hole
 * never spans segments; a pure-hole segment never matches a literal segment (`/v1/\0` matches
 * nothing); literal templates win over parameter templates; an ambiguous match gives `undefined`.
 */
export function matchEndpoint(path: string): GeminiEndpoint | undefined {
  return REST_MATCHER.match(path);
}

/** True when the path is a catalogued private (signed) endpoint. */
export function isPrivatePath(path: string): boolean {
  return matchEndpoint(path)?.access === 'private';
}

/** True when the path is a catalogued fund-moving endpoint (see {@link GeminiEndpoint.fundMoving}). */
export function isFundMovingPath(path: string): boolean {
  return matchEndpoint(path)?.fundMoving === true;
}

/** One endpoint of Gemini's legacy path-addressed WebSocket API. */
export interface GeminiWebSocketEndpoint {
  /** Path template on the WebSocket host. */
  template: string;
  /** `private` feeds need the same three `X-GEMINI-*` headers as REST on the upgrade request. */
  access: 'public' | 'private';
  /** Roles any one of which may open it; `[]` for public feeds. */
  roles: readonly GeminiRole[];
  /** What it streams. */
  summary: string;
}

/**
 * The legacy WebSocket feeds on `api.gemini.com`. The newer API on `ws.gemini.com` is addressed by
 * subscription messages rather than by path, so it has no entries here.
 */
export const GEMINI_WS_ENDPOINTS: readonly GeminiWebSocketEndpoint[] = freezeAll([
  // None of these is in specs/asyncapi/websocket.yaml, which describes ws.gemini.com only.
  { template: '/v1/order/events', access: 'private', roles: TRADER_AUDITOR, summary: 'order events' }, // docs: /websocket/order-events/about
  { template: '/v1/marketdata/{symbol}', access: 'public', roles: NONE, summary: 'market data (v1)' }, // source: ccapi (crypto-chassis) Gemini WebSocket base URL
  { template: '/v2/marketdata', access: 'public', roles: NONE, summary: 'market data (v2)' }, // source: ccxt pro gemini (docs.gemini.com/websocket-api/#market-data-version-2)
]);

const WS_MATCHER = new TemplateMatcher(GEMINI_WS_ENDPOINTS);

/** The legacy WebSocket feed a path refers to, with the same matching rules as {@link matchEndpoint}. */
export function matchWebSocketEndpoint(path: string): GeminiWebSocketEndpoint | undefined {
  return WS_MATCHER.match(path);
}

/**
 * True for a role set one API key can hold: Auditor only alone, Administrator only on master keys
 * (not checked here), Trader and Fund Manager together or apart.
 */
export function isValidRoleCombination(roles: readonly GeminiRole[]): boolean {
  return !(roles.includes('Auditor') && roles.length > 1);
}

// Every key a user can create, least privileged first: read-only, then trading, then moving funds,
// then account administration. The first one that can call every endpoint is the answer.
const ROLE_SETS_BY_PRIVILEGE: readonly (readonly GeminiRole[])[] = [
  ['Auditor'],
  ['Trader'],
  ['FundManager'],
  ['Trader', 'FundManager'],
  ['Administrator'],
  ['Trader', 'Administrator'],
  ['FundManager', 'Administrator'],
  ['Trader', 'FundManager', 'Administrator'],
];

function covers(set: readonly GeminiRole[], endpoints: readonly GeminiEndpoint[]): boolean {
  return endpoints.every((e) => e.access === 'public' || e.roles.some((r) => set.includes(r)));
}

/**
 * The least-privilege role set for one API key that can call every endpoint given: `[]` when all
 * are public, `['Auditor']` when everything is Auditor-readable, else `Trader`, `FundManager`
 * (fund-moving endpoints), `Trader`+`FundManager`, and Administrator combinations.
 * When no single key can do it — an Auditor-only endpoint (`/v2/fxrate/...`) together with a
 * Trader- or Fund-Manager-only one — the result is the smallest covering union, which contains
 * Auditor and another role; {@link isValidRoleCombination} then says two keys are needed.
 */
export function minimumRoles(endpoints: readonly GeminiEndpoint[]): GeminiRole[] {
  const needing = endpoints.filter((e) => e.access === 'private' && e.roles.length > 0);
  if (needing.length === 0) return [];
  const valid = ROLE_SETS_BY_PRIVILEGE.find((set) => covers(set, needing));
  if (valid) return [...valid];
  // No single key works: add Auditor for the endpoints only it can read, to the cheapest key for the rest.
  const rest = needing.filter((e) => e.roles.some((r) => r !== 'Auditor'));
  const forRest = ROLE_SETS_BY_PRIVILEGE.find((set) => !set.includes('Auditor') && covers(set, rest)) ?? [];
  return GEMINI_ROLES.filter((r) => r === 'Auditor' || forRest.includes(r));
}

/** How Gemini names each role in its account settings. */
const ROLE_NAMES: Record<GeminiRole, string> = { Auditor: 'Auditor', Trader: 'Trader', FundManager: 'Fund Manager', WealthManager: 'Wealth Manager', Administrator: 'Administrator' };

/** `['Trader', 'FundManager']` → `Trader + Fund Manager`; with `or`: `Auditor, Trader or Fund Manager`. */
export function formatRoles(roles: readonly GeminiRole[], joiner: ' + ' | 'or' = ' + '): string {
  if (roles.length === 0) return 'none (public endpoints only)';
  const names = GEMINI_ROLES.filter((r) => roles.includes(r)).map((r) => ROLE_NAMES[r]);
  if (joiner === ' + ' || names.length === 1) return names.join(joiner === 'or' ? '' : joiner);
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
