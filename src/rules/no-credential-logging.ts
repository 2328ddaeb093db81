import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import {
  credentialsIn,
  type CredentialUse,
  environmentDumpIn,
  geminiCredentialReadFrom,
  loggerCall,
} from '../analysis/exposure/index.js';
import { fileMayHoldGeminiCode } from '../analysis/relevance.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [];
export type MessageIds = 'loggedApiSecret' | 'loggedApiKey' | 'loggedSignature' | 'loggedHeaders' | 'loggedEnvironment';

const MESSAGE: Record<Exclude<CredentialUse['kind'], 'payload'>, MessageIds> = {
  apiSecret: 'loggedApiSecret',
  apiKey: 'loggedApiKey',
  signature: 'loggedSignature',
  headers: 'loggedHeaders',
};

function within(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

export default createRule<Options, MessageIds>({
  name: 'no-credential-logging',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow writing Gemini exchange API keys, secrets, signatures or authentication headers to logs.',
      recommended: 'error',
    },
    schema: [],
    messages: {
      loggedApiSecret:
        '`{{logger}}` writes the Gemini exchange API secret to the log: anyone who can read the logs can sign requests as this account. Log whether it is set, never its value.',
      loggedApiKey:
        '`{{logger}}` writes the Gemini exchange API key to the log: logs are shipped, indexed and kept, and the key is half of what it takes to trade on the account. Log a masked form or whether it is set.',
      loggedSignature:
        '`{{logger}}` writes the X-GEMINI-SIGNATURE value to the log: it is an HMAC made with the API secret, and next to the payload it is a signed request. Log the request path and nonce instead.',
      loggedHeaders:
        '`{{logger}}` writes the X-GEMINI-* authentication headers (API key and signature) to the log. Log the request path and nonce, or the headers without X-GEMINI-APIKEY and X-GEMINI-SIGNATURE.',
      loggedEnvironment:
        '`{{logger}}` writes all of `{{env}}` to the log, and with it {{name}}, the Gemini exchange credential this file reads from there. Log the variables you need by name, never the whole environment.',
    },
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.text;
    // Cheap first: a credential counts only in Gemini code, under a Gemini name or as a Gemini key.
    if (!fileMayHoldGeminiCode(sourceCode) || !/log|console|debug|trace|warn|error|info|fatal|verbose|silly|dir|table/i.test(text)) return {};

    return {
      CallExpression(node) {
        if (node.arguments.length === 0) return;
        const call = loggerCall(node, sourceCode);
        if (!call) return;
        const reported = new Set<string>();
        for (const [index, arg] of node.arguments.entries()) {
          // a local logging helper logs only some of its parameters
          if (call.logsArgument && !call.logsArgument(index)) continue;
          const value = arg.type === AST_NODE_TYPES.SpreadElement ? arg.argument : arg;
          for (const use of credentialsIn(value, sourceCode, { json: call.json === true })) {
            // the base64 payload is the request itself, not a credential
            if (use.kind === 'payload') continue;
            // the logger's own configuration removes the signed headers from every record
            if (use.kind === 'headers' && call.redacts?.has('apiKey') && call.redacts.has('signature')) continue;
            // point at the credential inside the call, or at the argument that carries it
            const at = within(use.node, arg) ? use.node : arg;
            const key = `${at.range[0]}:${at.range[1]}:${use.kind}`;
            if (reported.has(key)) continue;
            reported.add(key);
            context.report({ node: at, messageId: MESSAGE[use.kind], data: { logger: call.name } });
          }
          // console.log(process.env): every variable, the Gemini secret among them
          const dump = environmentDumpIn(value, sourceCode);
          const name = dump && geminiCredentialReadFrom(dump.via, sourceCode);
          if (dump && name !== undefined) {
            context.report({ node: within(dump.node, arg) ? dump.node : arg, messageId: 'loggedEnvironment', data: { logger: call.name, env: dump.via, name } });
          }
        }
      },
    };
  },
});
