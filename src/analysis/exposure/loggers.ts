import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { dottedPath, memberName, unwrap, walk, type FunctionNode } from '../ast-utils.js';
import { isModuleMember, moduleRef, resolveIdentifier } from '../values/bindings.js';
import { calledFunction } from '../values/functions.js';
import { memoForFile } from '../memo.js';
import { classFieldValue } from '../values/values.js';
import { redactedHeaders } from './redaction.js';
import type { GeminiHeaderKind } from '../../gemini/headers.js';
import { swallowed } from '../../utils/guard.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Which kind of logger a call writes to. */
export type LoggerLibrary = 'console' | 'named' | 'pino' | 'winston' | 'bunyan' | 'debug' | 'util' | 'wrapper';

/** A call that writes its arguments to a log. */
export interface LoggerCall {
  node: TSESTree.CallExpression;
  library: LoggerLibrary;
  /** How the callee is written (`console.log`, `this.logger.info`, `dbg`), for messages. */
  name: string;
  /**
   * For a local function that hands some of its parameters to a logger (`library: 'wrapper'`):
   * whether the argument at a position reaches the log. Every argument does for the others.
   */
  logsArgument?: (index: number) => boolean;
  /** Whether the logger writes records as JSON (pino, winston, bunyan): `toJSON()` methods apply. */
  json?: boolean;
  /** The `X-GEMINI-*` headers the logger's own configuration redacts (pino `redact`, a winston format). */
  redacts?: ReadonlySet<GeminiHeaderKind>;
}

const CONSOLE_METHODS: ReadonlySet<string> = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']);
const LOGGER_METHODS: ReadonlySet<string> = new Set(['info', 'warn', 'error', 'debug', 'trace', 'fatal', 'log', 'verbose', 'silly']);

/** Names people give logger objects: `log`, `logger`, `_logger`, `#logger`, `appLogger`. */
function isLoggerName(name: string): boolean {
  const bare = name.replace(/^[_#$]+/, '');
  return bare === 'log' || bare === 'logger' || /^[a-z][A-Za-z0-9]*Logger$/.test(bare);
}

/** A logger instance recognised by its factory: the library and the factory call (with its options). */
export interface LoggerInstance {
  library: LoggerLibrary;
  /** The `pino({…})` / `winston.createLogger({…})` call (the root one for `.child(…)`). */
  factory: TSESTree.CallExpression | TSESTree.NewExpression;
}

/**
 * The logger library an expression is an instance of: `pino()`, `pino.default()`, `winston.createLogger()`,
 * `bunyan.createLogger()`, `require('debug')('ns')`, `util.debuglog('ns')`, and `.child(…)` /
 * `.extend(…)` of those; followed through `const`s and class fields.
 */
function loggerInstance(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): LoggerInstance | undefined {
  if (depth > 8) return undefined;
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) {
    const binding = resolveIdentifier(n, sourceCode);
    return binding.kind === 'expression' ? loggerInstance(binding.node, sourceCode, depth + 1) : undefined;
  }
  if (n.type === AST_NODE_TYPES.MemberExpression && unwrap(n.object).type === AST_NODE_TYPES.ThisExpression) {
    const name = memberName(n);
    const value = name === undefined ? undefined : classFieldValue(n, name);
    return value ? loggerInstance(value, sourceCode, depth + 1) : undefined;
  }
  if (n.type !== AST_NODE_TYPES.CallExpression && n.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const callee = unwrap(n.callee);
  const ref = moduleRef(callee, sourceCode);
  const found = (library: LoggerLibrary): LoggerInstance => ({ library, factory: n });
  if (isModuleMember(ref, 'pino') || isModuleMember(ref, 'pino', 'pino')) return found('pino');
  if (isModuleMember(ref, 'winston', 'createLogger') || isModuleMember(ref, 'winston', 'Logger')) return found('winston');
  if (isModuleMember(ref, 'bunyan', 'createLogger') || (n.type === AST_NODE_TYPES.NewExpression && isModuleMember(ref, 'bunyan'))) return found('bunyan');
  if (isModuleMember(ref, 'debug') || isModuleMember(ref, 'debug', 'debug')) return found('debug');
  if (isModuleMember(ref, 'util', 'debuglog')) return found('util');
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(callee);
    if (method === 'child' || method === 'extend') return loggerInstance(callee.object, sourceCode, depth + 1);
  }
  return undefined;
}

function instanceLibrary(node: TSESTree.Node, sourceCode: SourceCode): LoggerLibrary | undefined {
  return loggerInstance(node, sourceCode)?.library;
}

/**
 * Recognises a call that writes its arguments to a log:
 * - `console.log/info/warn/error/debug/trace/dir/table(…)` (also `window.console`, `console?.log`);
 * - `info/warn/error/debug/trace/fatal/log/verbose/silly` on an object named `logger`, `log` or
 *   `…Logger` (`logger.info`, `this.logger.warn`, `app.log.error`, `this.#logger.debug`);
 * - the same methods on a pino, winston or bunyan logger recognised by its factory
 *   (`const l = pino(); l.info(…)`, `winston.createLogger(…)`, `bunyan.createLogger(…)`, `.child(…)`);
 * - a `debug` package instance (`const d = require('debug')('app'); d(…)`) or `util.debuglog(…)`.
 */
export function loggerCall(call: TSESTree.CallExpression, sourceCode: SourceCode): LoggerCall | undefined {
  try {
    const callee = unwrap(call.callee);
    const name = dottedPath(callee) ?? sourceCode.getText(callee).slice(0, 40);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(callee);
      if (method === undefined) return undefined;
      const ref = moduleRef(callee, sourceCode);
      if (ref && ((ref.source === '<global>' && ref.path.length === 2 && ref.path[0] === 'console') || (ref.source === 'console' && ref.path.length === 1))) {
        return CONSOLE_METHODS.has(method) ? { node: call, library: 'console', name } : undefined;
      }
      if (!LOGGER_METHODS.has(method)) return wrapperCall(call, name, sourceCode);
      const object = unwrap(callee.object);
      const instance = loggerInstance(object, sourceCode);
      const library = instance?.library;
      if (instance && (library === 'pino' || library === 'winston' || library === 'bunyan')) {
        // these serialise records with JSON.stringify (so toJSON() applies) and may redact
        return { node: call, library: instance.library, name, json: true, redacts: redactedHeaders(instance, sourceCode) };
      }
      const objectName =
        object.type === AST_NODE_TYPES.Identifier ? object.name : object.type === AST_NODE_TYPES.MemberExpression ? memberName(object) : undefined;
      if (objectName !== undefined && isLoggerName(objectName)) {
        // `Math.log` and friends are not loggers; a local `log` that is a function is not an object
        if (object.type === AST_NODE_TYPES.Identifier && resolveIdentifier(object, sourceCode).kind === 'function') return undefined;
        return { node: call, library: 'named', name };
      }
      return wrapperCall(call, name, sourceCode);
    }
    const library = instanceLibrary(callee, sourceCode);
    if (library === 'debug' || library === 'util') return { node: call, library, name };
    return wrapperCall(call, name, sourceCode);
  } catch {
    swallowed();
    return undefined;
  }
}

/** A call of a local function that logs (some of) its parameters: `debugLog('headers', headers)`. */
function wrapperCall(call: TSESTree.CallExpression, name: string, sourceCode: SourceCode): LoggerCall | undefined {
  const fn = calledFunction(call, sourceCode);
  if (!fn) return undefined;
  const logged = loggedParameters(fn, sourceCode);
  if (logged.positions.size === 0 && logged.from === undefined) return undefined;
  const from = logged.from;
  return { node: call, library: 'wrapper', name, logsArgument: (index) => logged.positions.has(index) || (from !== undefined && index >= from) };
}

/** The parameter positions a function logs: some, and perhaps every one from `from` on (a rest parameter, `arguments`). */
interface LoggedParameters {
  positions: Set<number>;
  from?: number;
}

/**
 * The positions of `fn`'s parameters that it passes to a logger itself (`console.log(msg)`,
 * `logger.info({ data })`, `` console.log(`${label}: ${value}`) ``, `console.log(...args)`). A rest
 * parameter counts for every position from its own; `arguments` for all. One level: a wrapper of a
 * wrapper is not followed. Memoised per function.
 */
function loggedParameters(fn: FunctionNode, sourceCode: SourceCode): LoggedParameters {
  const cache = memoForFile(sourceCode, 'loggedParameters', () => new Map<FunctionNode, LoggedParameters>());
  const cached = cache.get(fn);
  if (cached) return cached;
  const logged: LoggedParameters = { positions: new Set() };
  cache.set(fn, logged); // a recursive wrapper sees what is known so far
  const positions = new Map<string, { index: number; rest: boolean }>();
  fn.params.forEach((param, index) => {
    const p = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (p.type === AST_NODE_TYPES.Identifier) positions.set(p.name, { index, rest: false });
    else if (p.type === AST_NODE_TYPES.RestElement && p.argument.type === AST_NODE_TYPES.Identifier) positions.set(p.argument.name, { index, rest: true });
  });
  const usesArguments = fn.type !== AST_NODE_TYPES.ArrowFunctionExpression;
  if (positions.size === 0 && !usesArguments) return logged;
  const from = (index: number): void => {
    logged.from = Math.min(logged.from ?? index, index);
  };
  walk(fn.body, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length === 0 || !directLoggerCall(node, sourceCode)) return undefined;
    for (const arg of node.arguments) {
      walk(arg, (n) => {
        if (n.type !== AST_NODE_TYPES.Identifier) return undefined;
        if (n.name === 'arguments' && usesArguments && !positions.has('arguments')) {
          from(0);
          return undefined;
        }
        const at = positions.get(n.name);
        if (!at) return undefined;
        const binding = resolveIdentifier(n, sourceCode);
        if (binding.kind !== 'parameter' || binding.fn !== fn) return undefined;
        if (at.rest) from(at.index);
        else logged.positions.add(at.index);
        return undefined;
      });
    }
    return undefined;
  });
  return logged;
}

/** {@link loggerCall} without wrappers (a wrapper's own logging must be a real logger). */
function directLoggerCall(call: TSESTree.CallExpression, sourceCode: SourceCode): LoggerCall | undefined {
  const found = loggerCall(call, sourceCode);
  return found?.library === 'wrapper' ? undefined : found;
}
