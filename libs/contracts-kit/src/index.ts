export * from './adapter.js';
export * from './paths.js';
export * from './registry.js';
export * from "./partner-config.js";
