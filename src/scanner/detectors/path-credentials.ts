import { classifyCredentialName, findGeminiApiKeys, GEMINI_API_KEY_PREFIX_PATTERN, GEMINI_API_SECRET_PATTERN, isGeminiNamed, isPlaceholder, looksLikeGeminiSecret, redactCredential, redactSecretsInText } from '../../gemini/credentials.js';
import { fileKind } from '../prefilter.js';
import type { RawFinding } from './text-credentials.js';

const HARDCODED = 'gemini-guard/no-hardcoded-credentials';

// a quick test first (a key prefix, or a run as long as a secret): most paths hold nothing of the sort
const MAY_HOLD_CREDENTIAL = new RegExp(`${GEMINI_API_KEY_PREFIX_PATTERN}-|${GEMINI_API_SECRET_PATTERN.replace(/\{\d+,\d+\}$/, '{26}')}`);
const SECRET_SHAPED_RUN = new RegExp(`(?<![0-9A-Za-z])${GEMINI_API_SECRET_PATTERN}(?![0-9A-Za-z])`, 'g');

/** A file or folder name that says it holds credentials: `.env…`, `secrets/`, `gemini-keys/`, `api_secret.txt`. */
function credentialContext(path: string): boolean {
  if (fileKind(path) === 'env') return true;
  return path.split('/').some((segment) => isGeminiNamed(segment) || classifyCredentialName(segment.replace(/\.[^.]*$/, '')) !== undefined || /secret|credential/i.test(segment));
}

/**
 * Gemini keys and secrets written in file and folder names (`src/account-….js`, `.env.<secret>`):
 * `no-hardcoded-credentials` findings at line 1 of the first listed file whose path holds that
 * name, one per credential and folder (a folder named for a key is reported once, not for every file
 * in it). A key counts anywhere; a secret-shaped segment counts when the path says it holds
 * credentials (an environment file, a Gemini- or secret-named folder or file). The messages
 * redact the value and the name.
 */
export function credentialsInPaths(files: readonly string[]): Map<string, RawFinding[]> {
  const out = new Map<string, RawFinding[]>();
  const reported = new Set<string>();
  for (const file of [...files].sort()) {
    if (!MAY_HOLD_CREDENTIAL.test(file)) continue;
    const segments = file.split('/');
    segments.forEach((segment, index) => {
      const prefix = segments.slice(0, index + 1).join('/');
      const isFolder = index < segments.length - 1;
      const where = `${isFolder ? 'folder' : 'file'} name ${redactSecretsInText(prefix)}${isFolder ? '/' : ''}`;
      const found: { value: string; kind: 'key' | 'secret' }[] = [];
      for (const { value } of findGeminiApiKeys(segment)) if (!isPlaceholder(value)) found.push({ value, kind: 'key' });
      if (credentialContext(file)) {
        for (const m of segment.matchAll(SECRET_SHAPED_RUN)) if (looksLikeGeminiSecret(m[0])) found.push({ value: m[0], kind: 'secret' });
      }
      for (const { value, kind } of found) {
        const id = `${prefix}\u0000${value}`;
        if (reported.has(id)) continue;
        reported.add(id);
        const message =
          kind === 'key'
            ? `Gemini exchange API key ${redactCredential(value)} is written in the ${where}. Names are copied into every listing, log, archive and clone: rotate the key and rename the ${isFolder ? 'folder' : 'file'}.`
            : `Gemini exchange API secret ${redactCredential(value)} is written in the ${where}. Names are copied into every listing, log, archive and clone: rotate the key it belongs to and rename the ${isFolder ? 'folder' : 'file'}.`;
        const list = out.get(file) ?? [];
        list.push({ ruleId: HARDCODED, messageId: kind === 'key' ? 'keyInPath' : 'secretInPath', message, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', shape: `path:${prefix}:${value}` });
        out.set(file, list);
      }
    });
  }
  return out;
}
