import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { loggerCall } from '../../src/analysis/exposure/index.js';
import { findNodes, parse } from '../helpers/parse.js';

/** The logger calls in `code`, as `library name`. */
function loggers(code: string): string[] {
  const sc = parse(code);
  return findNodes(sc, AST_NODE_TYPES.CallExpression).flatMap((call) => {
    const found = loggerCall(call, sc);
    return found ? [`${found.library} ${found.name}`] : [];
  });
}

describe('loggerCall', () => {
  it('recognises console methods', () => {
    expect(loggers(`console.log(a); console.table(b); window.console.error(c); console?.dir(d); console.assert(x, y);`)).toEqual([
      'console console.log',
      'console console.table',
      'console window.console.error',
      'console console.dir',
    ]);
  });

  it('recognises objects named like loggers', () => {
    expect(
      loggers(`
        logger.info(a); log.warn(b); this.logger.debug(c); app.log.error(d); this.#logger.fatal(e); requestLogger.verbose(f);
        Math.log(2); blog.info(x); logger.child(y); catalog.error(z);`),
    ).toEqual([
      'named logger.info',
      'named log.warn',
      'named this.logger.debug',
      'named app.log.error',
      'named this.#logger.fatal',
      'named requestLogger.verbose',
    ]);
  });

  it('recognises pino, winston and bunyan instances by their factory', () => {
    expect(
      loggers(`
        import pino from 'pino';
        import winston from 'winston';
        const bunyan = require('bunyan');
        const p = pino({ level: 'info' });
        const w = winston.createLogger({});
        const b = bunyan.createLogger({ name: 'bot' });
        const child = p.child({ module: 'gemini' });
        p.info(a); w.silly(b); b.trace(c); child.warn(d); pino().error(e);`),
    ).toEqual(['pino p.info', 'winston w.silly', 'bunyan b.trace', 'pino child.warn', 'pino pino().error']);
  });

  it('recognises debug package instances and util.debuglog', () => {
    expect(
      loggers(`
        const d = require('debug')('bot');
        import createDebug from 'debug';
        import util from 'node:util';
        const dbg = createDebug('bot:gemini');
        const sub = dbg.extend('orders');
        const u = util.debuglog('gemini');
        d(a); dbg(b); sub(c); u(e); createDebug('x');`),
    ).toEqual(['debug d', 'debug dbg', 'debug sub', 'util u']);
  });

  it('ignores a local function called log and other calls', () => {
    expect(loggers(`function log(x) { return x; } log(secret); const logger = { info() {} }; fetch(a); foo.bar.baz(b); (0, console.log)(c);`)).toEqual([]);
  });
});

describe('loggerCall on local logging helpers', () => {
  /** For each call of a helper: which of its first four arguments reach the log. */
  function logged(code: string): Record<string, boolean[]> {
    const sc = parse(code);
    const out: Record<string, boolean[]> = {};
    for (const call of findNodes(sc, AST_NODE_TYPES.CallExpression)) {
      const found = loggerCall(call, sc);
      if (found?.library === 'wrapper') out[found.name] = [0, 1, 2, 3].map((i) => found.logsArgument!(i));
    }
    return out;
  }

  it('knows which parameters a helper logs: named, rest and `arguments`', () => {
    expect(
      logged(
        [
          'function label(a, b) { console.log(a); return b; }',
          'const rest = (first, ...more) => console.log(...more);',
          'function all() { console.log(...arguments); }',
          'function inTemplate(x = 1, { y }) { logger.info(`x=${x}`); }',
          "label(1, 2); rest(1, 2, 3); all(1); inTemplate(1, {});",
        ].join('\n'),
      ),
    ).toEqual({ label: [true, false, false, false], rest: [false, true, true, true], all: [true, true, true, true], inTemplate: [true, false, false, false] });
  });

  it('does not take for loggers helpers that log nothing of theirs, shadow their parameters, or only call themselves', () => {
    expect(
      logged(
        [
          "function quiet(a) { console.log('called'); return a; }",
          'function shadow(a) { { const a = 1; console.log(a); } }',
          'function loop(a) { return loop(a); }',
          'function nested(a) { return (b) => console.log(b); }',
          'quiet(1); shadow(1); loop(1); nested(1);',
        ].join('\n'),
      ),
    ).toEqual({});
  });
});
