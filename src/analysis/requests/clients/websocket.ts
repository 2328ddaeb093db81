import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { moduleRef } from '../../values/bindings.js';
import { resolveValueNode } from '../../values/values.js';
import { EMPTY_HEADERS, headersFromOptions } from '../headers.js';
import type { ClientDescriptor, HttpCall } from '../types.js';
import { isOptionsObject, refIs, setUrl } from './shared.js';

const WS_MODULES = ['ws', 'isomorphic-ws'];

/** `new WebSocket(url, protocols?, { headers })` from `ws` / `isomorphic-ws`, or the global (no headers). */
export const webSocketClient: ClientDescriptor = {
  id: 'websocket',
  words: ['WebSocket', 'ws'],
  callee: { node: 'new', members: new Set(['WebSocket', 'default']), modules: [...WS_MODULES, '<global>'] },
  websocket: true,
  recognise(node, sourceCode) {
    if (node.type !== AST_NODE_TYPES.NewExpression) return undefined;
    const ref = moduleRef(node.callee, sourceCode);
    const isWs = refIs(ref, WS_MODULES) || refIs(ref, WS_MODULES, 'WebSocket') || refIs(ref, ['<global>'], 'WebSocket');
    if (!isWs) return undefined;
    const [urlArg, second, third] = node.arguments;
    let options = third;
    if (!options && second && isOptionsObject(second, sourceCode) && resolveValueNode(second, sourceCode).type !== AST_NODE_TYPES.ArrayExpression) options = second;
    const call: HttpCall = { node, client: 'websocket', method: 'GET', headers: options ? headersFromOptions(options, sourceCode) : EMPTY_HEADERS };
    if (options) call.optionsNode = options;
    setUrl(call, urlArg, sourceCode);
    return call;
  },
};
