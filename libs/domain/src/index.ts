export * from './model/index.js';
export * from './errors/problem.js';
export * from './readers/hearing-resulted.reader.js';
export * from './routing/obligation.js';
export * from './routing/police.rule.js';
export * from './routing/derive-obligations.js';
export * from './ids/deterministic-id.js';
