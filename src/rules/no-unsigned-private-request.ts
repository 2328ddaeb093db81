import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { fileMayHoldGeminiCode } from '../analysis/relevance.js';
import { staticKeyName, unwrap } from '../analysis/ast-utils.js';
import { certainMethod, geminiTarget, headersCertain, siteTargets, type GeminiTarget } from '../analysis/requests/gemini-requests.js';
import { findHeader, httpCalls, type HttpCall } from '../analysis/requests/http-calls.js';
import { staticString } from '../analysis/values/values.js';
import { GEMINI_HEADERS, isOAuthAuthorization, type GeminiHeaderKind } from '../gemini/headers.js';
import { hasHole } from '../gemini/paths.js';
import { createRule, forEachGuarded } from '../utils/create-rule.js';
import { signerSetup } from '../utils/signer-setup.js';

export type Options = [];
export type MessageIds = 'missingHeaders' | 'notPost' | 'signWithReferenceSigner' | 'usePost';

const SIGNER_VARIABLE = 'geminiSigner';
const SIGNER_FACTORY = 'createGeminiSigner';
const SIGNER_OPTIONS = '{ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET }';

const MISSING_ERROR: Record<GeminiHeaderKind, string> = {
  apiKey: 'MissingApikeyHeader',
  payload: 'MissingPayloadHeader',
  signature: 'MissingSignatureHeader',
};

const KINDS: readonly GeminiHeaderKind[] = ['apiKey', 'payload', 'signature'];

/** "A, B and C". */
function listing(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export default createRule<Options, MessageIds>({
  name: 'no-unsigned-private-request',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require private Gemini exchange endpoints to be called with POST and the three signing headers.',
      recommended: 'error',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      missingHeaders:
        'This request to the private Gemini exchange {{target}} does not send {{missing}}: Gemini rejects it with {{errors}}. Send X-GEMINI-APIKEY, X-GEMINI-PAYLOAD (the base64 payload) and X-GEMINI-SIGNATURE (its HMAC-SHA384, hex).',
      notPost:
        'This {{method}} request goes to the private Gemini exchange endpoint {{endpoint}} ({{summary}}), but Gemini requires POST for private endpoints, so the call fails. Send it with POST.',
      signWithReferenceSigner: "Sign it with the reference signer: add `geminiSigner.sign('{{path}}').headers`.",
      usePost: 'Change the method to POST.',
    },
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    // Cheap first: Gemini code names a Gemini host, an X-GEMINI-* header or a Gemini key.
    if (!fileMayHoldGeminiCode(sourceCode)) return {};

    const reported = new Set<string>();
    const once = (node: TSESTree.Node, messageId: MessageIds): boolean => {
      const key = `${node.range[0]}:${node.range[1]}:${messageId}`;
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    };

    const check = (call: HttpCall, target: GeminiTarget, reportNode: TSESTree.Node, atCall: boolean, siteMethod?: string): void => {
      const { endpoint, webSocketEndpoint: feed } = target;
      const privateRest = target.kind === 'rest' && endpoint?.access === 'private';
      const privateFeed = target.kind === 'websocket' && feed?.access === 'private';
      if (!privateRest && !privateFeed) return;

      // Headers we cannot see (an imported helper, an unknown spread, interceptors) count as signed,
      // and so does an OAuth access token (`Authorization: Bearer …`), Gemini's other credential.
      const oauth = call.headers.entries.some((e) => isOAuthAuthorization(e.name, staticString(e.valueNode, sourceCode)?.text));
      if (headersCertain(call, sourceCode) && !oauth) {
        const missing = KINDS.filter((kind) => !findHeader(call.headers, GEMINI_HEADERS[kind]));
        if (missing.length > 0 && once(reportNode, 'missingHeaders')) {
          const path = (endpoint ?? feed)!.template;
          const described = privateRest ? `endpoint ${path} (${endpoint!.summary})` : `WebSocket feed ${path} (${feed!.summary})`;
          const fix = atCall && !hasHole(target.path) ? signerFix(call, target.path) : undefined;
          context.report({
            node: reportNode,
            messageId: 'missingHeaders',
            data: {
              target: described,
              missing: listing(missing.map((kind) => GEMINI_HEADERS[kind])),
              errors: listing(missing.map((kind) => MISSING_ERROR[kind])),
            },
            suggest: fix ? [{ messageId: 'signWithReferenceSigner', data: { path: target.path }, fix }] : [],
          });
        }
      }

      // A GET is still a GET, whatever the headers; WebSocket upgrades are GETs by design.
      if (!privateRest || endpoint!.signedGet) return;
      const method = certainMethod(call, sourceCode) ?? siteMethod;
      if (method === undefined || method === 'POST') return;
      const methodNode = atCall && call.methodNode ? call.methodNode : reportNode;
      if (!once(methodNode, 'notPost')) return;
      const literal = atCall ? postFix(call) : undefined;
      context.report({
        node: methodNode,
        messageId: 'notPost',
        data: { method, endpoint: endpoint!.template, summary: endpoint!.summary },
        suggest: literal ? [{ messageId: 'usePost', fix: literal }] : [],
      });
    };

    /** `method: 'GET'` written at the call → `'POST'`. */
    const postFix = (call: HttpCall): TSESLint.ReportFixFunction | undefined => {
      const node = call.methodNode;
      if (node?.type !== AST_NODE_TYPES.Literal || typeof node.value !== 'string') return undefined;
      if (node.range[0] < call.node.range[0] || node.range[1] > call.node.range[1]) return undefined;
      if (node.parent?.type !== AST_NODE_TYPES.Property || node.parent.value !== node) return undefined;
      const quote = node.raw[0] === '"' ? '"' : "'";
      return (fixer) => fixer.replaceText(node, `${quote}POST${quote}`);
    };

    /**
     * Adds the reference signer's headers to the request's inline options (a `headers` object
     * literal, or a new `headers` property), plus the import and one shared signer at the top.
     */
    const signerFix = (call: HttpCall, path: string): TSESLint.ReportFixFunction | undefined => {
      if (/['\\\n\r\u2028\u2029]/.test(path)) return undefined;
      const options = call.optionsNode && unwrap(call.optionsNode);
      if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      if (options.range[0] < call.node.range[0] || options.range[1] > call.node.range[1]) return undefined;
      const signed = `${SIGNER_VARIABLE}.sign('${path}').headers`;
      const headersProp = options.properties.find(
        (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && staticKeyName(p.key, p.computed) === 'headers',
      );
      let target: TSESTree.ObjectExpression;
      let insert: string;
      if (headersProp) {
        if (headersProp.value.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
        target = headersProp.value;
        insert = `...${signed}`;
      } else {
        target = options;
        insert = `headers: ${signed}`;
      }
      // last: a setup suggestion counts against the file's quota only when it is offered
      const setup = signerSetup(sourceCode, { factory: SIGNER_FACTORY, variable: SIGNER_VARIABLE, args: SIGNER_OPTIONS, at: call.node, filename: context.filename });
      if (!setup) return undefined;
      return (fixer) => {
        const fixes = setup(fixer);
        const last = target.properties[target.properties.length - 1];
        if (last) fixes.push(fixer.insertTextAfter(last, `, ${insert}`));
        else fixes.push(fixer.insertTextAfterRange([target.range[0], target.range[0] + 1], ` ${insert} `));
        return fixes;
      };
    };

    return {
      'Program:exit'() {
        forEachGuarded(httpCalls(sourceCode), (call) => {
          const direct = geminiTarget(call, sourceCode);
          if (direct && (direct.endpoint || direct.webSocketEndpoint)) {
            const node = call.urlNode && call.urlNode.type !== AST_NODE_TYPES.ObjectExpression ? call.urlNode : call.node.callee;
            check(call, direct, node, true);
            return;
          }
          // `get(path) { return fetch(BASE + path) }`: judge each `get('/v1/…')`.
          for (const site of siteTargets(call, sourceCode)) {
            if (site.target) check(call, site.target, site.reportNode, false, site.method);
          }
        });
      },
    };
  },
});
