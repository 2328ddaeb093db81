// The signing wing: recognising HMACs and following their bytes to the X-GEMINI-SIGNATURE header.
// - bytes.ts    the byte states of a signature (the lattice) and byte-wise hex mappers
// - hmac.ts     which calls compute an HMAC, with which algorithm and key, and how its bytes are encoded
// - keys.ts     what the HMAC key is made of (the secret decoded or hashed, another exchange's)
// - headers.ts  where the X-GEMINI-* headers are written
// - trace.ts    where a header value comes from, what a signed value is made of
// - flows.ts    the HMAC → header flows and the questions rules ask about them
export { geminiHeaderSinks, type HeaderSink } from './headers.js';
export { byteMapping, encodingOf, type ByteMapping } from './bytes.js';
export { signingKeyProblem, type KeyProblem } from './keys.js';
export { cryptoJsEncoding, hmacUses, normaliseAlgorithm, recogniseHmac, type DigestEncoding, type HmacUse } from './hmac.js';
export { localCallSites, payloadForm, sameValue, traceValueSources, type PayloadForm } from './trace.js';
export {
  companionSink,
  feedsOnlyGeminiSignatures,
  flowSources,
  reachesHeaderUnchanged,
  signatureFlows,
  signatureHmacFlows,
  signatureSources,
  textUnderEncoding,
  upperCasedSignatures,
  valueOnlyReachesHeader,
  valuesInFlow,
  type SignatureFlow,
} from './flows.js';
