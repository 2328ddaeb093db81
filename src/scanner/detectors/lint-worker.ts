/**
 * A lint worker thread of the scanner (see lint-pool.ts): it loads ESLint and the plugin's rules
 * while the main thread is still reading files, then lints the files it is sent, one at a time.
 * Whatever linting throws goes back as a result: the main thread treats it exactly like an error
 * thrown in its own thread (one file skipped, never the scan).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lintWithRules, warmUp } from './eslint-rules.js';
import type { LintJob, LintReply, LintWorkerData } from './lint-pool.js';

if (parentPort) {
  const data = workerData as LintWorkerData;
  // V8 set the growth factor back to 2 for this thread's heap; the CLI's process keeps it at 1
  if (data.steadyYoungGeneration) process.getBuiltinModule('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
  const port = parentPort;
  port.on('message', (job: LintJob) => {
    let reply: LintReply;
    try {
      reply = { id: job.id, outcome: lintWithRules(job.name, job.text, job.rules, job.options) };
    } catch (error) {
      reply = { id: job.id, error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : 'unknown error' } };
    }
    port.postMessage(reply);
  });
  warmUp(data.rules);
}
