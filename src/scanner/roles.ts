/**
 * `gemini-guard roles`: the least-privilege report. For every credential that reaches an
 * `X-GEMINI-APIKEY` header — an environment variable, a hardcoded key, an exported config value, a
 * client's constructor parameter — which Gemini exchange endpoints the code calls with it and the
 * smallest role set its API key needs (Auditor when everything is read-only; Trader; Fund Manager
 * only for fund-moving endpoints). It warns when one credential both reads and trades or moves
 * funds: Gemini's advice is separate keys for data and for trading.
 *
 * The facts come from the same analysis layer the rules use, through ESLint's `Linter` with one
 * internal rule (like the scanner's collector), so the report sees requests exactly as the rules do.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { dottedPath, enclosingClass, memberName, nodesOfType, staticKeyName, unwrap } from '../analysis/ast-utils.js';
import { findVariable, resolveIdentifier } from '../analysis/bindings.js';
import { callUrlWith, geminiTarget, payloadRequests, siteTargets, type GeminiTarget } from '../analysis/gemini-requests.js';
import { httpCalls, type HttpCall } from '../analysis/http-calls.js';
import { geminiPayloads, type GeminiPayload } from '../analysis/payloads.js';
import { geminiHeaderSinks, localCallSites, traceValueSources } from '../analysis/signing.js';
import { callSiteBindings, parametersFunction, symbolicString, type Substitution } from '../analysis/symbolic.js';
import { objectEntries, resolveObjectLiteral, resolveValueNode, staticString, valueOrigins, type StaticString } from '../analysis/values.js';
import type { FunctionNode } from '../analysis/ast-utils.js';
import { HOLE } from '../gemini/paths.js';
import { knownCredentialTexts } from '../analysis/credential-literals.js';
import { isGeminiApiKey, isPlaceholder, redactCredential, redactSecretsInText } from '../gemini/credentials.js';
import { GEMINI_ROLES, isValidRoleCombination, matchEndpoint, minimumRoles, type GeminiEndpoint, type GeminiRole } from '../gemini/endpoints.js';
import { geminiHeaderKind } from '../gemini/headers.js';
import { crossFileFacts, resolveRelative, type TextReader } from './cross-file.js';
import type { ScannerSettings } from './detectors/eslint-rules.js';
import { factCollector, isTypeScriptName, languageOptionsFor, lintableName, LINTED_FILES, sharedLinter } from './detectors/linting.js';
import { listPaths, readSource, type WalkOptions } from './files.js';
import { sha256 } from './fingerprint.js';
import { fileKind, isCode, looksMinified, mayConcernGemini, mayConcernGeminiBytes } from './prefilter.js';
import type { SkippedFile, SourceFile } from './types.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A place in the code (1-based). */
export interface RoleSite {
  file: string;
  line: number;
  column: number;
}

/**
 * What an endpoint does, for least privilege: `public` (no key), `any-role` (any key may call it:
 * heartbeat, account details, fee estimates — neutral), `read` (read-only account data, open to
 * Auditor keys), `write` (trading and other changes Auditor keys cannot make), `move-funds`
 * (withdrawals, transfers, new withdrawal destinations), `admin` (Administrator only).
 */
export type EndpointCategory = 'public' | 'any-role' | 'read' | 'write' | 'move-funds' | 'admin';

/** One endpoint a credential is used with. */
export interface EndpointUse {
  /** Catalog template, e.g. `/v1/withdraw/{currency}`. */
  endpoint: string;
  method: 'GET' | 'POST';
  kind: 'rest' | 'websocket';
  summary: string;
  access: 'public' | 'private';
  /** Roles any one of which lets a key call it. */
  roles: GeminiRole[];
  fundMoving: boolean;
  category: EndpointCategory;
  /** Only ever called on the sandbox host. */
  sandbox: boolean;
  /** Where the requests are made (or, for a shared helper, where it is called). */
  sites: RoleSite[];
}

/** A warning about one credential. */
export interface RoleWarning {
  id: 'readsAndWrites' | 'tradesAndMovesFunds' | 'noSingleKey';
  message: string;
}

/** Where a credential comes from. */
export type CredentialSourceKind = 'env' | 'literal' | 'import' | 'parameter' | 'expression';

/** One credential and what it needs. */
export interface CredentialRoles {
  /** Stable identity: `env:GEMINI_API_KEY`, `literal:<hash>`, `import:<file>#<path>`, … (never a secret). */
  id: string;
  /** Human-readable, redacted. */
  label: string;
  source: CredentialSourceKind;
  /** Where it is placed in an `X-GEMINI-APIKEY` header. */
  sentAt: RoleSite[];
  endpoints: EndpointUse[];
  /** Requests that send it to an endpoint this analysis could not determine: the roles may be more. */
  unresolved: RoleSite[];
  /** The least-privilege role set (see `minimumRoles`); `[]` when only public endpoints are called. */
  minimumRoles: GeminiRole[];
  /** `false` when no single key can hold {@link minimumRoles} (Auditor with another role). */
  singleKey: boolean;
  warnings: RoleWarning[];
}

/** The whole report. */
export interface RolesReport {
  credentials: CredentialRoles[];
  skipped: SkippedFile[];
  stats: { filesSeen: number; filesAnalysed: number; durationMs: number };
}

// ---------------------------------------------------------------------------------------------
// Per-file facts (collected inside the lint run; plain data, no AST nodes).

type CredentialRef =
  | { kind: 'env'; name: string }
  | { kind: 'literal'; hash: string; redacted: string }
  | { kind: 'import'; source: string; path: string; line: number }
  | { kind: 'parameter'; name: string; owner: string; line: number }
  | { kind: 'expression'; text: string; line: number };

interface EndpointHit {
  endpoint: GeminiEndpoint;
  kind: 'rest' | 'websocket';
  sandbox: boolean;
  line: number;
  column: number;
}

interface KeyUse {
  credentials: CredentialRef[];
  sentAt: { line: number; column: number };
  endpoints: EndpointHit[];
  /** Set when the request's endpoint could not be determined. */
  unresolvedAt?: { line: number; column: number };
}

interface FileFacts {
  uses: KeyUse[];
  /** Exported values that are credentials: `apiKey`, `config.apiKey`, `default.apiKey`. */
  exports: Record<string, CredentialRef[]>;
}

const MAX_ARG_DEPTH = 4;

/** A piece of source text used as a label, with every credential the file's analysis knows redacted (before truncation). */
function sanitize(text: string, sourceCode: SourceCode): string {
  const out = redactSecretsInText(text.replace(/\s+/g, ' ').trim(), knownCredentialTexts(sourceCode));
  return out.length > 60 ? `${out.slice(0, 57)}…` : out;
}

function functionLabel(fn: FunctionNode): string {
  const parent = fn.parent;
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) return fn.id.name;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition) {
    const cls = parent.parent.parent;
    const clsName = (cls.type === AST_NODE_TYPES.ClassDeclaration || cls.type === AST_NODE_TYPES.ClassExpression) && cls.id ? cls.id.name : 'class';
    if (parent.kind === 'constructor') return `${clsName} constructor`;
    return `${clsName}.${parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : 'method'}`;
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.Property && parent.key.type === AST_NODE_TYPES.Identifier) return parent.key.name;
  return 'a function';
}

/** `new Client(…)` calls of the class whose constructor is `fn`, in this file. */
function constructorCalls(fn: FunctionNode, sourceCode: SourceCode): TSESTree.NewExpression[] {
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'constructor') return [];
  const cls = method.parent.parent;
  let id: TSESTree.Identifier | null | undefined;
  if (cls.type === AST_NODE_TYPES.ClassDeclaration) id = cls.id;
  else if (cls.type === AST_NODE_TYPES.ClassExpression) id = cls.parent?.type === AST_NODE_TYPES.VariableDeclarator && cls.parent.id.type === AST_NODE_TYPES.Identifier ? cls.parent.id : cls.id;
  if (!id) return [];
  // A class declaration binds its name twice (outside, and inside its own scope): look at both.
  const variables = new Set([...sourceCode.getDeclaredVariables(cls.type === AST_NODE_TYPES.ClassDeclaration ? cls : id.parent ?? cls), findVariable(id, sourceCode)]);
  const out: TSESTree.NewExpression[] = [];
  for (const ref of [...variables].flatMap((v) => v?.references ?? [])) {
    const parent = ref.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === ref.identifier) out.push(parent);
  }
  return out;
}

/**
 * Calls of a class method through an instance made in this file: `const c = new Client(…);
 * c.order(…)` (the analysis layer already follows `this.order(…)` inside the class).
 */
function instanceCallSites(fn: FunctionNode, sourceCode: SourceCode): TSESTree.CallExpression[] {
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'method') return [];
  const name = staticKeyName(method.key, method.computed);
  const cls = method.parent.parent;
  const className = cls.id?.name ?? (cls.parent?.type === AST_NODE_TYPES.VariableDeclarator && cls.parent.id.type === AST_NODE_TYPES.Identifier ? cls.parent.id.name : undefined);
  if (name === undefined || className === undefined) return [];
  const out: TSESTree.CallExpression[] = [];
  for (const call of nodesOfType(sourceCode.ast, AST_NODE_TYPES.CallExpression)) {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== name) continue;
    const object = unwrap(callee.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) continue;
    const made = resolveValueNode(object, sourceCode);
    if (made.type === AST_NODE_TYPES.NewExpression && made.callee.type === AST_NODE_TYPES.Identifier && made.callee.name === className) out.push(call);
  }
  return out;
}

const UNKNOWN_STRING: StaticString = { text: HOLE, complete: false };

/** The value each plain parameter of `fn` takes at one call (like `callSiteBindings`). */
function substitutionAt(fn: FunctionNode, call: TSESTree.CallExpression, sourceCode: SourceCode): Substitution {
  const substitution = new Map<TSESLint.Scope.Variable, StaticString>();
  const scope = sourceCode.scopeManager?.acquire(fn, true);
  const spread = call.arguments.findIndex((a) => a.type === AST_NODE_TYPES.SpreadElement);
  fn.params.forEach((param, index) => {
    const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const id = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    const variable = id.type === AST_NODE_TYPES.Identifier ? scope?.set.get(id.name) : undefined;
    if (!variable) return;
    const arg = spread !== -1 && index >= spread ? undefined : call.arguments[index];
    const value = arg ? staticString(arg, sourceCode) : inner.type === AST_NODE_TYPES.AssignmentPattern && spread === -1 ? staticString(inner.right, sourceCode) : undefined;
    substitution.set(variable, value ?? UNKNOWN_STRING);
  });
  return substitution;
}

/** What callers in this file pass for parameter `name` of `fn` (and its default value). */
function argumentsFor(fn: FunctionNode, name: string, sourceCode: SourceCode): TSESTree.Node[] {
  const index = fn.params.findIndex((p) => {
    const inner = p.type === AST_NODE_TYPES.TSParameterProperty ? p.parameter : p;
    const id = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    return id.type === AST_NODE_TYPES.Identifier && id.name === name;
  });
  if (index === -1) return [];
  const out: TSESTree.Node[] = [];
  for (const call of [...localCallSites(fn, sourceCode), ...constructorCalls(fn, sourceCode), ...instanceCallSites(fn, sourceCode)]) {
    const spread = call.arguments.findIndex((a) => a.type === AST_NODE_TYPES.SpreadElement);
    const arg = call.arguments[index];
    if (arg && (spread === -1 || index < spread)) out.push(arg);
  }
  const param = fn.params[index];
  const inner = param?.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  if (inner?.type === AST_NODE_TYPES.AssignmentPattern) out.push(inner.right);
  return out;
}

/** A member chain whose root is an import: `config.gemini.apiKey` → source and `config.gemini.apiKey`. */
function importedMember(node: TSESTree.Node, sourceCode: SourceCode): { source: string; path: string } | undefined {
  const current = unwrap(node);
  if (current.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const path = dottedPath(current);
  let root: TSESTree.Node = current;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  if (!path || root.type !== AST_NODE_TYPES.Identifier) return undefined;
  const binding = resolveIdentifier(root, sourceCode);
  if (binding.kind !== 'import') return undefined;
  const rest = path.split('.').slice(1);
  const head = binding.imported === '*' ? [] : [binding.imported];
  return { source: binding.source, path: [...head, ...rest].join('.') };
}

/** `this.apiKey` where the class has `constructor(private apiKey: string)`: that constructor parameter. */
function parameterProperty(node: TSESTree.Node): { fn: FunctionNode; name: string } | undefined {
  const current = unwrap(node);
  if (current.type !== AST_NODE_TYPES.MemberExpression || unwrap(current.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = memberName(current);
  const cls = enclosingClass(current);
  if (name === undefined || !cls) return undefined;
  for (const element of cls.body.body) {
    if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'constructor') continue;
    for (const param of element.value.params) {
      if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
      const id = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
      if (id.type === AST_NODE_TYPES.Identifier && id.name === name && element.value.type === AST_NODE_TYPES.FunctionExpression) return { fn: element.value, name };
    }
  }
  return undefined;
}

/** Where the value placed in an `X-GEMINI-APIKEY` header comes from (one entry per possible origin). */
function credentialRefs(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): CredentialRef[] {
  const out: CredentialRef[] = [];
  let origins;
  try {
    origins = valueOrigins(node, sourceCode);
  } catch {
    origins = [{ kind: 'unknown' as const, node }];
  }
  for (const origin of origins) {
    const line = origin.node.loc?.start.line ?? 0;
    switch (origin.kind) {
      case 'env':
        out.push({ kind: 'env', name: origin.env.name });
        break;
      case 'literal': {
        const text = origin.value.text;
        if (!origin.value.complete) {
          out.push({ kind: 'expression', text: sanitize(sourceCode.getText(origin.node), sourceCode), line });
        } else if (!isPlaceholder(text)) {
          out.push({ kind: 'literal', hash: sha256(`gemini-guard-credential\0${text}`).slice(0, 16), redacted: isGeminiApiKey(text) ? redactCredential(text) : `a hardcoded value (${redactCredential(text)})` });
        }
        break;
      }
      case 'parameter': {
        const args = depth < MAX_ARG_DEPTH ? argumentsFor(origin.fn, origin.name, sourceCode) : [];
        const resolved = args.flatMap((arg) => credentialRefs(arg, sourceCode, depth + 1));
        if (resolved.length > 0) out.push(...resolved);
        else out.push({ kind: 'parameter', name: origin.name, owner: functionLabel(origin.fn), line: origin.fn.loc?.start.line ?? line });
        break;
      }
      case 'import':
        out.push({ kind: 'import', source: origin.source, path: origin.imported === '*' ? '' : origin.imported, line });
        break;
      default: {
        const property = depth < MAX_ARG_DEPTH ? parameterProperty(origin.node) : undefined;
        if (property) {
          const resolved = argumentsFor(property.fn, property.name, sourceCode).flatMap((arg) => credentialRefs(arg, sourceCode, depth + 1));
          if (resolved.length > 0) {
            out.push(...resolved);
            break;
          }
          out.push({ kind: 'parameter', name: property.name, owner: functionLabel(property.fn), line: property.fn.loc?.start.line ?? line });
          break;
        }
        const imported = importedMember(origin.node, sourceCode);
        if (imported) out.push({ kind: 'import', ...imported, line });
        else out.push({ kind: 'expression', text: sanitize(sourceCode.getText(origin.node), sourceCode), line });
      }
    }
  }
  return out;
}

/** Credentials a module exports (env reads and hardcoded keys), by export path. */
function exportedCredentials(sourceCode: SourceCode): Record<string, CredentialRef[]> {
  const out: Record<string, CredentialRef[]> = {};
  const record = (path: string, value: TSESTree.Node, depth: number): void => {
    const refs = credentialRefs(value, sourceCode).filter((r) => r.kind === 'env' || r.kind === 'literal');
    if (refs.length > 0) out[path] = refs;
    if (depth > 2) return;
    const obj = resolveObjectLiteral(value, sourceCode);
    if (!obj) return;
    for (const entry of objectEntries(obj, sourceCode).entries) record(`${path}.${entry.key}`, entry.valueNode, depth + 1);
  };
  for (const statement of sourceCode.ast.body) {
    try {
      if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
        const decl = statement.declaration;
        if (decl?.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const d of decl.declarations) if (d.id.type === AST_NODE_TYPES.Identifier && d.init) record(d.id.name, d.init, 0);
        }
        if (!statement.source) {
          for (const spec of statement.specifiers) {
            if (spec.type !== AST_NODE_TYPES.ExportSpecifier || spec.local.type !== AST_NODE_TYPES.Identifier) continue;
            const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : String(spec.exported.value);
            record(exported, spec.local, 0);
          }
        }
      } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
        const decl = statement.declaration;
        if (decl.type !== AST_NODE_TYPES.FunctionDeclaration && decl.type !== AST_NODE_TYPES.ClassDeclaration && decl.type !== AST_NODE_TYPES.TSInterfaceDeclaration && decl.type !== AST_NODE_TYPES.TSDeclareFunction) {
          record('default', decl, 0);
        }
      }
    } catch {
      // an odd export costs its entry only
    }
  }
  return out;
}

function hitOf(target: GeminiTarget, at: TSESTree.Node): EndpointHit | undefined {
  const loc = at.loc?.start ?? { line: 0, column: 0 };
  if (target.endpoint) return { endpoint: target.endpoint, kind: 'rest', sandbox: target.sandbox, line: loc.line, column: loc.column + 1 };
  const ws = target.webSocketEndpoint;
  if (ws) {
    // a legacy WebSocket feed, described as an endpoint (its upgrade request is a signed GET)
    const endpoint: GeminiEndpoint = { template: ws.template, access: ws.access, method: 'GET', roles: ws.roles, fundMoving: false, signedGet: false, summary: ws.summary };
    return { endpoint, kind: 'websocket', sandbox: target.sandbox, line: loc.line, column: loc.column + 1 };
  }
  return undefined;
}

/** Endpoints named by a payload's `request`, directly or at each call of the function building it. */
function payloadEndpoints(payload: GeminiPayload, at: TSESTree.Node, sourceCode: SourceCode, sandbox: boolean): EndpointHit[] {
  const request = payload.request;
  if (!request) return [];
  const loc = at.loc?.start ?? { line: 0, column: 0 };
  const direct = request.value ? matchEndpoint(request.value.text) : undefined;
  if (direct) return [{ endpoint: direct, kind: 'rest', sandbox, line: loc.line, column: loc.column + 1 }];
  const symbolic = symbolicString(request.valueNode, sourceCode);
  const fn = parametersFunction(symbolic.params);
  if (!fn) return [];
  const hits: EndpointHit[] = [];
  const sites = [
    ...callSiteBindings(fn, sourceCode).map((b) => ({ call: b.site, substitution: b.substitution as Substitution })),
    ...instanceCallSites(fn, sourceCode).map((call) => ({ call, substitution: substitutionAt(fn, call, sourceCode) })),
  ];
  for (const { call, substitution } of sites) {
    const value = symbolicString(request.valueNode, sourceCode, substitution).value;
    const endpoint = value ? matchEndpoint(value.text) : undefined;
    const site = call.loc.start;
    if (endpoint) hits.push({ endpoint, kind: 'rest', sandbox, line: site.line, column: site.column + 1 });
  }
  return hits;
}

/** The endpoints one request goes to: its URL, its helper's call sites, or its payload's `request`. */
function callEndpoints(call: HttpCall, sourceCode: SourceCode): EndpointHit[] {
  const direct = geminiTarget(call, sourceCode);
  const hit = direct ? hitOf(direct, call.node) : undefined;
  if (hit) return [hit];
  const hits: EndpointHit[] = [];
  for (const site of siteTargets(call, sourceCode)) {
    const h = site.target ? hitOf(site.target, site.site) : undefined;
    if (h) hits.push(h);
  }
  if (hits.length > 0) return hits;
  // `client.private('/v1/order/new')` on an instance of the class whose method sends the request
  const fn = parametersFunction(callUrlWith(call, sourceCode).params);
  if (fn) {
    for (const site of instanceCallSites(fn, sourceCode)) {
      const { url } = callUrlWith(call, sourceCode, substitutionAt(fn, site, sourceCode));
      const target = url ? geminiTarget(call, sourceCode, url) : undefined;
      const h = target ? hitOf(target, site) : undefined;
      if (h) hits.push(h);
    }
    if (hits.length > 0) return hits;
  }
  for (const payload of geminiPayloads(sourceCode)) {
    if (payloadRequests(payload, sourceCode).includes(call)) hits.push(...payloadEndpoints(payload, call.node, sourceCode, direct?.sandbox ?? false));
  }
  return hits;
}

function enclosingFunctionOrProgram(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.ArrowFunctionExpression) return current;
    current = current.parent;
  }
  return node;
}

/** All the facts the roles report needs from one parsed file. */
export function collectRoleFacts(sourceCode: SourceCode): FileFacts {
  const facts: FileFacts = { uses: [], exports: {} };
  const covered = new Set<TSESTree.Node>();
  for (const call of httpCalls(sourceCode)) {
    try {
      const keyEntries = call.headers.entries.filter((e) => geminiHeaderKind(e.name) === 'apiKey');
      if (keyEntries.length === 0) continue;
      const endpoints = callEndpoints(call, sourceCode);
      const at = call.node.loc.start;
      for (const entry of keyEntries) {
        covered.add(entry.valueNode);
        const sent = entry.valueNode.loc?.start ?? at;
        const use: KeyUse = { credentials: credentialRefs(entry.valueNode, sourceCode), sentAt: { line: sent.line, column: sent.column + 1 }, endpoints };
        if (endpoints.length === 0) use.unresolvedAt = { line: at.line, column: at.column + 1 };
        facts.uses.push(use);
      }
    } catch {
      // an odd request costs its entry, never the report
    }
  }
  // Key headers no recognised request carries (a signing helper whose requests are elsewhere):
  // the payloads signed next to them tell the endpoints.
  const sinks = geminiHeaderSinks(sourceCode);
  for (const sink of sinks) {
    if (sink.kind !== 'apiKey' || sink.remote || covered.has(sink.valueNode)) continue;
    try {
      const scope = enclosingFunctionOrProgram(sink.valueNode);
      const endpoints: EndpointHit[] = [];
      for (const payloadSink of sinks) {
        if (payloadSink.kind !== 'payload' || enclosingFunctionOrProgram(payloadSink.valueNode) !== scope) continue;
        const sources = traceValueSources(payloadSink.valueNode, sourceCode);
        for (const payload of geminiPayloads(sourceCode)) {
          if (sources.has(payload.node)) endpoints.push(...payloadEndpoints(payload, payload.node, sourceCode, false));
        }
      }
      const sent = sink.valueNode.loc.start;
      const use: KeyUse = { credentials: credentialRefs(sink.valueNode, sourceCode), sentAt: { line: sent.line, column: sent.column + 1 }, endpoints };
      if (endpoints.length === 0) use.unresolvedAt = { line: sent.line, column: sent.column + 1 };
      facts.uses.push(use);
    } catch {
      // as above
    }
  }
  if (facts.uses.length > 0 || /export/.test(sourceCode.text)) facts.exports = exportedCredentials(sourceCode);
  return facts;
}

// ---------------------------------------------------------------------------------------------
// Running the collector through ESLint's Linter.

const collector = factCollector(collectRoleFacts);

/** Parses one file (espree for JavaScript, @typescript-eslint/parser for TypeScript or as a retry) and collects its facts. */
function factsOf(file: string, text: string, settings: ScannerSettings | undefined): FileFacts | { fatal: string } {
  const name = lintableName(file);
  let fatal = '';
  for (const typescript of isTypeScriptName(name) ? [true] : [false, true]) {
    collector.reset();
    const messages = sharedLinter().verify(
      text,
      [
        {
          files: LINTED_FILES,
          plugins: { 'gemini-guard-roles': collector.plugin },
          languageOptions: languageOptionsFor(name, typescript),
          rules: { 'gemini-guard-roles/collect': 'error' },
          settings: settings ? { 'gemini-guard': settings } : {},
        },
      ],
      { filename: name },
    );
    const parseError = messages.find((m) => m.fatal);
    if (!parseError) return collector.result() ?? { uses: [], exports: {} };
    fatal = `line ${parseError.line}: ${parseError.message}`;
  }
  return { fatal };
}

// ---------------------------------------------------------------------------------------------
// Aggregation over the project.

const ROLE_NAMES: Record<GeminiRole, string> = { Auditor: 'Auditor', Trader: 'Trader', FundManager: 'Fund Manager', Administrator: 'Administrator' };

/** `['Trader', 'FundManager']` → `Trader + Fund Manager`; with `or`: `Auditor, Trader or Fund Manager`. */
export function formatRoles(roles: readonly GeminiRole[], joiner: ' + ' | 'or' = ' + '): string {
  if (roles.length === 0) return 'none (public endpoints only)';
  const names = GEMINI_ROLES.filter((r) => roles.includes(r)).map((r) => ROLE_NAMES[r]);
  if (joiner === ' + ' || names.length === 1) return names.join(joiner === 'or' ? '' : joiner);
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** How an endpoint counts for least privilege. */
export function endpointCategory(endpoint: GeminiEndpoint): EndpointCategory {
  if (endpoint.access === 'public') return 'public';
  if (endpoint.fundMoving) return 'move-funds';
  // Heartbeats, account details, fee estimates: whatever key the code holds can call them, so
  // they say nothing about which key it should hold.
  if (GEMINI_ROLES.every((r) => endpoint.roles.includes(r))) return 'any-role';
  if (endpoint.roles.includes('Auditor')) return 'read';
  if (endpoint.roles.every((r) => r === 'Administrator')) return 'admin';
  return 'write';
}

interface Identity {
  id: string;
  label: string;
  source: CredentialSourceKind;
}

function identityOf(ref: CredentialRef, file: string): Identity {
  switch (ref.kind) {
    case 'env':
      return { id: `env:${ref.name}`, label: `${ref.name} (environment variable)`, source: 'env' };
    case 'literal':
      return { id: `literal:${ref.hash}`, label: `${ref.redacted} (hardcoded)`, source: 'literal' };
    case 'import':
      return { id: `import:${ref.source}#${ref.path}`, label: `${ref.path || '*'} imported from ${ref.source} (${file}:${ref.line})`, source: 'import' };
    case 'parameter':
      return { id: `parameter:${file}:${ref.line}:${ref.name}`, label: `parameter ${ref.name} of ${ref.owner} (${file}:${ref.line})`, source: 'parameter' };
    default:
      return { id: `expression:${file}:${ref.text}`, label: `${ref.text} (${file}:${ref.line})`, source: 'expression' };
  }
}

const siteKey = (s: RoleSite): string => `${s.file}:${String(s.line).padStart(8, '0')}:${String(s.column).padStart(6, '0')}`;
const sortSites = (sites: Iterable<RoleSite>): RoleSite[] => {
  const unique = new Map<string, RoleSite>();
  for (const s of sites) unique.set(siteKey(s), s);
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
};

const list = (items: string[]): string => (items.length <= 3 ? items.join(', ') : `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`);

/** The warnings for one credential's endpoints. */
export function roleWarnings(label: string, endpoints: readonly EndpointUse[], roles: readonly GeminiRole[]): RoleWarning[] {
  const warnings: RoleWarning[] = [];
  const live = endpoints.filter((e) => !e.sandbox);
  const of = (...categories: EndpointCategory[]): string[] => live.filter((e) => categories.includes(e.category)).map((e) => e.endpoint);
  const reads = of('read');
  const writes = of('write');
  const moves = of('move-funds');
  if (reads.length > 0 && writes.length + moves.length > 0) {
    const both = moves.length > 0 && writes.length > 0;
    const what = both ? 'trades and moves funds' : moves.length > 0 ? 'moves funds' : 'trades';
    const rest = both ? 'trading and withdrawals' : moves.length > 0 ? 'withdrawals' : 'trading';
    const cannot = both ? 'trade or move funds' : moves.length > 0 ? 'move funds' : 'trade';
    warnings.push({
      id: 'readsAndWrites',
      message: `${label} both reads account data (${list(reads)}) and ${what} (${list([...writes, ...moves])}) with one API key. Give the read-only calls their own Auditor key and keep ${rest} on a separate key, so a leak from the code that only reads cannot ${cannot}.`,
    });
  }
  if (writes.length > 0 && moves.length > 0) {
    warnings.push({
      id: 'tradesAndMovesFunds',
      message: `${label} trades and moves funds out of the account (${list(moves)}) with one API key, so the key needs Trader + Fund Manager and whoever steals it can withdraw. Keep withdrawals on a separate, tightly held Fund Manager key.`,
    });
  }
  if (!isValidRoleCombination(roles)) {
    warnings.push({
      id: 'noSingleKey',
      message: `No single Gemini exchange API key can call all of these endpoints: the Auditor role cannot be combined with ${formatRoles(roles.filter((r) => r !== 'Auditor'), 'or')}. Gemini answers MissingRole; use two keys.`,
    });
  }
  return warnings;
}

/** What the roles report needs. */
export interface RolesOptions extends WalkOptions {
  now?: () => number;
}

/** Builds the least-privilege report for the JavaScript / TypeScript files under `paths`. */
export function rolesReport(options: RolesOptions): RolesReport {
  const now = options.now ?? Date.now;
  const started = now();
  const { paths, skipped } = listPaths(options);
  const sources: SourceFile[] = [];
  for (const p of paths) {
    const kind = fileKind(p.file);
    if (!isCode(kind) || /\.d\.[cm]?ts$/i.test(p.file)) continue;
    const read = readSource(options.cwd, p.file, options.maxFileSize, mayConcernGeminiBytes);
    if ('text' in read) sources.push({ file: p.file, text: read.text });
    else if ('unrelated' in read) sources.push({ file: p.file });
    else skipped.push(read);
  }
  const readText: TextReader = (file, prefilter) => {
    const read = readSource(options.cwd, file, options.maxFileSize, prefilter);
    return 'text' in read ? read.text : undefined;
  };
  const crossFile = crossFileFacts(sources, readText);
  const byPath = new Map(sources.map((s) => [s.file, s]));
  const perFile = new Map<string, FileFacts>();
  for (const source of sources) {
    const extra = crossFile.extraCandidates.has(source.file);
    const text = source.text ?? (extra ? readText(source.file) : undefined);
    if (text === undefined || (!extra && !mayConcernGemini(text)) || looksMinified(text)) continue;
    let facts;
    try {
      facts = factsOf(source.file, text, crossFile.settings.get(source.file));
    } catch (error) {
      skipped.push({ file: source.file, reason: 'syntax-error', detail: `internal error: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown'}` });
      continue;
    }
    if ('fatal' in facts) skipped.push({ file: source.file, reason: 'syntax-error', detail: facts.fatal });
    else perFile.set(source.file, facts);
  }

  // Imported credentials become what the exporting module reads (`config.apiKey` → GEMINI_API_KEY).
  const resolveRef = (ref: CredentialRef, file: string, depth = 0): { ref: CredentialRef; file: string }[] => {
    if (ref.kind !== 'import' || depth > 4 || !ref.source.startsWith('.')) return [{ ref, file }];
    const target = resolveRelative(file, ref.source, byPath);
    const exported = target ? perFile.get(target)?.exports[ref.path] : undefined;
    if (!target || !exported || exported.length === 0) return [{ ref: { ...ref, source: target ?? ref.source }, file }];
    return exported.flatMap((r) => resolveRef(r, target, depth + 1));
  };

  interface Acc {
    identity: Identity;
    sentAt: RoleSite[];
    endpoints: Map<string, { hit: EndpointHit; sites: RoleSite[]; sandboxOnly: boolean }>;
    unresolved: RoleSite[];
  }
  const credentials = new Map<string, Acc>();
  for (const [file, facts] of perFile) {
    for (const use of facts.uses) {
      const identities = new Map<string, Identity>();
      for (const raw of use.credentials) for (const { ref, file: owner } of resolveRef(raw, file)) {
        const identity = identityOf(ref, owner);
        identities.set(identity.id, identity);
      }
      for (const identity of identities.values()) {
        const acc: Acc = credentials.get(identity.id) ?? { identity, sentAt: [], endpoints: new Map(), unresolved: [] };
        credentials.set(identity.id, acc);
        acc.sentAt.push({ file, ...use.sentAt });
        if (use.unresolvedAt) acc.unresolved.push({ file, ...use.unresolvedAt });
        for (const hit of use.endpoints) {
          const key = `${hit.kind}:${hit.endpoint.template}`;
          const entry = acc.endpoints.get(key) ?? { hit, sites: [], sandboxOnly: true };
          entry.sites.push({ file, line: hit.line, column: hit.column });
          entry.sandboxOnly &&= hit.sandbox;
          acc.endpoints.set(key, entry);
        }
      }
    }
  }

  const report: CredentialRoles[] = [...credentials.values()].map((acc) => {
    const endpoints: EndpointUse[] = [...acc.endpoints.values()]
      .map(({ hit, sites, sandboxOnly }) => ({
        endpoint: hit.endpoint.template,
        method: hit.endpoint.method,
        kind: hit.kind,
        summary: hit.endpoint.summary,
        access: hit.endpoint.access,
        roles: [...hit.endpoint.roles],
        fundMoving: hit.endpoint.fundMoving,
        category: endpointCategory(hit.endpoint),
        sandbox: sandboxOnly,
        sites: sortSites(sites),
      }))
      .sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : a.kind < b.kind ? -1 : 1));
    const catalogued: GeminiEndpoint[] = [...acc.endpoints.values()].map((e) => e.hit.endpoint);
    const roles = minimumRoles(catalogued);
    return {
      id: acc.identity.id,
      label: acc.identity.label,
      source: acc.identity.source,
      sentAt: sortSites(acc.sentAt),
      endpoints,
      unresolved: sortSites(acc.unresolved),
      minimumRoles: roles,
      singleKey: isValidRoleCombination(roles),
      warnings: roleWarnings(acc.identity.label, endpoints, roles),
    };
  });
  const order: CredentialSourceKind[] = ['env', 'literal', 'import', 'parameter', 'expression'];
  report.sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { credentials: report, skipped, stats: { filesSeen: paths.length, filesAnalysed: perFile.size, durationMs: now() - started } };
}
