import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { containsGeminiApiKey, GEMINI_API_KEY_PATTERN } from '../gemini/credentials.js';
import { isGeminiHeaderName } from '../gemini/headers.js';
import { isGeminiHost, knownNonGeminiVendor, type NonGeminiVendor } from '../gemini/hosts.js';
import { isGeminiClientPackage, isGeminiExportOf, isGoogleAiPackage } from '../gemini/packages.js';
import { isFunctionNode, staticKeyName, nodesOfType } from './ast-utils.js';
import { isRequireCall, moduleRef } from './values/bindings.js';
import { memoForFile } from './memo.js';
import { textMayMatch } from './text-prefilter.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Why code is taken to be Gemini exchange code. */
export type GeminiEvidenceKind = 'host' | 'header' | 'api-key' | 'client-package' | 'ccxt-gemini';

/** Why code is taken to be something else that merely looks similar. */
export type CounterEvidenceKind = 'aws-sigv4' | 'github-webhook' | 'binance' | 'bitfinex' | 'google-gemini-ai';

/** One piece of evidence and where it was seen. */
export interface Evidence<K extends string> {
  kind: K;
  node: TSESTree.Node;
}

/** The Gemini-or-not verdicts for one file. */
export interface GeminiContext {
  evidence: Evidence<GeminiEvidenceKind>[];
  counterEvidence: Evidence<CounterEvidenceKind>[];
  /** The file has Gemini evidence and nothing that says otherwise. */
  fileIsGemini: boolean;
  /**
   * Whether the code around `node` is Gemini exchange code: decided by the innermost function or
   * class that has any evidence; a region with evidence both ways, or none up to the file, falls
   * back to the file's verdict (and an ambiguous file says no — precision first).
   */
  isGeminiCode(node: TSESTree.Node): boolean;
  /** Whether the code around `node` is known to be non-Gemini (AWS, GitHub, Binance, Google AI, …). */
  isOtherApiCode(node: TSESTree.Node): boolean;
}

const GEMINI_HOST_IN_TEXT = /(?:^|[^a-z0-9.-])((?:api|ws)(?:\.sandbox)?\.gemini\.com)(?![a-z0-9-])/i;
// `https://${subdomain}.gemini.com/…`: a Gemini host whose first labels are computed (sandbox or
// not, api or exchange). Only gemini.com's own subdomains end that way (Google's Gemini AI lives on
// googleapis.com and gemini.google.com).
const BEFORE_HOLED_HOST = /\/\/(?:[a-z0-9-]+\.)*$/i;
const GEMINI_DOMAIN_AFTER_HOLE = /^(?:\.[a-z0-9-]+)*\.gemini\.com(?=[:/?#]|$)/i;

/** Whether a template literal builds a URL whose host is `<something computed>.gemini.com`: `https://${subdomain}.gemini.com`. */
function buildsHoledGeminiHost(node: TSESTree.TemplateLiteral): boolean {
  for (let i = 1; i < node.quasis.length; i++) {
    const before = node.quasis[i - 1]!.value;
    const after = node.quasis[i]!.value;
    if (GEMINI_DOMAIN_AFTER_HOLE.test(after.cooked ?? after.raw) && BEFORE_HOLED_HOST.test(before.cooked ?? before.raw)) return true;
  }
  return false;
}

/** The same for a concatenation: `'https://' + subdomain + '.gemini.com/v1'`. */
function concatenatesHoledGeminiHost(node: TSESTree.BinaryExpression): boolean {
  // the chain's operands left to right, without recursion (a generated chain can be very long)
  const operands: TSESTree.Node[] = [];
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') stack.push(n.right, n.left);
    else operands.push(n);
  }
  const text = (n: TSESTree.Node | undefined): string | undefined => (n?.type === AST_NODE_TYPES.Literal && typeof n.value === 'string' ? n.value : undefined);
  for (let i = 2; i < operands.length; i++) {
    const after = text(operands[i]);
    const before = text(operands[i - 2]);
    if (after !== undefined && before !== undefined && text(operands[i - 1]) === undefined && GEMINI_DOMAIN_AFTER_HOLE.test(after) && BEFORE_HOLED_HOST.test(before)) return true;
  }
  return false;
}

const HOST_IN_TEXT = /(?:^|[/@\s"'`])((?:[a-z0-9-]+\.)+(?:com|us|net|io))(?![a-z0-9-])/gi;

const COUNTER_STRINGS: ReadonlyArray<[RegExp, CounterEvidenceKind]> = [
  [/AWS4-HMAC-SHA256|aws4_request|^x-amz-/i, 'aws-sigv4'],
  [/^x-hub-signature(-256)?$|^sha256=$/i, 'github-webhook'],
  [/^x-mbx-apikey$/i, 'binance'],
  [/^x-bfx-/i, 'bitfinex'],
];

const COUNTER_PACKAGES: ReadonlyArray<[RegExp, CounterEvidenceKind]> = [
  [/^@aws-sdk\/|^aws-sdk$|^aws4$|^@smithy\/signature-v4/, 'aws-sigv4'],
  [/^@octokit\/webhooks|^github-webhook-handler$/, 'github-webhook'],
  [/binance/i, 'binance'],
  [/bitfinex/i, 'bitfinex'],
];

const VENDOR_EVIDENCE: Record<NonGeminiVendor, CounterEvidenceKind> = {
  'google-gemini-ai': 'google-gemini-ai',
  binance: 'binance',
  bitfinex: 'bitfinex',
  aws: 'aws-sigv4',
  github: 'github-webhook',
};

function classifyHost(host: string): CounterEvidenceKind | 'gemini' | undefined {
  if (isGeminiHost(host)) return 'gemini';
  const vendor = knownNonGeminiVendor(host);
  return vendor ? VENDOR_EVIDENCE[vendor] : undefined;
}

interface Region {
  positive: number;
  negative: number;
}

/** Computes (once per file) where Gemini exchange code is, and where code for other APIs is. */
export function geminiContext(sourceCode: SourceCode): GeminiContext {
  return memoForFile(sourceCode, 'geminiContext', () => (textMayMatch(sourceCode, EVIDENCE_IN_TEXT) ? build(sourceCode) : withoutEvidence(sourceCode)));
}

// Every kind of evidence is a string that says "gemini" (host, X-GEMINI-* header, client package,
// ccxt.gemini) or holds a Gemini key. String escapes could spell them without those letters in the
// source text: textMayMatch tests the text with its escapes decoded too.
const EVIDENCE_IN_TEXT = new RegExp(`gemini|${GEMINI_API_KEY_PATTERN}`, 'i');

// Every piece of counter-evidence (COUNTER_STRINGS, COUNTER_PACKAGES, Google AI packages, the
// hosts of other vendors) contains one of these words (escapes decoded, as for the evidence).
const COUNTER_EVIDENCE_IN_TEXT = /google|binance|bitfinex|amazonaws|github|octokit|aws4|aws-sdk|smithy|x-amz-|x-hub-signature|sha256=|x-mbx-|x-bfx-|gemini/i;

/** The context of a file with no evidence either way. */
const NOTHING: GeminiContext = { evidence: [], counterEvidence: [], fileIsGemini: false, isGeminiCode: () => false, isOtherApiCode: () => false };

/**
 * The context of a file that cannot hold Gemini evidence (most files of a repository): nothing in
 * it is Gemini code. Counter-evidence needs the full walk, so it is computed only if asked for.
 */
function withoutEvidence(sourceCode: SourceCode): GeminiContext {
  let full: GeminiContext | undefined;
  const built = (): GeminiContext => (full ??= textMayMatch(sourceCode, COUNTER_EVIDENCE_IN_TEXT) ? build(sourceCode) : NOTHING);
  return {
    evidence: [],
    get counterEvidence() {
      return built().counterEvidence;
    },
    fileIsGemini: false,
    isGeminiCode: () => false,
    isOtherApiCode: (node) => built().isOtherApiCode(node),
  };
}

function build(sourceCode: SourceCode): GeminiContext {
  const evidence: Evidence<GeminiEvidenceKind>[] = [];
  const counterEvidence: Evidence<CounterEvidenceKind>[] = [];

  const inspectString = (text: string, node: TSESTree.Node): void => {
    if (text.length < 4 || text.length > 100_000) return;
    if (GEMINI_HOST_IN_TEXT.test(text)) evidence.push({ kind: 'host', node });
    if (isGeminiHeaderName(text)) evidence.push({ kind: 'header', node });
    if (containsGeminiApiKey(text)) {
      evidence.push({ kind: 'api-key', node });
    }
    for (const [re, kind] of COUNTER_STRINGS) if (re.test(text)) counterEvidence.push({ kind, node });
    if (text.includes('.')) {
      HOST_IN_TEXT.lastIndex = 0;
      for (let m = HOST_IN_TEXT.exec(text); m; m = HOST_IN_TEXT.exec(text)) {
        const kind = classifyHost(m[1]!.toLowerCase());
        if (kind && kind !== 'gemini') counterEvidence.push({ kind, node });
      }
    }
  };
  const inspectPackage = (source: string, node: TSESTree.Node): void => {
    if (isGeminiClientPackage(source)) evidence.push({ kind: 'client-package', node });
    if (isGoogleAiPackage(source)) counterEvidence.push({ kind: 'google-gemini-ai', node });
    for (const [re, kind] of COUNTER_PACKAGES) if (re.test(source)) counterEvidence.push({ kind, node });
  };

  nodesOfType(
    sourceCode.ast,
    AST_NODE_TYPES.Literal,
    AST_NODE_TYPES.TemplateElement,
    AST_NODE_TYPES.TemplateLiteral,
    AST_NODE_TYPES.BinaryExpression,
    AST_NODE_TYPES.Property,
    AST_NODE_TYPES.PropertyDefinition,
    AST_NODE_TYPES.ImportDeclaration,
    AST_NODE_TYPES.TSExternalModuleReference,
    AST_NODE_TYPES.CallExpression,
    AST_NODE_TYPES.MemberExpression,
  ).forEach((node) => {
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        if (typeof node.value === 'string') inspectString(node.value, node);
        break;
      case AST_NODE_TYPES.TemplateElement:
        inspectString(node.value.cooked ?? node.value.raw, node);
        break;
      case AST_NODE_TYPES.TemplateLiteral:
        if (node.expressions.length > 0 && buildsHoledGeminiHost(node)) evidence.push({ kind: 'host', node });
        break;
      case AST_NODE_TYPES.BinaryExpression:
        // the whole chain once, from its top
        if (node.operator === '+' && !(node.parent.type === AST_NODE_TYPES.BinaryExpression && node.parent.operator === '+') && concatenatesHoledGeminiHost(node)) {
          evidence.push({ kind: 'host', node });
        }
        break;
      case AST_NODE_TYPES.Property:
      case AST_NODE_TYPES.PropertyDefinition:
        if (!node.computed && node.key.type === AST_NODE_TYPES.Identifier) inspectString(node.key.name, node.key);
        break;
      case AST_NODE_TYPES.ImportDeclaration:
        inspectPackage(String(node.source.value), node);
        break;
      case AST_NODE_TYPES.TSExternalModuleReference:
        // TypeScript's `import Gemini = require('gemini-api')`
        if (node.expression.type === AST_NODE_TYPES.Literal && typeof node.expression.value === 'string') inspectPackage(node.expression.value, node.parent);
        break;
      case AST_NODE_TYPES.CallExpression:
        if (isRequireCall(node)) inspectPackage(String((node.arguments[0] as TSESTree.StringLiteral).value), node);
        break;
      case AST_NODE_TYPES.MemberExpression: {
        // new ccxt.gemini({...}) / ccxt.gemini
        if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier && isGeminiExportOf('ccxt', node.property.name)) {
          const ref = moduleRef(node, sourceCode);
          if (ref && isGeminiExportOf(ref.source, node.property.name)) evidence.push({ kind: 'ccxt-gemini', node });
        }
        break;
      }
      default:
        break;
    }
    return undefined;
  });
  // import { gemini } from 'ccxt'
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      for (const spec of statement.specifiers) {
        const imported = spec.type === AST_NODE_TYPES.ImportSpecifier ? staticKeyName(spec.imported, false) : undefined;
        if (imported !== undefined && isGeminiExportOf(String(statement.source.value), imported)) {
          evidence.push({ kind: 'ccxt-gemini', node: spec });
        }
      }
    }
  }

  const regions = new Map<TSESTree.Node, Region>();
  const bump = (node: TSESTree.Node, field: keyof Region): void => {
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      if (isRegion(current)) {
        let region = regions.get(current);
        if (!region) {
          region = { positive: 0, negative: 0 };
          regions.set(current, region);
        }
        region[field]++;
      }
    }
  };
  for (const e of evidence) bump(e.node, 'positive');
  for (const e of counterEvidence) bump(e.node, 'negative');

  const file = regions.get(sourceCode.ast) ?? { positive: 0, negative: 0 };
  const fileIsGemini = file.positive > 0 && file.negative === 0;

  const verdict = (node: TSESTree.Node): 'gemini' | 'other' | 'unknown' => {
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.Program) break;
      const region = isRegion(current) ? regions.get(current) : undefined;
      if (!region) continue;
      if (region.positive > 0 && region.negative === 0) return 'gemini';
      if (region.negative > 0 && region.positive === 0) return 'other';
      if (region.positive > 0 && region.negative > 0) return 'unknown';
    }
    if (fileIsGemini) return 'gemini';
    if (file.negative > 0 && file.positive === 0) return 'other';
    return 'unknown';
  };

  return {
    evidence,
    counterEvidence,
    fileIsGemini,
    isGeminiCode: (node) => verdict(node) === 'gemini',
    isOtherApiCode: (node) => verdict(node) === 'other',
  };
}

function isRegion(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.Program ||
    isFunctionNode(node) ||
    node.type === AST_NODE_TYPES.ClassDeclaration ||
    node.type === AST_NODE_TYPES.ClassExpression
  );
}
