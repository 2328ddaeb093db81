/**
 * Line and column locations on demand, for the screening run (screen.ts).
 *
 * ESLint asks espree for `loc` on every node. Acorn then tracks lines while it reads and builds
 * a location and two positions for each node. That is a quarter of the parse time, and a large
 * share of the garbage a lint leaves behind. The plugin's rules read the locations of a handful of
 * nodes per file (line numbers in cross-file facts and in messages). So the screening run parses
 * JavaScript without locations, and acorn's node class answers `loc` from the node's `range`,
 * through an accessor on the class's prototype. The first read computes the location and keeps it
 * on the node. Parses with locations (ESLint's `Linter`) store theirs on each node through the
 * accessor's setter, as before but for that indirection. The accessor stays once installed: adding
 * and removing it for each file made V8 drop what it had learnt about the nodes' shapes, and the
 * screening run slower than with locations.
 *
 * The positions follow acorn's: lines are counted from 1, columns from 0 in UTF-16 code units,
 * and a line ends at `\r\n`, `\r`, `\n`, U+2028 or U+2029. They are computed from `range`, the
 * positions espree corrects (template elements), so they agree with what a parse with `loc` gives
 * (test/scanner/lazy-locations.test.ts compares every node and comment of the test samples).
 */

/** A syntax tree node as espree builds it (acorn's `Node`, with `range`). */
interface RangedNode {
  range?: [number, number];
  start?: number;
  end?: number;
  parent?: unknown;
}

interface Position {
  line: number;
  column: number;
}

interface SourceLocation {
  start: Position;
  end: Position;
}

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/gu;

/** Where each line of a text starts; computed once per text, on the first location read. */
class LineStarts {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  position(index: number): Position {
    let starts = this.starts;
    if (!starts) {
      starts = [0];
      for (const match of this.text.matchAll(LINE_BREAK)) starts.push(match.index + match[0].length);
      this.starts = starts;
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= index) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: index - starts[low]! };
  }

  location(node: RangedNode): SourceLocation | undefined {
    const start = node.range?.[0] ?? node.start;
    const end = node.range?.[1] ?? node.end;
    if (typeof start !== 'number' || typeof end !== 'number') return undefined;
    return { start: this.position(start), end: this.position(end) };
  }
}

const keep = (node: object, value: unknown): void => {
  Object.defineProperty(node, 'loc', { value, writable: true, enumerable: true, configurable: true });
};

// The text of each tree parsed without locations, by its root (the root is registered before
// ESLint's `SourceCode` reads its location; other nodes are read after the traversal sets parents).
const texts = new WeakMap<object, LineStarts>();

/** The node no parent link leads up from (or, past any tree's depth, the node itself: never a loop). */
function rootOf(node: RangedNode): object {
  let root = node;
  for (let steps = 0; root.parent !== null && typeof root.parent === 'object'; steps++) {
    if (steps > 100_000) return node;
    root = root.parent as RangedNode;
  }
  return root;
}

const accessor: PropertyDescriptor = {
  configurable: true,
  enumerable: false,
  get(this: RangedNode): SourceLocation | undefined {
    // only a tree registered by withLazyLocations: a node of any other parse has no text to read
    const loc = texts.get(rootOf(this))?.location(this);
    if (loc) keep(this, loc);
    return loc;
  },
  set(this: object, value: unknown): void {
    keep(this, value);
  },
};

/**
 * The class prototype espree's nodes share, when its tree has one this module can extend: every
 * node built by one class (acorn's `Node`), with `loc` on each node and not on the prototype. `ast`
 * is a tree parsed with `loc` and `range`; `undefined` means "keep asking espree for locations".
 */
export function locatableNodeClass(ast: unknown): object | undefined {
  if (ast === null || typeof ast !== 'object') return undefined;
  const prototype = Object.getPrototypeOf(ast) as object | null;
  if (prototype === null || prototype === Object.prototype) return undefined;
  // a `loc` the class already has must be this module's accessor (installed by an earlier run in
  // this thread); any other would be shadowed or lost
  const own = Object.getOwnPropertyDescriptor(prototype, 'loc');
  if (own ? own.get !== accessor.get : 'loc' in prototype) return undefined;
  if (!Object.hasOwn(ast, 'loc') || !Object.hasOwn(ast, 'range')) return undefined;
  const body = (ast as { body?: unknown[] }).body;
  // the statements too: a tree of one class, not a root of its own kind
  if (Array.isArray(body) && body.some((node) => Object.getPrototypeOf(node) !== prototype)) return undefined;
  return prototype;
}

/**
 * Runs `run` with locations available on every node of `ast` (parsed from `text` without `loc`,
 * with `range`): nodes of `nodeClass` through the accessor (installed on the first call), the
 * `comments` at once (plain objects; few).
 */
export function withLazyLocations<T>(nodeClass: object, ast: object, text: string, run: () => T): T {
  const lines = new LineStarts(text);
  for (const comment of (ast as { comments?: RangedNode[] }).comments ?? []) {
    if (!Object.hasOwn(comment, 'loc')) keep(comment, lines.location(comment));
  }
  texts.set(ast, lines);
  if (Object.getOwnPropertyDescriptor(nodeClass, 'loc')?.get !== accessor.get) Object.defineProperty(nodeClass, 'loc', accessor);
  return run();
}
