/** @type {import('jest').Config} */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] };

function project(name, testTimeout, extra = {}) {
  return {
    displayName: name,
    testEnvironment: 'node',
    transform,
    moduleFileExtensions: ['ts', 'js', 'json'],
    // Lazy `import('./x.js')` names the built file, as Node needs; in tests the source is x.ts.
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
    setupFilesAfterEnv: ['<rootDir>/tests/support/setup.ts'],
    // Jest 29 takes testTimeout only globally; the setup file applies this per project.
    globals: { LEADPACT_TEST_TIMEOUT_MS: testTimeout },
    ...extra,
  };
}

module.exports = {
  // The conformance suite's summary line: how many of the third-party clients' requests pass.
  reporters: ['default', '<rootDir>/tests/conformance/summary-reporter.cjs'],
  projects: [
    project('unit', 10_000),
    project('contract', 60_000),
    // Third-party clients (jsforce, @salesforce/core, newman) against the simulators.
    project('conformance', 120_000),
    project('integration', 120_000),
    project('e2e', 300_000),
    project('chaos', 600_000),
  ],
};
