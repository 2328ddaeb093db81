import type { ClientDescriptor } from '../types.js';
import { configObjectClient } from './config-object.js';
import { AXIOS, configuredClient, GOT, KY, REQUEST } from './configured.js';
import { fetchClient, undiciRequestClient } from './fetch.js';
import { angularHttpClient, nestHttpClient } from './frameworks.js';
import { needleClient } from './needle.js';
import { nodeHttpClient } from './node-http.js';
import { ofetchClient } from './ofetch.js';
import { superagentClient } from './superagent.js';
import { urlFetchAppClient } from './url-fetch-app.js';
import { webSocketClient } from './websocket.js';

/**
 * Every HTTP and WebSocket client family the analysis recognises, one descriptor each, tried in
 * this order (the first that recognises a call wins). The request-config catch-all comes last,
 * after every client that reads config objects itself.
 *
 * Adding a client:
 * 1. write `clients/<name>.ts` exporting a {@link ClientDescriptor}: its `id`, the `words` a file
 *    using it must contain (module name, global), and `recognise`, which returns an `HttpCall`
 *    (URL, method and where it is written, headers, body, options) or `undefined`. The helpers in
 *    `shared.ts` read the usual shapes (`fromUrlAndOptions` for `client(url, options)`,
 *    `configuredClient` for a module with per-method members and instances with a base URL);
 * 2. declare `callee`: call or `new`, the member names its callee can end in and the modules it
 *    comes from (most calls of a file are then never handed to `recognise`; it must admit every
 *    call `recognise` accepts, which test/analysis/requests/callee-gate.test.ts checks on its
 *    shapes: add yours there). Set `instanceDefaults`, `websocket`, `urlFromOptions` or
 *    `headersMayBeAddedLater` if the client has them;
 * 3. list it here, and add RuleTester cases (a signed call, an unsigned one, a GET, and the same
 *    client talking to another exchange) to test/rules/no-unsigned-private-request.clients.test.ts.
 * Nothing else names clients: the prefilter and the rules read these descriptors.
 */
export const CLIENTS: readonly ClientDescriptor[] = [
  fetchClient,
  undiciRequestClient,
  nodeHttpClient,
  superagentClient,
  webSocketClient,
  configuredClient(AXIOS),
  configuredClient(GOT),
  configuredClient(KY),
  configuredClient(REQUEST),
  needleClient,
  ofetchClient,
  urlFetchAppClient,
  nestHttpClient,
  angularHttpClient,
  configObjectClient,
];

const BY_ID = new Map(CLIENTS.map((c) => [c.id, c]));

/** The descriptor of a client family by its id (`HttpCall.client`). */
export function clientDescriptor(id: string): ClientDescriptor | undefined {
  return BY_ID.get(id);
}

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Per descriptor, the pattern its words make: a file whose text matches none skips it. */
export const CLIENT_WORD_PATTERNS: ReadonlyMap<ClientDescriptor, RegExp> = new Map(
  CLIENTS.map((c) => [c, new RegExp(c.words.map(escape).join('|'))]),
);

/** Any word of any client: a file without one sends no request the analysis can see. */
export const ANY_CLIENT_WORD: RegExp = new RegExp(CLIENTS.flatMap((c) => c.words).map(escape).join('|'));
