import { hasHole, isPureHole, segmentsMayMatch, splitPath } from './paths.js';

/** Anything identified by a path template such as `/v1/withdraw/{currency}`. */
export interface PathTemplated {
  /** Absolute path template; `{name}` segments are parameters. */
  readonly template: string;
}

type TemplateSegment = { readonly param: false; readonly text: string } | { readonly param: true };

interface CompiledTemplate<T> {
  readonly item: T;
  readonly segments: readonly TemplateSegment[];
}

/** True for a whole-segment parameter such as `{symbol}`. */
function isParamSegment(segment: string): boolean {
  return /^\{[^{}/]+\}$/.test(segment);
}

function compile<T extends PathTemplated>(item: T): CompiledTemplate<T> {
  const segments = splitPath(item.template).map(
    (text): TemplateSegment => (isParamSegment(text) ? { param: true } : { param: false, text }),
  );
  return { item, segments };
}

/** Whether one input segment fits one template segment; conservative about holes. */
function segmentFits(input: string, template: TemplateSegment): boolean {
  // A parameter takes any non-empty segment; a segment with a hole may be non-empty.
  if (template.param) return input.length > 0;
  // Nothing is known about a pure hole: `/v1/\0` must not be taken for `/v1/balances`.
  if (isPureHole(input)) return false;
  return segmentsMayMatch(input, template.text);
}

/**
 * Whether `a` beats `b` for this input: at the first segment where one has a literal and the other a
 * parameter, the literal wins (`/v1/approvedAddresses/account/{network}` over
 * `/v1/approvedAddresses/{network}/request` for `/v1/approvedAddresses/account/request`) — but only
 * when that input segment is concrete; with a hole there we cannot tell which route it takes.
 */
function beats<T>(a: CompiledTemplate<T>, b: CompiledTemplate<T>, input: readonly string[]): boolean {
  for (let i = 0; i < a.segments.length; i++) {
    const sa = a.segments[i];
    const sb = b.segments[i];
    if (sa === undefined || sb === undefined || sa.param === sb.param) continue;
    return !sa.param && !hasHole(input[i] ?? '');
  }
  return false;
}

/** Templates of one segment count, indexed by their (literal) segment at {@link KEY_SEGMENT}. */
interface Bucket<T> {
  readonly all: CompiledTemplate<T>[];
  readonly byKey: Map<string, CompiledTemplate<T>[]>;
  readonly paramAtKey: CompiledTemplate<T>[];
}

// The segment after the version (`/v1/<here>/...`): the most selective one in Gemini's paths.
const KEY_SEGMENT = 2;

/**
 * Matches concrete or partial paths (with `HOLE`s, see `paths.ts`) against a set of path templates.
 * Templates are compiled once and indexed by segment count and by the segment after the version,
 * because rules call this for every string that might be a Gemini path.
 */
export class TemplateMatcher<T extends PathTemplated> {
  readonly #buckets = new Map<number, Bucket<T>>();

  /** Compiles `items`; later calls to {@link TemplateMatcher.match} only read the index. */
  constructor(items: readonly T[]) {
    for (const item of items) {
      const compiled = compile(item);
      const count = compiled.segments.length;
      let bucket = this.#buckets.get(count);
      if (!bucket) {
        bucket = { all: [], byKey: new Map(), paramAtKey: [] };
        this.#buckets.set(count, bucket);
      }
      bucket.all.push(compiled);
      const key = compiled.segments[KEY_SEGMENT];
      if (key === undefined || key.param) bucket.paramAtKey.push(compiled);
      else {
        const list = bucket.byKey.get(key.text);
        if (list) list.push(compiled);
        else bucket.byKey.set(key.text, [compiled]);
      }
    }
  }

  /** The templates that could fit an input of this shape, before segment-by-segment checks. */
  #candidates(input: readonly string[]): readonly CompiledTemplate<T>[] {
    const bucket = this.#buckets.get(input.length);
    if (!bucket) return [];
    const key = input[KEY_SEGMENT];
    if (key === undefined || hasHole(key)) return bucket.all;
    const literal = bucket.byKey.get(key);
    return literal ? [...literal, ...bucket.paramAtKey] : bucket.paramAtKey;
  }

  /**
   * The single item whose template fits `path` (query string and fragment ignored), or `undefined`
   * when none fits or the fit is ambiguous. A hole never spans segments, a pure-hole segment only
   * fits a `{param}`, and literal templates are preferred over parameter templates where the input
   * segment is concrete.
   */
  match(path: string): T | undefined {
    const input = splitPath(path);
    const fits = this.#candidates(input).filter((c) => c.segments.every((seg, i) => segmentFits(input[i] ?? '', seg)));
    if (fits.length === 0) return undefined;
    if (fits.length === 1) return fits[0]?.item;
    const winner = fits.find((c) => fits.every((other) => other === c || beats(c, other, input)));
    return winner?.item;
  }
}
