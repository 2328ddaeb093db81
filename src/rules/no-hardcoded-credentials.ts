import path from 'node:path';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import picomatch from 'picomatch';
import { credentialKind, type CredentialFact } from '../analysis/exposure/index.js';
import { envRead, staticString } from '../analysis/values/values.js';
import { containsGeminiApiKey, findGeminiApiKeys, isPlaceholder, looksLikeGeminiSecret, redactCredential } from '../gemini/credentials.js';
import { fileMayHoldGeminiCode } from '../analysis/relevance.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [
  {
    /** Globs (picomatch, relative to ESLint's working directory) of files not to check. */
    ignoreFiles?: string[];
    /** Environment variable the API-key suggestion reads. */
    apiKeyEnvVar?: string;
    /** Environment variable the API-secret suggestion reads. */
    apiSecretEnvVar?: string;
  },
];
export type MessageIds = 'hardcodedApiKey' | 'hardcodedApiSecret' | 'useEnvVar' | 'removeFallback';

type StringNode = TSESTree.StringLiteral | TSESTree.TemplateLiteral | TSESTree.BinaryExpression | TSESTree.JSXText;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Keys in `text` that are real (not `account-XXXXXXXXXXXXXXXXXXXX`). */
function realKeys(text: string): string[] {
  if (!containsGeminiApiKey(text)) return [];
  return findGeminiApiKeys(text)
    .map((k) => k.value)
    .filter((k) => !isPlaceholder(k));
}

/** The operands of a `+` chain, left to right: `a + (b + c)` → `a, b, c`. */
function concatOperands(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === AST_NODE_TYPES.BinaryExpression && current.operator === '+') {
      stack.push(current.right, current.left);
    } else {
      out.push(current);
    }
  }
  return out;
}

/** `process.env.NAME`, or `process.env['NAME']` for a name that is not an identifier. */
function envAccess(name: string): string {
  return ENV_NAME.test(name) ? `process.env.${name}` : `process.env[${JSON.stringify(name)}]`;
}

/**
 * Whether replacing `node` by an expression keeps the file parseable and meaningful: not an object
 * key, a type, a module specifier, a directive or the template of a tagged template.
 */
function replaceable(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if ('key' in parent && parent.key === node && !('computed' in parent && parent.computed)) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.ExportAllDeclaration:
    case AST_NODE_TYPES.ExportNamedDeclaration:
    case AST_NODE_TYPES.ImportAttribute:
    case AST_NODE_TYPES.ImportSpecifier:
    case AST_NODE_TYPES.ExportSpecifier:
    case AST_NODE_TYPES.TSExternalModuleReference:
    case AST_NODE_TYPES.TSImportType:
    case AST_NODE_TYPES.TSModuleDeclaration:
    case AST_NODE_TYPES.TaggedTemplateExpression:
    case AST_NODE_TYPES.JSXElement:
    case AST_NODE_TYPES.JSXFragment:
      return false;
    case AST_NODE_TYPES.TSEnumMember:
      return parent.initializer === node;
    case AST_NODE_TYPES.ExpressionStatement:
      return parent.directive === undefined;
    default:
      return true;
  }
}

function reasonText(fact: CredentialFact): string {
  switch (fact.reason) {
    case 'name':
      return `it is assigned to \`${fact.detail ?? 'a secret name'}\``;
    case 'env-fallback':
      return `it is the fallback for ${fact.detail ?? 'an environment variable'}`;
    case 'hmac-key':
      return 'it keys the HMAC that signs Gemini requests';
    case 'beside-api-key':
      return 'it sits next to a Gemini API key';
    case 'remote-use':
      return `${fact.kind === 'apiKey' ? 'it is sent as the Gemini API key' : 'it keys the HMAC that signs Gemini requests'} in ${fact.detail ?? 'another file'}`;
    default:
      return 'it is used as the API secret';
  }
}

/** Whether `filename` matches one of the globs, relative to `cwd` with posix separators. */
function isIgnored(filename: string, cwd: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  try {
    const relative = path.isAbsolute(filename) ? path.relative(cwd, filename) : filename;
    return picomatch(globs as string[], { dot: true })(relative.split(path.sep).join('/'));
  } catch {
    return false;
  }
}

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-credentials',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Gemini exchange API keys and secrets written into source code.',
      recommended: 'error',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignoreFiles: {
            type: 'array',
            items: { type: 'string' },
            description: "Globs (picomatch, relative to ESLint's working directory) of files not to check, e.g. test fixtures with revoked keys.",
          },
          apiKeyEnvVar: {
            type: 'string',
            pattern: ENV_NAME.source,
            description: 'Environment variable that the suggestion for an API key reads.',
          },
          apiSecretEnvVar: {
            type: 'string',
            pattern: ENV_NAME.source,
            description: 'Environment variable that the suggestion for an API secret reads.',
          },
        },
      },
    ],
    messages: {
      hardcodedApiKey:
        'Hardcoded Gemini exchange API key {{key}}: anyone who can read this code, its bundle or its git history can call the API as this account. Read it from the environment and revoke this key.',
      hardcodedApiSecret:
        'Hardcoded Gemini exchange API secret {{secret}} ({{reason}}): anyone who can read this code, its bundle or its git history can sign requests as this account. Read it from the environment and revoke the key.',
      useEnvVar: 'Read it from `{{env}}` instead.',
      removeFallback: 'Remove the hardcoded fallback and use `{{env}}` alone.',
    },
  },
  defaultOptions: [{ ignoreFiles: [], apiKeyEnvVar: 'GEMINI_API_KEY', apiSecretEnvVar: 'GEMINI_API_SECRET' }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // Cheap first: keys start with account-/master- (maybe in pieces); a secret counts only in
    // Gemini code, under a Gemini name, or when other files use it as one (cross-file facts).
    if (!fileMayHoldGeminiCode(sourceCode)) return {};
    if (isIgnored(context.filename, context.cwd, options.ignoreFiles ?? [])) return {};
    const keyEnv = envAccess(options.apiKeyEnvVar ?? 'GEMINI_API_KEY');
    const secretEnv = envAccess(options.apiSecretEnvVar ?? 'GEMINI_API_SECRET');
    const reported = new Set<TSESTree.Node>();

    /** The suggestion for a node whose whole value is the credential. */
    const suggest = (node: StringNode, env: string): TSESLint.ReportSuggestionArray<MessageIds> => {
      if (node.type === AST_NODE_TYPES.JSXText || !replaceable(node)) return [];
      const parent = node.parent;
      // process.env.X || '…': drop the fallback rather than read the variable twice
      if (parent?.type === AST_NODE_TYPES.LogicalExpression && (parent.operator === '||' || parent.operator === '??') && parent.right === node && envRead(parent.left, sourceCode)) {
        const left = sourceCode.getText(parent.left);
        return [{ messageId: 'removeFallback', data: { env: left }, fix: (fixer) => fixer.replaceText(parent, left) }];
      }
      const replacement = parent?.type === AST_NODE_TYPES.JSXAttribute ? `{${env}}` : env;
      return [{ messageId: 'useEnvVar', data: { env }, fix: (fixer) => fixer.replaceText(node, replacement) }];
    };

    const reportKey = (node: StringNode, key: string, whole: boolean): void => {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId: 'hardcodedApiKey', data: { key: redactCredential(key) }, suggest: whole ? suggest(node, keyEnv) : [] });
    };

    const checkSecret = (node: StringNode, value: string): void => {
      if (reported.has(node) || !looksLikeGeminiSecret(value)) return;
      const fact = credentialKind(node, sourceCode);
      if (fact?.kind !== 'apiSecret') return;
      reported.add(node);
      context.report({
        node,
        messageId: 'hardcodedApiSecret',
        data: { secret: redactCredential(value), reason: reasonText(fact) },
        suggest: suggest(node, secretEnv),
      });
    };

    /**
     * A template or concatenation: keys and secrets that only exist once the parts are joined.
     * A key written whole inside one part is reported where that part is written.
     */
    const checkJoined = (node: TSESTree.TemplateLiteral | TSESTree.BinaryExpression, parts: TSESTree.Node[], quasisCount: boolean): void => {
      const joined = staticString(node, sourceCode);
      if (!joined) return;
      const partTexts = parts.map((p) => staticString(p, sourceCode)?.text ?? '');
      const keys = realKeys(joined.text).filter((k) => !partTexts.some((t) => t.includes(k)));
      if (keys.length > 0) {
        reportKey(node, keys[0]!, joined.complete && joined.text.trim() === keys[0]);
        return;
      }
      if (joined.complete && (quasisCount || parts.length > 1) && !partTexts.some((t) => t.includes(joined.text))) checkSecret(node, joined.text);
    };

    return {
      Literal(node) {
        if (typeof node.value !== 'string') return;
        const value = node.value;
        const keys = realKeys(value);
        if (keys.length > 0) reportKey(node as TSESTree.StringLiteral, keys[0]!, value.trim() === keys[0]);
        else checkSecret(node as TSESTree.StringLiteral, value);
      },
      TemplateLiteral(node) {
        // every key in the quasis counts here: the quasis are not visited on their own
        checkJoined(node, node.expressions, true);
      },
      BinaryExpression(node) {
        if (node.operator !== '+') return;
        const parent = node.parent;
        if (parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+') return;
        checkJoined(node, concatOperands(node), false);
      },
      JSXText(node) {
        const keys = realKeys(node.value);
        if (keys.length > 0) reportKey(node, keys[0]!, false);
      },
    };
  },
});
