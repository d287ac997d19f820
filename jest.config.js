// One Jest run for every tier: unit specs next to the code, e2e over HTTP on real databases,
// browser tests in Debian's Chromium. ESM throughout (NestJS 12 is ESM-only), so Jest runs with
// --experimental-vm-modules and ts-jest in useESM mode.
const esmTs = (tsconfig) => ({
  '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig, diagnostics: { warnOnly: false } }],
});
const moduleNameMapper = {
  '^@trame/shared$': '<rootDir>/shared/src/index.ts',
  '^@trame/shared/node$': '<rootDir>/shared/src/node/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const common = {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper,
  testEnvironment: 'node',
};

export default {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'shared',
      rootDir: '.',
      testMatch: ['<rootDir>/shared/src/**/*.spec.ts', '<rootDir>/test/shared/**/*.spec.ts'],
      transform: esmTs('<rootDir>/shared/tsconfig.json'),
    },
    {
      ...common,
      displayName: 'server',
      rootDir: '.',
      testMatch: ['<rootDir>/server/src/**/*.spec.ts', '<rootDir>/test/e2e/**/*.e2e.ts'],
      transform: esmTs('<rootDir>/server/tsconfig.spec.json'),
    },
    {
      ...common,
      displayName: 'browser',
      rootDir: '.',
      testMatch: ['<rootDir>/test/browser/**/*.browser.ts'],
      transform: esmTs('<rootDir>/test/browser/tsconfig.json'),
    },
  ],
};
