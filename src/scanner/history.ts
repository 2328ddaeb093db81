/**
 * `gemini-guard scan --history`: Gemini exchange keys and secrets in the lines every commit added.
 * A secret that a later commit deleted is still in every clone, so these findings say "rotate",
 * not "delete the line".
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { classifyCredentialName, GEMINI_API_SECRET_PATTERN, isGeminiNamed, looksLikeGeminiSecret, redactCredential } from '../gemini/credentials.js';
import { scanTextForCredentials, type RawFinding } from './detectors/text-credentials.js';
import { fingerprint } from './fingerprint.js';
import { git, GitError, globFilter, verifyRevision, workTreeTop } from './git.js';
import { displayName } from './paths.js';
import { fileKind, isCode } from './prefilter.js';
import { HISTORY_RULE_ID } from './rules.js';
import type { Finding, ScanResult } from './types.js';

/** What a history scan needs. */
export interface HistoryScanOptions {
  cwd: string;
  /** Pathspecs relative to cwd; default: everything under cwd. */
  paths: string[];
  include?: string[];
  exclude?: string[];
  /** Only commits reachable from HEAD but not from this revision (`<since>..HEAD`). */
  since?: string;
  /** Commits per `git log` call; small values keep memory low on huge histories. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  now?: () => number;
}

/** A line a commit added to a file. */
export interface AddedLine {
  /** 1-based line number in the file as that commit left it. */
  line: number;
  text: string;
}

/** One commit's added lines, per file (cwd-relative posix path). */
export interface CommitDiff {
  sha: string;
  /** Author date, strict ISO 8601. */
  authorDate: string;
  files: Map<string, AddedLine[]>;
}

// eslint-disable-next-line no-control-regex -- \x01 is the commit marker the --format puts out
const COMMIT_START = /(?:^|\n)\u0001(?=[0-9a-f]{40,64}\0)/;

/**
 * Undoes git's C-style quoting of unusual path names (`"a\\"b\\tc"`, octal escapes for bytes);
 * a name whose bytes are not UTF-8 comes back escaped for printing (`conf\xff.env`).
 */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return displayName(Buffer.from(text));
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return displayName(Buffer.from(bytes));
}

/**
 * Parses `git log -p --unified=0` output made with the format `%x01%H%x00%aI`: for every commit,
 * the lines it added to each file with their line numbers. Deleted files, removed lines and binary
 * files contribute nothing.
 */
export function parseLogPatch(output: string): CommitDiff[] {
  const commits: CommitDiff[] = [];
  // a commit starts with \x01<sha>\0 at the start of a line; added text cannot fake that header
  for (const chunk of output.split(COMMIT_START)) {
    if (chunk.trim() === '') continue;
    const headerEnd = chunk.indexOf('\n');
    const header = headerEnd === -1 ? chunk : chunk.slice(0, headerEnd);
    const [sha = '', authorDate = ''] = header.split('\0');
    const commit: CommitDiff = { sha: sha.trim(), authorDate: authorDate.trim(), files: new Map() };
    let file: string | undefined;
    let inHunk = false;
    let next = 0;
    for (const rawLine of chunk.slice(headerEnd + 1).split('\n')) {
      const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
      if (inHunk) {
        if (line.startsWith('+')) {
          if (file !== undefined) {
            const list = commit.files.get(file) ?? [];
            list.push({ line: next, text: line.slice(1) });
            commit.files.set(file, list);
          }
          next++;
          continue;
        }
        if (line.startsWith('-') || line.startsWith('\\') || line.startsWith(' ')) continue;
        if (line.startsWith('@@')) {
          next = hunkStart(line);
          continue;
        }
        inHunk = false; // a header line: the next file's diff starts
      }
      if (line.startsWith('diff --git ')) {
        file = undefined;
      } else if (line.startsWith('+++ ')) {
        // git ends a name holding spaces with a tab (for patch(1)); unusual names come quoted
        const target = unquoteGitPath(line.slice(4).replace(/\t$/, ''));
        file = target === '/dev/null' ? undefined : target.replace(/^b\//, '');
      } else if (line.startsWith('@@')) {
        inHunk = true;
        next = hunkStart(line);
      }
    }
    commits.push(commit);
  }
  return commits;
}

/** `@@ -a,b +c,d @@` → c. */
function hunkStart(line: string): number {
  const m = /^@@+ [^@]*\+(\d+)(?:,\d+)? @@/.exec(line);
  return m ? Number(m[1]) : 0;
}

// A quoted 26–28 character value and what stands before it: `const GEMINI_API_SECRET = '…'`,
// `apiSecret: '…'`, `secret ?? '…'`, `this.secret = "…"`, `const s: string = '…'`.
const QUOTED_VALUE = new RegExp(`(['"\`])(${GEMINI_API_SECRET_PATTERN})\\1`, 'g');
const NAME_BEFORE = /([A-Za-z_$][\w$]*)['"`\]]?\s*(?:(?::\s*[\w$.<>[\]| ]+?\s*)?=|:|\?\?|\|\|)\s*$/;

/**
 * Secrets in JavaScript / TypeScript lines, by the same name heuristics as the text scan: a quoted
 * secret-shaped value assigned (or given as a fallback) to a secret-like name that is Gemini-named,
 * or in a file that names Gemini.
 */
export function codeSecretAssignments(lines: readonly AddedLine[], namesGemini: boolean): (RawFinding & { value: string })[] {
  const out: (RawFinding & { value: string })[] = [];
  lines.forEach((added, index) => {
    if (added.text.length > 10_000) return;
    for (const m of added.text.matchAll(QUOTED_VALUE)) {
      const value = m[2]!;
      const name = NAME_BEFORE.exec(added.text.slice(0, m.index))?.[1];
      if (name === undefined || classifyCredentialName(name) !== 'apiSecret') continue;
      if (!(isGeminiNamed(name) || namesGemini) || !looksLikeGeminiSecret(value)) continue;
      const column = m.index + 2;
      out.push({ ruleId: HISTORY_RULE_ID, message: '', line: index + 1, column, endLine: index + 1, endColumn: column + value.length, severity: 'error', shape: `secret:${value}`, value });
    }
  });
  return out;
}

/** A credential found in one commit's added lines. */
interface Hit {
  kind: 'key' | 'secret';
  value: string;
  line: number;
  column: number;
  endColumn: number;
}

/** Keys and secrets among the lines one commit added to one file. */
function detect(path: string, lines: readonly AddedLine[], fileNamesGemini: () => boolean): Hit[] {
  const kind = fileKind(path);
  const text = lines.map((l) => l.text).join('\n');
  const find = (namesGemini: boolean): RawFinding[] => [
    ...scanTextForCredentials(text, kind, { namesGemini }),
    ...(isCode(kind) ? codeSecretAssignments(lines, namesGemini) : []),
  ];
  const addedNamesGemini = /gemini/i.test(text);
  let raw = find(addedNamesGemini);
  if (!addedNamesGemini) {
    // `API_SECRET=…` added to a file whose other lines name Gemini: look at the whole file only then
    const wider = find(true);
    if (wider.length > raw.length && fileNamesGemini()) raw = wider;
  }
  const hits: Hit[] = [];
  const seen = new Set<string>();
  for (const f of raw) {
    const m = /^(key|secret):(.*)$/s.exec(f.shape);
    if (!m) continue;
    const where = lines[f.line - 1];
    if (!where) continue;
    const id = `${f.line}:${f.column}`;
    if (seen.has(id)) continue;
    seen.add(id);
    hits.push({ kind: m[1] as 'key' | 'secret', value: m[2]!, line: where.line, column: f.column, endColumn: f.endColumn });
  }
  return hits;
}

/** The message of a history finding: redacted, and it says what to do (rotate). */
function historyMessage(hit: Hit, short: string, date: string, later: number): string {
  const when = `in commit ${short}${date ? ` (${date.slice(0, 10)})` : ''}`;
  const again = later > 0 ? ` It was added again in ${later} later commit${later === 1 ? '' : 's'}.` : '';
  if (hit.kind === 'key') {
    return `Gemini exchange API key ${redactCredential(hit.value)} was added ${when}. It stays in the git history even if a later commit removed it, and anyone with a clone can use it: rotate the key in your Gemini exchange account (deleting the line is not enough).${again}`;
  }
  return `A Gemini exchange API secret (${redactCredential(hit.value)}) was added ${when}. It stays in the git history even if a later commit removed it, and anyone with a clone can sign requests with it: rotate the API key it belongs to in your Gemini exchange account (deleting the line is not enough).${again}`;
}

/** A history finding: a {@link Finding} plus the commit that introduced the credential. */
export type HistoryFinding = Finding & { commit: string; authorDate: string };

/**
 * Scans the added lines of every non-merge commit reachable from HEAD (or `<since>..HEAD`), oldest
 * first. The same credential in the same file is reported once, at the commit that introduced it;
 * the message counts the later commits that added it again. The fingerprint hashes the rule, the
 * path and the credential's hash, so a baseline can accept a leak that has been rotated.
 */
export function scanHistory(options: HistoryScanOptions): ScanResult & { findings: HistoryFinding[]; files: string[] } {
  const now = options.now ?? Date.now;
  const started = now();
  workTreeTop(options.cwd, '--history');
  const keep = globFilter(options.include, options.exclude);
  const empty = { findings: [], files: [], skipped: [], stats: { filesSeen: 0, filesScanned: 0, filesParsed: 0, filesSkipped: 0, findings: 0, durationMs: 0, commitsScanned: 0 } };
  let range = 'HEAD';
  if (options.since !== undefined) range = `${verifyRevision(options.cwd, options.since)}..HEAD`;
  try {
    git(options.cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  } catch {
    return { ...empty, stats: { ...empty.stats, durationMs: now() - started } }; // no commits yet
  }
  const commits = git(options.cwd, ['rev-list', '--reverse', '--no-merges', range, '--', ...options.paths])
    .toString('utf8')
    .split('\n')
    .filter(Boolean);
  refuseShallowHistory(options.cwd, range, options.since);
  if (options.paths.length > 0 && commits.length === 0 && git(options.cwd, ['rev-list', '-1', 'HEAD', '--', ...options.paths]).length === 0) {
    throw new GitError(`no commit touches ${options.paths.map((p) => JSON.stringify(p.slice(0, 80))).join(', ')}: check the paths (nothing would be scanned)`);
  }

  const first = new Map<string, { finding: HistoryFinding; hit: Hit; commits: Set<string> }>();
  const paths = new Set<string>();
  let pairs = 0;
  const batch = Math.max(1, options.batchSize ?? 200);
  for (let i = 0; i < commits.length; i += batch) {
    const shas = commits.slice(i, i + batch);
    const output = git(
      options.cwd,
      [
        // quoted names (octal escapes) keep the bytes of names that are not UTF-8
        '-c', 'core.quotepath=true',
        'log', '--no-walk=unsorted', '--stdin', '--patch', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames',
        '--src-prefix=a/', '--dst-prefix=b/', '--relative', `--format=${'%x01'}%H%x00%aI`, '--', ...options.paths,
      ],
      `${shas.join('\n')}\n`,
    ).toString('utf8');
    for (const commit of parseLogPatch(output)) {
      for (const [path, lines] of commit.files) {
        if (!keep(path)) continue;
        paths.add(path);
        pairs++;
        let wholeFile: boolean | undefined;
        const fileNamesGemini = (): boolean => {
          if (wholeFile === undefined) {
            try {
              wholeFile = /gemini/i.test(git(options.cwd, ['cat-file', 'blob', `${commit.sha}:./${path}`]).toString('utf8'));
            } catch {
              wholeFile = false;
            }
          }
          return wholeFile;
        };
        for (const hit of detect(path, lines, fileNamesGemini)) {
          const id = `${path}\0${hit.value}`;
          const known = first.get(id);
          if (known) {
            known.commits.add(commit.sha);
            continue;
          }
          const finding: HistoryFinding = {
            ruleId: HISTORY_RULE_ID,
            message: '',
            file: path,
            line: hit.line,
            column: hit.column,
            endLine: hit.line,
            endColumn: hit.endColumn,
            severity: 'error',
            fingerprint: fingerprint(HISTORY_RULE_ID, path, `history:${hit.value}`),
            commit: commit.sha,
            authorDate: commit.authorDate,
          };
          first.set(id, { finding, hit, commits: new Set([commit.sha]) });
        }
      }
    }
    options.onProgress?.(Math.min(i + batch, commits.length), commits.length);
  }

  const order = new Map(commits.map((sha, i) => [sha, i]));
  const findings = [...first.values()]
    .map(({ finding, hit, commits: seenIn }) => ({ ...finding, message: historyMessage(hit, finding.commit.slice(0, 10), finding.authorDate, seenIn.size - 1) }))
    .sort((a, b) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : (order.get(a.commit) ?? 0) - (order.get(b.commit) ?? 0) || a.line - b.line || a.column - b.column,
    );
  return {
    findings,
    files: [...paths].sort(),
    skipped: [],
    stats: { filesSeen: paths.size, filesScanned: pairs, filesParsed: 0, filesSkipped: 0, findings: findings.length, durationMs: now() - started, commitsScanned: commits.length },
  };
}

/**
 * A shallow clone holds only the last commits: a history scan of it would look at a few commits
 * and report the rest of the history clean. Refuse, with the fix, unless the range asked for
 * (`--since <rev>`) lies entirely within what the clone has.
 */
function refuseShallowHistory(cwd: string, range: string, since: string | undefined): void {
  if (git(cwd, ['rev-parse', '--is-shallow-repository']).toString('utf8').trim() !== 'true') return;
  if (since !== undefined) {
    const boundary = new Set(shallowCommits(cwd));
    const inRange = git(cwd, ['rev-list', range]).toString('utf8').split('\n').filter(Boolean);
    if (!inRange.some((sha) => boundary.has(sha))) return;
  }
  throw new GitError(
    '--history needs the whole git history, and this clone is shallow: the commits before the clone\'s depth would not be scanned. ' +
      'Fetch them first: `git fetch --unshallow` (GitHub Actions: actions/checkout with fetch-depth: 0).',
  );
}

/** The commits a shallow clone has without their parents. */
function shallowCommits(cwd: string): string[] {
  const path = git(cwd, ['rev-parse', '--git-path', 'shallow']).toString('utf8').trim();
  try {
    return readFileSync(resolve(cwd, path), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

export { GitError };
