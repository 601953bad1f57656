/** @jest-config-loader esbuild-register */
// Node 20 cannot load a TypeScript config by itself; the docblock above tells Jest to compile this file
// with esbuild-register instead of its default loader, ts-node, which the project does not install.
import type { Config } from "jest";

const config: Config = {
  preset: "ts-jest",
  // jose is published as ES modules only. Node 20.19+ loads it with require(); jest's module loader does not,
  // so jest compiles it to CommonJS like our own files.
  transform: {
    "^.+/node_modules/jose/.+\\.js$": ["ts-jest", { tsconfig: { allowJs: true, module: "commonjs", target: "ES2022" } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // Integration tests share one Neo4j, started once for the whole run by the global setup.
  globalSetup: "<rootDir>/test/setup/globalSetup.ts",
  globalTeardown: "<rootDir>/test/setup/globalTeardown.ts",
  testTimeout: 60_000,
  // Each worker holds its own drivers to the one Neo4j; two keep a run quick without crowding it.
  maxWorkers: 2,
};

export default config;
