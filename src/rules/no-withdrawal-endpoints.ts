import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { fileMayHoldGeminiCode } from '../analysis/relevance.js';
import { geminiTarget, payloadRequests, siteReportNode, siteTargets, type GeminiTarget } from '../analysis/requests/gemini-requests.js';
import { httpCalls, type HttpCall } from '../analysis/requests/http-calls.js';
import { geminiPayloads } from '../analysis/requests/payloads.js';
import { callSiteBindings, parametersFunction, symbolicString } from '../analysis/values/symbolic.js';
import { matchEndpoint, type GeminiEndpoint } from '../gemini/endpoints.js';
import { createRule, forEachGuarded } from '../utils/create-rule.js';

export type Options = [{ allow?: string[] }];
export type MessageIds = 'fundMovingEndpoint';

/** `{currency}` and `{ccy}` name the same template slot: compare templates without parameter names. */
function templateKey(template: string): string {
  return template.trim().replace(/\{[^{}/]*\}/g, '{}');
}

export default createRule<Options, MessageIds>({
  name: 'no-withdrawal-endpoints',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow calls to Gemini exchange endpoints that move funds out of the account (withdrawals, transfers, new withdrawal destinations).',
      recommended: 'warn',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              "Endpoint templates from Gemini's catalog that this code base legitimately calls, e.g. '/v1/withdraw/{currency}'. Parameter names in braces do not matter.",
          },
        },
      },
    ],
    messages: {
      fundMovingEndpoint:
        'This calls the Gemini exchange endpoint {{endpoint}} ({{summary}}), which moves funds out of the account: its API key needs the Fund Manager role (Gemini answers MissingRole without it). A trading bot\'s key should not hold that role, because whoever leaks or steals the key could then move the funds out. Keep withdrawals on a separate, tightly held key, or list {{endpoint}} in the `allow` option.',
    },
  },
  defaultOptions: [{ allow: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.getText();
    // Cheap first: no Gemini host, header or key, and no fund-moving path segment, means nothing to find.
    if (!/withdraw|transfer|approvedAddresses|addbank/i.test(text) || !fileMayHoldGeminiCode(sourceCode)) return {};

    const allowed = new Set((options.allow ?? []).map(templateKey));
    const isFlagged = (endpoint: GeminiEndpoint | undefined): endpoint is GeminiEndpoint =>
      endpoint?.fundMoving === true && !allowed.has(templateKey(endpoint.template));
    // Sandbox keys hold test funds only: least privilege there is not worth a warning.
    const flaggedTarget = (target: GeminiTarget | undefined): GeminiEndpoint | undefined =>
      target && !target.sandbox && isFlagged(target.endpoint) ? target.endpoint : undefined;

    const reportedNodes = new Set<TSESTree.Node>();
    const report = (node: TSESTree.Node, endpoint: GeminiEndpoint): void => {
      if (reportedNodes.has(node)) return;
      reportedNodes.add(node);
      context.report({ node, messageId: 'fundMovingEndpoint', data: { endpoint: endpoint.template, summary: endpoint.summary } });
    };
    const callReportNode = (call: HttpCall): TSESTree.Node =>
      call.urlNode && call.urlNode.type !== AST_NODE_TYPES.ObjectExpression ? call.urlNode : call.node.callee;

    return {
      'Program:exit'() {
        // Requests whose target says "fund-moving", and calls that are settled (the target is known).
        const settled = new Set<HttpCall>();
        forEachGuarded(httpCalls(sourceCode), (call) => {
          const direct = geminiTarget(call, sourceCode);
          if (direct?.endpoint) {
            settled.add(call);
            const endpoint = flaggedTarget(direct);
            if (endpoint) report(callReportNode(call), endpoint);
            return;
          }
          for (const site of siteTargets(call, sourceCode)) {
            if (site.target?.endpoint) settled.add(call);
            const endpoint = flaggedTarget(site.target);
            if (endpoint) report(site.reportNode, endpoint);
          }
        });

        // Payloads: `{ request: '/v1/withdraw/btc', nonce }` counts even when the request is sent by
        // an unknown helper; one report per payload/request pair.
        forEachGuarded(geminiPayloads(sourceCode), (payload) => {
          const request = payload.request;
          if (!request) return;
          const calls = payloadRequests(payload, sourceCode);
          if (calls.some((c) => settled.has(c))) return;
          const targets = calls.map((c) => geminiTarget(c, sourceCode));
          if (targets.length > 0 && targets.every((t) => t?.sandbox)) return;

          const endpoint = request.value ? matchEndpoint(request.value.text) : undefined;
          if (endpoint) {
            if (isFlagged(endpoint)) report(request.valueNode, endpoint);
            return;
          }
          // `private(path, params) { const payload = { request: path, … } }`: look at each caller.
          const symbolic = symbolicString(request.valueNode, sourceCode);
          const fn = parametersFunction(symbolic.params);
          if (!fn) return;
          for (const binding of callSiteBindings(fn, sourceCode)) {
            const value = symbolicString(request.valueNode, sourceCode, binding.substitution).value;
            const atSite = value ? matchEndpoint(value.text) : undefined;
            if (isFlagged(atSite)) report(siteReportNode(binding, symbolic.params), atSite);
          }
        });
      },
    };
  },
});
