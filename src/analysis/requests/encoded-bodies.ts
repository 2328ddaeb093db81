import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { memberName, returnedExpressions, unwrap } from '../ast-utils.js';
import { geminiContext } from '../gemini-context.js';
import { memoForFile } from '../memo.js';
import { geminiHeaderSinks } from '../signing/index.js';
import { moduleRef, resolveIdentifier } from '../values/bindings.js';
import { calledFunction } from '../values/functions.js';
import { callSitesOf } from '../values/symbolic.js';
import { constantString, objectEntries, resolveValueNode } from '../values/values.js';
import type { SourceCode } from './types.js';

/** An object literal whose JSON text is sent, base64-encoded, in an `X-GEMINI-PAYLOAD` header. */
export interface EncodedBody {
  node: TSESTree.ObjectExpression;
  /** Every key is visible (no unresolved spread). */
  complete: boolean;
  hasRequest: boolean;
  hasNonce: boolean;
}

const MAX_DEPTH = 12;

/**
 * The object literals whose JSON the file sends as a Gemini payload header: the header value is
 * followed through base64 (`Buffer.from(…).toString('base64')`, `btoa`, crypto-js
 * `enc.Base64.stringify(enc.Utf8.parse(…))`), `JSON.stringify`, `const`s, local helpers' return
 * values and their parameters back to every call site (`sign(body)` → each `body` passed in).
 * WebSocket payloads (base64 of the nonce text, no JSON) never reach an object and are not listed.
 */
export function encodedBodies(sourceCode: SourceCode): EncodedBody[] {
  return memoForFile(sourceCode, 'encodedBodies', () => {
    const found = new Set<TSESTree.ObjectExpression>();
    for (const sink of geminiHeaderSinks(sourceCode)) {
      if (sink.kind !== 'payload' || sink.remote) continue;
      collect(sink.valueNode, 'encoded', sourceCode, found, new Set(), 0);
    }
    const context = geminiContext(sourceCode);
    return [...found]
      .filter((node) => !context.isOtherApiCode(node))
      .map((node) => {
        const { entries, complete } = objectEntries(node, sourceCode);
        return { node, complete, hasRequest: entries.some((e) => e.key === 'request'), hasNonce: entries.some((e) => e.key === 'nonce') };
      });
  });
}

type Mode = 'encoded' | 'object';

function collect(node: TSESTree.Node, mode: Mode, sourceCode: SourceCode, out: Set<TSESTree.ObjectExpression>, seen: Set<TSESTree.Node>, depth: number): void {
  const current = unwrap(node);
  if (depth > MAX_DEPTH || seen.has(current)) return;
  seen.add(current);
  const next = (n: TSESTree.Node | undefined, m: Mode = mode): void => {
    if (n && n.type !== AST_NODE_TYPES.SpreadElement) collect(n, m, sourceCode, out, seen, depth + 1);
  };
  if (current.type === AST_NODE_TYPES.Identifier) {
    const binding = resolveIdentifier(current, sourceCode);
    if (binding.kind === 'parameter') {
      const index = binding.fn.params.findIndex((p) => {
        const id = p.type === AST_NODE_TYPES.AssignmentPattern ? p.left : p;
        return id.type === AST_NODE_TYPES.Identifier && id.name === current.name;
      });
      if (index === -1) return;
      for (const site of callSitesOf(binding.fn, sourceCode)) next(site.arguments[index]);
      return;
    }
    const value = resolveValueNode(current, sourceCode);
    if (value !== current) next(value);
    return;
  }
  if (mode === 'object') {
    if (current.type === AST_NODE_TYPES.ObjectExpression) out.add(current);
    else if (current.type === AST_NODE_TYPES.CallExpression) {
      const fn = calledFunction(current, sourceCode);
      if (fn) for (const r of returnedExpressions(fn)) next(r);
    } else {
      const value = resolveValueNode(current, sourceCode);
      if (value !== current) next(value);
    }
    return;
  }
  if (current.type === AST_NODE_TYPES.AwaitExpression) return next(current.argument);
  if (current.type === AST_NODE_TYPES.NewExpression) {
    // new Buffer(json)
    if (moduleRef(current.callee, sourceCode)?.path.join('.') === 'Buffer') next(current.arguments[0]);
    return;
  }
  if (current.type !== AST_NODE_TYPES.CallExpression) {
    const value = resolveValueNode(current, sourceCode);
    if (value !== current) next(value);
    return;
  }
  const callee = unwrap(current.callee);
  const ref = moduleRef(callee, sourceCode);
  const name = ref?.path.join('.');
  const [first] = current.arguments;
  if (ref?.source === '<global>' && name === 'JSON.stringify') return next(first, 'object');
  if (ref?.source === '<global>' && (name === 'btoa' || name === 'Buffer.from')) return next(first);
  if (ref?.source === 'buffer' && name === 'Buffer.from') return next(first);
  // crypto-js: enc.Base64.stringify(enc.Utf8.parse(json))
  if (ref && (ref.source === 'crypto-js' || ref.source.startsWith('crypto-js/')) && (ref.path[ref.path.length - 1] === 'stringify' || ref.path[ref.path.length - 1] === 'parse')) return next(first);
  if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'toString') {
    const encoding = first ? constantString(first, sourceCode) : undefined;
    if (encoding === 'base64' || first === undefined) next(callee.object);
    return;
  }
  const fn = calledFunction(current, sourceCode);
  if (fn) for (const r of returnedExpressions(fn)) next(r);
}
