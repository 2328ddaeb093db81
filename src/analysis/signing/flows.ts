import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { containsNode, enclosingFunction, memberName, returnedExpressions, unwrap, type FunctionNode } from '../ast-utils.js';
import { assignmentsTo, findVariable, moduleRef, resolveIdentifier } from '../values/bindings.js';
import { calledFunction } from '../values/functions.js';
import { memoForFile } from '../memo.js';
import { constantString, resolveValueNode } from '../values/values.js';
import { geminiHeaderSinks, type HeaderSink } from './headers.js';
import { hmacUses, type HmacUse } from './hmac.js';
import { localCallSites, traceValueSources } from './trace.js';
import { swallowed } from '../../utils/guard.js';

// Questions about one signature flow (an HMAC whose output reaches X-GEMINI-SIGNATURE) that rules
// ask before they report or fix: which values the HMAC's inputs take on the way to the header,
// which other Gemini headers travel with it, and whether the code is shared with other signers.

type SourceCode = Readonly<TSESLint.SourceCode>;

/** An HMAC whose output reaches an `X-GEMINI-SIGNATURE` header. */
export interface SignatureFlow {
  hmac: HmacUse;
  sink: HeaderSink;
}


/**
 * Every node the value of a header may come from ({@link traceValueSources}), computed once per
 * sink for the file: the flows, the rules' questions and the union below all share it.
 */
function sinkSources(sink: HeaderSink, sourceCode: SourceCode): ReadonlySet<TSESTree.Node> {
  const cache = memoForFile(sourceCode, 'signing-flow:sinkSources', () => new Map<HeaderSink, Set<TSESTree.Node>>());
  let sources = cache.get(sink);
  if (!sources) {
    sources = traceValueSources(sink.valueNode, sourceCode);
    cache.set(sink, sources);
  }
  return sources;
}

/** Which HMACs each node of the file belongs to (their chains), indexed once per file. */
function chainOwners(sourceCode: SourceCode): ReadonlyMap<TSESTree.Node, HmacUse[]> {
  return memoForFile(sourceCode, 'signing-flow:chainOwners', () => {
    const owners = new Map<TSESTree.Node, HmacUse[]>();
    for (const use of hmacUses(sourceCode)) {
      for (const node of use.chain) {
        const list = owners.get(node);
        if (list) list.push(use);
        else owners.set(node, [use]);
      }
    }
    return owners;
  });
}

/**
 * HMACs whose output reaches an `X-GEMINI-SIGNATURE` header (memoised). Linear in the file: each
 * sink's sources are looked up in one index of the HMAC chains, not compared with every HMAC.
 */
export function signatureFlows(sourceCode: SourceCode): SignatureFlow[] {
  return memoForFile(sourceCode, 'signatureFlows', () => {
    const uses = hmacUses(sourceCode);
    if (uses.length === 0) return [];
    const order = new Map(uses.map((use, index) => [use, index]));
    const owners = chainOwners(sourceCode);
    const flows: SignatureFlow[] = [];
    // one flow per HMAC: the first sink it reaches
    const seen = new Set<HmacUse>();
    for (const sink of geminiHeaderSinks(sourceCode)) {
      if (sink.kind !== 'signature') continue;
      const reached = new Set<HmacUse>();
      for (const node of sinkSources(sink, sourceCode)) for (const use of owners.get(node) ?? []) reached.add(use);
      for (const hmac of [...reached].sort((a, b) => order.get(a)! - order.get(b)!)) {
        if (seen.has(hmac)) continue;
        seen.add(hmac);
        flows.push({ hmac, sink });
      }
    }
    return flows;
  });
}

/** How many helper functions deep parameters are followed back to their call sites. */
const MAX_CALL_DEPTH = 4;

/** Every node the value of the flow's `X-GEMINI-SIGNATURE` header may come from (memoised per sink). */
export function flowSources(flow: SignatureFlow, sourceCode: SourceCode): ReadonlySet<TSESTree.Node> {
  return sinkSources(flow.sink, sourceCode);
}

/**
 * {@link signatureFlows} without the HMACs that are only ingredients of another HMAC: a key
 * derived with `createHmac('sha256', master)` and then used to key the real HMAC-SHA384, or an HMAC
 * fed as another's input, also "reaches" the header but is not the signature (memoised).
 */
export function signatureHmacFlows(sourceCode: SourceCode): SignatureFlow[] {
  return memoForFile(sourceCode, 'signing-flow:signatureHmacFlows', () => {
    const flows = signatureFlows(sourceCode);
    if (flows.length === 0) return [];
    // node → the HMACs it is an ingredient of (their key or input may come from it), indexed once
    const fedInto = new Map<TSESTree.Node, Set<HmacUse>>();
    for (const use of hmacUses(sourceCode)) {
      for (const node of [use.keyNode, ...use.inputNodes]) {
        if (!node) continue;
        for (const source of traceValueSources(node, sourceCode)) {
          const set = fedInto.get(source);
          if (set) set.add(use);
          else fedInto.set(source, new Set([use]));
        }
      }
    }
    return flows.filter((flow) => ![...flow.hmac.chain].some((n) => [...(fedInto.get(n) ?? [])].some((other) => other !== flow.hmac)));
  });
}

/** The union of the sources of every `X-GEMINI-SIGNATURE` header in the file (memoised). */
export function signatureSources(sourceCode: SourceCode): ReadonlySet<TSESTree.Node> {
  return memoForFile(sourceCode, 'signing-flow:signatureSources', () => {
    const all = new Set<TSESTree.Node>();
    for (const sink of geminiHeaderSinks(sourceCode)) {
      if (sink.kind !== 'signature') continue;
      for (const node of sinkSources(sink, sourceCode)) all.add(node);
    }
    return all;
  });
}

function parameterIndex(fn: FunctionNode, name: string): number {
  return fn.params.findIndex((p) => {
    const id = p.type === AST_NODE_TYPES.AssignmentPattern ? p.left : p.type === AST_NODE_TYPES.TSParameterProperty ? p.parameter : p;
    const inner = id.type === AST_NODE_TYPES.AssignmentPattern ? id.left : id;
    return inner.type === AST_NODE_TYPES.Identifier && inner.name === name;
  });
}

/**
 * The expressions `node` (an algorithm, key or input used by the flow's HMAC) stands for when this
 * signature is produced. Usually `[node]` itself; for a parameter of a local helper, the arguments
 * at the helper's call sites whose result reaches the signature header (every call site when the
 * helper itself sets the header), followed through nested helpers. A helper shared with another
 * API's signer (`sign('sha256', query)` for Binance next to `sign('sha384', b64)` for Gemini)
 * therefore yields only the Gemini call's argument.
 * @returns `undefined` when a value is not known: no such call site, a spread argument, too deep.
 */
export function valuesInFlow(node: TSESTree.Node, flow: SignatureFlow, sourceCode: SourceCode, depth = 0): TSESTree.Node[] | undefined {
  const current = unwrap(node);
  if (current.type !== AST_NODE_TYPES.Identifier) return [node];
  const binding = resolveIdentifier(current, sourceCode);
  if (binding.kind !== 'parameter') return [node];
  if (depth >= MAX_CALL_DEPTH) return undefined;
  const fn = binding.fn;
  const index = parameterIndex(fn, binding.name);
  const param = fn.params[index];
  if (index === -1 || !param) return undefined;
  const sources = flowSources(flow, sourceCode);
  const setsHeader = containsNode(fn, flow.sink.valueNode);
  const sites = localCallSites(fn, sourceCode).filter((call) => setsHeader || sources.has(call));
  if (sites.length === 0) return undefined;
  const out: TSESTree.Node[] = [];
  for (const site of sites) {
    if (site.arguments.slice(0, index + 1).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
    const arg = site.arguments[index];
    const value = arg ?? (param.type === AST_NODE_TYPES.AssignmentPattern ? param.right : undefined);
    if (!value) return undefined;
    const inner = valuesInFlow(value, flow, sourceCode, depth + 1);
    if (!inner) return undefined;
    out.push(...inner);
  }
  return out;
}

/**
 * The `X-GEMINI-PAYLOAD` or `X-GEMINI-APIKEY` header sent together with the flow's signature: a
 * sibling key of the same header object, else the only such header set in the same function,
 * else the only one in the file.
 */
export function companionSink(flow: SignatureFlow, kind: 'payload' | 'apiKey', sourceCode: SourceCode): HeaderSink | undefined {
  const index = companionIndex(sourceCode)[kind];
  const object = ownerObject(flow.sink);
  if (object) {
    const sibling = index.byObject.get(object)?.[0];
    if (sibling) return sibling;
  }
  const sameFunction = index.byFunction.get(enclosingFunction(flow.sink.nameNode)) ?? [];
  if (sameFunction.length === 1) return sameFunction[0];
  if (sameFunction.length > 1) return undefined;
  return index.all.length === 1 ? index.all[0] : undefined;
}

/** The object literal a header is a key of. */
function ownerObject(sink: HeaderSink): TSESTree.Node | undefined {
  const prop = sink.nameNode.parent;
  return prop?.type === AST_NODE_TYPES.Property && prop.key === sink.nameNode ? prop.parent : undefined;
}

interface CompanionIndex {
  all: HeaderSink[];
  byObject: Map<TSESTree.Node, HeaderSink[]>;
  byFunction: Map<FunctionNode | undefined, HeaderSink[]>;
}

/** The payload and API-key headers of the file by object literal and by function, indexed once. */
function companionIndex(sourceCode: SourceCode): Record<'payload' | 'apiKey', CompanionIndex> {
  return memoForFile(sourceCode, 'signing-flow:companionIndex', () => {
    const make = (): CompanionIndex => ({ all: [], byObject: new Map(), byFunction: new Map() });
    const index = { payload: make(), apiKey: make() };
    for (const sink of geminiHeaderSinks(sourceCode)) {
      if (sink.kind !== 'payload' && sink.kind !== 'apiKey') continue;
      const entry = index[sink.kind];
      entry.all.push(sink);
      const object = ownerObject(sink);
      if (object) entry.byObject.set(object, [...(entry.byObject.get(object) ?? []), sink]);
      const fn = enclosingFunction(sink.nameNode);
      const list = entry.byFunction.get(fn);
      if (list) list.push(sink);
      else entry.byFunction.set(fn, [sink]);
    }
    return index;
  });
}

/** Whether every reference to `fn` is a direct call in this file (not exported, not passed around). */
function onlyCalledHere(fn: FunctionNode, sourceCode: SourceCode): boolean {
  const parent = fn.parent;
  // class methods are reached through `this.m()` (and instances of a Gemini client class)
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) return parent.value === fn;
  let id: TSESTree.Identifier | undefined;
  let exported = false;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) {
    id = fn.id;
    exported = parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
  } else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) {
    id = parent.id;
    exported = parent.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
  }
  if (!id || exported) return false;
  const variable = findVariable(id, sourceCode);
  if (!variable) return false;
  return variable.references.every((ref) => {
    if (ref.init) return true;
    const call = ref.identifier.parent;
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee === ref.identifier;
  });
}

/** The functions that contain an `X-GEMINI-SIGNATURE` header value (each sink's enclosing functions), indexed once. */
function functionsSettingSignatures(sourceCode: SourceCode): ReadonlySet<FunctionNode> {
  return memoForFile(sourceCode, 'signing-flow:functionsSettingSignatures', () => {
    const set = new Set<FunctionNode>();
    for (const sink of geminiHeaderSinks(sourceCode)) {
      if (sink.kind !== 'signature') continue;
      for (let fn = enclosingFunction(sink.valueNode); fn && !set.has(fn); fn = enclosingFunction(fn)) set.add(fn);
    }
    return set;
  });
}

/**
 * Whether the code at `node` runs only to produce Gemini exchange signatures, so that a fix there
 * changes nothing else: it is module-level code or sits in a function that sets an
 * `X-GEMINI-SIGNATURE` header, or in local helpers (not exported, only called directly) all of
 * whose call sites feed such a header. A helper that also signs for Binance or is exported says no.
 */
export function feedsOnlyGeminiSignatures(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const setting = functionsSettingSignatures(sourceCode);
  const sources = signatureSources(sourceCode);
  const visited = new Set<FunctionNode>();
  const queue: TSESTree.Node[] = [node];
  while (queue.length > 0) {
    const at = queue.pop()!;
    const fn = enclosingFunction(at);
    if (!fn || visited.has(fn)) continue;
    visited.add(fn);
    if (visited.size > 16) return false;
    if (setting.has(fn)) continue;
    if (!onlyCalledHere(fn, sourceCode)) return false;
    const sites = localCallSites(fn, sourceCode);
    if (sites.length === 0) return false;
    for (const site of sites) {
      if (!sources.has(site)) return false;
      queue.push(site);
    }
  }
  return true;
}

/** `new TextEncoder().encode(x)`, `Buffer.from(x[, 'utf8'])`, `utf8ToBytes(x)`, crypto-js `enc.Utf8.parse(x)`. */
function encodedText(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node | undefined {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const [arg, second] = value.arguments;
  if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const callee = unwrap(value.callee);
  const ref = moduleRef(callee, sourceCode);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
  if (ref?.source === '<global>' && ref.path.join('.') === 'Buffer.from' || ref?.source === 'buffer' && ref.path.join('.') === 'Buffer.from') {
    const enc = second ? constantString(second, sourceCode)?.toLowerCase() : 'utf8';
    return enc === 'utf8' || enc === 'utf-8' ? arg : undefined;
  }
  if (value.arguments.length !== 1) return undefined;
  if (ref && (ref.source === 'crypto-js' || ref.source.startsWith('crypto-js/')) && ref.path.join('.').endsWith('Utf8.parse')) return arg;
  if (name === 'utf8ToBytes' && ref?.source.startsWith('@noble/')) return arg;
  if (name === 'encode' && callee.type === AST_NODE_TYPES.MemberExpression) {
    // new TextEncoder().encode(x), or an encoder held in a const
    const encoder = unwrap(resolveValueNode(callee.object, sourceCode));
    if (encoder.type === AST_NODE_TYPES.NewExpression && moduleRef(encoder.callee, sourceCode)?.path.join('.') === 'TextEncoder') return arg;
  }
  return undefined;
}

/**
 * The text expression under byte encoders applied to an HMAC input, also through `const`s:
 * `enc.encode(b64)` → `b64`; `const data = Buffer.from(json); … data` → `json`. The returned node
 * is the one to rewrite when the signed text is wrong; the input itself when nothing is peeled.
 */
export function textUnderEncoding(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node {
  let current = node;
  for (let i = 0; i < 6; i++) {
    const direct = encodedText(current, sourceCode);
    if (direct) {
      current = direct;
      continue;
    }
    const resolved = resolveValueNode(current, sourceCode);
    const viaConst = resolved === unwrap(current) ? undefined : encodedText(resolved, sourceCode);
    if (!viaConst) return current;
    current = viaConst;
  }
  return current;
}

const UPPER_CASE = new Set(['toUpperCase', 'toLocaleUpperCase']);
const CASE_CHANGES = new Set([...UPPER_CASE, 'toLowerCase', 'toLocaleLowerCase']);

/**
 * The expressions the header value is, step by step, without any transformation in between
 * (optionally looking through case changes, which keep a base64 text base64):
 * `const`s and single assignments, `await`, both sides of `?:` / `||` / `??`, local helpers' return
 * values and parameters back to local call sites' arguments.
 */
function sameValueSteps(start: TSESTree.Node, sourceCode: SourceCode, throughCaseChanges = false): TSESTree.Node[] {
  const seen = new Set<TSESTree.Node>();
  const out: TSESTree.Node[] = [];
  const stack: TSESTree.Node[] = [start];
  while (stack.length > 0 && seen.size < 500) {
    const current = unwrap(stack.pop()!);
    if (seen.has(current)) continue;
    seen.add(current);
    out.push(current);
    switch (current.type) {
      case AST_NODE_TYPES.Identifier: {
        const binding = resolveIdentifier(current, sourceCode);
        if (binding.kind === 'expression') stack.push(binding.node);
        else if (binding.kind === 'parameter') {
          const index = parameterIndex(binding.fn, binding.name);
          for (const call of localCallSites(binding.fn, sourceCode)) {
            const arg = call.arguments[index];
            if (arg && arg.type !== AST_NODE_TYPES.SpreadElement) stack.push(arg);
          }
        } else {
          const variable = findVariable(current, sourceCode);
          if (variable) for (const assignment of assignmentsTo(variable, sourceCode)) if (assignment.operator === '=') stack.push(assignment.right);
        }
        break;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const resolved = resolveValueNode(current, sourceCode);
        if (resolved !== current) stack.push(resolved);
        break;
      }
      case AST_NODE_TYPES.AwaitExpression:
        stack.push(current.argument);
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        stack.push(current.consequent, current.alternate);
        break;
      case AST_NODE_TYPES.LogicalExpression:
        stack.push(current.left, current.right);
        break;
      case AST_NODE_TYPES.TemplateLiteral:
        // `${sig}`
        if (current.expressions.length === 1 && current.quasis.every((q) => q.value.cooked === '')) stack.push(current.expressions[0]!);
        break;
      case AST_NODE_TYPES.CallExpression: {
        const fn = calledFunction(current, sourceCode);
        if (fn) {
          stack.push(...returnedExpressions(fn));
          break;
        }
        // String(sig) and sig.toString() leave a string as it is
        const callee = unwrap(current.callee);
        const [arg] = current.arguments;
        if (current.arguments.length === 1 && arg && arg.type !== AST_NODE_TYPES.SpreadElement && moduleRef(callee, sourceCode)?.path.join('.') === 'String') {
          stack.push(arg);
        } else if (current.arguments.length === 0 && callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'toString') {
          stack.push(callee.object);
        } else if (throughCaseChanges && callee.type === AST_NODE_TYPES.MemberExpression && CASE_CHANGES.has(memberName(callee) ?? '')) {
          stack.push(callee.object);
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/**
 * Whether the flow's finished signature (the HMAC's `outputNode`) is what the header receives,
 * without any unknown transformation in between (an imported `toHex(sig)` may re-encode it; case
 * changes are looked through), so the encoding the HMAC ends with is the encoding Gemini sees.
 */
export function reachesHeaderUnchanged(flow: SignatureFlow, sourceCode: SourceCode): boolean {
  const output = unwrap(flow.hmac.outputNode);
  return sameValueSteps(flow.sink.valueNode, sourceCode, true).includes(output);
}

/**
 * `.toUpperCase()` / `.toLocaleUpperCase()` calls whose result is sent as the flow's signature
 * unchanged and whose receiver carries the flow's HMAC output: the header then holds upper-case
 * hex, which Gemini rejects.
 */
export function upperCasedSignatures(flow: SignatureFlow, sourceCode: SourceCode): TSESTree.CallExpression[] {
  const out: TSESTree.CallExpression[] = [];
  for (const node of sameValueSteps(flow.sink.valueNode, sourceCode)) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const name = memberName(callee);
    if (name === undefined || !UPPER_CASE.has(name)) continue;
    const carried = traceValueSources(callee.object, sourceCode);
    if ([...flow.hmac.chain].some((n) => carried.has(n))) out.push(node);
  }
  return out;
}

/**
 * Whether the value computed at `node` (the HMAC's finished output, or an `.toUpperCase()` on the
 * way) goes to the flow's `X-GEMINI-SIGNATURE` header and nowhere else: every read of the `const`
 * holding it, every caller of the helper returning it, each step up through `await`, template
 * literals, `String(…)` and case changes, ends at the header value. A value also handed to
 * `audit.record(sig)`, logged, compared or returned to an unknown caller says no: changing its
 * encoding there would change those too, so rules offer a suggestion instead of a fix.
 */
export function valueOnlyReachesHeader(node: TSESTree.Node, flow: SignatureFlow, sourceCode: SourceCode): boolean {
  const header = unwrap(flow.sink.valueNode);
  const steps = new Set(sameValueSteps(flow.sink.valueNode, sourceCode, true));
  const visited = new Set<TSESTree.Node>();
  const ok = (start: TSESTree.Node, depth: number): boolean => {
    if (depth > 24 || visited.size > 500) return false;
    let current = start;
    for (;;) {
      if (current === header || unwrap(current) === header) return true;
      if (visited.has(current)) return true; // already judged on another path
      visited.add(current);
      const parent: TSESTree.Node | undefined = current.parent;
      if (!parent) return false;
      if (
        parent.type === AST_NODE_TYPES.AwaitExpression ||
        parent.type === AST_NODE_TYPES.TSAsExpression ||
        parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
        parent.type === AST_NODE_TYPES.ChainExpression
      ) {
        current = parent;
        continue;
      }
      // sig.toUpperCase(), String(sig), `${sig}`: a step the header value is made of
      if (steps.has(parent)) {
        current = parent;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.parent?.type === AST_NODE_TYPES.CallExpression && steps.has(parent.parent)) {
        current = parent.parent;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(parent.id, sourceCode);
        if (!variable || parent.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
        const reads = variable.references.filter((r) => r.isRead());
        return reads.length > 0 && reads.every((r) => ok(r.identifier, depth + 1));
      }
      if ((parent.type === AST_NODE_TYPES.ReturnStatement && parent.argument === current) || (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current)) {
        const fn = parent.type === AST_NODE_TYPES.ArrowFunctionExpression ? parent : enclosingFunction(parent);
        if (!fn || !onlyCalledHere(fn, sourceCode)) return false;
        const sites = localCallSites(fn, sourceCode);
        return sites.length > 0 && sites.every((site) => ok(site, depth + 1));
      }
      return false;
    }
  };
  try {
    return ok(node, 0);
  } catch {
    swallowed();
    return false;
  }
}
