import type { StaticString } from './values.js';

/** `scheme://authority` followed by the rest of a URL. */
export const ABSOLUTE_URL = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/is;
const ABSOLUTE = ABSOLUTE_URL;

/** The path part of a path-with-query: everything before the first `?` or `#`. */
export function stripQuery(path: string): string {
  const cut = path.search(/[?#]/);
  return cut === -1 ? path : path.slice(0, cut);
}

/** How a client combines a base URL with a request path. */
export type JoinMode =
  /** WHATWG `new URL(path, base)`: an absolute path replaces the base's path. */
  | 'url'
  /** axios `baseURL`: `base.replace(/\/?\/$/, '') + '/' + path.replace(/^\/+/, '')`. */
  | 'axios'
  /** got/ky `prefixUrl`: base with one trailing slash + path (which may not start with `/`). */
  | 'prefix';

/** Combines a base URL and a path the way the named client does. */
export function joinUrl(base: StaticString, path: StaticString, mode: JoinMode): StaticString {
  const complete = base.complete && path.complete;
  if (ABSOLUTE.test(path.text)) return path;
  if (mode === 'axios') {
    if (path.text === '') return base;
    return { text: base.text.replace(/\/?\/$/, '') + '/' + path.text.replace(/^\/+/, ''), complete };
  }
  if (mode === 'prefix') {
    const prefix = base.text.endsWith('/') ? base.text : `${base.text}/`;
    return { text: prefix + path.text, complete };
  }
  const match = ABSOLUTE.exec(base.text);
  if (!match) return { text: base.text + path.text, complete: false };
  const origin = `${match[1]}://${match[2]}`;
  if (path.text.startsWith('//')) return { text: `${match[1]}:${path.text}`, complete };
  if (path.text.startsWith('/')) return { text: origin + path.text, complete };
  const basePath = stripQuery(match[3]!);
  const dir = basePath.slice(0, basePath.lastIndexOf('/') + 1) || '/';
  return { text: origin + dir + path.text, complete };
}
