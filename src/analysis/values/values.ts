import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { HOLE } from '../../gemini/paths.js';
import { enclosingClass, isFunctionNode, memberName, returnedExpressions, staticKeyName, unwrap, walk, type FunctionNode } from '../ast-utils.js';
import { moduleRef, resolveIdentifier } from './bindings.js';
import { calledFunction } from './functions.js';
import { callString } from './symbolic.js';
import { typedImportValue } from './typed-imports.js';
import { prototypeFieldValue } from './prototype-classes.js';
import { fileSettings } from '../cross-file/settings.js';
import { onceUnlessCut, reentry, unlessReentered, type DepthMemo } from './reentry.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** How far value resolution follows bindings before giving up (cycles, very long chains). */
const MAX_DEPTH = 24;

/**
 * Follows a value to the expression that defines it: `const` bindings and single-assignment
 * `let`, one level of destructuring, properties of object literals (`config.baseUrl`), and class
 * fields (`this.base`, set as a field initialiser or once in the constructor). Returns the last
 * node reached — the input itself when nothing can be followed.
 */
export function resolveValueNode(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): TSESTree.Node {
  let current = unwrap(node);
  for (let i = depth; i < MAX_DEPTH; i++) {
    const next = step(current, sourceCode, i);
    if (!next || next === current) return current;
    current = unwrap(next);
  }
  return current;
}

function step(node: TSESTree.Node, sourceCode: SourceCode, depth: number): TSESTree.Node | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) {
    const binding = resolveIdentifier(node, sourceCode);
    if (binding.kind === 'expression') return binding.node;
    if (binding.kind === 'property-of') return propertyValue(binding.object, binding.key, sourceCode, depth + 1);
    if (binding.kind === 'import') return importedValue(node, binding.source, binding.imported, sourceCode);
    return undefined;
  }
  if (node.type === AST_NODE_TYPES.AwaitExpression) return node.argument;
  if (node.type === AST_NODE_TYPES.CallExpression) return callResult(node, sourceCode, depth);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(node) ?? computedName(node, sourceCode, depth);
    if (name === undefined) return undefined;
    if (unwrap(node.object).type === AST_NODE_TYPES.ThisExpression) return classFieldValue(node, name);
    return propertyValue(node.object, name, sourceCode, depth + 1);
  }
  return undefined;
}

// Returned values worth following into: structures (objects, arrays, instances, clients), not
// strings, whose parameters `staticString` and `symbolicString` substitute per call site instead.
const STRUCTURES: ReadonlySet<string> = new Set([AST_NODE_TYPES.ObjectExpression, AST_NODE_TYPES.ArrayExpression, AST_NODE_TYPES.NewExpression, AST_NODE_TYPES.CallExpression]);

// Helpers whose return value is being followed right now: recursion is not unrolled.
const following = new Set<FunctionNode>();

const syntheticObjects = new WeakMap<TSESTree.Node, TSESTree.ObjectExpression>();

/**
 * What a call evaluates to when that is another expression: a copy of its argument
 * (`structuredClone(x)`, `JSON.parse(JSON.stringify(x))`, `Promise.resolve(x)`), the merge of its
 * arguments (`Object.assign({}, defaults, overrides)`, as a synthetic `{ ...a, ...b }`), or the
 * one structure a local helper returns (`buildOptions()` → its `{ method, headers }`).
 */
function callResult(node: TSESTree.CallExpression, sourceCode: SourceCode, depth: number): TSESTree.Node | undefined {
  const ref = moduleRef(node.callee, sourceCode);
  const [first] = node.arguments;
  if (ref?.source === '<global>' && first && first.type !== AST_NODE_TYPES.SpreadElement) {
    const name = ref.path.join('.');
    if (name === 'structuredClone' || name === 'Promise.resolve') return first;
    if (name === 'JSON.parse') {
      const inner = unwrap(first);
      if (inner.type === AST_NODE_TYPES.CallExpression && moduleRef(inner.callee, sourceCode)?.path.join('.') === 'JSON.stringify' && inner.arguments[0]) return inner.arguments[0];
      return undefined;
    }
    if (name === 'Object.assign') return mergedObject(node);
  }
  if (depth > MAX_DEPTH / 2) return undefined;
  const fn = calledFunction(node, sourceCode, depth);
  if (!fn) return undefined;
  if (following.has(fn)) {
    reentry.cuts++;
    return undefined;
  }
  const returns = returnedExpressions(fn);
  if (returns.length !== 1) return undefined;
  following.add(fn);
  try {
    const value = resolveValueNode(returns[0]!, sourceCode, depth + 1);
    return STRUCTURES.has(value.type) ? returns[0] : undefined;
  } finally {
    following.delete(fn);
  }
}

/** `Object.assign(a, b, c)` as the object literal `{ ...a, ...b, ...c }` (built once per call). */
function mergedObject(call: TSESTree.CallExpression): TSESTree.ObjectExpression | undefined {
  if (call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  let merged = syntheticObjects.get(call);
  if (!merged) {
    merged = { type: AST_NODE_TYPES.ObjectExpression, properties: [], range: call.range, loc: call.loc, parent: call } as unknown as TSESTree.ObjectExpression;
    const spreads = call.arguments.map((argument) => ({ type: AST_NODE_TYPES.SpreadElement, argument, range: argument.range, loc: argument.loc, parent: merged }) as unknown as TSESTree.SpreadElement);
    (merged as { properties: TSESTree.ObjectLiteralElement[] }).properties = spreads;
    syntheticObjects.set(call, merged);
  }
  return merged;
}

function computedName(node: TSESTree.MemberExpression, sourceCode: SourceCode, depth: number): string | undefined {
  if (!node.computed) return undefined;
  const s = staticString(node.property, sourceCode, depth + 1);
  return s?.complete ? s.text : undefined;
}

const syntheticLiterals = new WeakMap<TSESTree.Node, TSESTree.StringLiteral>();

/**
 * The value of an imported binding when the scanner's cross-file phase knows it (a string
 * constant exported by another module), as a string literal node standing where the import is used;
 * otherwise, under typed linting, the declaration the type checker finds (see typed-imports.ts).
 */
function importedValue(id: TSESTree.Identifier, source: string, imported: string, sourceCode: SourceCode): TSESTree.Node | undefined {
  const value = fileSettings(sourceCode).importedValues?.[`${source}#${imported}`];
  if (typeof value !== 'string') return typedImportValue(id, sourceCode);
  let literal = syntheticLiterals.get(id);
  if (!literal) {
    literal = {
      type: AST_NODE_TYPES.Literal,
      value,
      raw: JSON.stringify(value),
      range: id.range,
      loc: id.loc,
      parent: id.parent,
    } as TSESTree.StringLiteral;
    syntheticLiterals.set(id, literal);
  }
  return literal;
}

/** The object literal an expression evaluates to, if it statically is one. */
export function resolveObjectLiteral(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): TSESTree.ObjectExpression | undefined {
  const value = resolveValueNode(node, sourceCode, depth);
  return value.type === AST_NODE_TYPES.ObjectExpression ? value : undefined;
}

/** One statically named entry of an object literal. */
export interface ObjectEntry {
  key: string;
  keyNode: TSESTree.Node;
  valueNode: TSESTree.Node;
  property: TSESTree.Property;
}

/** The entries of an object literal, with spreads of resolvable objects merged in order. */
export interface ObjectEntries {
  entries: ObjectEntry[];
  /** `false` when a spread or computed key could not be resolved: more keys may exist. */
  complete: boolean;
}

/** Lists an object literal's statically named entries (later entries override earlier ones). */
export function objectEntries(obj: TSESTree.ObjectExpression, sourceCode: SourceCode, depth = 0): ObjectEntries {
  // `const h = { ...h, ...h }`, `const o = { [o.a]: 1, [o.b]: 2 }`: an object whose entries depend
  // on its own entries (a TDZ error at run time) is listed again inside its own listing; unrolled
  // down to the depth limit, every such spread or key multiplies the work (minutes for one line).
  // Such a listing knows no entry, like one too deep.
  // Each literal is listed once per depth: `const o2 = { ...o1, ...o1 }; …` lists each object
  // twice as often as the next one.
  return onceUnlessCut(listedEntries, listingEntries, obj, depth, { entries: [], complete: false }, () => entriesOf(obj, sourceCode, depth));
}

// Object literals whose entries are being listed right now (see objectEntries).
const listingEntries = new Set<TSESTree.ObjectExpression>();
// Entries listed so far (see objectEntries).
const listedEntries: DepthMemo<TSESTree.ObjectExpression, ObjectEntries> = new WeakMap();

function entriesOf(obj: TSESTree.ObjectExpression, sourceCode: SourceCode, depth: number): ObjectEntries {
  const byKey = new Map<string, ObjectEntry>();
  let complete = true;
  for (const prop of obj.properties) {
    if (prop.type === AST_NODE_TYPES.SpreadElement) {
      const inner = depth < MAX_DEPTH ? resolveObjectLiteral(prop.argument, sourceCode, depth + 1) : undefined;
      if (!inner) {
        complete = false;
        continue;
      }
      const nested = objectEntries(inner, sourceCode, depth + 1);
      complete &&= nested.complete;
      for (const entry of nested.entries) {
        byKey.delete(entry.key);
        byKey.set(entry.key, entry);
      }
      continue;
    }
    let key = staticKeyName(prop.key, prop.computed);
    if (key === undefined && prop.computed) {
      const s = staticString(prop.key, sourceCode, depth + 1);
      if (s?.complete) key = s.text;
    }
    if (key === undefined) {
      complete = false;
      continue;
    }
    byKey.delete(key);
    byKey.set(key, { key, keyNode: prop.key, valueNode: prop.value, property: prop });
  }
  return { entries: [...byKey.values()], complete };
}

/** Value node of `key` in the object `node` evaluates to (object literal), if statically known. */
export function propertyValue(node: TSESTree.Node, key: string, sourceCode: SourceCode, depth = 0): TSESTree.Node | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const obj = resolveObjectLiteral(node, sourceCode, depth);
  if (!obj) return undefined;
  const entry = objectEntries(obj, sourceCode, depth).entries.find((e) => e.key === key);
  if (!entry) return undefined;
  // `{ key }` shorthand and `{ key: value }` both land here; patterns only occur in destructuring.
  return entry.valueNode.type === AST_NODE_TYPES.AssignmentPattern ? undefined : entry.valueNode;
}

/**
 * Value of `this.<name>` inside a class: a field initialiser (`base = '…'`) or the single
 * `this.<name> = …` assignment in the constructor.
 */
export function classFieldValue(member: TSESTree.MemberExpression, name: string): TSESTree.Node | undefined {
  const cls = enclosingClass(member);
  // ES5 constructor function + prototype methods (CoffeeScript, older clients)
  if (!cls) return prototypeFieldValue(member, name);
  // asked for every `this.x` of every call: the class is read once, for all its fields
  let fields = classFields.get(cls);
  if (!fields) {
    fields = fieldsOf(cls);
    classFields.set(cls, fields);
  }
  const field = fields.get(name);
  return field?.count === 1 ? field.found : undefined;
}

const classFields = new WeakMap<TSESTree.Node, Map<string, { found?: TSESTree.Node; count: number }>>();

/**
 * Every field of a class with its candidate value and how many places set it: initialisers
 * (`base = '…'`), `this.<name> = …` in the constructor, and TypeScript parameter properties
 * (`constructor(private readonly base: string)`: whatever is passed in, so never one known value).
 */
function fieldsOf(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Map<string, { found?: TSESTree.Node; count: number }> {
  const fields = new Map<string, { found?: TSESTree.Node; count: number }>();
  const field = (name: string) => {
    let entry = fields.get(name);
    if (!entry) {
      entry = { count: 0 };
      fields.set(name, entry);
    }
    return entry;
  };
  for (const element of cls.body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && element.value) {
      const name = staticKeyName(element.key, element.computed);
      if (name !== undefined) {
        const entry = field(name);
        entry.found = element.value;
        entry.count++;
      }
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      walk(element.value.body ?? element.value, (n) => {
        if (isFunctionNode(n) && n !== element.value) return false;
        if (n.type === AST_NODE_TYPES.AssignmentExpression && n.operator === '=' && n.left.type === AST_NODE_TYPES.MemberExpression && n.left.object.type === AST_NODE_TYPES.ThisExpression) {
          const name = memberName(n.left);
          if (name !== undefined) {
            const entry = field(name);
            entry.found = n.right;
            entry.count++;
          }
        }
        return undefined;
      });
    }
  }
  for (const element of cls.body.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner = param.parameter;
        const id = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
        if (id.type === AST_NODE_TYPES.Identifier) field(id.name).count += 2;
      }
    }
  }
  return fields;
}

/** A string whose statically unknown parts are each rendered as one {@link HOLE} character. */
export interface StaticString {
  text: string;
  /** `true` when no part is unknown. */
  complete: boolean;
}

/** The string nothing is known about: one hole. */
export const UNKNOWN_STRING: StaticString = { text: HOLE, complete: false };
const UNKNOWN = UNKNOWN_STRING;

/**
 * The longest string a concatenation is followed to: what comes after is a hole. URLs, paths,
 * headers and payloads are far shorter; a string built by doubling itself (`a2 = a1 + a1`) is
 * not, and would otherwise grow to hundreds of megabytes in twenty lines.
 */
export const MAX_STATIC_LENGTH = 64 * 1024;

/** Joins static strings; consecutive holes say no more than one hole. */
export function concatStatic(parts: readonly StaticString[]): StaticString {
  let text = '';
  let complete = true;
  for (const part of parts) {
    complete &&= part.complete;
    // consecutive holes say no more than one hole
    text += text.endsWith(HOLE) && part.text.startsWith(HOLE) ? part.text.slice(1) : part.text;
    if (text.length > MAX_STATIC_LENGTH) return { text: text.slice(0, MAX_STATIC_LENGTH) + HOLE, complete: false };
  }
  return { text, complete };
}

/**
 * What a string-valued expression evaluates to: literals, template literals, `+` concatenation,
 * `.concat()`, and everything {@link resolveValueNode} follows. Unknown parts become holes.
 * Returns `undefined` when the expression is not recognisably a string at all.
 */
export function staticString(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): StaticString | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const value = resolveValueNode(node, sourceCode, depth);
  // each value once per depth (`const a2 = a1 + a1; …`; the rules also ask for every `+` and
  // template of a file, each again inside every longer one)
  // `const url = url + url`, `` `${base}${base}` ``: a value made of itself (a TDZ error at run
  // time) is asked for again inside its own evaluation; unrolled down to the depth limit, every
  // such part doubles the work (minutes for one line). Such a part is as unknown as one too deep.
  return onceUnlessCut(evaluatedStrings, evaluatingStrings, value, depth, undefined, () => stringValue(value, sourceCode, depth));
}

// Values whose string is being evaluated right now (see staticString).
const evaluatingStrings = new Set<TSESTree.Node>();
// The strings of values evaluated so far (see staticString); kept as long as the tree.
const evaluatedStrings: DepthMemo<TSESTree.Node, StaticString | undefined> = new WeakMap();

function stringValue(value: TSESTree.Node, sourceCode: SourceCode, depth: number): StaticString | undefined {
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      if (typeof value.value === 'string') return { text: value.value, complete: true };
      if (typeof value.value === 'number' || typeof value.value === 'boolean') return { text: String(value.value), complete: true };
      return undefined;
    case AST_NODE_TYPES.TemplateLiteral: {
      const parts: StaticString[] = [];
      value.quasis.forEach((quasi, i) => {
        parts.push({ text: quasi.value.cooked ?? quasi.value.raw, complete: true });
        const expr = value.expressions[i];
        if (expr) parts.push(staticString(expr, sourceCode, depth + 1) ?? UNKNOWN);
      });
      return concatStatic(parts);
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (value.operator !== '+') return undefined;
      const left = staticString(value.left, sourceCode, depth + 1);
      const right = staticString(value.right, sourceCode, depth + 1);
      if (!left && !right) return undefined;
      return concatStatic([left ?? UNKNOWN, right ?? UNKNOWN]);
    }
    case AST_NODE_TYPES.CallExpression: {
      // 'a'.concat(b, c)
      const callee = unwrap(value.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'concat') {
        const base = staticString(callee.object, sourceCode, depth + 1);
        if (!base) return undefined;
        return concatStatic([base, ...value.arguments.map((a) => staticString(a, sourceCode, depth + 1) ?? UNKNOWN)]);
      }
      // ['https://api.gemini.com', 'v1', path].join('/')
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'join') {
        const elements = arrayElements(callee.object, sourceCode, depth);
        const separator = value.arguments[0] ? staticString(value.arguments[0], sourceCode, depth + 1) : { text: ',', complete: true };
        if (!elements || !separator) return undefined;
        const parts: StaticString[] = [];
        elements.forEach((e, i) => {
          if (i > 0) parts.push(separator);
          parts.push(staticString(e, sourceCode, depth + 1) ?? UNKNOWN);
        });
        return concatStatic(parts);
      }
      // a local helper that builds the string: evaluated with this call's arguments
      return callString(value, sourceCode);
    }
    default:
      return undefined;
  }
}

/** The elements of an array literal an expression holds, when none is a spread or a hole. */
export function arrayElements(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): TSESTree.Expression[] | undefined {
  const array = resolveValueNode(node, sourceCode, depth);
  if (array.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  const out: TSESTree.Expression[] = [];
  for (const e of array.elements) {
    if (!e || e.type === AST_NODE_TYPES.SpreadElement) return undefined;
    out.push(e);
  }
  return out;
}

/** Like {@link staticString} but only for fully known strings. */
export function constantString(node: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  const s = staticString(node, sourceCode);
  return s?.complete ? s.text : undefined;
}

/** An environment variable read: `process.env.X`, `process.env['X']`, `import.meta.env.X`, `Deno.env.get('X')`. */
export interface EnvRead {
  name: string;
  via: 'process.env' | 'import.meta.env' | 'Deno.env' | 'Bun.env';
}

/**
 * The environment variable an expression reads, following `const` aliases and destructuring
 * (`const { GEMINI_API_SECRET } = process.env`).
 */
export function envRead(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): EnvRead | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const current = unwrap(node);
  if (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(current) ?? computedName(current, sourceCode, depth);
    if (name === undefined) return undefined;
    const via = envObject(current.object, sourceCode);
    if (via) return { name, via };
    return undefined;
  }
  if (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(current.callee);
    const arg = current.arguments[0];
    if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'get' && arg) {
      const obj = unwrap(callee.object);
      if (obj.type === AST_NODE_TYPES.MemberExpression && memberName(obj) === 'env' && unwrap(obj.object).type === AST_NODE_TYPES.Identifier && (unwrap(obj.object) as TSESTree.Identifier).name === 'Deno') {
        const name = constantString(arg, sourceCode);
        return name === undefined ? undefined : { name, via: 'Deno.env' };
      }
    }
    return undefined;
  }
  if (current.type === AST_NODE_TYPES.Identifier) {
    const binding = resolveIdentifier(current, sourceCode);
    if (binding.kind === 'expression') return envRead(binding.node, sourceCode, depth + 1);
    if (binding.kind === 'property-of') {
      const via = envObject(binding.object, sourceCode);
      if (via) return { name: binding.key, via };
    }
  }
  return undefined;
}

/** Which environment object `node` is itself (`process.env`, `import.meta.env`, `Bun.env`), if any. */
export function envObject(node: TSESTree.Node, sourceCode: SourceCode): EnvRead['via'] | undefined {
  const obj = unwrap(node);
  if (obj.type !== AST_NODE_TYPES.MemberExpression || memberName(obj) !== 'env') return undefined;
  const base = unwrap(obj.object);
  if (base.type === AST_NODE_TYPES.MetaProperty && base.meta.name === 'import' && base.property.name === 'meta') return 'import.meta.env';
  const ref = moduleRef(base, sourceCode);
  if (ref?.source === '<global>' && ref.path.length === 1 && ref.path[0] === 'process') return 'process.env';
  if (ref?.source === 'process' && ref.path.length === 0) return 'process.env';
  if (ref?.source === '<global>' && ref.path.length === 1 && ref.path[0] === 'Bun') return 'Bun.env';
  return undefined;
}

/** Where a value comes from, as far as one file shows. */
export type ValueOrigin =
  | { kind: 'literal'; node: TSESTree.Node; value: StaticString }
  | { kind: 'env'; node: TSESTree.Node; env: EnvRead }
  | { kind: 'parameter'; node: TSESTree.Node; name: string; fn: FunctionNode }
  | { kind: 'import'; node: TSESTree.Node; source: string; imported: string }
  | { kind: 'call'; node: TSESTree.CallExpression | TSESTree.NewExpression }
  | { kind: 'unknown'; node: TSESTree.Node };

/**
 * The possible sources of a value: `a || b`, `a ?? b` and `c ? a : b` fan out to both sides,
 * so `process.env.GEMINI_API_SECRET || 'abc…'` yields an env origin and a literal origin.
 */
export function valueOrigins(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): ValueOrigin[] {
  if (depth > MAX_DEPTH) return [{ kind: 'unknown', node }];
  // `const secret = secret || fallback`, `c ? secret : secret`: a value made of itself (a TDZ error
  // at run time) is asked for again inside its own evaluation; unrolled down to the depth limit,
  // every such alternative multiplies the work. Such an origin is as unknown as one too deep.
  return unlessReentered(tracingOrigins, node, [{ kind: 'unknown', node }], () => originsOf(node, sourceCode, depth));
}

// Values whose origins are being traced right now (see valueOrigins).
const tracingOrigins = new Set<TSESTree.Node>();

function originsOf(node: TSESTree.Node, sourceCode: SourceCode, depth: number): ValueOrigin[] {
  const env = envRead(node, sourceCode);
  if (env) return [{ kind: 'env', node, env }];
  const current = unwrap(node);
  if (current.type === AST_NODE_TYPES.LogicalExpression && current.operator !== '&&') {
    return [...valueOrigins(current.left, sourceCode, depth + 1), ...valueOrigins(current.right, sourceCode, depth + 1)];
  }
  if (current.type === AST_NODE_TYPES.ConditionalExpression) {
    return [...valueOrigins(current.consequent, sourceCode, depth + 1), ...valueOrigins(current.alternate, sourceCode, depth + 1)];
  }
  if (current.type === AST_NODE_TYPES.AssignmentPattern) {
    // default parameter `secret = '…'`: the caller's value or the default
    return [...valueOrigins(current.left, sourceCode, depth + 1), ...valueOrigins(current.right, sourceCode, depth + 1)];
  }
  if (current.type === AST_NODE_TYPES.Identifier) {
    const binding = resolveIdentifier(current, sourceCode);
    switch (binding.kind) {
      case 'expression':
        return valueOrigins(binding.node, sourceCode, depth + 1);
      case 'property-of': {
        const value = propertyValue(binding.object, binding.key, sourceCode, depth + 1);
        return value ? valueOrigins(value, sourceCode, depth + 1) : [{ kind: 'unknown', node: current }];
      }
      case 'parameter':
        return [{ kind: 'parameter', node: current, name: current.name, fn: binding.fn }];
      case 'import':
        return [{ kind: 'import', node: current, source: binding.source, imported: binding.imported }];
      default:
        return [{ kind: 'unknown', node: current }];
    }
  }
  const resolved = resolveValueNode(current, sourceCode, depth);
  if (resolved !== current) return valueOrigins(resolved, sourceCode, depth + 1);
  if (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.NewExpression) {
    return [{ kind: 'call', node: current }];
  }
  const s = staticString(current, sourceCode, depth + 1);
  if (s) return [{ kind: 'literal', node: current, value: s }];
  return [{ kind: 'unknown', node: current }];
}
