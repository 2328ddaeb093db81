// The exposure wing: where Gemini exchange credentials could leak.
// - credential-values.ts  names, hiding and same-value helpers shared by the others
// - credentials.ts        what credential a value holds (credentialKind)
// - carried.ts            what an expression carries: credentials inside it, X-GEMINI-* headers held
// - signed-requests.ts    errors of signed axios / got requests (they keep the request's headers)
// - loggers.ts            which calls write to a log
// - redaction.ts          which headers a logger's own configuration removes (pino, winston)
// - environment-dump.ts   the whole environment written out
// - client-side.ts        code that ships to the browser
export * from './credentials.js';
export * from './carried.js';
export * from './signed-requests.js';
export * from './loggers.js';
export * from './redaction.js';
export * from './environment-dump.js';
export * from './client-side.js';
