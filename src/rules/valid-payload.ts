import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { fileMayHoldGeminiCode } from '../analysis/relevance.js';
import { unwrap } from '../analysis/ast-utils.js';
import { geminiContext } from '../analysis/gemini-context.js';
import { callUrlWith, compareRequestWithTarget, geminiTarget, payloadMayGainKeys, payloadRequests, reachedFromCall, siteReportNode } from '../analysis/requests/gemini-requests.js';
import type { HttpCall } from '../analysis/requests/http-calls.js';
import { geminiPayloads, type GeminiPayload } from '../analysis/requests/payloads.js';
import { branchesOnParameters, callSiteBindings, parametersFunction, symbolicString } from '../analysis/values/symbolic.js';
import { objectEntries, resolveObjectLiteral, type StaticString } from '../analysis/values/values.js';
import { helperCallsPassing } from '../analysis/requests/call-sites.js';
import { encodedBodies } from '../analysis/requests/encoded-bodies.js';
import { hasHole, HOLE } from '../gemini/paths.js';
import { createRule, forEachGuarded } from '../utils/create-rule.js';

export type Options = [];
export type MessageIds = 'endpointMismatch' | 'missingNonce' | 'missingRequest' | 'useUrlPath';

/** Options keys through which a client appends a query string the URL text does not show. */
const QUERY_OPTIONS = ['params', 'searchParams', 'qs', 'query'];

/** Whether the client may add a query string to the URL (`params`, options out of sight). */
function urlMayGainQuery(call: HttpCall, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!call.optionsNode) return false;
  const options = resolveObjectLiteral(call.optionsNode, sourceCode);
  if (!options) return true;
  const { entries, complete } = objectEntries(options, sourceCode);
  return !complete || entries.some((e) => QUERY_OPTIONS.includes(e.key));
}

/** A path for a message: unknown parts shown as `…`. */
function shown(text: string): string {
  return text.split(HOLE).join('…');
}

export default createRule<Options, MessageIds>({
  name: 'valid-payload',
  meta: {
    type: 'problem',
    docs: {
      description: "Require a Gemini exchange payload's `request` to equal the URL path it is sent to, and the payload to carry a `nonce`.",
      recommended: 'error',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      endpointMismatch:
        "The Gemini exchange payload's `request` is '{{request}}' but the request is sent to the path '{{path}}': Gemini rejects it with EndpointMismatch. `request` must be exactly the URL path, e.g. '/v1/balances' for https://api.gemini.com/v1/balances.",
      missingNonce:
        'This Gemini exchange payload has no `nonce`: Gemini rejects it with MissingNonce. Add a nonce that strictly increases with every request made with the key.',
      missingRequest:
        'This object is sent as the Gemini exchange payload (X-GEMINI-PAYLOAD) but has no `request`{{andNonce}}: Gemini cannot match it to the endpoint and rejects it{{errors}}. The payload must hold `request` (the URL path, e.g. \'/v1/balances\'), a `nonce` and the endpoint parameters.',
      useUrlPath: "Set `request` to '{{path}}', the path the request is sent to.",
    },
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.getText();
    // Cheap first: a payload has a `request` key or is sent in a payload header, and is reported
    // only in (or for) Gemini code.
    if (!/request|payload/i.test(text) || !fileMayHoldGeminiCode(sourceCode)) return {};

    const reported = new Set<string>();
    const reportMismatch = (node: TSESTree.Node, request: StaticString, path: string, suggest: TSESLint.ReportFixFunction | undefined): void => {
      const key = `${node.range[0]}:${node.range[1]}:${request.text}:${path}`;
      if (reported.has(key)) return;
      reported.add(key);
      context.report({
        node,
        messageId: 'endpointMismatch',
        data: { request: shown(request.text), path: shown(path) },
        suggest: suggest ? [{ messageId: 'useUrlPath', data: { path }, fix: suggest }] : [],
      });
    };

    /** Rewrites a `request` written as a plain string literal to the URL path. */
    const literalFix = (node: TSESTree.Node, path: string): TSESLint.ReportFixFunction | undefined => {
      const value = unwrap(node);
      if (hasHole(path) || /['"`\\\n\r\u2028\u2029$]/.test(path)) return undefined;
      if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') {
        const quote = value.raw[0] === '"' ? '"' : "'";
        return (fixer) => fixer.replaceText(value, `${quote}${path}${quote}`);
      }
      if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) {
        return (fixer) => fixer.replaceText(value, `\`${path}\``);
      }
      return undefined;
    };

    const checkPair = (payload: GeminiPayload, call: HttpCall): void => {
      const request = payload.request;
      if (!request) return;
      const requestSymbolic = symbolicString(request.valueNode, sourceCode);
      const urlSymbolic = callUrlWith(call, sourceCode);
      const gainsQuery = urlMayGainQuery(call, sourceCode);

      // Both sides known without looking at callers.
      const target = geminiTarget(call, sourceCode);
      if (request.value && target && compareRequestWithTarget(request.value, target, gainsQuery) === 'different') {
        // Suggest the URL path only when it is a real Gemini endpoint: for `//v1/balances` the URL is what is wrong.
        const fix = !target.viaUnknownBase && (target.endpoint || target.webSocketEndpoint) ? literalFix(request.valueNode, target.path) : undefined;
        reportMismatch(request.valueNode, request.value, target.viaUnknownBase ? `…${target.path}` : target.path, fix);
        return;
      }

      // `private(path, params) { const payload = { request: path, … }; return axios.post(BASE + path, …) }`:
      // compare at each caller, with the caller's argument in place of the parameter.
      const params = new Set([...requestSymbolic.params, ...urlSymbolic.params]);
      const fn = parametersFunction(params);
      if (!fn || branchesOnParameters(fn, sourceCode)) return;
      // A request outside the helper (`fetch(url, { headers: sign('/v1/x') })`) belongs to the one
      // call of the helper it is built from, not to every caller of the helper.
      const callInHelper = call.node.range[0] >= fn.range[0] && call.node.range[1] <= fn.range[1];
      for (const binding of callSiteBindings(fn, sourceCode)) {
        if (!callInHelper && !reachedFromCall(call, binding.site, sourceCode)) continue;
        const value = symbolicString(request.valueNode, sourceCode, binding.substitution).value;
        const { url } = callUrlWith(call, sourceCode, binding.substitution);
        const siteTarget = url && geminiTarget(call, sourceCode, url);
        if (!value || !siteTarget || compareRequestWithTarget(value, siteTarget, gainsQuery) !== 'different') continue;
        reportMismatch(siteReportNode(binding, params), value, siteTarget.viaUnknownBase ? `…${siteTarget.path}` : siteTarget.path, undefined);
      }
    };

    /**
     * A ready-made payload handed to a helper that sends it (`this.post(request, {}, body)` with the
     * request inside `post`): compared with the URL the helper builds from this call's arguments.
     */
    const checkAtHelperCalls = (payload: GeminiPayload, call: HttpCall): void => {
      const request = payload.request;
      if (!request?.value || request.value.text.includes(HOLE)) return;
      for (const { binding } of helperCallsPassing(payload.node, call.node, sourceCode)) {
        const { url } = callUrlWith(call, sourceCode, binding.substitution);
        const target = url && geminiTarget(call, sourceCode, url);
        if (!target || compareRequestWithTarget(request.value, target, urlMayGainQuery(call, sourceCode)) !== 'different') continue;
        const fix = !target.viaUnknownBase && (target.endpoint || target.webSocketEndpoint) ? literalFix(request.valueNode, target.path) : undefined;
        reportMismatch(request.valueNode, request.value, target.viaUnknownBase ? `…${target.path}` : target.path, fix);
      }
    };

    return {
      'Program:exit'() {
        const gemini = geminiContext(sourceCode);
        forEachGuarded(geminiPayloads(sourceCode), (payload) => {
          const local = payloadRequests(payload, sourceCode);
          for (const call of local) checkPair(payload, call);
          for (const call of payload.calls) if (!local.includes(call)) checkAtHelperCalls(payload, call);

          // MissingNonce only where every key is visible and the object certainly is a Gemini payload.
          if (
            !payload.nonce &&
            payload.complete &&
            (payload.sentAsPayloadHeader || gemini.isGeminiCode(payload.node)) &&
            !payloadMayGainKeys(payload.node, sourceCode)
          ) {
            context.report({ node: payload.node, messageId: 'missingNonce' });
          }
        });
        // `X-GEMINI-PAYLOAD: base64(JSON.stringify(params))` with no `request` in `params`
        forEachGuarded(encodedBodies(sourceCode), (body) => {
          if (body.hasRequest || !body.complete || payloadMayGainKeys(body.node, sourceCode)) return;
          context.report({
            node: body.node,
            messageId: 'missingRequest',
            data: { andNonce: body.hasNonce ? '' : ' and no `nonce`', errors: body.hasNonce ? '' : ' (MissingNonce)' },
          });
        });
      },
    };
  },
});
