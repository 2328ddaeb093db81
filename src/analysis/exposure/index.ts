// The exposure wing: where Gemini exchange credentials could leak.
// - credential-values.ts  names, hiding and same-value helpers shared by the others
// - credentials.ts        what credential a value holds (credentialKind)
// - carried.ts            what an expression carries: credentials inside it, X-GEMINI-* headers held
// - loggers.ts            which calls write to a log, and which loggers redact
// - environment-dump.ts   the whole environment written out
// - client-side.ts        code that ships to the browser
export * from './credentials.js';
export * from './carried.js';
export * from './loggers.js';
export * from './environment-dump.js';
export * from './client-side.js';
