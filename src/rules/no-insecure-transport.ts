import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { httpCalls } from '../analysis/requests/http-calls.js';
import { stringVariants } from '../analysis/values/string-variants.js';
import { resolveValueNode, staticString } from '../analysis/values/values.js';
import { isGeminiHost } from '../gemini/hosts.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [];
export type MessageIds = 'insecureUrl' | 'insecureHttpModule';

const INSECURE = /^(http|ws):\/\/([^/?#\s]*)/i;

function insecureGeminiUrl(text: string): { scheme: string; host: string } | undefined {
  const match = INSECURE.exec(text);
  if (!match) return undefined;
  // user:password@ is not part of the host, and must never reach a message
  const host = match[2]!.slice(match[2]!.lastIndexOf('@') + 1);
  return isGeminiHost(host) ? { scheme: match[1]!.toLowerCase(), host: host.toLowerCase() } : undefined;
}

/** Replaces the scheme at the start of a string literal or a template's first chunk. */
function schemeFix(node: TSESTree.StringLiteral | TSESTree.TemplateLiteral, scheme: string, sourceText: string) {
  const secure = scheme === 'ws' ? 'wss' : 'https';
  // +1 skips the opening quote or backtick; the scheme is the first thing in the string
  const start = node.range[0] + 1;
  const written = sourceText.slice(start, start + scheme.length);
  if (written.toLowerCase() !== scheme) return undefined;
  return { range: [start, start + scheme.length] as const, text: secure };
}

export default createRule<Options, MessageIds>({
  name: 'no-insecure-transport',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow plain `http://` and `ws://` connections to Gemini exchange hosts.',
      recommended: 'error',
    },
    fixable: 'code',
    schema: [],
    messages: {
      insecureUrl:
        'Plain {{scheme}}:// to the Gemini exchange host {{host}}: Gemini refuses it (NoSSL) and the API key and payload would cross the network unencrypted. Use {{secure}}://.',
      insecureHttpModule:
        "This request goes to the Gemini exchange host {{host}} over node's plain `http` module: Gemini refuses it (NoSSL). Use the `https` module.",
    },
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.getText();
    // Cheap first: a file that never mentions a Gemini host cannot break this rule.
    if (!/gemini\.com/i.test(text)) return {};

    const reported = new Set<TSESTree.Node>();
    const reportLiteral = (node: TSESTree.StringLiteral | TSESTree.TemplateLiteral, value: string): boolean => {
      const found = insecureGeminiUrl(value);
      if (!found) return false;
      reported.add(node);
      const fix = schemeFix(node, found.scheme, text);
      context.report({
        node,
        messageId: 'insecureUrl',
        data: { scheme: found.scheme, host: found.host, secure: found.scheme === 'ws' ? 'wss' : 'https' },
        fix: fix ? (fixer) => fixer.replaceTextRange(fix.range, fix.text) : null,
      });
      return true;
    };

    return {
      Literal(node) {
        if (typeof node.value === 'string') reportLiteral(node as TSESTree.StringLiteral, node.value);
      },
      TemplateLiteral(node) {
        const first = node.quasis[0]?.value.cooked;
        if (first !== undefined && first !== null && /^(http|ws):\/\//i.test(first)) {
          const resolved = staticString(node, sourceCode);
          if (resolved && reportLiteral(node, resolved.text)) return;
          // `http://${sandbox ? 'api.sandbox' : 'api'}.gemini.com`: the scheme is written here and
          // one alternative of the host is a Gemini host
          const alternative = stringVariants(node, sourceCode)?.find((v) => insecureGeminiUrl(v.text));
          if (alternative) reportLiteral(node, alternative.text);
        }
      },
      // 'http://' + HOST + '/v1/…': the scheme and the host are written apart
      BinaryExpression(node) {
        if (node.operator !== '+' || node.parent?.type === AST_NODE_TYPES.BinaryExpression) return;
        const resolved = staticString(node, sourceCode);
        const found = resolved && insecureGeminiUrl(resolved.text);
        if (!found) return;
        let leftmost: TSESTree.Node = node;
        while (leftmost.type === AST_NODE_TYPES.BinaryExpression) leftmost = leftmost.left;
        if (reported.has(leftmost)) return;
        // BASE + '/v1/…' where BASE is itself an insecure Gemini URL: reported where BASE is written
        const origin = resolveValueNode(leftmost, sourceCode);
        if (origin !== leftmost) {
          const originText = staticString(origin, sourceCode);
          if (originText && insecureGeminiUrl(originText.text)) return;
        }
        const schemeLiteral = leftmost.type === AST_NODE_TYPES.Literal && typeof leftmost.value === 'string' ? (leftmost as TSESTree.StringLiteral) : undefined;
        // A literal that alone is a full Gemini URL was reported by the Literal visitor.
        if (schemeLiteral && insecureGeminiUrl(schemeLiteral.value)) return;
        const fix = schemeLiteral && schemeFix(schemeLiteral, found.scheme, text);
        context.report({
          node: schemeLiteral ?? node,
          messageId: 'insecureUrl',
          data: { scheme: found.scheme, host: found.host, secure: found.scheme === 'ws' ? 'wss' : 'https' },
          fix: fix ? (fixer) => fixer.replaceTextRange(fix.range, fix.text) : null,
        });
      },
      'Program:exit'() {
        for (const call of httpCalls(sourceCode)) {
          if (call.client !== 'node-http' || !call.url?.gemini || call.url.scheme !== 'http') continue;
          // an explicit 'http://api.gemini.com' string was already reported where it is written
          if (call.urlNode && call.urlNode.type !== AST_NODE_TYPES.ObjectExpression && staticString(call.urlNode, sourceCode)) continue;
          context.report({ node: call.node.callee, messageId: 'insecureHttpModule', data: { host: call.url.host ?? '' } });
        }
      },
    };
  },
});
