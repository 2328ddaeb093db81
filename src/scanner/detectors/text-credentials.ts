import { classifyCredentialName, findGeminiApiKeys, GEMINI_API_SECRET_PATTERN, isGeminiNamed, isPlaceholder, looksLikeGeminiSecret, redactCredential } from '../../gemini/credentials.js';
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
  /** A rule's safe autofix exists for it. */
  fixable?: true;
  /** The rule's message id (findings are deduplicated on rule, message id and position). */
  messageId?: string;
}

const HARDCODED = 'gemini-guard/no-hardcoded-credentials';

// NAME = value, NAME: value, "name": "value", export NAME=value, ENV NAME value, ARG NAME=value,
// set NAME value (fish: set -gx NAME value)
const ASSIGNMENT = new RegExp(
  `^\\s*(?:export\\s+|(?:ENV|ARG)\\s+|set\\s+(?:-[A-Za-z]+\\s+)*|\\$env:)?["']?([A-Za-z_][\\w.-]*)["']?\\s*(?:[:=]|\\s(?=["']?${GEMINI_API_SECRET_PATTERN}["']?\\s*$))\\s*["']?(${GEMINI_API_SECRET_PATTERN})["']?\\s*[,;]?\\s*(?:#.*)?$`,
);

// The list form of a Compose environment (`- NAME=value`, `- "NAME=value"`): the item without its dash and quotes.
const LIST_ITEM = /^\s*-\s+(["']?)([A-Za-z_][\w.-]*=[^"'\s]*)\1\s*(?:#.*)?$/;

// A key whose value starts on the next line: `name:`, `name: |`, `name: >-` (YAML), `"name":` (JSON).
const KEY_ONLY = /^(\s*)["']?([A-Za-z_][\w.-]*)["']?\s*:\s*(?:[|>][+-]?[1-9]?)?\s*(?:#.*)?$/;
// A line that is only a value (a block scalar's content, a JSON value after its key).
const VALUE_ONLY = new RegExp(`^(\\s*)["']?(${GEMINI_API_SECRET_PATTERN})["']?\\s*,?\\s*(?:#.*)?$`);
// Kubernetes-style env entries: `- name: NAME` and, within the same item, `value: …`.
const ENV_NAME = /^(\s*)-\s+name\s*:\s*["']?([A-Za-z_][\w.-]*)["']?\s*(?:#.*)?$/;
const ENV_VALUE = new RegExp(`^(\\s*)value\\s*:\\s*["']?(${GEMINI_API_SECRET_PATTERN})["']?\\s*(?:#.*)?$`);

/** A name seen on one line whose value may come on a following one. */
interface PendingName {
  name: string;
  indent: number;
  /** `key`: the value is the next content line, indented deeper; `env`: a `value:` line of the same list item. */
  form: 'key' | 'env';
}

const isBlankOrComment = (line: string): boolean => /^\s*(?:#.*)?$/.test(line);

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
  let pending: PendingName | undefined;
  const report = (kind: 'key' | 'secret', value: string, index: number, at: number, message: string): void => {
    out.push({
      ruleId: HARDCODED,
      messageId: kind === 'key' ? 'hardcodedApiKey' : 'hardcodedApiSecret',
      message,
      line: index + 1,
      column: at + 1,
      endLine: index + 1,
      endColumn: at + value.length + 1,
      severity: 'error',
      shape: `${kind}:${value}`,
    });
  };
  const secret = (name: string, value: string, index: number, lineText: string): void => {
    if (classifyCredentialName(name.split('.').pop() ?? name) !== 'apiSecret') return;
    if (!(isGeminiNamed(name) || fileNamesGemini)) return;
    if (!looksLikeGeminiSecret(value)) return;
    const message = `Gemini exchange API secret ${redactCredential(value)} (${name}) is written in ${where}. With it anyone can sign requests for your account: rotate it and keep it out of the repository.`;
    report('secret', value, index, lineText.lastIndexOf(value), message);
  };
  lines.forEach((lineText, index) => {
    // A key is found on any line, however long (a minified bundle is one line): the key search is linear.
    for (const { index: at, value } of findGeminiApiKeys(lineText)) {
      if (isPlaceholder(value)) continue;
      report('key', value, index, at, `Gemini exchange API key ${redactCredential(value)} is written in ${where}. Anyone who can read it can use the key: rotate it and load it from the environment or a secret store.`);
    }
    // NAME = secret assignments live on short lines; long ones are not worth the regex
    if (lineText.length > 10_000) {
      pending = undefined;
      return;
    }
    const carried = pending;
    pending = undefined;
    if (carried) {
      const value = valueFor(carried, lineText);
      if (value !== undefined) {
        secret(carried.name, value, index, lineText);
        return;
      }
      // an env item's other keys (`valueFrom:`…) and blank lines keep the name waiting
      const waits =
        carried.form === 'env'
          ? (isBlankOrComment(lineText) || indentOf(lineText) > carried.indent) && !/^\s*value\s*:/.test(lineText)
          : lineText.trim() === '';
      if (waits) {
        // a nested list item (`- name: …` under a container's `env:`) starts its own entry
        const nested = ENV_NAME.exec(lineText);
        pending = nested ? { name: nested[2]!, indent: nested[1]!.length, form: 'env' } : carried;
        return;
      }
    }
    const item = LIST_ITEM.exec(lineText);
    const match = ASSIGNMENT.exec(item ? item[2]! : lineText);
    if (match) {
      const [, name, value] = match as unknown as [string, string, string];
      secret(name, value, index, lineText);
      return;
    }
    const env = ENV_NAME.exec(lineText);
    if (env) {
      pending = { name: env[2]!, indent: env[1]!.length, form: 'env' };
      return;
    }
    const key = KEY_ONLY.exec(lineText);
    if (key) pending = { name: key[2]!, indent: key[1]!.length, form: 'key' };
  });
  return out;
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)![0].length;
}

/** The value a pending name gets on this line, if the line holds exactly that. */
function valueFor(pending: PendingName, line: string): string | undefined {
  if (pending.form === 'env') {
    const m = ENV_VALUE.exec(line);
    return m && m[1]!.length > pending.indent ? m[2] : undefined;
  }
  const m = VALUE_ONLY.exec(line);
  return m && m[1]!.length > pending.indent ? m[2] : undefined;
}
