import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { ClientDescriptor } from '../types.js';
import { calleeRef, fromUrlAndOptions, type OptionsShape } from './shared.js';

const SHAPE: OptionsShape = { bodyKeys: ['payload'] };

/** Google Apps Script: `UrlFetchApp.fetch(url, { method: 'post', headers, payload })`, GET by default. */
export const urlFetchAppClient: ClientDescriptor = {
  id: 'url-fetch-app',
  words: ['UrlFetchApp'],
  callee: { node: 'call', members: new Set(['fetch']), modules: ['<global>'] },
  recognise(node, sourceCode) {
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const ref = calleeRef(node, sourceCode);
    if (ref?.source !== '<global>' || ref.path.length !== 2 || ref.path[0] !== 'UrlFetchApp' || ref.path[1] !== 'fetch') return undefined;
    return fromUrlAndOptions(node, 'url-fetch-app', node.arguments[0], node.arguments[1], sourceCode, 'GET', SHAPE);
  },
};
