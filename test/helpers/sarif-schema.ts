// One SARIF 2.1.0 validator for the tests: the official schema, with the string formats it uses
// (`uri`, `uri-reference`, `date-time`) checked by ajv-formats instead of ignored with a warning.
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
// Both packages are CommonJS: under NodeNext their classes are the default export's `default`.
const Ajv = ((AjvDraft04 as unknown as { default?: unknown }).default ?? AjvDraft04) as new (options: object) => { compile(schema: object): Validate };
const withFormats = ((addFormats as unknown as { default?: unknown }).default ?? addFormats) as (ajv: object) => void;

let validate: Validate | undefined;

/** Validates a parsed SARIF log against the SARIF 2.1.0 schema (formats included). */
export function sarifValidator(): Validate {
  if (!validate) {
    // the schema's patterns are not valid `u` regular expressions
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    withFormats(ajv);
    validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object);
  }
  return validate;
}
