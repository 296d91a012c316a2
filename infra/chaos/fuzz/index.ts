export { fuzzEvents, DEFAULT_FUZZ_WEIGHTS, type FuzzOptions } from './fuzz-events';
export { FUZZ_MUTATIONS, FuzzHeaders, type FuzzExpectation, type FuzzItem, type FuzzMutation, type PublishedMessage } from './fuzz-item';
export { FUZZED_TOPICS, baseEventsOf } from './base-events';
export { MAX_FUZZ_VALUE_BYTES } from './bad-event-arbitraries';
export { fieldsOf, type FieldSpec } from './schema-fields';
