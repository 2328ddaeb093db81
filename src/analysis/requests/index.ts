/**
 * Requests: what a call sends and where (`http-calls.ts`, driven by one descriptor per client
 * family in `clients/`), URLs (`urls.ts`), where on the Gemini API a request goes and whether its
 * headers and method are certain (`gemini-requests.ts`), and Gemini payload objects (`payloads.ts`).
 */
export * from './http-calls.js';
export * from './urls.js';
export * from './gemini-requests.js';
export * from './payloads.js';
