// The one JSON Schema validator for schemas servers send (tool input and output schemas). It is the SDK's
// Ajv provider set up as the SDK sets it up (JSON Schema 2020-12, formats, all errors, lenient), except
// that `pattern` and `patternProperties` run with a time budget (util/pattern): Ajv's own RegExp would let
// a server's catastrophic pattern freeze the extension host while a person types an argument. A test
// that runs out of time counts as a match: the value is not judged here, and the server still checks it.
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/client/validators/ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { testRegExp } from './pattern';

const boundedRegExp = Object.assign(
  (pattern: string, flags: string) => {
    const re = new RegExp(pattern, flags);
    return { test: (s: string) => testRegExp(re, s) !== false };
  },
  { code: 'new RegExp' },
);

export function createSchemaValidator(): AjvJsonSchemaValidator {
  const ajv = new Ajv2020({ logger: false, strict: false, validateFormats: true, validateSchema: false, allErrors: true, code: { regExp: boundedRegExp } });
  addFormats(ajv);
  return new AjvJsonSchemaValidator(ajv as never);
}
