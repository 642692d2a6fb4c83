/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.[tj]sx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
  // office-addin-mock pulls two ESM-only packages; let ts-jest transform them.
  // (They may sit nested, e.g. node_modules/@microsoft/app-manifest/node_modules/strip-bom.)
  setupFiles: ["<rootDir>/test/setup/fastCheck.ts"],
  reporters: ["default", "<rootDir>/test/setup/summaryReporter.js"],
  transformIgnorePatterns: ["^(?!.*/node_modules/(strip-bom|uuid)/).*/node_modules/"],
};
