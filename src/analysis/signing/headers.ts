import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { geminiHeaderKind, type GeminiHeaderKind } from '../../gemini/headers.js';
import { memberName, nodesOfType, staticKeyName, unwrap } from '../ast-utils.js';
import { remoteHeaderValues } from '../cross-file/exports.js';
import { memoForFile } from '../memo.js';
import { constantString } from '../values/values.js';

// Where Gemini's three headers are written: object keys, assignments, `headers.set(…)`, and
// values another file sends (the scanner's cross-file phase).

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A value placed in an `X-GEMINI-*` header. */
export interface HeaderSink {
  kind: GeminiHeaderKind;
  nameNode: TSESTree.Node;
  valueNode: TSESTree.Node;
  /**
   * Set when the header is written in other files (scanner cross-file phase): this file exports a
   * function whose return value they send; lists their `file:line`.
   */
  remote?: string[];
}


/** Every value placed in an `X-GEMINI-*` header anywhere in the file (memoised). */
export function geminiHeaderSinks(sourceCode: SourceCode): HeaderSink[] {
  return memoForFile(sourceCode, 'geminiHeaderSinks', () => {
    const sinks: HeaderSink[] = [];
    nodesOfType(sourceCode.ast, AST_NODE_TYPES.Property, AST_NODE_TYPES.AssignmentExpression, AST_NODE_TYPES.CallExpression).forEach((node) => {
      if (node.type === AST_NODE_TYPES.Property) {
        const name = staticKeyName(node.key, node.computed) ?? (node.computed ? constantString(node.key, sourceCode) : undefined);
        const kind = name === undefined ? undefined : geminiHeaderKind(name);
        if (kind && node.value.type !== AST_NODE_TYPES.AssignmentPattern) sinks.push({ kind, nameNode: node.key, valueNode: node.value });
      } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(node.left) ?? (node.left.computed ? constantString(node.left.property, sourceCode) : undefined);
        const kind = name === undefined ? undefined : geminiHeaderKind(name);
        if (kind) sinks.push({ kind, nameNode: node.left.property, valueNode: node.right });
      } else if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length >= 2) {
        const callee = unwrap(node.callee);
        const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
        if (method === 'set' || method === 'setHeader' || method === 'append' || method === 'header') {
          const name = constantString(node.arguments[0]!, sourceCode);
          const kind = name === undefined ? undefined : geminiHeaderKind(name);
          if (kind) sinks.push({ kind, nameNode: node.arguments[0]!, valueNode: node.arguments[1]! });
        }
      }
      return undefined;
    });
    for (const remote of remoteHeaderValues(sourceCode)) {
      sinks.push({ kind: remote.kind, nameNode: remote.nameNode, valueNode: remote.valueNode, remote: remote.sites });
    }
    return sinks;
  });
}
