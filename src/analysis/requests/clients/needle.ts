import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../../ast-utils.js';
import { constantString } from '../../values/values.js';
import { EMPTY_HEADERS, headersFromOptions } from '../headers.js';
import type { ClientDescriptor, HttpCall, SourceCode } from '../types.js';
import { calleeRef, METHODS, NO_BODY_METHODS, setUrl } from './shared.js';

/**
 * needle: `needle(method, url, data, options)`, `needle.request(method, url, data, options)`,
 * `needle.post(url, data, options)`, `needle.get(url, options)`.
 */
export const needleClient: ClientDescriptor = {
  id: 'needle',
  words: ['needle'],
  callee: { node: 'call', members: new Set([...METHODS, 'request', 'default']), modules: ['needle'] },
  recognise(node, sourceCode) {
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const ref = calleeRef(node, sourceCode);
    if (ref?.source !== 'needle') return undefined;
    const args = node.arguments;
    const member = ref.path[0];
    let methodArg: TSESTree.Node | undefined;
    let rest: readonly TSESTree.Node[];
    let method: string | undefined;
    if (ref.path.length === 0 || (ref.path.length === 1 && member === 'request')) {
      methodArg = args[0];
      method = methodArg ? constantString(methodArg, sourceCode)?.toUpperCase() : undefined;
      rest = args.slice(1);
    } else if (ref.path.length === 1 && member !== undefined && METHODS.has(member)) {
      method = member.toUpperCase();
      methodArg = (unwrap(node.callee) as TSESTree.MemberExpression).property;
      // needle.get(url, options) has no data argument
      rest = args;
      if (NO_BODY_METHODS.has(member) && member !== 'delete') {
        const [urlArg, optionsArg] = args;
        return readNeedle(node, method, methodArg, urlArg, undefined, optionsArg, sourceCode);
      }
    } else {
      return undefined;
    }
    const [urlArg, dataArg, optionsArg] = rest;
    return readNeedle(node, method, methodArg, urlArg, dataArg, optionsArg, sourceCode);
  },
};

function readNeedle(
  node: TSESTree.CallExpression,
  method: string | undefined,
  methodArg: TSESTree.Node | undefined,
  urlArg: TSESTree.Node | undefined,
  dataArg: TSESTree.Node | undefined,
  optionsArg: TSESTree.Node | undefined,
  sourceCode: SourceCode,
): HttpCall {
    const call: HttpCall = { node, client: 'needle', headers: optionsArg ? headersFromOptions(optionsArg, sourceCode) : EMPTY_HEADERS };
    if (method) call.method = method;
    if (methodArg) call.methodNode = methodArg;
    if (dataArg) call.bodyNode = dataArg;
    if (optionsArg) call.optionsNode = optionsArg;
    setUrl(call, urlArg, sourceCode);
    return call;
}
