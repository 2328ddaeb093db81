import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { memberName, unwrap } from '../analysis/ast-utils.js';
import { findVariable, moduleRef } from '../analysis/values/bindings.js';
import { httpCalls } from '../analysis/requests/http-calls.js';
import { stringVariants } from '../analysis/values/string-variants.js';
import { constantString, resolveValueNode, staticString } from '../analysis/values/values.js';
import { isGeminiHost } from '../gemini/hosts.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [];
export type MessageIds = 'insecureUrl' | 'insecureHttpModule' | 'useSecureScheme';

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

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * How a URL value is used, as far as the file shows:
 * - `target`: anything that may open the connection (a request, a WebSocket, a base URL, a field);
 * - `compare`: only tested against (`===`, `url.startsWith(…)`, a `case`, a lookup key) — not a
 *   connection, so not reported;
 * - `expectation`: a test assertion's expected value (`expect(url).toBe(…)`, `assert.equal`);
 * - `lookup`: a value in a map read with a computed key, whose other uses are unknown.
 * A fix is made only when every use is a `target`; anything else gets a suggestion.
 */
type UrlUse = 'target' | 'compare' | 'expectation' | 'lookup';

const COMPARISON_OPERATORS = new Set(['===', '!==', '==', '!=']);
const COMPARING_METHODS = new Set(['startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'match', 'test', 'search', 'localeCompare', 'replace', 'replaceAll', 'split', 'has', 'get']);
const ASSERTION_ROOTS = new Set(['expect', 'assert', 'chai']);

/** Whether a call is a test assertion: `expect(x).toBe(…)`, `expect(…)`, `assert.equal(…)`, `t.is(…)`. */
function isAssertion(call: TSESTree.CallExpression, sourceCode: SourceCode): boolean {
  let current: TSESTree.Node = unwrap(call.callee);
  for (let i = 0; i < 8; i++) {
    if (current.type === AST_NODE_TYPES.Identifier) {
      if (ASSERTION_ROOTS.has(current.name)) return true;
      const ref = moduleRef(current, sourceCode);
      return ref?.source === 'assert' || ref?.source === 'node:assert' || ref?.source === 'assert/strict' || ref?.source === 'node:assert/strict';
    }
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      // t.is / t.deepEqual (ava, tap)
      if (unwrap(current.object).type === AST_NODE_TYPES.Identifier && (unwrap(current.object) as TSESTree.Identifier).name === 't') return true;
      current = unwrap(current.object);
      continue;
    }
    if (current.type === AST_NODE_TYPES.CallExpression) {
      current = unwrap(current.callee);
      continue;
    }
    return false;
  }
  return false;
}

/** The expression a URL literal is part of: through `+`, templates' holes, `?:`, `||`, TS wrappers. */
function valueRoot(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (let i = 0; i < 16; i++) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return current;
    const passes =
      (parent.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+') ||
      (parent.type === AST_NODE_TYPES.TemplateLiteral && parent.expressions.includes(current as TSESTree.Expression)) ||
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current) ||
      parent.type === AST_NODE_TYPES.LogicalExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression;
    if (!passes) return current;
    current = parent;
  }
  return current;
}

/** The uses of the URL value whose expression is `node` (see {@link UrlUse}), following `const` reads. */
function urlUses(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): Set<UrlUse> {
  const uses = new Set<UrlUse>();
  const root = valueRoot(node);
  const parent = root.parent;
  if (!parent || depth > 4) {
    uses.add('target');
    return uses;
  }
  if (parent.type === AST_NODE_TYPES.BinaryExpression && COMPARISON_OPERATORS.has(parent.operator)) uses.add('compare');
  else if (parent.type === AST_NODE_TYPES.SwitchCase && parent.test === root) uses.add('compare');
  else if (parent.type === AST_NODE_TYPES.Property && parent.key === root) uses.add('compare');
  else if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(root as TSESTree.CallExpressionArgument)) {
    const callee = unwrap(parent.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
    if (isAssertion(parent, sourceCode)) uses.add('expectation');
    else if (method !== undefined && COMPARING_METHODS.has(method) && parent.arguments[0] === root) uses.add('compare');
    else uses.add('target');
  } else if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === root && COMPARING_METHODS.has(memberName(parent) ?? '')) uses.add('compare');
  else if (parent.type === AST_NODE_TYPES.Property && parent.value === root && parent.parent.type === AST_NODE_TYPES.ObjectExpression && isLookupMap(parent.parent, sourceCode)) uses.add('lookup');
  else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === root && parent.id.type === AST_NODE_TYPES.Identifier && parent.parent.kind === 'const') {
    const reads = findVariable(parent.id, sourceCode)?.references.filter((r) => r.isRead()) ?? [];
    if (reads.length === 0) uses.add('target');
    for (const read of reads) for (const use of urlUses(read.identifier, sourceCode, depth + 1)) uses.add(use);
  } else uses.add('target');
  return uses;
}

/** An object literal read with computed keys (`HOSTS[env]`): a lookup map, directly or through a `const`. */
function isLookupMap(object: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  const root = valueRoot(object);
  const parent = root.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === root) return parent.computed;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === root && parent.id.type === AST_NODE_TYPES.Identifier) {
    const reads = findVariable(parent.id, sourceCode)?.references.filter((r) => r.isRead()) ?? [];
    return reads.length > 0 && reads.every((r) => {
      const member = r.identifier.parent;
      return member?.type === AST_NODE_TYPES.MemberExpression && member.object === r.identifier && member.computed && constantString(member.property, sourceCode) === undefined;
    });
  }
  return false;
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
    hasSuggestions: true,
    schema: [],
    messages: {
      insecureUrl:
        'Plain {{scheme}}:// to the Gemini exchange host {{host}}: Gemini refuses it (NoSSL) and the API key and payload would cross the network unencrypted. Use {{secure}}://.',
      insecureHttpModule:
        "This request goes to the Gemini exchange host {{host}} over node's plain `http` module: Gemini refuses it (NoSSL). Use the `https` module.",
      useSecureScheme: 'Use {{secure}}:// here (this value is also compared, asserted or looked up elsewhere: check those uses).',
    },
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.getText();
    // Cheap first: a file that never mentions a Gemini host cannot break this rule.
    if (!/gemini\.com/i.test(text)) return {};

    const reported = new Set<TSESTree.Node>();
    /**
     * Reports an insecure Gemini URL written at `node` (`schemeNode` holds the scheme): with a fix
     * when the value only goes where connections are made, a suggestion when it is also asserted
     * or looked up (or the scheme is shared with a non-Gemini host such as a local mock), and not
     * at all when it is only compared against.
     */
    const reportAt = (
      node: TSESTree.Node,
      schemeNode: TSESTree.StringLiteral | TSESTree.TemplateLiteral | undefined,
      found: { scheme: string; host: string },
      sharedScheme = false,
    ): boolean => {
      const uses = urlUses(node, sourceCode);
      if (uses.size === 1 && uses.has('compare')) return false;
      reported.add(node);
      const secure = found.scheme === 'ws' ? 'wss' : 'https';
      const edit = schemeNode && schemeFix(schemeNode, found.scheme, text);
      const fix = edit ? (fixer: TSESLint.RuleFixer) => fixer.replaceTextRange(edit.range, edit.text) : undefined;
      const safe = !sharedScheme && uses.size === 1 && uses.has('target');
      context.report({
        node,
        messageId: 'insecureUrl',
        data: { scheme: found.scheme, host: found.host, secure },
        fix: safe && fix ? fix : null,
        suggest: !safe && fix ? [{ messageId: 'useSecureScheme', data: { secure }, fix }] : [],
      });
      return true;
    };
    const reportLiteral = (node: TSESTree.StringLiteral | TSESTree.TemplateLiteral, value: string, sharedScheme = false): boolean => {
      const found = insecureGeminiUrl(value);
      if (!found) return false;
      reportAt(node, node, found, sharedScheme);
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
          const variants = stringVariants(node, sourceCode) ?? [];
          const alternative = variants.find((v) => insecureGeminiUrl(v.text));
          // `http://${mock ? 'localhost:8080' : 'api.gemini.com'}`: the scheme also serves the mock
          const shared = variants.some((v) => !insecureGeminiUrl(v.text));
          if (alternative) reportLiteral(node, alternative.text, shared);
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
        reportAt(schemeLiteral ?? node, schemeLiteral, found);
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
