/** Severity of a finding, as in SARIF and ESLint (`warn` is called `warning` here). */
export type Severity = 'error' | 'warning';

/** One problem the scanner reports. Never holds a raw secret. */
export interface Finding {
  /** `gemini-guard/<rule-id>`. */
  ruleId: string;
  /** Human-readable, redacted. */
  message: string;
  /** Posix path relative to the scan's cwd. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  /** Set when `gemini-guard scan --fix` (or ESLint's `--fix`) can fix it safely. */
  fixable?: true;
  /**
   * Stable identity for baselines and code scanning: a hash of the rule, the file and the
   * secret's hash or the code shape. Survives moving the line; changes when the secret changes.
   */
  fingerprint: string;
}

/**
 * Why a file was not (fully) checked, and what still ran on it: one entry per reason. The text
 * report, SARIF notifications and docs/scanner.md (a test holds them equal) derive from this list.
 */
export const SKIP_REASONS = {
  'too-large': { means: 'larger than --max-file-size (or maxFileSize)', stillRuns: 'nothing: the file is not read' },
  binary: { means: 'binary data (NUL bytes outside of text) that mentions Gemini or holds a key-shaped value', stillRuns: 'the key and secret text detector, on the raw bytes' },
  'invalid-utf8': { means: 'neither UTF-8 nor UTF-16 text, but it mentions Gemini', stillRuns: 'the key and secret text detector, on the text decoded with replacement characters' },
  'syntax-error': { means: 'JavaScript/TypeScript the parser cannot read, or nested too deeply to analyse', stillRuns: 'the key and secret text detector' },
  'analysis-error': { means: "an internal error of gemini-guard stopped part of the rules' analysis of this file (a bug: please report it with the code shape)", stillRuns: 'every rule, up to the part of its analysis that failed' },
  minified: { means: 'a minified bundle: lines of code averaging over 1,000 characters once long string literals are set aside', stillRuns: 'the key and secret text detector' },
  'outside-root': { means: 'a symbolic link that leads out of the scanned folder', stillRuns: 'nothing: the link is not followed' },
  'symlink-loop': { means: 'a symbolic link that loops or leads nowhere', stillRuns: 'nothing' },
  'special-file': { means: 'a FIFO, socket or device', stillRuns: 'nothing: it is never opened for reading' },
  unreadable: { means: 'the file or folder cannot be read (permissions, I/O error)', stillRuns: 'nothing' },
  vanished: { means: 'deleted between listing and reading', stillRuns: 'nothing' },
} as const satisfies Record<string, { means: string; stillRuns: string }>;

/** Why a file was skipped. */
export type SkipReason = keyof typeof SKIP_REASONS;

/** A file the scanner did not look into (or only partly), and why. */
export interface SkippedFile {
  file: string;
  reason: SkipReason;
  detail?: string;
}

/** One file handed to the core: its path and its text (already decoded). */
export interface SourceFile {
  /** Posix path relative to cwd. */
  file: string;
  /** The text; `undefined` when the byte prefilter found nothing Gemini-related (not decoded). */
  text?: string;
  /** Git tracks (or would add) this file: it is not ignored. `undefined` outside a git work tree. */
  notGitIgnored?: boolean;
  /** The file is skipped (binary, invalid UTF-8): only the key and secret text detector runs on `text`. */
  keysOnly?: boolean;
  /**
   * The first read saw no `export const` in the (undecoded) bytes: the cross-file phase need not
   * read the file again to look for exported constants.
   */
  noExportConst?: true;
}

/** Per-rule settings from the config file: a level and options, ESLint style. */
export type RuleSetting = 'off' | 'warn' | 'error' | ['off' | 'warn' | 'error', ...unknown[]];

/** What the core needs to know besides the files. */
export interface ScanOptions {
  /** Rule levels / options keyed by full rule id (`gemini-guard/<id>`); merged over `recommended`. */
  rules?: Record<string, RuleSetting>;
}

/** Counts reported next to the findings. */
export interface ScanStats {
  filesSeen: number;
  filesScanned: number;
  filesParsed: number;
  filesSkipped: number;
  findings: number;
  durationMs: number;
  /** `scan --history`: how many commits were read. */
  commitsScanned?: number;
}

/** One entry of a baseline file: a known finding, by fingerprint (never its message or a secret). */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
}

/** What a scan returns. */
export interface ScanResult {
  findings: Finding[];
  skipped: SkippedFile[];
  stats: ScanStats;
  /** With `--baseline`: how many findings it suppressed, and its entries that matched nothing. */
  baseline?: { suppressed: number; stale: BaselineEntry[] };
  /** With `--fix`: the files it changed. */
  fixedFiles?: string[];
}
