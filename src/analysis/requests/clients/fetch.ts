import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { findVariable, moduleRef } from '../../values/bindings.js';
import { resolveValueNode } from '../../values/values.js';
import { mergeHeaders } from '../headers.js';
import type { ClientDescriptor, HttpCall, SourceCode } from '../types.js';
import { calleeRef, fromUrlAndOptions, refIs } from './shared.js';

const FETCH_MODULES = ['<global>', 'node-fetch', 'cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch', 'unfetch', 'undici'];

/** `new Request(url, init)` from the global or a fetch module. */
function requestConstruction(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.NewExpression | undefined {
  const value = resolveValueNode(node, sourceCode);
  if (value.type !== AST_NODE_TYPES.NewExpression) return undefined;
  return refIs(moduleRef(value.callee, sourceCode), FETCH_MODULES, 'Request') ? value : undefined;
}

function isFetch(node: TSESTree.CallExpression, sourceCode: SourceCode): boolean {
  const ref = calleeRef(node, sourceCode);
  if (!ref) return false;
  if (ref.source === 'undici' || ref.source === '<global>') return ref.path.length === 1 && ref.path[0] === 'fetch';
  return refIs(ref, FETCH_MODULES) || refIs(ref, FETCH_MODULES, 'fetch');
}

/**
 * WHATWG fetch and its ponyfills: `fetch(url, init)`, `fetch(new Request(url, init))`, and a
 * `new Request(url, init)` on its own (the request exists once; `fetch(request)` only sends it).
 * GET unless `init` says otherwise.
 */
export const fetchClient: ClientDescriptor = {
  id: 'fetch',
  words: ['fetch', 'Request'],
  callee: { node: 'both', members: new Set(['fetch', 'Request', 'default']), modules: FETCH_MODULES },
  recognise(node, sourceCode) {
    const [first, second] = node.arguments;
    if (node.type === AST_NODE_TYPES.NewExpression) {
      if (!refIs(moduleRef(node.callee, sourceCode), FETCH_MODULES, 'Request')) return undefined;
      return fromUrlAndOptions(node, 'fetch', first, second, sourceCode, 'GET');
    }
    if (!isFetch(node, sourceCode)) return undefined;
    const request = first && requestConstruction(first, sourceCode);
    if (!request) return fromUrlAndOptions(node, 'fetch', first, second, sourceCode, 'GET');
    // `fetch(request)` sends what `new Request` built, already recognised there
    if (!second) return undefined;
    const built = fromUrlAndOptions(request, 'fetch', request.arguments[0], request.arguments[1], sourceCode, 'GET');
    const overridden = fromUrlAndOptions(node, 'fetch', request.arguments[0], second, sourceCode, built.method ?? 'GET');
    const call: HttpCall = { ...overridden, headers: mergeHeaders(built.headers, overridden.headers) };
    if (!overridden.methodNode && built.methodNode) {
      call.methodNode = built.methodNode;
      if (built.method) call.method = built.method;
    }
    call.bodyNode ??= built.bodyNode;
    return call;
  },
  // A Request object that goes anywhere but straight into fetch may get headers there (`req.headers.set(…)`).
  headersMayBeAddedLater(call, sourceCode) {
    if (call.node.type !== AST_NODE_TYPES.NewExpression) return false;
    const sentDirectly = (node: TSESTree.Node): boolean => {
      const parent = node.parent;
      return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node && isFetch(parent, sourceCode);
    };
    if (sentDirectly(call.node)) return false;
    const declarator = call.node.parent;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return true;
    if (declarator.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
    const variable = findVariable(declarator.id, sourceCode);
    return !variable || variable.references.some((ref) => !ref.init && !sentDirectly(ref.identifier));
  },
};

/** undici's `request(url, { method, headers, body })`. */
export const undiciRequestClient: ClientDescriptor = {
  id: 'undici',
  words: ['undici'],
  callee: { node: 'call', members: new Set(['request']), modules: ['undici'] },
  recognise(node, sourceCode) {
    if (node.type !== AST_NODE_TYPES.CallExpression || !refIs(calleeRef(node, sourceCode), ['undici'], 'request')) return undefined;
    return fromUrlAndOptions(node, 'undici', node.arguments[0], node.arguments[1], sourceCode, 'GET');
  },
};
