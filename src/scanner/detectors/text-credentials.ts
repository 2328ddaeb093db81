import { classifyCredentialName, findGeminiApiKeys, isGeminiNamed, isPlaceholder, looksLikeGeminiSecret, redactCredential } from '../../gemini/credentials.js';
import type { FileKind } from '../prefilter.js';

/** A finding before it gets its file-relative fingerprint. */
export interface RawFinding {
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning';
  /** What the fingerprint hashes: the secret itself (hashed there, never stored) or the code shape. */
  shape: string;
  /** The rule's message id (findings are deduplicated on rule, message id and position). */
  messageId?: string;
}

const HARDCODED = 'gemini-guard/no-hardcoded-credentials';

// NAME = value, NAME: value, "name": "value", export NAME=value, ENV NAME value, ARG NAME=value
const ASSIGNMENT = /^\s*(?:export\s+|(?:ENV|ARG)\s+|set\s+|\$env:)?["']?([A-Za-z_][\w.-]*)["']?\s*(?:[:=]|\s(?=["']?[0-9A-Za-z]{26,28}["']?\s*$))\s*["']?([0-9A-Za-z]{26,28})["']?\s*[,;]?\s*(?:#.*)?$/;

const KIND_NAMES: Partial<Record<FileKind, string>> = {
  env: 'an environment file',
  json: 'a JSON file',
  yaml: 'a YAML file',
  toml: 'a TOML file',
  ini: 'a configuration file',
  markdown: 'a Markdown file',
  docker: 'a Dockerfile',
  shell: 'a shell script',
};

/**
 * Gemini keys anywhere in a non-code file, and secrets assigned to a secret-like name that is
 * Gemini-named or sits in a file that also names Gemini (a key, `GEMINI_*`, a `gemini:` section).
 * `options.namesGemini` overrides that last test, for callers that see only part of a file (the
 * lines a git commit added).
 */
export function scanTextForCredentials(text: string, kind: FileKind, options: { namesGemini?: boolean } = {}): RawFinding[] {
  const out: RawFinding[] = [];
  const where = KIND_NAMES[kind] ?? 'this file';
  const fileNamesGemini = options.namesGemini ?? /gemini/i.test(text);
  const lines = text.split(/\r?\n/);
  lines.forEach((lineText, index) => {
    // A key is found on any line, however long (a minified bundle is one line): the key search is linear.
    for (const { index: at, value } of findGeminiApiKeys(lineText)) {
      if (isPlaceholder(value)) continue;
      out.push({
        ruleId: HARDCODED,
        messageId: 'hardcodedApiKey',
        message: `Gemini exchange API key ${redactCredential(value)} is written in ${where}. Anyone who can read it can use the key: rotate it and load it from the environment or a secret store.`,
        line: index + 1,
        column: at + 1,
        endLine: index + 1,
        endColumn: at + value.length + 1,
        severity: 'error',
        shape: `key:${value}`,
      });
    }
    // NAME = secret assignments live on short lines; long ones are not worth the regex
    if (lineText.length > 10_000) return;
    const match = ASSIGNMENT.exec(lineText);
    if (!match) return;
    const [, name, value] = match as unknown as [string, string, string];
    if (classifyCredentialName(name.split('.').pop() ?? name) !== 'apiSecret') return;
    if (!(isGeminiNamed(name) || fileNamesGemini)) return;
    if (!looksLikeGeminiSecret(value)) return;
    const at = lineText.lastIndexOf(value);
    out.push({
      ruleId: HARDCODED,
      messageId: 'hardcodedApiSecret',
      message: `Gemini exchange API secret ${redactCredential(value)} (${name}) is written in ${where}. With it anyone can sign requests for your account: rotate it and keep it out of the repository.`,
      line: index + 1,
      column: at + 1,
      endLine: index + 1,
      endColumn: at + value.length + 1,
      severity: 'error',
      shape: `secret:${value}`,
    });
  });
  return out;
}
