/**
 * URL paths as the analysis layer sees them: concrete strings, or strings in which a statically
 * unknown part (a `${expr}` in a template literal, a variable in a concatenation) has been replaced
 * by one {@link HOLE} character.
 *
 * Gemini rejects a private call with `EndpointMismatch` when the payload's `request` differs from
 * the URL path, so path comparison here is deliberately structural and conservative: it only says
 * "different" when no value of the holes could make the two paths equal.
 */

/**
 * The one character the analysis layer renders a statically unknown part of a string as.
 * NUL cannot appear in a real URL or JSON `request` string, so it never collides with real text.
 */
export const HOLE = '\u0000';

/** The result of comparing two possibly-partial paths. */
export type PathComparison = 'equal' | 'different' | 'unknown';

/** True when `text` contains at least one {@link HOLE}. */
export function hasHole(text: string): boolean {
  return text.includes(HOLE);
}

/** True when `text` is non-empty and made only of {@link HOLE}s: nothing about it is known. */
export function isPureHole(text: string): boolean {
  if (text.length === 0) return false;
  for (const ch of text) if (ch !== HOLE) return false;
  return true;
}

/**
 * The path part of a path-with-query: everything before the first `?` or `#`.
 * Nothing else changes, so `//v1`, `v1/x` and a trailing `/` stay visible — Gemini compares the
 * payload's `request` with the URL path as written, and those differences are real mismatches.
 */
export function normalisePath(path: string): string {
  const cut = path.search(/[?#]/);
  return cut === -1 ? path : path.slice(0, cut);
}

/**
 * The `/`-separated segments of a path's path part (see {@link normalisePath}), keeping empty
 * segments: `/v1/balances` → `['', 'v1', 'balances']`, `//v1` → `['', '', 'v1']`,
 * `v1/balances` → `['v1', 'balances']`, `/v1/` → `['', 'v1', '']`. The leading `''` is how an
 * absolute path differs from a relative one, which matters for `EndpointMismatch`.
 */
export function splitPath(path: string): string[] {
  return normalisePath(path).split('/');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regular expression that matches every concrete text a segment with holes may stand for. */
function segmentPattern(segment: string): RegExp {
  const body = segment.split(HOLE).map(escapeRegExp).join('[^/]*');
  return new RegExp(`^${body}$`, 's');
}

/**
 * Whether some values of the holes make `a` and `b` (single segments) the same text.
 * Exact for one side concrete; for two partial segments it checks the literal text before the first
 * hole and after the last hole on each side, which is what can be known without solving the general
 * two-sided pattern problem (it never answers "cannot" wrongly, it may answer "can" loosely).
 */
export function segmentsMayMatch(a: string, b: string): boolean {
  const aHole = hasHole(a);
  const bHole = hasHole(b);
  if (!aHole && !bHole) return a === b;
  if (aHole && !bHole) return segmentPattern(a).test(b);
  if (!aHole && bHole) return segmentPattern(b).test(a);
  const aHead = a.slice(0, a.indexOf(HOLE));
  const bHead = b.slice(0, b.indexOf(HOLE));
  const aTail = a.slice(a.lastIndexOf(HOLE) + 1);
  const bTail = b.slice(b.lastIndexOf(HOLE) + 1);
  const headsAgree = aHead.startsWith(bHead) || bHead.startsWith(aHead);
  const tailsAgree = aTail.endsWith(bTail) || bTail.endsWith(aTail);
  return headsAgree && tailsAgree;
}

/**
 * Compares two paths (query strings and fragments ignored) the way the `EndpointMismatch` rule needs:
 * - `'equal'`: the path parts are identical strings (holes, if any, in the same places);
 * - `'different'`: no value of the holes can make them equal — different literal segments, or a
 *   different number of segments when neither side has a hole (`/v1/balances` vs `/balances`,
 *   `//v1/balances` vs `/v1/balances`, `v1/balances` vs `/v1/balances`);
 * - `'unknown'`: anything else. When a hole is present a different segment count stays `'unknown'`,
 *   because an unknown prefix such as a base-URL variable may well contain `/`.
 */
export function pathsEqual(a: string, b: string): PathComparison {
  const pathA = normalisePath(a);
  const pathB = normalisePath(b);
  if (pathA === pathB) return 'equal';
  const segsA = pathA.split('/');
  const segsB = pathB.split('/');
  if (segsA.length !== segsB.length) {
    return hasHole(pathA) || hasHole(pathB) ? 'unknown' : 'different';
  }
  for (let i = 0; i < segsA.length; i++) {
    if (!segmentsMayMatch(segsA[i] ?? '', segsB[i] ?? '')) return 'different';
  }
  return 'unknown';
}
