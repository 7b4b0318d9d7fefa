export * from './safe-xml-parser.js';
export * from './xsd-validator.js';
export * from './canonical-xml.js';
