import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { nodesOfType } from '../ast-utils.js';
import { memoForFile } from '../memo.js';
import { textMayMatch } from '../text-prefilter.js';
import { CLIENT_WORD_PATTERNS, CLIENTS } from './clients/index.js';
import type { ClientDescriptor, HttpCall, SourceCode } from './types.js';

export type { ClientDescriptor, HeaderEntry, HeaderSet, HttpCall } from './types.js';
export { findHeader, resolveHeaders } from './headers.js';
export { clientDescriptor, CLIENTS } from './clients/index.js';

/** The client families whose words the file's text holds (the derived prefilter), once per file. */
function clientsInFile(sourceCode: SourceCode): readonly ClientDescriptor[] {
  return memoForFile(sourceCode, 'clientsInFile', () => CLIENTS.filter((c) => textMayMatch(sourceCode, CLIENT_WORD_PATTERNS.get(c)!)));
}

/**
 * Every request the file sends, recognised once per file and shared by all rules.
 */
export function httpCalls(sourceCode: SourceCode): HttpCall[] {
  return memoForFile(sourceCode, 'httpCalls', () => {
    const clients = clientsInFile(sourceCode);
    if (clients.length === 0) return [];
    const calls: HttpCall[] = [];
    nodesOfType(sourceCode.ast, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression).forEach((node) => {
      const call = recognise(node, clients, sourceCode);
      if (call) calls.push(call);
    });
    return calls;
  });
}

function recognise(node: TSESTree.CallExpression | TSESTree.NewExpression, clients: readonly ClientDescriptor[], sourceCode: SourceCode): HttpCall | undefined {
  for (const client of clients) {
    try {
      const call = client.recognise(node, sourceCode);
      if (call) return call;
    } catch {
      // A recogniser bug must cost one finding, never the user's lint run.
    }
  }
  return undefined;
}

/** Recognises one call as a request, or returns `undefined`. */
export function recogniseHttpCall(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: SourceCode): HttpCall | undefined {
  return recognise(node, clientsInFile(sourceCode), sourceCode);
}
