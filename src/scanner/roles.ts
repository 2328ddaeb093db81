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
import { collectRoleFacts, type CredentialRef, type EndpointHit, type RemoteCall, type RoleFacts, type RoleSettings } from '../analysis/roles.js';
import type { CrossFileSettings } from '../analysis/cross-file/settings.js';
import { formatRoles, GEMINI_ROLES, isValidRoleCombination, minimumRoles, type GeminiEndpoint, type GeminiRole } from '../gemini/endpoints.js';

export { formatRoles };
import { crossFileFacts, resolveRelative, type TextReader } from './cross-file.js';
import type { ScannerSettings } from './detectors/eslint-rules.js';
import { factCollector, isTypeScriptName, languageOptionsFor, lintableName, LINTED_FILES, sharedLinter } from './detectors/linting.js';
import { listPaths, readSource, type WalkOptions } from './files.js';
import { fileKind, isCode, looksMinified, mayConcernGemini, mayConcernGeminiBytes } from './prefilter.js';
import type { SkippedFile, SourceFile } from './types.js';


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
  /** The least-privilege role set (see `minimumRoles`); `[]` when only public endpoints are called, or none was resolved. */
  minimumRoles: GeminiRole[];
  /**
   * How much of {@link minimumRoles} is known: `complete` (every request's endpoint resolved),
   * `partial` (some were not: the key may need more), `unresolved` (none was: nothing is known).
   */
  resolution: 'complete' | 'partial' | 'unresolved';
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
// Running the collector through ESLint's Linter.

const collector = factCollector(collectRoleFacts);

/** Parses one file (espree for JavaScript, @typescript-eslint/parser for TypeScript or as a retry) and collects its facts. */
function factsOf(file: string, text: string, settings: ScannerSettings | undefined): RoleFacts | { fatal: string } {
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
    if (!parseError) return collector.result() ?? { uses: [], exports: {}, importedCalls: [] };
    fatal = `line ${parseError.line}: ${parseError.message}`;
  }
  return { fatal };
}

// ---------------------------------------------------------------------------------------------
// Aggregation over the project.

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

const IMPORT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"'\n]+)\1/g;

/** The words an import of `file` must contain: its name without extension (or its folder's, for an index). */
function importStems(file: string): string[] {
  const parts = file.split('/');
  const stem = (parts[parts.length - 1] ?? '').replace(/\.[^.]*$/, '');
  return stem === 'index' && parts.length > 1 ? [stem, parts[parts.length - 2]!] : [stem];
}

/**
 * The scanner's cross-file pass for roles. A request whose path is a parameter of an exported
 * helper (`export function privatePost(path)` in client.js) has no endpoint in its own file; the
 * calls other files make of the helper (`privatePost('/v1/order/new')` in bot.js) do. Those calls
 * are collected from every file that imports such a helper (read only when its bytes name the
 * helper's module), then the helper's file is collected again knowing them.
 */
function resolveHelperCalls(context: {
  sources: readonly SourceFile[];
  byPath: ReadonlyMap<string, SourceFile>;
  perFile: Map<string, RoleFacts>;
  readText: TextReader;
  settingsOf: (file: string) => ScannerSettings | undefined;
}): void {
  const { sources, byPath, perFile, readText, settingsOf } = context;
  // files with a request whose endpoint, or a key whose value, only the helper's callers know
  const open = new Set([...perFile].filter(([, facts]) => facts.uses.some((u) => u.unresolvedAt || u.credentials.some((c) => c.kind === 'parameter'))).map(([file]) => file));
  if (open.size === 0) return;
  const stems = [...new Set([...open].flatMap(importStems))];
  const stemBytes = stems.map((s) => Buffer.from(s));
  const calls = new Map<string, Record<string, RemoteCall[]>>();
  for (const source of sources) {
    let facts = perFile.get(source.file);
    if (!facts) {
      const text = source.text ?? readText(source.file, (bytes) => stemBytes.some((b) => bytes.includes(b)));
      if (text === undefined || looksMinified(text)) continue;
      // only files whose relative imports reach a helper's module are worth a parse
      const reaches = [...text.matchAll(IMPORT_SPECIFIER)].some((m) => open.has(resolveRelative(source.file, m[2]!, byPath) ?? ''));
      if (!reaches) continue;
      let collected;
      try {
        collected = factsOf(source.file, text, settingsOf(source.file));
      } catch {
        continue;
      }
      if ('fatal' in collected) continue;
      facts = collected;
      perFile.set(source.file, facts);
    }
    for (const call of facts.importedCalls) {
      const target = resolveRelative(source.file, call.source, byPath);
      if (!target || target === source.file || !open.has(target)) continue;
      const byKey = calls.get(target) ?? {};
      (byKey[call.key] ??= []).push({ args: call.args, spread: call.spread, ...(call.credentials ? { credentials: call.credentials } : {}), file: source.file, line: call.line, column: call.column });
      calls.set(target, byKey);
    }
  }
  for (const [file, remoteCalls] of calls) {
    const known = byPath.get(file);
    const text = known?.text ?? readText(file);
    if (text === undefined) continue;
    const settings: CrossFileSettings & RoleSettings = { ...(settingsOf(file) as CrossFileSettings | undefined), remoteCalls };
    try {
      const facts = factsOf(file, text, settings as ScannerSettings);
      if (!('fatal' in facts)) perFile.set(file, facts);
    } catch {
      // keep what the first pass found
    }
  }
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
  const perFile = new Map<string, RoleFacts>();
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

  resolveHelperCalls({ sources, byPath, perFile, readText, settingsOf: (file) => crossFile.settings.get(file) });

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
          entry.sites.push({ file: hit.file ?? file, line: hit.line, column: hit.column });
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
      resolution: acc.unresolved.length === 0 ? 'complete' : acc.endpoints.size === 0 ? 'unresolved' : 'partial',
      singleKey: isValidRoleCombination(roles),
      warnings: roleWarnings(acc.identity.label, endpoints, roles),
    };
  });
  const order: CredentialSourceKind[] = ['env', 'literal', 'import', 'parameter', 'expression'];
  report.sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { credentials: report, skipped, stats: { filesSeen: paths.length, filesAnalysed: perFile.size, durationMs: now() - started } };
}
