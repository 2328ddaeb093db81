import { redactSecretsInText } from '../gemini/credentials.js';

/**
 * A report made safe to print, write or keep in a baseline: every string in it (file names,
 * messages, labels, skip details) with Gemini keys and secret-shaped runs redacted. The rules and
 * detectors already redact what they say with their knowledge of each file; this is the last net
 * at the output, for what nobody said on purpose — a key in a file or folder name above all.
 */
export function redactReport<T>(value: T): T {
  return redact(value, 0) as T;
}

function redact(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactSecretsInText(value);
  if (depth > 12 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redact(v, depth + 1);
  return out;
}
