/**
 * Recognising code that ends up in a browser bundle: environment variables with the prefixes that
 * bundlers inline into client code, `'use client'` / `'use server'` directives, and file globs the
 * user declares as client code. Rules use it to tell a server-side credential from one the whole
 * world can read.
 */
import path from 'node:path';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import picomatch from 'picomatch';
import { isFunctionNode, staticKeyName, walk } from '../ast-utils.js';
import { moduleRef } from '../values/bindings.js';
import { memoForFile } from '../memo.js';
import { envRead, type EnvRead } from '../values/values.js';
import { swallowed } from '../../utils/guard.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Environment-variable prefixes that bundlers copy into the JavaScript they send to the browser:
 * Next.js `NEXT_PUBLIC_`, Vite `VITE_`, Create React App `REACT_APP_`, Expo `EXPO_PUBLIC_`, Nuxt
 * `NUXT_PUBLIC_`, Gatsby `GATSBY_`, and Astro / SvelteKit `PUBLIC_`.
 */
export const PUBLIC_ENV_PREFIXES: readonly string[] = [
  'NEXT_PUBLIC_',
  'VITE_',
  'REACT_APP_',
  'EXPO_PUBLIC_',
  'NUXT_PUBLIC_',
  'GATSBY_',
  'PUBLIC_',
];

/** SvelteKit's environment modules: `import { PUBLIC_X } from '$env/static/public'`. */
const SVELTEKIT_ENV_MODULES = ['$env/static/public', '$env/dynamic/public', '$env/static/private', '$env/dynamic/private'] as const;
type SvelteKitEnvModule = (typeof SVELTEKIT_ENV_MODULES)[number];

/** Where an environment variable is read from, including SvelteKit's `$env/*` modules. */
export type EnvSource = EnvRead['via'] | SvelteKitEnvModule;

/** One place in a file that reads an environment variable. */
export interface EnvReadSite {
  /**
   * The node to report: `process.env.X` / `import.meta.env.X` / `Deno.env.get('X')`, the
   * destructuring property in `const { X } = process.env`, or the specifier in
   * `import { X } from '$env/static/public'`.
   */
  node: TSESTree.Node;
  /** The variable's full name, prefix included (`NEXT_PUBLIC_GEMINI_API_KEY`). */
  name: string;
  via: EnvSource;
}

/** A public prefix split off a variable name. */
export interface PublicEnvName {
  /** The prefix that makes the bundler inline the variable (`NEXT_PUBLIC_`). */
  prefix: string;
  /** The rest of the name (`GEMINI_API_KEY`), which says what the variable holds. */
  bare: string;
}

/**
 * The public prefix of an environment read, when the bundler inlines that variable into client
 * code. `PUBLIC_` counts only through `import.meta.env` and SvelteKit's public modules (Astro,
 * SvelteKit), where it means "public"; a Deno or private-module read never does.
 */
export function publicEnvName(name: string, via: EnvSource): PublicEnvName | undefined {
  if (via === 'Deno.env' || via === '$env/static/private' || via === '$env/dynamic/private') return undefined;
  for (const prefix of PUBLIC_ENV_PREFIXES) {
    if (!name.startsWith(prefix) || name.length === prefix.length) continue;
    if (prefix === 'PUBLIC_' && via !== 'import.meta.env' && via !== '$env/static/public' && via !== '$env/dynamic/public') continue;
    return { prefix, bare: name.slice(prefix.length) };
  }
  return undefined;
}

/** The variable name without any public prefix (`NEXT_PUBLIC_GEMINI_API_KEY` → `GEMINI_API_KEY`). */
export function bareEnvName(name: string, via: EnvSource): string {
  return publicEnvName(name, via)?.bare ?? name;
}

function isSvelteKitEnvModule(source: string): source is SvelteKitEnvModule {
  return (SVELTEKIT_ENV_MODULES as readonly string[]).includes(source);
}

/**
 * Every environment-variable read written in the file (memoised): member reads on `process.env`,
 * `import.meta.env`, `Bun.env`, `Deno.env.get(…)`, one level of destructuring from them, and
 * SvelteKit `$env/*` imports (`import { X } from '$env/static/public'`, `env.X` from
 * `$env/dynamic/public`). Writes (`process.env.X = …`) are not reads. Uses of a destructured
 * variable are not listed again: the destructuring is the read.
 */
export function envReadSites(sourceCode: SourceCode): EnvReadSite[] {
  return memoForFile(sourceCode, 'envReadSites', () => {
    const sites: EnvReadSite[] = [];
    walk(sourceCode.ast, (node) => {
      try {
        collectEnvRead(node, sourceCode, sites);
      } catch {
        swallowed();
        // an odd shape must never throw out of a rule
      }
      return undefined;
    });
    return sites;
  });
}

function collectEnvRead(node: TSESTree.Node, sourceCode: SourceCode, sites: EnvReadSite[]): void {
  switch (node.type) {
    case AST_NODE_TYPES.MemberExpression: {
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) return;
      const read = envRead(node, sourceCode);
      if (read) {
        sites.push({ node, name: read.name, via: read.via });
        return;
      }
      // `env.PUBLIC_X` with `env` from SvelteKit's `$env/dynamic/public`
      const ref = moduleRef(node, sourceCode);
      const name = ref?.path.length === 2 && ref.path[0] === 'env' ? ref.path[1] : undefined;
      if (ref && name !== undefined && isSvelteKitEnvModule(ref.source) && ref.source.startsWith('$env/dynamic/')) {
        sites.push({ node, name, via: ref.source });
      }
      return;
    }
    case AST_NODE_TYPES.CallExpression: {
      const read = envRead(node, sourceCode);
      if (read) sites.push({ node, name: read.name, via: read.via });
      return;
    }
    case AST_NODE_TYPES.VariableDeclarator: {
      if (node.id.type !== AST_NODE_TYPES.ObjectPattern || !node.init) return;
      for (const prop of node.id.properties) {
        if (prop.type !== AST_NODE_TYPES.Property) continue;
        const target = prop.value.type === AST_NODE_TYPES.AssignmentPattern ? prop.value.left : prop.value;
        if (target.type !== AST_NODE_TYPES.Identifier) continue;
        const read = envRead(target, sourceCode);
        if (read) sites.push({ node: prop, name: read.name, via: read.via });
      }
      return;
    }
    case AST_NODE_TYPES.ImportDeclaration: {
      const source = String(node.source.value);
      if (!isSvelteKitEnvModule(source) || !source.startsWith('$env/static/')) return;
      for (const spec of node.specifiers) {
        if (spec.type !== AST_NODE_TYPES.ImportSpecifier) continue;
        const name = staticKeyName(spec.imported, false);
        if (name !== undefined) sites.push({ node: spec, name, via: source });
      }
      return;
    }
    default:
      return;
  }
}

/** The directives (`'use strict'`, `'use client'`, …) at the start of a statement list. */
function directivesOf(body: readonly TSESTree.Node[]): string[] {
  const out: string[] = [];
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || typeof statement.directive !== 'string') break;
    out.push(statement.directive);
  }
  return out;
}

/**
 * Whether the file starts with a `'use client'` directive (React Server Components, Next.js App
 * Router): the module and everything it imports is bundled for the browser.
 */
export function hasUseClientDirective(sourceCode: SourceCode): boolean {
  return directivesOf(sourceCode.ast.body).includes('use client');
}

/**
 * Whether `node` runs on the server by declaration: inside a file or a function that starts with
 * `'use server'` (a Server Action), whose code is never sent to the browser.
 */
export function isInUseServerCode(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (directivesOf(sourceCode.ast.body).includes('use server')) return true;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunctionNode(current) && current.body.type === AST_NODE_TYPES.BlockStatement && directivesOf(current.body.body).includes('use server')) {
      return true;
    }
  }
  return false;
}

const matchers = new Map<string, (file: string) => boolean>();

/**
 * The first glob in `patterns` (picomatch syntax, dot files included) that matches `filename`,
 * taken relative to `cwd` with `/` separators; `undefined` when none does. Empty or invalid globs
 * are skipped.
 */
export function matchingGlob(filename: string, cwd: string, patterns: readonly string[]): string | undefined {
  if (patterns.length === 0) return undefined;
  const relative = path.relative(cwd, path.resolve(cwd, filename)).split(path.sep).join('/');
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || pattern.length === 0) continue;
    let match = matchers.get(pattern);
    if (!match) {
      try {
        match = picomatch(pattern, { dot: true });
      } catch {
        match = () => false;
      }
      matchers.set(pattern, match);
    }
    if (match(relative)) return pattern;
  }
  return undefined;
}
