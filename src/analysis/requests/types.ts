import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ResolvedUrl } from './urls.js';
import type { JoinMode } from '../values/url-join.js';
import type { StaticString } from '../values/values.js';

/** The `SourceCode` every recogniser works on. */
export type SourceCode = Readonly<TSESLint.SourceCode>;

/** One statically named header. */
export interface HeaderEntry {
  name: string;
  /** The key (or the `.set()` name argument); where a report about a header points. */
  nameNode: TSESTree.Node;
  valueNode: TSESTree.Node;
}

/** The headers a request sends, as far as the file shows. */
export interface HeaderSet {
  entries: HeaderEntry[];
  /** `false` when headers come from something unseen (an import, a parameter, an unknown spread). */
  complete: boolean;
}

/** A recognised request. */
export interface HttpCall {
  /** The call (or `new`) expression that sends the request. */
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The {@link ClientDescriptor.id} of the client family that recognised it. */
  client: string;
  /** The target (URL, path, or for `https.request` the options object). */
  urlNode?: TSESTree.Node;
  url?: ResolvedUrl;
  /** Upper-case HTTP method; `undefined` when it cannot be known statically. */
  method?: string;
  /** Where the method is written (`method: 'GET'` value, or the callee property `get`). */
  methodNode?: TSESTree.Node;
  headers: HeaderSet;
  bodyNode?: TSESTree.Node;
  /** The options / config object argument, when there is one. */
  optionsNode?: TSESTree.Node;
  /**
   * For a configured client (axios `baseURL`, got/ky `prefixUrl`, request `baseUrl`): the base the
   * path in {@link urlNode} was joined to, and how. Lets a rule recompute {@link url} for another
   * value of the path (e.g. what one call site of a helper passes).
   */
  urlBase?: { base: StaticString; join: JoinMode };
}

/**
 * One HTTP or WebSocket client family: how to recognise its calls and read their URL, method,
 * headers and body, and what its files must say. Every family is one entry of `CLIENTS`
 * (clients/index.ts); the text prefilter and everything else that depends on the list of clients
 * is derived from there, so adding a client is adding one descriptor.
 */
export interface ClientDescriptor {
  /** The family's name, reported as {@link HttpCall.client}. */
  readonly id: string;
  /**
   * Words (case-sensitive) of which a file that uses this client contains at least one: the module
   * name, the global, the type. A file without any skips this descriptor (escapes decoded).
   */
  readonly words: readonly string[];
  /**
   * What the family's callees can look like, read from the call's shape alone before
   * {@link recognise} resolves any value: most calls of a file (`this.safeString(response, 'id')`)
   * are no request of any family and must cost no more than this. Absent: any call or `new`.
   */
  readonly callee?: CalleeSpec;
  /** Recognises one call or `new` expression of this family; `undefined` when it is not one. */
  recognise(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: SourceCode): HttpCall | undefined;
  /**
   * Instances carry defaults the call does not show (axios interceptors and `defaults.headers`,
   * got/ky hooks): any such code in the file makes the headers and method uncertain.
   */
  readonly instanceDefaults?: boolean;
  /** A WebSocket upgrade, not a REST request. */
  readonly websocket?: boolean;
  /** The target is an options object with `protocol`, `hostname` and `path` (node's `https.request`). */
  readonly urlFromOptions?: boolean;
  /** Whether more headers may be added to `call` after it is written (a request object handed on, a plugin). */
  headersMayBeAddedLater?(call: HttpCall, sourceCode: SourceCode): boolean;
}

/**
 * The shapes a family's callee can have; a sound over-approximation of what its `recognise`
 * accepts (test/analysis/requests/callee-gate.test.ts holds every descriptor to that).
 */
export interface CalleeSpec {
  /** Which expressions the family sends with: calls, `new`, or both. */
  readonly node: 'call' | 'new' | 'both';
  /**
   * For a callee written `object.name` with a static name: every name a recognised callee can
   * end in. A module reference ends in its last path element, or in `default` for the module
   * itself (`nodeFetch.default`). Absent: any name (an instance can live anywhere: `this.api(config)`).
   */
  readonly members?: ReadonlySet<string>;
  /**
   * The modules the callee must come from (as `import`, `require()` or `import()` name them,
   * without `node:`; `'<global>'` for globals). A file whose string literals name none of them is
   * skipped whole, unless typed linting can bring values in from other files.
   */
  readonly modules?: readonly string[];
}
