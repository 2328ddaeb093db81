import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { redactSecretsInText } from '../gemini/credentials.js';
import { ConfigError, validateRules } from './config-rules.js';
import type { RuleSetting } from './types.js';

export { ConfigError };

/** The scanner's configuration file (`gemini-guard.config.json` or `"gemini-guard"` in package.json). */
export interface ScannerConfig {
  include?: string[];
  exclude?: string[];
  /** Rule levels/options by id (with or without the `gemini-guard/` prefix). */
  rules?: Record<string, RuleSetting>;
  maxFileSize?: number;
}

const KEYS = new Set(['include', 'exclude', 'rules', 'maxFileSize']);

/**
 * Reads and validates the configuration: an explicit path (relative to `cwd`), else
 * `gemini-guard.config.json` or the `"gemini-guard"` key of `package.json` in `root` (the scanned
 * folder: the cwd, unless every path scanned lies outside it). Errors are usage errors.
 */
export function loadConfig(root: string, explicit?: string, cwd: string = root): { config: ScannerConfig; source?: string } {
  if (explicit) return { config: parse(readJson(resolve(cwd, explicit)), explicit), source: explicit };
  const own = join(root, 'gemini-guard.config.json');
  if (existsSync(own)) return { config: parse(readJson(own), 'gemini-guard.config.json'), source: 'gemini-guard.config.json' };
  const pkg = join(root, 'package.json');
  if (existsSync(pkg)) {
    const json = readJson(pkg) as Record<string, unknown>;
    if (json && typeof json === 'object' && 'gemini-guard' in json) {
      return { config: parse(json['gemini-guard'], 'package.json#gemini-guard'), source: 'package.json' };
    }
  }
  return { config: {} };
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`cannot read config file ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8's message quotes the text around the error, which may be a secret pasted into the file:
    // say where, never what.
    const at = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw new ConfigError(`config file ${path} is not valid JSON${at === undefined ? '' : ` (at character ${at})`}`);
  }
}

function parse(value: unknown, where: string): ScannerConfig {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${where} must be an object`);
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) if (!KEYS.has(key)) throw new ConfigError(`${where}: unknown key ${JSON.stringify(redactSecretsInText(key).slice(0, 80))} (allowed: ${[...KEYS].join(', ')})`);
  const strings = (k: string): string[] | undefined => {
    const v = obj[k];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new ConfigError(`${where}: "${k}" must be an array of glob strings`);
    return v as string[];
  };
  const config: ScannerConfig = {};
  const include = strings('include');
  const exclude = strings('exclude');
  if (include) config.include = include;
  if (exclude) config.exclude = exclude;
  if (obj.rules !== undefined) {
    if (!obj.rules || typeof obj.rules !== 'object' || Array.isArray(obj.rules)) throw new ConfigError(`${where}: "rules" must be an object`);
    config.rules = validateRules(obj.rules as Record<string, unknown>, where);
  }
  if (obj.maxFileSize !== undefined) {
    if (typeof obj.maxFileSize !== 'number' || !Number.isInteger(obj.maxFileSize) || obj.maxFileSize <= 0) throw new ConfigError(`${where}: "maxFileSize" must be a positive number of bytes`);
    config.maxFileSize = obj.maxFileSize;
  }
  return config;
}
