/** Jest in native ESM mode with @swc/jest (NestJS 12 is ESM-only; see docs/adr/0001). */
const swc = {
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/contracts', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/chaos/'],
  testTimeout: 60000,
  // Servers under test close in afterAll; a stray keep-alive socket must not hang CI.
  forceExit: true,
};
