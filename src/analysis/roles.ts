/**
 * The facts the least-privilege report (`gemini-guard roles`) needs from one parsed file: which
 * values reach an `X-GEMINI-APIKEY` header, where each comes from (an environment variable, a
 * hardcoded key, an import, a parameter), and which Gemini exchange endpoints the requests that
 * send it go to. Plain data, no AST nodes: the scanner aggregates them over the project.
 *
 * Requests whose path is a parameter of an exported helper (`privatePost(path)` in `client.js`)
 * are resolved with the calls other files make of that helper: the scanner's cross-file pass
 * collects those calls ({@link importedCalls}) and hands them back to the exporting file as
 * {@link RoleSettings.remoteCalls}.
 */
import { createHash } from 'node:crypto';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { HOLE } from '../gemini/paths.js';
import { isGeminiApiKey, isPlaceholder, redactCredential, redactSecretsInText } from '../gemini/credentials.js';
import { knownCredentialTexts } from './exposure/credential-literals.js';
import { matchEndpoint, type GeminiEndpoint } from '../gemini/endpoints.js';
import { geminiHeaderKind } from '../gemini/headers.js';
import { dottedPath, enclosingClass, memberName, nodesOfType, staticKeyName, unwrap, type FunctionNode } from './ast-utils.js';
import { findVariable, resolveIdentifier } from './values/bindings.js';
import { exportedFunction } from './cross-file/exports.js';
import { exportsClass, importedBinding } from './imported-bindings.js';
import { callUrlWith, geminiTarget, payloadRequests, siteTargets, type GeminiTarget } from './requests/gemini-requests.js';
import { httpCalls, type HttpCall } from './requests/http-calls.js';
import { geminiPayloads, type GeminiPayload } from './requests/payloads.js';
import { fileSettings } from './cross-file/settings.js';
import { geminiHeaderSinks, localCallSites, traceValueSources } from './signing/index.js';
import { callSiteBindings, parametersFunction, symbolicString, type Substitution } from './values/symbolic.js';
import { objectEntries, resolveObjectLiteral, resolveValueNode, staticString, valueOrigins, type StaticString } from './values/values.js';
import { swallowed } from '../utils/guard.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Where a credential placed in an `X-GEMINI-APIKEY` header comes from (never the secret itself). */
export type CredentialRef =
  | { kind: 'env'; name: string }
  | { kind: 'literal'; hash: string; redacted: string }
  | { kind: 'import'; source: string; path: string; line: number }
  | { kind: 'parameter'; name: string; owner: string; line: number }
  | { kind: 'expression'; text: string; line: number };

/** One endpoint a request goes to, at the place that decides it (1-based). */
export interface EndpointHit {
  endpoint: GeminiEndpoint;
  kind: 'rest' | 'websocket';
  sandbox: boolean;
  line: number;
  column: number;
  /** Set when that place is in another file: the call of an exported helper (posix, relative). */
  file?: string;
}

/** One value sent as `X-GEMINI-APIKEY`, and the endpoints of the requests that send it. */
export interface KeyUse {
  credentials: CredentialRef[];
  sentAt: { line: number; column: number };
  endpoints: EndpointHit[];
  /** Set when the request's endpoint could not be determined. */
  unresolvedAt?: { line: number; column: number };
}

/** A call's arguments as plain data: string values where known (`null`: unknown), up to a spread. */
export interface CallArguments {
  args: (StaticString | null)[];
  /** A spread argument followed: what comes after is unknown. */
  spread: boolean;
}

/** A call of another module's export in this file: `privatePost('/v1/order/new')`, `client.order(…)`. */
export interface ImportedCall extends CallArguments {
  /** The module specifier as written (relative). */
  source: string;
  /** What is called: an export name (`privatePost`, `default`), `<exported class>#<method>` or `<exported class>#constructor`. */
  key: string;
  /** Per argument, the credentials it carries (environment variables, hardcoded keys); absent when none does. */
  credentials?: CredentialRef[][];
  line: number;
  column: number;
}

/** The role facts of one file. */
export interface RoleFacts {
  uses: KeyUse[];
  /** Exported values that are credentials: `apiKey`, `config.apiKey`, `default.apiKey`. */
  exports: Record<string, CredentialRef[]>;
  /** Calls of relatively imported functions and methods (for the cross-file pass). */
  importedCalls: ImportedCall[];
}

/** A call another file makes of one of this file's exports. */
export interface RemoteCall extends CallArguments {
  credentials?: CredentialRef[][];
  file: string;
  line: number;
  column: number;
}

/** What the scanner's cross-file pass tells a file's role collection (in `settings['gemini-guard']`). */
export interface RoleSettings {
  /** Calls other files make of this file's exports, by {@link ImportedCall.key}. */
  remoteCalls?: Record<string, RemoteCall[]>;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const MAX_ARG_DEPTH = 4;

/** Redacts anything credential-shaped in a piece of source text used as a label. */
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
  return substitutionOf(fn, argumentStrings(call, sourceCode), sourceCode);
}

/** The arguments of a call as data: each one's string value (`null` when unknown) up to a spread. */
function argumentStrings(call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: SourceCode): CallArguments {
  const spread = call.arguments.findIndex((a) => a.type === AST_NODE_TYPES.SpreadElement);
  const args = spread === -1 ? call.arguments : call.arguments.slice(0, spread);
  return { args: args.map((arg) => staticString(arg, sourceCode) ?? null), spread: spread !== -1 };
}

/**
 * Parameters of `fn` bound to argument values. A missing argument takes the parameter's default,
 * unless a spread hides what follows (then nothing is known).
 */
function substitutionOf(fn: FunctionNode, call: CallArguments, sourceCode: SourceCode): Substitution {
  const substitution = new Map<TSESLint.Scope.Variable, StaticString>();
  const scope = sourceCode.scopeManager?.acquire(fn, true);
  fn.params.forEach((param, index) => {
    const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const id = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    const variable = id.type === AST_NODE_TYPES.Identifier ? scope?.set.get(id.name) : undefined;
    if (!variable) return;
    const value = index < call.args.length ? call.args[index] : !call.spread && inner.type === AST_NODE_TYPES.AssignmentPattern ? staticString(inner.right, sourceCode) : undefined;
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
    swallowed();
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
        if (resolved.length === 0) resolved.push(...remoteCredentials(origin.fn, origin.name, sourceCode));
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
          if (resolved.length === 0) resolved.push(...remoteCredentials(property.fn, property.name, sourceCode));
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
      swallowed();
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
  if (hits.length > 0) return hits;
  for (const remote of remoteCallsOf(fn, sourceCode)) {
    const value = symbolicString(request.valueNode, sourceCode, substitutionOf(fn, remote, sourceCode)).value;
    const endpoint = value ? matchEndpoint(value.text) : undefined;
    if (endpoint) hits.push({ endpoint, kind: 'rest', sandbox, line: remote.line, column: remote.column, file: remote.file });
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
    // `privatePost('/v1/order/new')` in another file, calling the helper this file exports
    for (const remote of remoteCallsOf(fn, sourceCode)) {
      const { url } = callUrlWith(call, sourceCode, substitutionOf(fn, remote, sourceCode));
      const target = url ? geminiTarget(call, sourceCode, url) : undefined;
      const h = target ? hitOf(target, call.node) : undefined;
      if (h) hits.push({ ...h, line: remote.line, column: remote.column, file: remote.file });
    }
    if (hits.length > 0) return hits;
  }
  for (const payload of geminiPayloads(sourceCode)) {
    if (payloadRequests(payload, sourceCode).includes(call)) hits.push(...payloadEndpoints(payload, call.node, sourceCode, direct?.sandbox ?? false));
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Across files: calls of imported helpers (importer side) and of this file's exports (exporter side).

/**
 * Calls in this file of functions and methods other modules of the project export:
 * `privatePost(…)` (named, default or destructured `require`), `api.privatePost(…)` (namespace
 * import or `require`), and `client.order(…)` on a `new Client(…)` of an imported class.
 */
export function importedCalls(sourceCode: SourceCode): ImportedCall[] {
  const out: ImportedCall[] = [];
  const record = (call: TSESTree.CallExpression | TSESTree.NewExpression, found: { source: string; key: string }): void => {
    const at = call.loc.start;
    const entry: ImportedCall = { ...found, ...argumentStrings(call, sourceCode), line: at.line, column: at.column + 1 };
    // what each argument holds, when it is a credential the other file puts in a header
    const credentials = entry.args.map((_, index) => credentialRefs(call.arguments[index]!, sourceCode).filter((r) => r.kind === 'env' || r.kind === 'literal'));
    if (credentials.some((c) => c.length > 0)) entry.credentials = credentials;
    out.push(entry);
  };
  // `new Client(process.env.GEMINI_API_KEY, …)` of an imported class: its constructor's parameters
  for (const made of nodesOfType(sourceCode.ast, AST_NODE_TYPES.NewExpression)) {
    try {
      const cls = made.callee.type === AST_NODE_TYPES.Identifier ? importedBinding(made.callee, sourceCode) : undefined;
      if (cls && cls.imported !== '*') record(made, { source: cls.source, key: `${cls.imported}#constructor` });
    } catch {
      swallowed();
      // an odd expression costs its entry only
    }
  }
  for (const call of nodesOfType(sourceCode.ast, AST_NODE_TYPES.CallExpression)) {
    try {
      const callee = unwrap(call.callee);
      let found: { source: string; key: string } | undefined;
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const imported = importedBinding(callee, sourceCode);
        if (imported && imported.imported !== '*') found = { source: imported.source, key: imported.imported };
      } else if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = memberName(callee);
        const object = unwrap(callee.object);
        if (method !== undefined && object.type === AST_NODE_TYPES.Identifier) {
          const imported = importedBinding(object, sourceCode);
          if (imported?.imported === '*') found = { source: imported.source, key: method };
        }
        if (!found && method !== undefined && object.type !== AST_NODE_TYPES.ThisExpression) {
          const made = resolveValueNode(object, sourceCode);
          if (made.type === AST_NODE_TYPES.NewExpression && made.callee.type === AST_NODE_TYPES.Identifier) {
            const cls = importedBinding(made.callee, sourceCode);
            if (cls && cls.imported !== '*') found = { source: cls.source, key: `${cls.imported}#${method}` };
          }
        }
      }
      if (found) record(call, found);
    } catch {
      swallowed();
      // an odd call costs its entry only
    }
  }
  return out;
}

/** The calls other files make of `fn` (an exported function, or a method of an exported class). */
function remoteCallsOf(fn: FunctionNode, sourceCode: SourceCode): RemoteCall[] {
  const remote = (fileSettings(sourceCode) as RoleSettings).remoteCalls;
  if (!remote) return [];
  const out: RemoteCall[] = [];
  for (const [key, calls] of Object.entries(remote)) {
    const hash = key.indexOf('#');
    if (hash === -1) {
      if (exportedFunction(sourceCode, key) === fn) out.push(...calls);
      continue;
    }
    const method = fn.parent;
    if (method?.type !== AST_NODE_TYPES.MethodDefinition || (method.kind !== 'method' && method.kind !== 'constructor')) continue;
    if (staticKeyName(method.key, method.computed) !== key.slice(hash + 1)) continue;
    if (exportsClass(sourceCode, key.slice(0, hash), method.parent.parent)) out.push(...calls);
  }
  return out;
}

/** What other files pass for parameter `name` of `fn` when it is a credential (see {@link ImportedCall.credentials}). */
function remoteCredentials(fn: FunctionNode, name: string, sourceCode: SourceCode): CredentialRef[] {
  const index = fn.params.findIndex((p) => {
    const inner = p.type === AST_NODE_TYPES.TSParameterProperty ? p.parameter : p;
    const id = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    return id.type === AST_NODE_TYPES.Identifier && id.name === name;
  });
  if (index === -1) return [];
  return remoteCallsOf(fn, sourceCode).flatMap((call) => call.credentials?.[index] ?? []);
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
export function collectRoleFacts(sourceCode: SourceCode): RoleFacts {
  const facts: RoleFacts = { uses: [], exports: {}, importedCalls: importedCalls(sourceCode) };
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
      swallowed();
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
      swallowed();
      // as above
    }
  }
  if (facts.uses.length > 0 || /export/.test(sourceCode.text)) facts.exports = exportedCredentials(sourceCode);
  return facts;
}

