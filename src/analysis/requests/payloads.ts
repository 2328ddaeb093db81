import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { geminiHeaderKind } from '../../gemini/headers.js';
import { HOLE } from '../../gemini/paths.js';
import { nodesOfType } from '../ast-utils.js';
import { geminiContext } from '../gemini-context.js';
import { httpCalls, type HttpCall } from './http-calls.js';
import { parseUrlText } from './urls.js';
import { memoForFile } from '../memo.js';
import { geminiHeaderSinks, traceValueSources } from '../signing/index.js';
import { objectEntries, staticString, type ObjectEntry, type StaticString } from '../values/values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A Gemini request payload object (`{ request, nonce, …params }`) and where it is sent. */
export interface GeminiPayload {
  node: TSESTree.ObjectExpression;
  /** The `request` entry and its value as far as known. */
  request?: ObjectEntry & { value?: StaticString };
  /** The `nonce` entry, when present. */
  nonce?: ObjectEntry;
  /** `false` when a spread could add keys we cannot see (e.g. `...params`). */
  complete: boolean;
  /** The payload flows into an `X-GEMINI-PAYLOAD` header somewhere in the file. */
  sentAsPayloadHeader: boolean;
  /** The requests whose `X-GEMINI-PAYLOAD` header carries this payload. */
  calls: HttpCall[];
}

const PATH_LIKE = /^\/v\d+\//;

/**
 * Every Gemini payload object in the file (memoised). An object counts when it has a `request`
 * entry that is (or may be) an API path, and either a `nonce` entry or a flow into an
 * `X-GEMINI-PAYLOAD` header — and it does not sit in code known to be for another API.
 */
export function geminiPayloads(sourceCode: SourceCode): GeminiPayload[] {
  return memoForFile(sourceCode, 'geminiPayloads', () => {
    const candidates: TSESTree.ObjectExpression[] = [];
    nodesOfType(sourceCode.ast, AST_NODE_TYPES.ObjectExpression).forEach((node) => {
      if (node.type === AST_NODE_TYPES.ObjectExpression && node.properties.some(isRequestProperty)) candidates.push(node);
      return undefined;
    });
    if (candidates.length === 0) return [];

    // which candidates reach which payload headers
    const reached = new Map<TSESTree.Node, HttpCall[]>();
    const inPayloadHeader = new Set<TSESTree.Node>();
    const sinks = geminiHeaderSinks(sourceCode).filter((sink) => sink.kind === 'payload');
    // the requests are needed only to name a payload header's owners: files without one skip them
    const calls = sinks.length > 0 ? httpCalls(sourceCode) : [];
    // indexed once, so that each sink is a look-up rather than a scan of every call and every
    // candidate (both grow with the file: the scans made this quadratic)
    const ownersByValue = new Map<TSESTree.Node, HttpCall[]>();
    for (const call of calls) {
      for (const entry of call.headers.entries) {
        if (geminiHeaderKind(entry.name) !== 'payload') continue;
        const owners = ownersByValue.get(entry.valueNode) ?? [];
        if (owners.at(-1) !== call) owners.push(call);
        ownersByValue.set(entry.valueNode, owners);
      }
    }
    const isCandidate = new Set<TSESTree.Node>(candidates);
    for (const sink of sinks) {
      const owners = ownersByValue.get(sink.valueNode) ?? [];
      for (const source of traceValueSources(sink.valueNode, sourceCode)) {
        if (!isCandidate.has(source)) continue;
        inPayloadHeader.add(source);
        const list = reached.get(source);
        if (list) list.push(...owners);
        else reached.set(source, [...owners]);
      }
    }

    const context = geminiContext(sourceCode);
    const payloads: GeminiPayload[] = [];
    for (const node of candidates) {
      if (context.isOtherApiCode(node)) continue;
      const { entries, complete } = objectEntries(node, sourceCode);
      const requestEntry = entries.find((e) => e.key === 'request');
      const nonce = entries.find((e) => e.key === 'nonce');
      if (!requestEntry) continue;
      const value = staticString(requestEntry.valueNode, sourceCode);
      // a full Gemini URL in `request` is a (wrong) path too
      const pathLike = value !== undefined && (PATH_LIKE.test(value.text) || value.text.startsWith(HOLE) || /^\/?v\d+\//.test(value.text) || value.text.startsWith('/') || parseUrlText(value).gemini);
      const sent = inPayloadHeader.has(node);
      // not sent in sight: a `{ request, nonce }` object whose request is a Gemini path, or is a
      // path or not known at all (a parameter: `{ request: endpoint, nonce }`) in Gemini code
      const shaped = nonce !== undefined && (pathLike ? context.isGeminiCode(node) || PATH_LIKE.test(value.text) : value === undefined && context.isGeminiCode(node));
      if (!sent && !shaped) continue;
      const payload: GeminiPayload = {
        node,
        request: value ? { ...requestEntry, value } : requestEntry,
        complete,
        sentAsPayloadHeader: sent,
        calls: [...new Set(reached.get(node) ?? [])],
      };
      if (nonce) payload.nonce = nonce;
      payloads.push(payload);
    }
    return payloads;
  });
}

function isRequestProperty(p: TSESTree.ObjectLiteralElement): boolean {
  return (
    p.type === AST_NODE_TYPES.Property &&
    ((!p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === 'request') ||
      (p.key.type === AST_NODE_TYPES.Literal && p.key.value === 'request'))
  );
}
