export * from './common.js';
export * from './judicial-result.js';
export * from './defendant.js';
export * from './hearing.js';
