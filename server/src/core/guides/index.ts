// The implementation guides as data, and what reads them: the linked schema (load.ts) and its
// lookups (lookups.ts), the loop state machine (walker.ts) and the validator over a segment
// stream (validate.ts). Pure core modules: no editor types, no file system (the schema is
// inlined by the bundler).
export * from './schema';
export * from './coverage';
export * from './load';
export * from './lookups';
export * from './packedCodes';
export * from './patterns';
export * from './walker';
export * from './validate';
export * from './checks';
