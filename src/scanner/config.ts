import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
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
 *
 * The `include` and `exclude` globs come back relative to `cwd`, as the scan matches every glob
 * (`--include` too). Those of a config found in `root` are written relative to `root`, as ESLint
 * reads the globs of a config file relative to its folder; an explicit `--config` file's, relative
 * to `cwd`, as ESLint reads `--config`'s. So `gemini-guard scan ../bot` applies `../bot`'s
 * `"include": ["src/**"]` to `../bot/src`, where matched against `../bot/src/…` as written it
 * would keep nothing, and the scan would report a clean project it never looked at.
 */
export function loadConfig(root: string, explicit?: string, cwd: string = root): LoadedConfig {
  if (explicit) {
    const config = parse(readJson(resolve(cwd, explicit)), explicit);
    return { config, source: explicit, written: config };
  }
  const own = join(root, 'gemini-guard.config.json');
  if (existsSync(own)) {
    const written = parse(readJson(own), 'gemini-guard.config.json');
    return { config: relativeTo(written, root, cwd), source: 'gemini-guard.config.json', written };
  }
  const pkg = join(root, 'package.json');
  if (existsSync(pkg)) {
    const json = readJson(pkg) as Record<string, unknown>;
    if (json && typeof json === 'object' && 'gemini-guard' in json) {
      const written = parse(json['gemini-guard'], 'package.json#gemini-guard');
      return { config: relativeTo(written, root, cwd), source: 'package.json', written };
    }
    const near = json && typeof json === 'object' ? Object.keys(json).find((key) => PACKAGE_KEY_NEAR_MISS.test(key)) : undefined;
    if (near !== undefined) {
      throw new ConfigError(`package.json has a ${JSON.stringify(near)} key, which gemini-guard does not read: its settings go under "gemini-guard" (or in gemini-guard.config.json)`);
    }
  }
  const misnamed = misnamedConfigFile(root);
  if (misnamed !== undefined) {
    const json = /\.json$/i.test(misnamed) || !/\.[a-z0-9]+$/i.test(misnamed);
    // --config is relative to the current folder
    const path = relative(resolve(cwd), join(resolve(root), misnamed)).split(sep).join('/');
    throw new ConfigError(
      `found ${path}, which gemini-guard does not read: its configuration is gemini-guard.config.json (JSON) or the "gemini-guard" key of package.json. ${json ? `Rename the file, or pass --config ${path}` : 'Move the settings there'}.`,
    );
  }
  return { config: {}, written: {} };
}

/**
 * The folder whose configuration a scan reads: the scanned root, unless it has none and the scan
 * names one folder inside it that has one (`cd ~ && gemini-guard scan ~/bot` reads `~/bot`'s, as
 * ESLint reads the config of the folder a file is in). Without this, such a scan ran with no
 * configuration at all: its include patterns, rule levels and limits dropped without a word.
 */
export function configFolder(root: string, paths: readonly string[], cwd: string): string {
  if (paths.length !== 1 || hasConfig(root)) return root;
  const folder = resolve(cwd, paths[0]!);
  try {
    if (folder === resolve(root) || !statSync(folder).isDirectory()) return root;
  } catch {
    return root;
  }
  return hasConfig(folder) ? folder : root;
}

/** Whether `folder` holds a configuration, under its name or a near miss (a broken package.json counts: reading it says so). */
function hasConfig(folder: string): boolean {
  if (existsSync(join(folder, 'gemini-guard.config.json')) || misnamedConfigFile(folder) !== undefined) return true;
  const pkg = join(folder, 'package.json');
  if (!existsSync(pkg)) return false;
  try {
    const json = JSON.parse(readFileSync(pkg, 'utf8')) as unknown;
    return !!json && typeof json === 'object' && Object.keys(json).some((key) => key === 'gemini-guard' || PACKAGE_KEY_NEAR_MISS.test(key));
  } catch {
    return true;
  }
}

/** What {@link loadConfig} found. */
export interface LoadedConfig {
  /** The settings, globs relative to the cwd. */
  config: ScannerConfig;
  /** Where they came from; absent when there is no configuration. */
  source?: string;
  /** The settings as written in the file (globs relative to its folder), for messages. */
  written: ScannerConfig;
}

/** `config` with its globs, written relative to `base`, made relative to `cwd`. */
function relativeTo(config: ScannerConfig, base: string, cwd: string): ScannerConfig {
  const prefix = relative(resolve(cwd), resolve(base)).split(sep).join('/');
  if (prefix === '') return config;
  // the folder's name is matched literally: its glob characters are escaped
  const escaped = prefix.replace(/[\\*?[\]{}()!+@|]/g, (c) => `\\${c}`);
  const rebase = (glob: string): string => {
    const negated = glob.startsWith('!');
    const body = negated ? glob.slice(1) : glob;
    if (isAbsolute(body)) return glob;
    return `${negated ? '!' : ''}${escaped}/${body.replace(/^\.\//, '')}`;
  };
  const out = { ...config };
  if (config.include) out.include = config.include.map(rebase);
  if (config.exclude) out.exclude = config.exclude.map(rebase);
  return out;
}

// A config file under another name would be ignored without a word, and with it every rule it
// turns on and every limit it raises: a scan that looks configured and is not. A name with "rc" or
// "config" in it is a config whatever it holds; one that only looks like the tool's name
// (`gemini-guard.json`, `.gemini-guard.yml`: also what `--output` may have written) counts when
// what it holds is settings: a JSON object of config keys only, or YAML/TOML lines setting them.
// `gemini-guard.js` or a `gemini-guard` script in the root are left alone.
const CONFIG_NEAR_MISS = /^(\.)?gemini[-_]?guard(rc)?([-_.]config)?(\.(json|jsonc|json5|js|cjs|mjs|ts|cts|mts|ya?ml|toml))?$/i;
const DATA_FORMAT = /^\.(json|jsonc|json5|ya?ml|toml)$/i;
const SETTING_LINE = /^\s*["']?(include|exclude|rules|maxFileSize)["']?\s*[:=]/m;
const PACKAGE_KEY_NEAR_MISS = /^(gemini[-_]?guard|geminiGuard)$/i;

/** A file in `root` named like a gemini-guard config file that is not the one it reads, if any. */
function misnamedConfigFile(root: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return undefined; // an unreadable root is reported by the scan itself
  }
  for (const name of names.sort()) {
    if (name === 'gemini-guard.config.json') continue;
    const m = CONFIG_NEAR_MISS.exec(name);
    if (!m) continue;
    const named = m[2] !== undefined || m[3] !== undefined;
    if (!named && !(m[1] || (m[4] && DATA_FORMAT.test(m[4])))) continue;
    try {
      const path = join(root, name);
      if (!statSync(path).isFile()) continue;
      if (named || holdsSettings(readFileSync(path, 'utf8').slice(0, 65_536))) return name;
    } catch {
      // gone, unreadable, or a dangling link: nothing to read
    }
  }
  return undefined;
}

/** Whether a file's text is scanner settings: a JSON object with config keys only, or lines setting them. */
function holdsSettings(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
    const keys = Object.keys(value);
    return keys.length > 0 && keys.every((k) => KEYS.has(k));
  } catch {
    return SETTING_LINE.test(text);
  }
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
