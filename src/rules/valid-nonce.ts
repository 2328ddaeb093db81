import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { exportedValue } from '../analysis/cross-file/exports.js';
import { classifyNonceExpression, geminiNonceUses, type GeminiNonceUse, type NonceReuse } from '../analysis/nonces/index.js';
import { fileMayHoldGeminiCode, hasRemoteUses } from '../analysis/relevance.js';
import { fileSettings } from '../analysis/cross-file/settings.js';
import { resolveObjectLiteral } from '../analysis/values/values.js';
import { containsNode, isFunctionNode } from '../analysis/ast-utils.js';
import { redactSecretsInText } from '../gemini/credentials.js';
import { createRule, guarded } from '../utils/create-rule.js';
import { signerSetup } from '../utils/signer-setup.js';

/** Which kind of Gemini exchange API key the linted code signs for. */
export type NonceMode = 'incremental' | 'time-based';
export type Options = [{ nonce?: NonceMode }];
export type MessageIds =
  | 'literalNonce'
  | 'reusedNonce'
  | 'sharedNonce'
  | 'randomNonce'
  | 'nonMonotonicNonce'
  | 'scaledSecondsNonce'
  | 'secondsNonce'
  | 'millisecondsNonce'
  | 'exportedNonce'
  | 'restartingCounterNonce'
  | 'shiftingNonce'
  | 'processNonce'
  | 'burstNonce'
  | 'useSignerNonce';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The module-level name the suggestion gives the nonce source. */
const SOURCE_NAME = 'geminiNonce';
const FACTORY: Record<NonceMode, string> = { incremental: 'createIncrementalNonce', 'time-based': 'createTimeBasedNonce' };

// Test files spell out fixed nonces on purpose (Gemini's published signing vector uses 123456).
const TEST_FILE = /(?:^|[\\/])(?:__tests__|__mocks__)[\\/]|\.(?:test|spec)\.[cm]?[jt]sx?$/;

/** The code of `node` as a message shows it: secrets in it redacted (before cutting, so no piece survives), at most 60 characters. */
function short(sourceCode: SourceCode, node: TSESTree.Node): string {
  const text = redactSecretsInText(sourceCode.getText(node).replace(/\s+/g, ' '));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function burstWhere(reuse: NonceReuse): string {
  const by = reuse.repeatedBy;
  const line = by.loc.start.line;
  if (by.type === AST_NODE_TYPES.CallExpression && by.arguments.some((a) => isFunctionNode(a))) return `the callback on line ${line} runs once per item without waiting`;
  if (by.type === AST_NODE_TYPES.ForStatement || by.type === AST_NODE_TYPES.ForInStatement || by.type === AST_NODE_TYPES.ForOfStatement || by.type === AST_NODE_TYPES.WhileStatement || by.type === AST_NODE_TYPES.DoWhileStatement) {
    return `the loop on line ${line} sends without awaiting`;
  }
  return `the request on line ${line} is built before either is awaited`;
}

/** The nonce as the message shows it: the value in the payload, or the argument passed for it. */
function nonceText(use: GeminiNonceUse, sourceCode: SourceCode): string {
  if (use.site) return short(sourceCode, containsNode(use.site.arg, use.site.value) ? use.site.value : use.site.arg);
  return use.entry && containsNode(use.payload.node, use.entry.valueNode) ? short(sourceCode, use.entry.valueNode) : 'nonce';
}

function reuseWhere(reuse: NonceReuse): string {
  const line = reuse.repeatedBy.loc.start.line;
  if (reuse.kind === 'loop') return `before the loop on line ${line}, which sends it on every iteration`;
  const what = reuse.kind === 'callback' ? 'callback' : reuse.scope === 'instance' ? 'method' : 'function';
  const when = reuse.scope === 'module' ? 'when the module loads' : reuse.scope === 'instance' ? 'when the instance is created' : 'in the enclosing function';
  return `${when}, but the ${what} on line ${line} that sends it runs more than once`;
}

export default createRule<Options, MessageIds>({
  name: 'valid-nonce',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every signed Gemini exchange request to carry a fresh nonce of the kind its API key expects.',
      recommended: 'error',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          nonce: {
            type: 'string',
            enum: ['incremental', 'time-based'],
            description:
              "The kind of nonce the Gemini exchange API key uses: 'incremental' (the default: strictly increasing, millisecond precision recommended) or 'time-based' (Unix time in seconds within ±30 s of server time).",
          },
        },
        additionalProperties: false,
      },
    ],
    // Each message says which key setting the nonce would suit: incremental keys (the default) need a
    // strictly increasing nonce, millisecond precision recommended; keys created with "Uses a time
    // based nonce" need Unix seconds within ±30 s — what Gemini's own code sends for such keys.
    messages: {
      literalNonce:
        'This Gemini exchange payload sends the fixed nonce {{value}}: an incremental key rejects every request after the first with InvalidNonce, and a time-based key rejects it once it is 30 s away from server time. Generate a fresh nonce for each request.',
      reusedNonce:
        "The nonce `{{nonce}}` is computed once {{where}}: with an incremental Gemini exchange key every request after the first fails with InvalidNonce. Compute a fresh nonce for each request (only a time-based key, with Unix seconds, accepts a repeat: set the `nonce` option to 'time-based' if the key is one).",
      sharedNonce:
        "The nonce `{{nonce}}` is computed once and also sent by the signed Gemini exchange request on line {{line}}: with an incremental key every request after the first fails with InvalidNonce. Compute a fresh nonce for each request (only a time-based key, with Unix seconds, accepts a repeat: set the `nonce` option to 'time-based' if the key is one).",
      burstNonce:
        '`{{nonce}}` reads the millisecond clock for several requests in one synchronous burst ({{where}}): readings within one millisecond are equal, and an incremental Gemini exchange key rejects the repeated nonce with InvalidNonce. Take the nonces from one strictly increasing source (`Math.max(Date.now(), last + 1)`, or createIncrementalNonce() of the signer), or send the requests one after another.',
      randomNonce:
        '`{{source}}` is random, not increasing: an incremental Gemini exchange key rejects with InvalidNonce any nonce not greater than the last one it used, and a time-based key wants the current Unix time in seconds. Use an increasing millisecond nonce (incremental keys) or Unix seconds (time-based keys).',
      nonMonotonicNonce:
        '`{{source}}` is not Unix time: it restarts with every process or wraps around, so an incremental Gemini exchange key sees nonces below ones it already used (InvalidNonce), and a time-based key, which wants Unix seconds within ±30 s, rejects it outright. Use Unix time: milliseconds for incremental keys, seconds for time-based keys.',
      shiftingNonce:
        '`{{nonce}}` shifts the clock by `{{offset}}`, which changes while the process runs: whenever it grows the nonce jumps back below nonces the incremental Gemini exchange key already used, and the request fails with InvalidNonce. Keep the nonce increasing (`Math.max(Date.now() - offset, last + 1)`), or set the `nonce` option to \'time-based\' if the key uses time-based nonces (they only need to stay within ±30 s of server time).',
      restartingCounterNonce:
        '`{{nonce}}` is a counter that starts again from a constant in every process: after a restart an incremental Gemini exchange key receives nonces it has already passed and answers InvalidNonce (and a time-based key wants Unix seconds instead). Seed it from the clock (`Math.max(Date.now(), last + 1)`) or use the signer\'s createIncrementalNonce().',
      processNonce:
        '`{{source}}` is fixed when the process starts: every request of the process carries the same nonce, so an incremental Gemini exchange key rejects all but the first (InvalidNonce) and a time-based key rejects it once the process is 30 s old. Read the current time for each request: milliseconds for incremental keys, `Math.floor(Date.now() / 1000)` for time-based keys.',
      scaledSecondsNonce:
        '`{{nonce}}` is a whole-second value scaled to look like milliseconds: every request within the same second carries the same nonce, which an incremental Gemini exchange key rejects with InvalidNonce, and a time-based key wants plain seconds. Use a millisecond nonce that increases on every request (incremental keys) or `Math.floor(Date.now() / 1000)` (time-based keys).',
      secondsNonce:
        "`{{nonce}}` has one-second resolution, but the `nonce` option is 'incremental': two requests within the same second carry the same nonce, and seconds are below the millisecond nonces the key may already have used, so the Gemini exchange answers InvalidNonce. Seconds suit only a key created with \"Uses a time based nonce\" (Gemini's own code signs those with seconds): set the `nonce` option to 'time-based' if this key is one, otherwise use a millisecond nonce that increases on every request.",
      millisecondsNonce:
        "`{{nonce}}` is in milliseconds (or finer), but the `nonce` option is 'time-based': a time-based Gemini exchange key accepts only Unix time in seconds within ±30 s of server time, so the request fails with InvalidNonce. Send seconds (`Math.floor(Date.now() / 1000)`), or set the `nonce` option to 'incremental' if this key uses incremental nonces (the default, where milliseconds are right).",
      exportedNonce:
        'The nonce `{{name}}` is computed once, when this module loads, and used as the nonce of signed Gemini exchange requests in {{sites}}: every request after the first fails with InvalidNonce. Export a function that returns a fresh nonce instead.',
      useSignerNonce: "Use `{{name}}.next()` from `{{factory}}()` of 'eslint-plugin-gemini-guard/signer'.",
    },
  },
  defaultOptions: [{ nonce: 'incremental' }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.getText();
    // Cheap first: no nonce, or nothing that could make this Gemini exchange code.
    const remote = hasRemoteUses(sourceCode);
    if (!remote && (!/nonce/i.test(text) || !fileMayHoldGeminiCode(sourceCode))) return {};
    const mode: NonceMode = options.nonce === 'time-based' ? 'time-based' : 'incremental';
    const isTestFile = TEST_FILE.test(context.filename);

    const decide = (use: GeminiNonceUse): { messageId: Exclude<MessageIds, 'useSignerNonce'>; data: Record<string, string | number> } | undefined => {
      const { origin, reuse, value } = use;
      const nonce = nonceText(use, sourceCode);
      switch (origin.kind) {
        case 'literal':
          return isTestFile ? undefined : { messageId: 'literalNonce', data: { value: short(sourceCode, origin.node) } };
        case 'random':
          return { messageId: 'randomNonce', data: { source: short(sourceCode, origin.node) } };
        case 'non-monotonic':
          // a corrected clock is what a time-based key wants; only increasing keys mind the jumps
          if (value.breaks === 'offset') return mode === 'incremental' ? { messageId: 'shiftingNonce', data: { nonce, offset: short(sourceCode, origin.node) } } : undefined;
          return { messageId: 'nonMonotonicNonce', data: { source: short(sourceCode, origin.node) } };
        case 'scaled-seconds':
          return { messageId: 'scaledSecondsNonce', data: { nonce } };
        case 'counter':
          if (value.breaks === 'counter') return { messageId: 'restartingCounterNonce', data: { nonce } };
          break;
        default:
          break;
      }
      if (value.breaks === 'process-start') return { messageId: 'processNonce', data: { source: short(sourceCode, origin.node) } };
      // Time-based keys only check the ±30 s window, so one seconds value may serve several requests.
      const repeatsAllowed = origin.sourceKind === 'time-based' || (mode === 'time-based' && (origin.kind === 'seconds' || origin.kind === 'unknown'));
      if (reuse && !repeatsAllowed) {
        if (reuse.kind === 'burst') {
          if (mode === 'incremental') return { messageId: 'burstNonce', data: { nonce, where: burstWhere(reuse) } };
        } else if (reuse.kind === 'shared') {
          return { messageId: 'sharedNonce', data: { nonce, line: reuse.repeatedBy.loc.start.line } };
        } else {
          return { messageId: 'reusedNonce', data: { nonce, where: reuseWhere(reuse) } };
        }
      }
      if (origin.kind === 'seconds' && mode === 'incremental') return { messageId: 'secondsNonce', data: { nonce } };
      if (origin.kind === 'milliseconds' && mode === 'time-based') return { messageId: 'millisecondsNonce', data: { nonce } };
      return undefined;
    };

    // The scanner's cross-file phase: `export const NONCE = Date.now()` used by other modules'
    // payloads is one value for every request those modules send.
    const reportExportedNonces = (): void => {
      for (const [name, uses] of Object.entries(fileSettings(sourceCode).exportUses ?? {})) {
        const sites = [...new Set(uses.filter((u) => u.role === 'nonce').map((u) => u.site))].sort();
        if (sites.length === 0) continue;
        const value = exportedValue(sourceCode, name);
        if (!value || isFunctionNode(value) || value.type === AST_NODE_TYPES.ClassDeclaration || value.type === AST_NODE_TYPES.ClassExpression) continue;
        const kind = classifyNonceExpression(value, sourceCode);
        if (kind === 'monotonic-source' || kind === 'counter') continue;
        if (mode === 'time-based' && kind === 'seconds') continue;
        context.report({ node: value, messageId: 'exportedNonce', data: { name, sites: sites.join(', ') } });
      }
    };

    return {
      'Program:exit'() {
        const nonceUses = geminiNonceUses(sourceCode);
        if (remote) reportExportedNonces();
        for (const use of nonceUses) {
          const verdict = decide(use);
          if (!verdict) continue;
          const node = reportNode(use, sourceCode);
          // a suggestion is optional; the report is not
          const fix = guarded(() => signerFix(use, node, mode, sourceCode, context.filename), undefined);
          context.report({
            node,
            messageId: verdict.messageId,
            data: verdict.data,
            suggest: fix ? [{ messageId: 'useSignerNonce', data: { name: SOURCE_NAME, factory: FACTORY[mode] }, fix }] : [],
          });
        }
      },
    };
  },
});

/** The nonce value in the payload, or the spread that brings it in (or the payload itself); for a nonce passed in, the value at the call. */
function reportNode(use: GeminiNonceUse, sourceCode: SourceCode): TSESTree.Node {
  if (use.site) return containsNode(use.site.arg, use.site.value) ? use.site.value : use.site.arg;
  const payload = use.payload.node;
  if (!use.entry) return payload;
  if (containsNode(payload, use.entry.valueNode)) return use.entry.valueNode;
  for (let i = payload.properties.length - 1; i >= 0; i--) {
    const p = payload.properties[i]!;
    if (p.type !== AST_NODE_TYPES.SpreadElement) continue;
    const obj = resolveObjectLiteral(p.argument, sourceCode);
    if (obj && containsNode(obj, use.entry.valueNode)) return p;
  }
  return payload;
}

/**
 * The suggestion: `geminiNonce.next()` in place of the faulty nonce, plus (when missing) the
 * import of the signer's nonce factory and `const geminiNonce = <factory>();` after the imports.
 * Returns `undefined` when a name clash makes the edit unsafe.
 */
function signerFix(use: GeminiNonceUse, node: TSESTree.Node, mode: NonceMode, sourceCode: SourceCode, filename: string): TSESLint.ReportFixFunction | undefined {
  // a nonce passed in from a call, or brought by a spread parameter: the edit belongs elsewhere
  const entry = use.entry;
  if (use.site || !entry) return undefined;
  const setup = signerSetup(sourceCode, { factory: FACTORY[mode], variable: SOURCE_NAME, at: node, filename });
  if (!setup) return undefined;
  const payload = use.payload.node;
  const property = entry.property;
  const replacement = `${SOURCE_NAME}.next()`;
  return (fixer) => {
    const fixes = setup(fixer);
    if (!containsNode(payload, entry.valueNode)) {
      // the nonce came in through a spread: a later key overrides it
      const last = payload.properties[payload.properties.length - 1];
      fixes.push(last ? fixer.insertTextAfter(last, `, nonce: ${replacement}`) : fixer.replaceText(payload, `{ nonce: ${replacement} }`));
    } else if (property.shorthand) {
      fixes.push(fixer.replaceText(property, `${sourceCode.getText(property.key)}: ${replacement}`));
    } else {
      fixes.push(fixer.replaceText(property.value, replacement));
    }
    return fixes;
  };
}
