import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { credentialShapesIn, GEMINI_API_KEY_PREFIX_PATTERN, knownCredentials, LEAK_WINDOW, type KnownCredentials } from '../../gemini/credentials.js';
import { nodesOfType, unwrap } from '../ast-utils.js';
import { credentialKind } from './credentials.js';
import { memoForFile } from '../memo.js';
import { staticString } from '../values/values.js';
import { swallowed } from '../../utils/guard.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

const KEY_PREFIX_TEXT = new RegExp(`${GEMINI_API_KEY_PREFIX_PATTERN}-`, 'i');
const LONG_RUN = new RegExp(`[0-9A-Za-z]{${LEAK_WINDOW},}`);

/** A literal piece of text in the file: a string literal or a template literal's quasi. */
interface Piece {
  text: string;
  node: TSESTree.Node;
}

function isJoining(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return false;
  return node.property.name === 'concat' || node.property.name === 'join';
}

/** The `+` / template / `.concat()` / `[…].join()` expression a piece is part of (the piece itself when none). */
function assembly(node: TSESTree.Node): TSESTree.Node {
  let top = node;
  for (let parent = top.parent; parent; parent = top.parent) {
    if ((parent.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+') || parent.type === AST_NODE_TYPES.TemplateLiteral) top = parent;
    // 'a'.concat(b, c) and ['a', 'b'].join('') build a string; other calls make something else of it
    else if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === top && isJoining(parent) && parent.parent?.type === AST_NODE_TYPES.CallExpression) top = parent.parent;
    else if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(top as TSESTree.CallExpressionArgument) && isJoining(unwrap(parent.callee))) top = parent;
    else if (parent.type === AST_NODE_TYPES.ArrayExpression && parent.parent?.type === AST_NODE_TYPES.MemberExpression && isJoining(parent.parent)) top = parent;
    else if (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression) top = parent;
    else break;
  }
  return top;
}

const CREDENTIAL_KINDS = new Set(['apiKey', 'apiSecret', 'signature']);

/**
 * The credentials of a file as its analysis knows them, for redacting messages and labels: every
 * key- or secret-shaped text in its literals, and every literal (of {@link LEAK_WINDOW}+ letters and
 * digits) that flows into a key, secret or signature role ({@link credentialKind}), or that a key
 * or secret is assembled from — a `+` chain or template that evaluates to such a shape, that
 * starts a key with `account-`/`master-`, or that itself holds a credential. Computed once per
 * file, on the first message that needs it.
 */
export function knownCredentialTexts(sourceCode: SourceCode): KnownCredentials {
  return memoForFile(sourceCode, 'knownCredentialTexts', () => {
    const values: string[] = [];
    try {
      const pieces: Piece[] = [];
      for (const node of nodesOfType(sourceCode.ast as TSESTree.Node, AST_NODE_TYPES.Literal, AST_NODE_TYPES.TemplateElement, AST_NODE_TYPES.JSXText)) {
        const text = node.type === AST_NODE_TYPES.TemplateElement ? (node.value.cooked ?? node.value.raw) : node.type === AST_NODE_TYPES.JSXText ? node.value : typeof node.value === 'string' ? node.value : undefined;
        if (text !== undefined && LONG_RUN.test(text)) pieces.push({ text, node: node.type === AST_NODE_TYPES.TemplateElement ? node.parent : node });
      }
      const assemblies = new Map<TSESTree.Node, boolean>();
      for (const piece of pieces) {
        values.push(...credentialShapesIn(piece.text));
        const top = assembly(piece.node);
        let sensitive = assemblies.get(top);
        if (sensitive === undefined) {
          const whole = top === piece.node ? undefined : staticString(top, sourceCode);
          if (whole) values.push(...credentialShapesIn(whole.text));
          sensitive =
            (whole !== undefined && (credentialShapesIn(whole.text).length > 0 || KEY_PREFIX_TEXT.test(whole.text.slice(0, 16)))) ||
            CREDENTIAL_KINDS.has(credentialKind(top, sourceCode)?.kind ?? '');
          assemblies.set(top, sensitive);
        }
        if (sensitive || CREDENTIAL_KINDS.has(credentialKind(piece.node, sourceCode)?.kind ?? '')) values.push(piece.text);
      }
    } catch {
      swallowed();
      // an odd file costs its knowledge, never the lint run: shapes are still redacted
    }
    return knownCredentials(values);
  });
}
