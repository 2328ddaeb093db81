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
 * this order (the first that recognises a call wins). To support a new client, add its descriptor
 * here: the text prefilter and the per-family properties rules rely on come from this list.
 * The request-config catch-all comes last, after every client that reads config objects itself.
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
