/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest"], "/node_modules/uuid/.+\\.js$": ["@swc/jest"] },
  // uuid (of thrift, of the Parquet writer) ships ES modules only, which Node 20 requires natively and jest does not.
  transformIgnorePatterns: ["/node_modules/(?!uuid/)"],
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  setupFiles: ["reflect-metadata"],
  testTimeout: 30000,
};
