/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.[tj]sx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
  // office-addin-mock pulls two ESM-only packages; let ts-jest transform them.
  transformIgnorePatterns: ["/node_modules/(?!(strip-bom|uuid)/)"],
};
