// Transpile-only (swc): type-checking is `npm run typecheck`, run first by `npm test`.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022", keepClassNames: true } }] },
  setupFiles: ["<rootDir>/test/setup.js"],
  // Generous: the mutation and property tests take ~20 s each here, and this VM has been
  // measured running 2x slower for minutes at a time.
  testTimeout: 300000,
};
