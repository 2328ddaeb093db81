import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, importedModule, moduleRef, resolveIdentifier } from '../analysis/values/bindings.js';
import { containsNode, unwrap } from '../analysis/ast-utils.js';
import {
  companionSink,
  feedsOnlyGeminiSignatures,
  type HmacUse,
  normaliseAlgorithm,
  payloadForm,
  reachesHeaderUnchanged,
  sameValue,
  signingKeyProblem,
  type SignatureFlow,
  signatureHmacFlows,
  textUnderEncoding,
  upperCasedSignatures,
  valueOnlyReachesHeader,
  valuesInFlow,
} from '../analysis/signing/index.js';
import { constantString, resolveValueNode } from '../analysis/values/values.js';
import { isGeminiApiKey, isPlaceholder } from '../gemini/credentials.js';
import { fileMayConcernGemini, hasRemoteUses } from '../analysis/relevance.js';
import { createRule, forEachGuarded } from '../utils/create-rule.js';

export type Options = [];
export type MessageIds =
  | 'wrongAlgorithm'
  | 'wrongEncoding'
  | 'uppercaseHex'
  | 'signsJson'
  | 'signsObject'
  | 'keyIsApiKey'
  | 'keyTransformed'
  | 'keyOfOtherExchange'
  | 'signsMoreThanPayload'
  | 'unpaddedHex'
  | 'padHex'
  | 'useSha384'
  | 'useHex'
  | 'keepLowercase'
  | 'signBase64Payload';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix | TSESLint.RuleFix[];

/** Encodings of a finished digest that Gemini certainly rejects (hex is the only one it accepts). */
const WRONG_ENCODINGS = new Set(['base64', 'base64url', 'latin1', 'binary', 'hex-unpadded']);

/** A string literal or a template literal without expressions: its text can be rewritten in place. */
type PlainString = TSESTree.StringLiteral | TSESTree.TemplateLiteral;

function plainString(node: TSESTree.Node): PlainString | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node as TSESTree.StringLiteral;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node;
  return undefined;
}

function plainText(node: PlainString): string {
  return node.type === AST_NODE_TYPES.Literal ? node.value : (node.quasis[0]?.value.cooked ?? '');
}

/** Keeps the written style: `sha256` → `sha384`, `SHA256` → `SHA384`, `SHA-256` → `SHA-384`. */
function sha384Like(original: string, hyphen: boolean): string {
  const base = hyphen || /^sha-/i.test(original) ? 'sha-384' : 'sha384';
  return /[a-z]/.test(original) || !/[A-Z]/.test(original) ? base : base.toUpperCase();
}

/**
 * Where a string literal's value is used when that is its only use: the literal itself when it is
 * written inline (in a call's arguments, possibly inside an options object), or the single read
 * of the `const` (or of the `const` options object) that holds it. `undefined` when the literal
 * is shared, so rewriting it would change other code too.
 */
function soleUseSite(literal: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node | undefined {
  let current: TSESTree.Node = literal;
  for (let i = 0; i < 8; i++) {
    const parent = current.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
      return parent.arguments.includes(current as TSESTree.CallExpressionArgument) ? current : undefined;
    }
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current && !parent.computed && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
      current = parent.parent;
      continue;
    }
    if (
      parent.type === AST_NODE_TYPES.VariableDeclarator &&
      parent.init === current &&
      parent.id.type === AST_NODE_TYPES.Identifier &&
      parent.parent.kind === 'const' &&
      // an exported constant may be read by other modules
      parent.parent.parent?.type !== AST_NODE_TYPES.ExportNamedDeclaration
    ) {
      const reads = findVariable(parent.id, sourceCode)?.references.filter((r) => !r.init) ?? [];
      if (reads.length !== 1) return undefined;
      current = reads[0]!.identifier;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSSatisfiesExpression) {
      current = parent;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/**
 * The non-empty parts of a `+` concatenation or a template literal with holes (`path + nonce + b64`,
 * `` `${path}${nonce}${b64}` ``); one part or none for anything else.
 */
function concatenatedParts(node: TSESTree.Node): TSESTree.Node[] {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') return [...concatenatedParts(n.left), ...concatenatedParts(n.right)];
  if (n.type === AST_NODE_TYPES.TemplateLiteral && n.expressions.length > 0) {
    const quasis = n.quasis.filter((q) => (q.value.cooked ?? '') !== '');
    return [...quasis, ...n.expressions];
  }
  if (n.type === AST_NODE_TYPES.Literal && n.value === '') return [];
  return [n];
}

/** The variable `name` visible at `node`, if any. */
function variableAt(node: TSESTree.Node, name: string, sourceCode: SourceCode): TSESLint.Scope.Variable | undefined {
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node);
  while (scope) {
    const found = scope.set.get(name);
    if (found) return found;
    scope = scope.upper;
  }
  return undefined;
}

function quoteOf(sourceCode: SourceCode, node: TSESTree.Node | undefined): string {
  const first = node ? sourceCode.getText(node)[0] : undefined;
  return first === '"' || first === '`' ? first : "'";
}

export default createRule<Options, MessageIds>({
  name: 'valid-signature',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require Gemini exchange signatures to be the lowercase hex HMAC-SHA384 of the base64 payload, keyed with the API secret.',
      recommended: 'error',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      wrongAlgorithm:
        'This Gemini exchange signature uses HMAC-{{algorithm}}; Gemini exchange signatures are HMAC-SHA384, anything else fails with InvalidSignature.',
      wrongEncoding:
        'This Gemini exchange signature is encoded as {{encoding}}; Gemini expects the lowercase hex digest, anything else fails with InvalidSignature.',
      uppercaseHex:
        'This Gemini exchange signature is upper-cased; Gemini compares lowercase hex, so the request fails with InvalidSignature.',
      signsJson:
        'This HMAC signs the JSON text of the payload; a Gemini exchange signature is computed over the base64 text sent as X-GEMINI-PAYLOAD, so the request fails with InvalidSignature.',
      signsObject:
        'This HMAC is given the payload object; a Gemini exchange signature is computed over the base64 text sent as X-GEMINI-PAYLOAD, so the request fails with InvalidSignature.',
      keyIsApiKey:
        'This Gemini exchange signature is keyed with the API key (the value sent as X-GEMINI-APIKEY); the HMAC key must be the API secret, or the request fails with InvalidSignature.',
      keyTransformed:
        'This Gemini exchange signature is keyed with the API secret {{how}}; Gemini keys the HMAC with the secret text exactly as issued, so the request fails with InvalidSignature.',
      keyOfOtherExchange:
        'This Gemini exchange signature is keyed with `{{name}}`, a {{exchange}} credential; the HMAC key must be the Gemini API secret, or the request fails with InvalidSignature.',
      signsMoreThanPayload:
        'This HMAC signs the base64 payload joined with other text; a Gemini exchange signature is computed over the X-GEMINI-PAYLOAD text alone (no path, nonce or separator), so the request fails with InvalidSignature.',
      unpaddedHex:
        "This hand-made hex writes bytes below 0x10 as one digit; Gemini expects two digits a byte, so most requests fail with InvalidSignature.",
      padHex: "Pad each byte to two digits with .padStart(2, '0').",
      useSha384: 'Use {{replacement}} (HMAC-SHA384).',
      useHex: 'Encode the digest as lowercase hex.',
      keepLowercase: 'Send the hex digest as it is, in lowercase.',
      signBase64Payload: 'Sign `{{name}}`, the base64 text sent as X-GEMINI-PAYLOAD.',
    },
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.getText();
    // Cheap first: without "gemini" and "signature" in the text there is no X-GEMINI-SIGNATURE —
    // unless the scanner says another file sends this file's exported helper as the signature.
    if (!hasRemoteUses(sourceCode) && (!fileMayConcernGemini(sourceCode) || !/signature/i.test(text))) return {};

    const reported = new Set<string>();
    const report = (
      node: TSESTree.Node,
      messageId: MessageIds,
      data: Record<string, string>,
      fix: Fix | undefined,
      suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [],
    ): void => {
      const key = `${messageId}@${node.range[0]}-${node.range[1]}`;
      if (reported.has(key)) return;
      reported.add(key);
      context.report({ node, messageId, data, fix: fix ?? null, suggest });
    };

    /**
     * Rewrites the string `node` stands for to `replacement(original)`: a fix when it is an inline
     * or single-use literal in code that serves only Gemini signatures, a suggestion when such a
     * literal sits in shared code, else a suggestion replacing the expression `node` itself with
     * the literal (nothing for a literal written in a shared constant or options object).
     */
    const rewriteString = (
      node: TSESTree.Node,
      replacement: (original: string) => string,
      suggestion: Omit<TSESLint.SuggestionReportDescriptor<MessageIds>, 'fix'>,
    ): { fix?: Fix; suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] } => {
      const resolved = resolveValueNode(node, sourceCode);
      const literal = plainString(resolved);
      if (literal) {
        const edit: Fix = (fixer) => fixer.replaceTextRange([literal.range[0] + 1, literal.range[1] - 1], replacement(plainText(literal)));
        const site = soleUseSite(literal, sourceCode);
        if (site) return feedsOnlyGeminiSignatures(site, sourceCode) ? { fix: edit, suggest: [] } : { suggest: [{ ...suggestion, fix: edit }] };
        // a literal in a shared constant or options object: changing it would change its other users
        if (literal === unwrap(node)) return { suggest: [] };
      }
      const original = constantString(node, sourceCode);
      if (original === undefined) return { suggest: [] };
      const quote = quoteOf(sourceCode, literal);
      return { suggest: [{ ...suggestion, fix: (fixer) => fixer.replaceText(node, `${quote}${replacement(original)}${quote}`) }] };
    };

    const checkAlgorithm = (flow: SignatureFlow): void => {
      const { hmac } = flow;
      if (hmac.algorithm !== undefined) {
        if (hmac.algorithm !== 'sha384') reportAlgorithm(hmac, hmac.algorithmNode ?? hmac.node.callee, hmac.algorithm);
        return;
      }
      // createHmac(alg, …) with `alg` a helper's parameter: judge each Gemini call site's argument
      if (!hmac.algorithmNode || hmac.library === 'crypto-js' || hmac.library === 'noble') return;
      const values = valuesInFlow(hmac.algorithmNode, flow, sourceCode);
      for (const value of values ?? []) {
        if (value === hmac.algorithmNode) continue;
        const written = constantString(value, sourceCode);
        const algorithm = written === undefined ? undefined : normaliseAlgorithm(written);
        if (algorithm && algorithm !== 'sha384') reportAlgorithm(hmac, value, algorithm);
      }
    };

    const reportAlgorithm = (hmac: HmacUse, node: TSESTree.Node, algorithm: string): void => {
      const data = { algorithm: algorithm.toUpperCase() };
      if (hmac.library === 'crypto-js') {
        const callee = unwrap(hmac.node.callee);
        const at = callee.type === AST_NODE_TYPES.MemberExpression ? callee.property : callee;
        report(at, 'wrongAlgorithm', data, undefined, cryptoJsSuggestion(callee));
        return;
      }
      if (hmac.library === 'noble') {
        report(node, 'wrongAlgorithm', data, undefined, nobleSuggestion(node));
        return;
      }
      const hyphen = hmac.library === 'webcrypto';
      const replacement = (original: string): string => sha384Like(original, hyphen);
      const example = sha384Like(constantString(node, sourceCode) ?? 'sha', hyphen);
      const { fix, suggest } = rewriteString(node, replacement, { messageId: 'useSha384', data: { replacement: `'${example}'` } });
      report(node, 'wrongAlgorithm', data, fix, suggest);
    };

    /** `CryptoJS.HmacSHA256` → `CryptoJS.HmacSHA384` when the full crypto-js namespace is used. */
    const cryptoJsSuggestion = (callee: TSESTree.Node): TSESLint.SuggestionReportDescriptor<MessageIds>[] => {
      if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
        const ns = moduleRef(callee.object, sourceCode);
        if (ns?.source !== 'crypto-js' || ns.path.length !== 0) return [];
        const property = callee.property;
        return [{ messageId: 'useSha384', data: { replacement: 'HmacSHA384' }, fix: (fixer) => fixer.replaceText(property, 'HmacSHA384') }];
      }
      if (callee.type === AST_NODE_TYPES.Identifier) return importedNameSuggestion(callee, 'HmacSHA384', ['crypto-js']);
      return [];
    };

    /** noble `hmac(sha256, …)` → `hmac(sha384, …)`, importing `sha384` next to `sha256` if needed. */
    const nobleSuggestion = (node: TSESTree.Node): TSESLint.SuggestionReportDescriptor<MessageIds>[] => {
      const SHA2 = ['@noble/hashes/sha2', '@noble/hashes/sha2.js', '@noble/hashes/sha512', '@noble/hashes/sha512.js'];
      const hash = unwrap(node);
      if (hash.type === AST_NODE_TYPES.MemberExpression && !hash.computed && hash.property.type === AST_NODE_TYPES.Identifier) {
        const ns = moduleRef(hash.object, sourceCode);
        if (!ns || !SHA2.includes(ns.source) || ns.path.length !== 0) return [];
        const property = hash.property;
        return [{ messageId: 'useSha384', data: { replacement: 'sha384' }, fix: (fixer) => fixer.replaceText(property, 'sha384') }];
      }
      if (hash.type === AST_NODE_TYPES.Identifier) return importedNameSuggestion(hash, 'sha384', SHA2);
      return [];
    };

    /**
     * Replaces an imported identifier with `name`: directly when `name` is already imported from
     * one of `sources`, or adding `name` to the same named import when nothing else is called so.
     */
    const importedNameSuggestion = (id: TSESTree.Identifier, name: string, sources: readonly string[]): TSESLint.SuggestionReportDescriptor<MessageIds>[] => {
      const suggestion = { messageId: 'useSha384' as const, data: { replacement: name } };
      const existing = variableAt(id, name, sourceCode);
      if (existing) {
        const ref = existing.defs[0]?.name.type === AST_NODE_TYPES.Identifier ? moduleRef(existing.defs[0].name, sourceCode) : undefined;
        const def = existing.defs[0];
        const from = def?.type === 'ImportBinding' ? importedModule(def.parent) : undefined;
        const importedOk = from !== undefined && sources.includes(from) && ref?.path.at(-1) === name;
        return importedOk ? [{ ...suggestion, fix: (fixer) => fixer.replaceText(id, name) }] : [];
      }
      const binding = resolveIdentifier(id, sourceCode);
      if (binding.kind !== 'import' || !sources.includes(binding.source)) return [];
      const def = findVariable(id, sourceCode)?.defs[0];
      const declaration = def?.type === 'ImportBinding' && def.parent?.type === AST_NODE_TYPES.ImportDeclaration ? def.parent : undefined;
      const last = declaration?.specifiers.at(-1);
      if (!declaration || last?.type !== AST_NODE_TYPES.ImportSpecifier) return [];
      return [{ ...suggestion, fix: (fixer) => [fixer.replaceText(id, name), fixer.insertTextAfter(last, `, ${name}`)] }];
    };

    /**
     * A fix for the signature's bytes is safe when the code serves Gemini signatures alone and the
     * value it changes goes to the header and nowhere else (not also to `audit.record(sig)`).
     */
    const safeForSignature = (at: TSESTree.Node, value: TSESTree.Node, flow: SignatureFlow): boolean =>
      feedsOnlyGeminiSignatures(at, sourceCode) && valueOnlyReachesHeader(value, flow, sourceCode);

    const checkEncoding = (flow: SignatureFlow): void => {
      const { hmac } = flow;
      if (!WRONG_ENCODINGS.has(hmac.encoding) || !hmac.encodingNode) return;
      // sendHex(base64ToHex(sig)): an unknown conversion on the way may fix the encoding
      if (!reachesHeaderUnchanged(flow, sourceCode)) return;
      const node = hmac.encodingNode;
      if (hmac.encoding === 'hex-unpadded') {
        const digit = hmac.hexDigitCall;
        if (!digit) return;
        const fix: Fix = (fixer) => fixer.insertTextAfter(digit, ".padStart(2, '0')");
        // the digit call sits in the mapper callback; the code that runs it is where the map is
        const safe = safeForSignature(hmac.outputNode, hmac.outputNode, flow);
        report(digit, 'unpaddedHex', {}, safe ? fix : undefined, safe ? [] : [{ messageId: 'padHex', fix }]);
        return;
      }
      const data = { encoding: hmac.encoding };
      const suggestion = { messageId: 'useHex' as const };
      // crypto-js: .toString(CryptoJS.enc.Base64) / CryptoJS.enc.Base64.stringify(mac)
      const encoder = cryptoJsEncoder(node);
      if (encoder) {
        const fix: Fix = (fixer) => fixer.replaceText(encoder.property, 'Hex');
        const safe = safeForSignature(node, hmac.outputNode, flow);
        report(encoder.member, 'wrongEncoding', data, safe ? fix : undefined, safe ? [] : [{ ...suggestion, fix }]);
        return;
      }
      if (isDigestEncodingArgument(node, hmac)) {
        const { fix, suggest } = rewriteString(node, () => 'hex', suggestion);
        // the value also goes elsewhere (audit.record(sig)): changing it is the user's call
        if (fix && !valueOnlyReachesHeader(hmac.outputNode, flow, sourceCode)) {
          report(node, 'wrongEncoding', data, undefined, [{ ...suggestion, fix }]);
          return;
        }
        report(node, 'wrongEncoding', data, fix, suggest);
        return;
      }
      // btoa(…), String.fromCharCode(…), bytesToBase64(…): no mechanical hex equivalent
      report(node, 'wrongEncoding', data, undefined);
    };

    /** `<crypto-js>.enc.Base64` (as a `.toString()` argument or a `.stringify` receiver). */
    const cryptoJsEncoder = (node: TSESTree.Node): { member: TSESTree.MemberExpression; property: TSESTree.Identifier } | undefined => {
      let member = unwrap(node);
      if (member.type === AST_NODE_TYPES.MemberExpression && !member.computed && member.property.type === AST_NODE_TYPES.Identifier && member.property.name === 'stringify') {
        member = unwrap(member.object);
      }
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.computed || member.property.type !== AST_NODE_TYPES.Identifier) return undefined;
      if (!['Base64', 'Base64url', 'Latin1'].includes(member.property.name)) return undefined;
      const ns = moduleRef(member.object, sourceCode);
      if (ns?.source !== 'crypto-js' || ns.path.length !== 1 || ns.path[0] !== 'enc') return undefined;
      return { member, property: member.property };
    };

    /** The argument of node's `.digest(enc)` or of a Buffer's `.toString(enc)`: 'hex' works there too. */
    const isDigestEncodingArgument = (node: TSESTree.Node, hmac: HmacUse): boolean => {
      const call = node.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== node) return false;
      if (call === hmac.digestCall) return true;
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'toString') return false;
      if (hmac.library === 'node') return true;
      const receiver = unwrap(callee.object);
      return receiver.type === AST_NODE_TYPES.CallExpression && moduleRef(receiver.callee, sourceCode)?.path.join('.') === 'Buffer.from';
    };

    const checkUpperCase = (flow: SignatureFlow): void => {
      for (const call of upperCasedSignatures(flow, sourceCode)) {
        const callee = unwrap(call.callee) as TSESTree.MemberExpression;
        const removable =
          call.arguments.length === 0 &&
          !callee.computed &&
          sourceCode.getCommentsInside(call).every((c) => c.range[1] <= callee.object.range[1]);
        const fix: Fix = (fixer) => fixer.removeRange([callee.object.range[1], call.range[1]]);
        const safe = removable && safeForSignature(call, call, flow);
        report(callee.property, 'uppercaseHex', {}, safe ? fix : undefined, removable && !safe ? [{ messageId: 'keepLowercase', fix }] : []);
      }
    };

    /** The node itself, then the Gemini call sites' arguments when it is a helper's parameter. */
    const candidates = (node: TSESTree.Node, flow: SignatureFlow): TSESTree.Node[] => [
      node,
      ...(valuesInFlow(node, flow, sourceCode) ?? []).filter((value) => value !== node),
    ];

    const checkInput = (flow: SignatureFlow): void => {
      const { hmac } = flow;
      if (hmac.inputNodes.length !== 1) return;
      const payloadSink = companionSink(flow, 'payload', sourceCode);
      for (const input of candidates(hmac.inputNodes[0]!, flow)) {
        const signed = textUnderEncoding(input, sourceCode);
        const form = payloadForm(signed, sourceCode);
        if (form === 'json' || form === 'object') {
          report(input, form === 'json' ? 'signsJson' : 'signsObject', {}, undefined, base64Suggestion(input, signed, payloadSink?.valueNode));
          continue;
        }
        // path + nonce + payload: the base64 payload is only part of what is signed
        const parts = concatenatedParts(resolveValueNode(signed, sourceCode));
        if (parts.length < 2) continue;
        const isPayload = (part: TSESTree.Node): boolean =>
          (payloadSink !== undefined && sameValue(part, payloadSink.valueNode, sourceCode)) || payloadForm(part, sourceCode) === 'base64';
        if (parts.some(isPayload)) report(input, 'signsMoreThanPayload', {}, undefined, base64Suggestion(input, signed, payloadSink?.valueNode));
      }
    };

    /** Sign the variable sent as X-GEMINI-PAYLOAD instead, when it is in scope and is not the same wrong value. */
    const base64Suggestion = (input: TSESTree.Node, signed: TSESTree.Node, payload: TSESTree.Node | undefined): TSESLint.SuggestionReportDescriptor<MessageIds>[] => {
      const sent = payload ? unwrap(payload) : undefined;
      if (sent?.type !== AST_NODE_TYPES.Identifier) return [];
      // the written text must be the input itself or inline inside it (not behind a shared const)
      if (!containsNode(input, signed)) return [];
      if (sameValue(signed, sent, sourceCode)) return [];
      const form = payloadForm(sent, sourceCode);
      if (form === 'json' || form === 'object') return [];
      const variable = findVariable(sent, sourceCode);
      if (!variable || variableAt(signed, sent.name, sourceCode) !== variable) return [];
      const declared = variable.defs[0]?.name;
      // `const payload` declared later in the same function would be read before initialisation
      const sameFunctionScope = sourceCode.getScope(signed).variableScope === variable.scope.variableScope;
      if (!declared || (sameFunctionScope && declared.range[0] > signed.range[0])) return [];
      return [{ messageId: 'signBase64Payload', data: { name: sent.name }, fix: (fixer) => fixer.replaceText(signed, sent.name) }];
    };

    const checkKey = (flow: SignatureFlow): void => {
      const { hmac } = flow;
      if (!hmac.keyNode) return;
      const apiKey = companionSink(flow, 'apiKey', sourceCode);
      for (const key of candidates(hmac.keyNode, flow)) {
        const written = constantString(key, sourceCode);
        const literalKey = written !== undefined && isGeminiApiKey(written) && !isPlaceholder(written);
        if (literalKey || (apiKey && sameValue(key, apiKey.valueNode, sourceCode))) {
          report(key, 'keyIsApiKey', {}, undefined);
          continue;
        }
        const problem = signingKeyProblem(key, sourceCode);
        if (problem?.kind === 'transformed') report(key, 'keyTransformed', { how: problem.how }, undefined);
        else if (problem?.kind === 'other-exchange') report(key, 'keyOfOtherExchange', { name: problem.name, exchange: problem.exchange }, undefined);
      }
    };

    return {
      'Program:exit'() {
        for (const flow of signatureHmacFlows(sourceCode)) {
          // one check that cannot handle a shape does not cost the other checks their findings
          forEachGuarded([checkAlgorithm, checkEncoding, checkUpperCase, checkInput, checkKey], (check) => check(flow));
        }
      },
    };
  },
});
