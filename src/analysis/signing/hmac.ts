import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, memberName, nodesOfType, staticKeyName, unwrap } from '../ast-utils.js';
import { findVariable, moduleRef, writeReferences, type ModuleRef } from '../values/bindings.js';
import { memoForFile } from '../memo.js';
import { constantString, resolveValueNode } from '../values/values.js';
import { calledFunction } from '../values/functions.js';
import { callSitesOf } from '../values/symbolic.js';
import { byteMapping, encodingOf, type DigestEncoding } from './bytes.js';
import { swallowed } from '../../utils/guard.js';

export type { DigestEncoding } from './bytes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** One HMAC computation and how its result is produced. */
export interface HmacUse {
  /** The call that creates the MAC: `createHmac(…)`, `HmacSHA384(…)`, `subtle.sign(…)`, `hmac(…)`. */
  node: TSESTree.CallExpression;
  library: 'node' | 'crypto-js' | 'webcrypto' | 'noble';
  /** Normalised algorithm (`sha384`), or `undefined` when not statically known. */
  algorithm?: string;
  /** Where the algorithm is written: a string literal, a crypto-js/noble callee, or an identifier. */
  algorithmNode?: TSESTree.Node;
  keyNode?: TSESTree.Node;
  inputNodes: TSESTree.Node[];
  encoding: DigestEncoding;
  /** The argument or callee that decides the encoding (`'base64'` in `.digest('base64')`). */
  encodingNode?: TSESTree.Node;
  /** The `b.toString(16)` of a byte-wise mapper that makes unpadded hex (for a fix adding the padding). */
  hexDigitCall?: TSESTree.CallExpression;
  /** The `.digest(…)` call (node crypto), for fixes that rewrite it. */
  digestCall?: TSESTree.CallExpression;
  /** The expression whose value is the finished signature text (or bytes). */
  outputNode: TSESTree.Node;
  /** Every node on the way from {@link node} to {@link outputNode}; flows are matched against it. */
  chain: Set<TSESTree.Node>;
}

const ALGORITHMS = /^(sha(?:1|224|256|384|512)|md5|ripemd160|sha3-(?:224|256|384|512)|sha512-256)$/;

/** `'SHA-384'` → `sha384`; `'sha384'` stays. */
export function normaliseAlgorithm(name: string): string | undefined {
  const lower = name.toLowerCase().replace(/^sha-(\d)/, 'sha$1').replace(/_/g, '-');
  return ALGORITHMS.test(lower) ? lower : undefined;
}

function isCrypto(ref: ModuleRef | undefined, ...path: string[]): boolean {
  if (!ref) return false;
  const ok = ref.source === 'crypto' || (ref.source === '<global>' && ref.path[0] === 'crypto');
  if (!ok) return false;
  const rest = ref.source === 'crypto' ? ref.path : ref.path.slice(1);
  const trimmed = rest[0] === 'webcrypto' ? rest.slice(1) : rest;
  return trimmed.length === path.length && trimmed.every((p, i) => p === path[i]);
}

/** Every HMAC computed in the file (memoised). */
export function hmacUses(sourceCode: SourceCode): HmacUse[] {
  return memoForFile(sourceCode, 'hmacUses', () => {
    const uses: HmacUse[] = [];
    nodesOfType(sourceCode.ast, AST_NODE_TYPES.CallExpression).forEach((node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      try {
        const use = recogniseHmac(node, sourceCode);
        if (use) uses.push(use);
      } catch {
        swallowed();
        // never let an odd shape throw out of a rule
      }
    });
    return uses;
  });
}

/** Recognises the creation of an HMAC and follows it to the finished signature. */
export function recogniseHmac(node: TSESTree.CallExpression, sourceCode: SourceCode): HmacUse | undefined {
  const ref = moduleRef(node.callee, sourceCode);
  if (!ref) return undefined;

  if (isCrypto(ref, 'createHmac')) {
    const [algArg, keyArg] = node.arguments;
    const use: HmacUse = { node, library: 'node', inputNodes: [], encoding: 'unknown', outputNode: node, chain: new Set([node]) };
    if (algArg) {
      use.algorithmNode = algArg;
      const text = constantString(algArg, sourceCode);
      const alg = text === undefined ? undefined : normaliseAlgorithm(text);
      if (alg) use.algorithm = alg;
    }
    if (keyArg) use.keyNode = keyArg;
    followNodeHmac(use, sourceCode);
    return use;
  }

  if (ref.source === 'crypto-js' || ref.source.startsWith('crypto-js/')) {
    const name = ref.source === 'crypto-js' ? (ref.path.length === 1 ? ref.path[0] : undefined) : ref.path.length === 0 ? ref.source.slice('crypto-js/'.length) : undefined;
    const match = name ? /^hmac-?(sha\d+|md5|sha3|ripemd160)$/i.exec(name.replace(/^Hmac/, 'hmac-')) : null;
    if (!match) return undefined;
    const [inputArg, keyArg] = node.arguments;
    const use: HmacUse = {
      node,
      library: 'crypto-js',
      algorithm: normaliseAlgorithm(match[1]!) ?? match[1]!.toLowerCase(),
      algorithmNode: node.callee,
      inputNodes: inputArg ? [inputArg] : [],
      // a WordArray prints as hex when turned into a string
      encoding: 'hex',
      outputNode: node,
      chain: new Set([node]),
    };
    if (keyArg) use.keyNode = keyArg;
    followConversions(use, node, sourceCode);
    return use;
  }

  if (isCrypto(ref, 'subtle', 'sign') || (ref.source === '<global>' && ref.path.join('.') === 'subtle.sign')) {
    const [, keyArg, dataArg] = node.arguments;
    const use: HmacUse = { node, library: 'webcrypto', inputNodes: dataArg ? [unwrapEncode(dataArg, sourceCode)] : [], encoding: 'buffer', outputNode: node, chain: new Set([node]) };
    if (keyArg) {
      const imported = resolveValueNode(keyArg, sourceCode);
      const importCall = imported.type === AST_NODE_TYPES.AwaitExpression ? unwrap(imported.argument) : imported;
      if (importCall.type === AST_NODE_TYPES.CallExpression && isCrypto(moduleRef(importCall.callee, sourceCode), 'subtle', 'importKey')) {
        const [, rawKey, params] = importCall.arguments;
        if (rawKey) use.keyNode = unwrapEncode(rawKey, sourceCode);
        const paramsValue = params ? resolveValueNode(params, sourceCode) : undefined;
        if (paramsValue?.type === AST_NODE_TYPES.ObjectExpression) {
          const nameProp = paramsValue.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && staticKeyName(p.key, p.computed) === 'name');
          const nameText = nameProp ? constantString(nameProp.value, sourceCode) : undefined;
          if (nameText !== undefined && nameText.toUpperCase() !== 'HMAC') return undefined;
          const hashProp = paramsValue.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && staticKeyName(p.key, p.computed) === 'hash');
          if (hashProp) {
            let hashNode: TSESTree.Node = hashProp.value;
            const hashValue = resolveValueNode(hashNode, sourceCode);
            if (hashValue.type === AST_NODE_TYPES.ObjectExpression) {
              const inner = hashValue.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && staticKeyName(p.key, p.computed) === 'name');
              if (inner) hashNode = inner.value;
            }
            use.algorithmNode = hashNode;
            const text = constantString(hashNode, sourceCode);
            const alg = text === undefined ? undefined : normaliseAlgorithm(text);
            if (alg) use.algorithm = alg;
          }
        }
      }
    }
    followConversions(use, node, sourceCode);
    return use;
  }

  if ((ref.source === '@noble/hashes/hmac' || ref.source === '@noble/hashes/hmac.js') && ref.path.length === 1 && ref.path[0] === 'hmac') {
    const [hashArg, keyArg, msgArg] = node.arguments;
    const use: HmacUse = { node, library: 'noble', inputNodes: msgArg ? [unwrapEncode(msgArg, sourceCode)] : [], encoding: 'buffer', outputNode: node, chain: new Set([node]) };
    if (keyArg) use.keyNode = unwrapEncode(keyArg, sourceCode);
    if (hashArg) {
      use.algorithmNode = hashArg;
      const hashRef = moduleRef(hashArg, sourceCode);
      const last = hashRef?.path[hashRef.path.length - 1];
      if (hashRef?.source.startsWith('@noble/hashes') && last) {
        const alg = normaliseAlgorithm(last.replace(/_/g, '-'));
        if (alg) use.algorithm = alg;
      }
    }
    followConversions(use, node, sourceCode);
    return use;
  }

  // noble's streaming form: hmac.create(sha384, key).update(msg).digest()
  if ((ref.source === '@noble/hashes/hmac' || ref.source === '@noble/hashes/hmac.js') && ref.path.length === 2 && ref.path[0] === 'hmac' && ref.path[1] === 'create') {
    const [hashArg, keyArg] = node.arguments;
    const use: HmacUse = { node, library: 'noble', inputNodes: [], encoding: 'unknown', outputNode: node, chain: new Set([node]) };
    if (keyArg) use.keyNode = unwrapEncode(keyArg, sourceCode);
    if (hashArg) {
      use.algorithmNode = hashArg;
      const alg = nobleAlgorithm(hashArg, sourceCode);
      if (alg) use.algorithm = alg;
    }
    followNodeHmac(use, sourceCode);
    return use;
  }
  return undefined;
}

/** `sha384` imported from `@noble/hashes/…` → `sha384`. */
function nobleAlgorithm(hashArg: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  const hashRef = moduleRef(hashArg, sourceCode);
  const last = hashRef?.path[hashRef.path.length - 1];
  return hashRef?.source.startsWith('@noble/hashes') && last ? normaliseAlgorithm(last.replace(/_/g, '-')) : undefined;
}

/** `new TextEncoder().encode(x)`, `Buffer.from(x)`, `utf8ToBytes(x)` → `x`: the text underneath. */
function unwrapEncode(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.CallExpression || value.arguments.length === 0) return node;
  const callee = unwrap(value.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
  if (name === 'encode' || name === 'utf8ToBytes' || (name === 'from' && moduleRef(callee, sourceCode)?.path[0] === 'Buffer')) {
    return value.arguments.length === 1 ? value.arguments[0]! : node;
  }
  return node;
}

/** Follows `createHmac(...)` through `.update()`s to `.digest()`, chained or via a variable. */
function followNodeHmac(use: HmacUse, sourceCode: SourceCode): void {
  let current: TSESTree.Node = use.node;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
      const method = memberName(parent);
      const call: TSESTree.CallExpression = parent.parent;
      use.chain.add(call);
      if (method === 'update') {
        if (call.arguments[0]) use.inputNodes.push(call.arguments[0]);
        current = call;
        continue;
      }
      if (method === 'digest') {
        setDigest(use, call, sourceCode);
        return;
      }
      return;
    }
    // const h = createHmac(...); h.update(x); h.digest('hex')
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(parent.id, sourceCode);
      for (const ref of variable?.references ?? []) {
        const member = ref.identifier.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref.identifier) continue;
        const call = member.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
        const method = memberName(member);
        if (method === 'update' && call.arguments[0]) use.inputNodes.push(call.arguments[0]);
        if (method === 'digest') {
          use.chain.add(call);
          setDigest(use, call, sourceCode);
        }
      }
    }
    return;
  }
}

function setDigest(use: HmacUse, call: TSESTree.CallExpression, sourceCode: SourceCode): void {
  use.digestCall = call;
  use.outputNode = call;
  const arg = call.arguments[0];
  if (arg) {
    use.encodingNode = arg;
    use.encoding = encodingOf(constantString(arg, sourceCode));
  } else {
    use.encoding = 'buffer';
  }
  followConversions(use, call, sourceCode);
}

/**
 * After the MAC is computed, code often converts it: `.toString('base64')`, crypto-js
 * `.toString(enc.Base64)`, `enc.Base64.stringify(mac)`, `Buffer.from(buf).toString('hex')`,
 * `btoa(...)`, noble `bytesToHex(mac)`. Follows those (directly around the expression, or through
 * one `const`) and records the encoding that finally applies.
 */
function followConversions(use: HmacUse, start: TSESTree.Node, sourceCode: SourceCode): void {
  let current: TSESTree.Node = start;
  // the calls through which the bytes entered local helpers, to return to on `return`
  const returnTo: TSESTree.CallExpression[] = [];
  for (let i = 0; i < 24; i++) {
    let parent: TSESTree.Node | undefined = current.parent;
    while (parent && (parent.type === AST_NODE_TYPES.AwaitExpression || parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression)) {
      current = parent;
      parent = current.parent;
    }
    if (!parent) return;
    // x.toString(enc)
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current && memberName(parent) === 'toString' && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
      const call: TSESTree.CallExpression = parent.parent;
      const arg = call.arguments[0];
      if (use.library === 'crypto-js') {
        const enc = arg ? cryptoJsEncoding(arg, sourceCode) : 'hex';
        use.encoding = enc;
        if (arg) use.encodingNode = arg;
      } else if (use.encoding === 'buffer') {
        use.encoding = arg ? encodingOf(constantString(arg, sourceCode)) : 'unknown';
        if (arg) use.encodingNode = arg;
      }
      use.chain.add(call);
      use.outputNode = call;
      current = call;
      continue;
    }
    // toHex(mac) with a local toHex: follow the bytes into its parameter, and back out at its return
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== current) {
      const entered = enterHelper(parent, current, sourceCode);
      if (entered) {
        use.chain.add(parent);
        returnTo.push(parent);
        current = entered;
        use.chain.add(current);
        continue;
      }
    }
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current) {
      const ref = moduleRef(parent.callee, sourceCode);
      const last = ref?.path[ref.path.length - 1];
      const calleeName = last ?? (unwrap(parent.callee).type === AST_NODE_TYPES.Identifier ? (unwrap(parent.callee) as TSESTree.Identifier).name : undefined);
      let next: DigestEncoding | undefined;
      if (ref && (ref.source === 'crypto-js' || ref.source.startsWith('crypto-js/')) && last === 'stringify') {
        next = cryptoJsEncoding(unwrap(parent.callee).type === AST_NODE_TYPES.MemberExpression ? (unwrap(parent.callee) as TSESTree.MemberExpression).object : parent.callee, sourceCode);
      } else if (calleeName === 'bytesToHex' || calleeName === 'toHex') {
        next = 'hex';
      } else if (calleeName === 'btoa' || calleeName === 'bytesToBase64' || calleeName === 'toBase64') {
        next = 'base64';
      } else if (ref?.path[0] === 'Buffer' && last === 'from') {
        // Buffer.from(x) keeps bytes; the .toString() after decides. Buffer.from(text, 'base64')
        // decodes the text back to bytes when it names the text's own encoding; any other
        // second argument makes the bytes unknown.
        const second = parent.arguments[1];
        if (!second || use.encoding === 'buffer') next = use.encoding;
        else next = encodingOf(constantString(second, sourceCode)) === use.encoding && use.encoding !== 'unknown' ? 'buffer' : 'unknown';
      } else if (calleeName === 'from' && ref?.path[0] === 'Array' && parent.arguments[1] && use.encoding === 'buffer') {
        // Array.from(bytes, (b) => …): a byte-wise map
        applyMapping(use, parent, parent.arguments[1], sourceCode);
        current = parent;
        continue;
      } else if (calleeName === 'Uint8Array' || (calleeName === 'from' && ref?.path[0] === 'Array')) {
        next = use.encoding;
      }
      if (next === undefined) return;
      if (next !== use.encoding) {
        use.encoding = next;
        use.encodingNode = parent.callee;
      }
      use.chain.add(parent);
      use.outputNode = parent;
      current = parent;
      continue;
    }
    // bytes.map((b) => b.toString(16).padStart(2, '0')).join(''): a hand-made hex
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
      const call: TSESTree.CallExpression = parent.parent;
      const method = memberName(parent);
      if (method === 'map' && use.encoding === 'buffer' && call.arguments[0]) {
        applyMapping(use, call, call.arguments[0], sourceCode);
        current = call;
        continue;
      }
      // the digits of a byte-wise map joined without a separator stay what the map made them
      if (method === 'join' && call.arguments.length === 1 && constantString(call.arguments[0]!, sourceCode) === '' && isMapCall(current)) {
        use.chain.add(call);
        use.outputNode = call;
        current = call;
        continue;
      }
      return;
    }
    // `return mac` in a helper: the caller may still encode it (Buffer.from(await sign(…)).toString('base64'))
    if ((parent.type === AST_NODE_TYPES.ReturnStatement && parent.argument === current) || (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current)) {
      const fn = parent.type === AST_NODE_TYPES.ArrowFunctionExpression ? parent : enclosingFunction(parent);
      const back = returnTo.pop();
      if (back) {
        current = back;
        continue;
      }
      const sites = fn ? callSitesOf(fn, sourceCode) : [];
      // with several callers the helper's output has no single next step: judge it where it is
      if (sites.length !== 1) return;
      const site = sites[0]!;
      use.chain.add(site);
      current = site;
      continue;
    }
    // const mac = …; later Buffer.from(mac).toString('hex'): follow the single read of the const
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(parent.id, sourceCode);
      const reads = variable?.references.filter((r) => r.isRead()) ?? [];
      if (reads.length !== 1) return;
      use.chain.add(parent.id);
      current = reads[0]!.identifier;
      use.chain.add(current);
      continue;
    }
    if (parent.type === AST_NODE_TYPES.NewExpression && parent.arguments[0] === current) {
      // new Uint8Array(buf)
      use.chain.add(parent);
      current = parent;
      continue;
    }
    // String.fromCharCode.apply(null, bytes): a binary string (usually fed to btoa next)
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[1] === current && isFromCharCode(parent.callee, 'apply', sourceCode)) {
      setConversion(use, parent, 'binary');
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.SpreadElement && parent.argument === current) {
      const outer = parent.parent;
      // String.fromCharCode(...bytes): a binary string
      if (outer?.type === AST_NODE_TYPES.CallExpression && outer.arguments.includes(parent) && isFromCharCode(outer.callee, undefined, sourceCode)) {
        setConversion(use, outer, 'binary');
        current = outer;
        continue;
      }
      // [...bytes]: still the bytes (typically mapped to hex next, which we leave undecided)
      if (outer?.type === AST_NODE_TYPES.ArrayExpression && outer.elements.length === 1) {
        use.chain.add(outer);
        current = outer;
        continue;
      }
    }
    return;
  }
}

/**
 * `helper(…, bytes, …)` with `helper` a function of this file whose matching parameter is read once:
 * that read, where the bytes continue. `undefined` for anything else (imported, spread, reassigned).
 */
function enterHelper(call: TSESTree.CallExpression, argument: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node | undefined {
  const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
  if (index === -1 || call.arguments.slice(0, index).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const fn = calledFunction(call, sourceCode);
  const param = fn?.params[index];
  if (!fn || param?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(param, sourceCode);
  if (!variable || writeReferences(variable, sourceCode).length > 0) return undefined;
  const reads = variable.references.filter((r) => r.isRead());
  return reads.length === 1 ? reads[0]!.identifier : undefined;
}

/** Records a byte-wise map of the MAC's bytes (`.map(fn)`, `Array.from(bytes, fn)`). */
function applyMapping(use: HmacUse, call: TSESTree.CallExpression, mapper: TSESTree.Node, sourceCode: SourceCode): void {
  const mapping = byteMapping(mapper, sourceCode);
  use.encoding = mapping.encoding;
  use.encodingNode = mapping.toHexCall ?? mapper;
  if (mapping.toHexCall) use.hexDigitCall = mapping.toHexCall;
  use.chain.add(call);
  use.outputNode = call;
}

/** Whether `node` is a `.map(…)` call or an `Array.from(x, fn)` (a byte-wise map). */
function isMapCall(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(callee);
  return name === 'map' || (name === 'from' && node.arguments.length === 2);
}

/** `String.fromCharCode` (or `String.fromCharCode.<method>` when `method` is given). */
function isFromCharCode(callee: TSESTree.Node, method: string | undefined, sourceCode: SourceCode): boolean {
  const ref = moduleRef(callee, sourceCode);
  const expected = method === undefined ? 'String.fromCharCode' : `String.fromCharCode.${method}`;
  return ref?.source === '<global>' && ref.path.join('.') === expected;
}

/** Records a conversion call that changes the output's encoding. */
function setConversion(use: HmacUse, call: TSESTree.CallExpression, encoding: DigestEncoding): void {
  if (use.encoding !== encoding) {
    use.encoding = encoding;
    use.encodingNode = call.callee;
  }
  use.chain.add(call);
  use.outputNode = call;
}

/** The encoding a crypto-js encoder names (`CryptoJS.enc.Base64` → base64). */
export function cryptoJsEncoding(node: TSESTree.Node, sourceCode: SourceCode): DigestEncoding {
  const ref = moduleRef(node, sourceCode);
  const last = ref?.path[ref.path.length - 1];
  if (ref && (ref.source === 'crypto-js' || ref.source.startsWith('crypto-js/'))) {
    if (last === 'Hex') return 'hex';
    if (last === 'Base64') return 'base64';
    if (last === 'Base64url') return 'base64url';
    if (ref.source === 'crypto-js/enc-hex') return 'hex';
    if (ref.source === 'crypto-js/enc-base64') return 'base64';
    if (last === 'Latin1') return 'latin1';
  }
  return 'unknown';
}
