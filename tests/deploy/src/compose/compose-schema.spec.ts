import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { composeSpecSchema } from '../support/tools';
import { readCompose } from './compose-file';

describe('docker-compose.yml against the Compose specification', () => {
  const schema = composeSpecSchema();

  it('is a schema of the draft the validator implements', () => {
    // compose-go ships a 2020-12 schema: validated with draft-07 rules it would pass things it refuses.
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('parses and validates', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(readCompose());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refuses a file the specification refuses (the validator is not a no-op)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const compose = readCompose();
    const [first] = Object.keys(compose.services);
    expect(validate({ ...compose, services: { ...compose.services, [first as string]: { ...compose.services[first as string], restart: 42 } } })).toBe(false);
  });
});
