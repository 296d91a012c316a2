import { schemaProblems } from './json-schema-check';
import { type JsonSchema } from './surface-schemas';

describe('schemaProblems', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      id: { type: 'string', pattern: '^case_[0-9]+$', description: 'annotations are skipped' },
      count: { type: 'integer', exclusiveMinimum: 0, maximum: 10 },
      tags: { type: 'array', maxItems: 2, items: { type: 'string', enum: ['a', 'b'] } },
    },
    required: ['id', 'count'],
  };

  it('accepts a value that meets every keyword', () => {
    expect(schemaProblems(schema, { id: 'case_1', count: 3, tags: ['a'] })).toEqual([]);
  });

  it('names each broken keyword with its path', () => {
    expect(schemaProblems(schema, { id: 'per_1', count: 0, tags: ['a', 'c', 'b'] })).toEqual([
      '$.id: must match ^case_[0-9]+$',
      '$.count: must be > 0',
      '$.tags: must have at most 2 items',
      '$.tags[1]: must be one of ["a","b"]',
    ]);
    expect(schemaProblems(schema, { count: 1.5 })).toEqual(['$.count: must be integer', '$: is missing required "id"']);
  });

  it('refuses a keyword it cannot check rather than passing it', () => {
    expect(() => schemaProblems({ type: 'string', contentEncoding: 'base64' }, 'x')).toThrow('keyword "contentEncoding" is not supported');
  });
});
