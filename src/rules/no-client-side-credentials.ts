import type { TSESTree } from '@typescript-eslint/utils';
import {
  bareEnvName,
  credentialKind,
  type EnvReadSite,
  envReadSites,
  hasUseClientDirective,
  isInUseServerCode,
  matchingGlob,
  publicEnvName,
} from '../analysis/exposure/index.js';
import { geminiContext, type GeminiContext } from '../analysis/gemini-context.js';
import { fileMayHoldGeminiCode } from '../analysis/relevance.js';
import { geminiHeaderSinks, hmacUses, signatureFlows, traceValueSources, type HmacUse } from '../analysis/signing/index.js';
import { envRead, valueOrigins } from '../analysis/values/values.js';
import { classifyCredentialName, isGeminiNamed, redactSecretsInText, splitWords } from '../gemini/credentials.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [
  {
    /** Globs (relative to the ESLint cwd) of files that are bundled for the browser. */
    clientFiles?: string[];
  },
];
export type MessageIds = 'publicEnvSecret' | 'publicEnvKey' | 'secretInClientCode' | 'signingInClientCode';

const PUBLIC_PREFIX_IN_TEXT = /NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|NUXT_PUBLIC_|GATSBY_|PUBLIC_/;

/** Words in a variable name that say "exchange" rather than Google's Gemini AI. */
const EXCHANGE_WORDS: ReadonlySet<string> = new Set(['exchange', 'trading', 'trade', 'trader', 'exch']);

export default createRule<Options, MessageIds>({
  name: 'no-client-side-credentials',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Gemini exchange API keys, secrets and request signing in code that is bundled for the browser.',
      recommended: 'error',
    },
    schema: [
      {
        type: 'object',
        properties: {
          clientFiles: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              "Globs (picomatch, relative to ESLint's working directory) of files that are bundled for the browser, in addition to files with a 'use client' directive.",
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      publicEnvSecret:
        'The {{prefix}} prefix makes the bundler copy `{{name}}` into the browser bundle, and anything in the bundle is public: with this Gemini exchange API secret anyone who loads the page can sign requests that trade or withdraw from your account. Keep the secret in a server-only variable and call Gemini from your server.',
      publicEnvKey:
        'The {{prefix}} prefix makes the bundler copy `{{name}}` into the browser bundle, and anything in the bundle is public: this Gemini exchange API key identifies your account to anyone who loads the page, and with the secret that browser-side signing also needs, it lets them trade or withdraw. Keep Gemini keys in server-only variables and call Gemini from your server.',
      secretInClientCode:
        'This file runs in the browser ({{reason}}), and anything in the browser bundle is public: reading the Gemini exchange API secret `{{name}}` here either ships it to every visitor, who can then trade or withdraw from your account, or yields undefined. Keep the secret on a server and sign requests there.',
      signingInClientCode:
        'This file runs in the browser ({{reason}}) and signs Gemini exchange requests, so the API secret has to be in the browser bundle, where anything is public and anyone can use it to trade or withdraw from your account. Sign requests on a server and let the browser call your server.',
    },
  },
  defaultOptions: [{ clientFiles: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.getText();
    // Cheap first: without Gemini text the file holds no Gemini-named variable and no Gemini evidence.
    if (!fileMayHoldGeminiCode(sourceCode)) return {};

    let reason: string | undefined;
    if (hasUseClientDirective(sourceCode)) {
      reason = "it starts with a 'use client' directive";
    } else {
      const glob = matchingGlob(context.filename, context.cwd, options.clientFiles ?? []);
      if (glob !== undefined) reason = `it matches the clientFiles pattern \`${glob}\``;
    }
    if (reason === undefined && !PUBLIC_PREFIX_IN_TEXT.test(text)) return {};

    return {
      'Program:exit'() {
        const ctx = geminiContext(sourceCode);
        const sites = envReadSites(sourceCode);
        const reported = new Set<TSESTree.Node>();
        // names of secret variables already reported, so signing with them is not reported again
        const reportedSecrets = new Set<string>();

        const evidence: KeyEvidence = {
          // Google's Gemini AI has keys but no secrets: a Gemini exchange secret in the file makes
          // the keys beside it exchange keys too.
          fileHasGeminiSecret: sites.some((s) => {
            const bare = bareEnvName(s.name, s.via);
            return classifyCredentialName(bare) === 'apiSecret' && isGeminiCredential(s, bare, 'apiSecret', ctx, undefined);
          }),
          sentAsApiKey: envNamesSentAsApiKey(),
        };

        for (const site of sites) {
          const pub = publicEnvName(site.name, site.via);
          if (!pub) continue;
          const kind = classifyCredentialName(pub.bare);
          if (!kind || !isGeminiCredential(site, pub.bare, kind, ctx, evidence)) continue;
          if (isInUseServerCode(site.node, sourceCode)) continue;
          reported.add(site.node);
          if (kind === 'apiSecret') reportedSecrets.add(site.name);
          context.report({
            node: site.node,
            messageId: kind === 'apiSecret' ? 'publicEnvSecret' : 'publicEnvKey',
            // a name is shown as written, but a secret pasted into it is not
            data: { prefix: pub.prefix, name: redactSecretsInText(site.name) },
          });
        }

        if (reason === undefined) return;

        for (const site of sites) {
          if (reported.has(site.node)) continue;
          const bare = bareEnvName(site.name, site.via);
          if (classifyCredentialName(bare) !== 'apiSecret') continue;
          if (!isGeminiCredential(site, bare, 'apiSecret', ctx, evidence)) continue;
          if (isInUseServerCode(site.node, sourceCode)) continue;
          reported.add(site.node);
          reportedSecrets.add(site.name);
          context.report({ node: site.node, messageId: 'secretInClientCode', data: { reason, name: redactSecretsInText(site.name) } });
        }

        const signing = new Set<HmacUse>(signatureFlows(sourceCode).map((f) => f.hmac));
        for (const use of hmacUses(sourceCode)) {
          if (!signing.has(use) && keyIsGeminiSecret(use, ctx)) signing.add(use);
        }
        for (const use of signing) {
          if (reported.has(use.node) || isInUseServerCode(use.node, sourceCode)) continue;
          // the secret's read was reported already; one finding per leak is enough
          if (use.keyNode && secretNames(use.keyNode).some((n) => reportedSecrets.has(n))) continue;
          reported.add(use.node);
          context.report({ node: use.node, messageId: 'signingInClientCode', data: { reason } });
        }

        /** Environment variables whose value reaches an `X-GEMINI-APIKEY` header. */
        function envNamesSentAsApiKey(): Set<string> {
          const names = new Set<string>();
          for (const sink of geminiHeaderSinks(sourceCode)) {
            if (sink.kind !== 'apiKey') continue;
            for (const node of traceValueSources(sink.valueNode, sourceCode)) {
              const read = envRead(node, sourceCode);
              if (read) names.add(read.name);
            }
          }
          return names;
        }

        function secretNames(keyNode: TSESTree.Node): string[] {
          const names: string[] = [];
          for (const origin of valueOrigins(keyNode, sourceCode)) {
            if (origin.kind === 'env') names.push(origin.env.name);
            else if (origin.kind === 'import') names.push(origin.imported);
          }
          return names;
        }

        /** The HMAC is keyed with a Gemini exchange secret (the shared credential recogniser decides). */
        function keyIsGeminiSecret(use: HmacUse, gctx: GeminiContext): boolean {
          if (!use.keyNode || gctx.isOtherApiCode(use.node)) return false;
          return credentialKind(use.keyNode, sourceCode)?.kind === 'apiSecret';
        }
      },
    };
  },
});

/** What else in the file says an API-key variable is a Gemini exchange key. */
interface KeyEvidence {
  /** The file also reads a Gemini exchange secret. */
  fileHasGeminiSecret: boolean;
  /** Names of environment variables whose value is sent as `X-GEMINI-APIKEY`. */
  sentAsApiKey: ReadonlySet<string>;
}

/**
 * Whether an environment variable holds a Gemini exchange credential. Never in code known to be for
 * another API (Google's Gemini AI shares the `GEMINI_API_KEY` name). A secret counts when it is
 * named for Gemini or read in Gemini exchange code. A key needs more, because browser code is full
 * of keys that are meant to be public (maps, analytics, Firebase) and Google AI apps read
 * `NEXT_PUBLIC_GEMINI_API_KEY` all the time: it counts when it is sent as `X-GEMINI-APIKEY`, or
 * when it is named for Gemini and sits in Gemini exchange code, says "exchange"/"trading" in its
 * name, or has a Gemini exchange secret beside it; an unnamed key in Gemini code counts only with
 * such a secret beside it.
 */
function isGeminiCredential(
  site: EnvReadSite,
  bare: string,
  kind: 'apiKey' | 'apiSecret',
  ctx: GeminiContext,
  evidence: KeyEvidence | undefined,
): boolean {
  if (ctx.isOtherApiCode(site.node)) return false;
  const inGemini = ctx.isGeminiCode(site.node);
  const named = isGeminiNamed(bare);
  if (kind === 'apiSecret') return named || inGemini;
  if (!evidence) return false;
  if (evidence.sentAsApiKey.has(site.name)) return true;
  if (named) return inGemini || evidence.fileHasGeminiSecret || splitWords(bare).some((w) => EXCHANGE_WORDS.has(w));
  return inGemini && evidence.fileHasGeminiSecret;
}
