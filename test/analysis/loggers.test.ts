import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { loggerCall } from '../../src/analysis/loggers.js';
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
