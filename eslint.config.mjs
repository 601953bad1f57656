// Lint with the recommended TypeScript rules, type-aware for the service's code, and keep the layers' borders:
// which folders may import the driver, Express, the stores and the error module.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const driver = { name: "neo4j-driver", message: "Only the driver boundary (src/db/database.ts, src/db/neo4jValues.ts) talks to neo4j-driver." };
const express = { name: "express", message: "Express belongs to src/rest/, src/http/ and src/server.ts." };
const subgraphInternals = { group: ["@apollo/subgraph/dist", "@apollo/subgraph/dist/*"], message: "Import @apollo/subgraph's public entry only." };
const stores = {
  group: ["**/db", "**/db/*"],
  message: "Resolvers, REST handlers and the domain reach the stores through services and loaders.",
};
const errorModule = {
  group: ["../errors", "**/errors"],
  message: "Stores return outcomes; services choose the client's error code.",
};

/** One no-restricted-imports rule per folder: flat config replaces a rule's options, it does not merge them. */
const restrict = (paths, patterns) => ["error", { paths, patterns }];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/__generated__/", ".neo4j/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.ts"],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/only-throw-error": "error",
      "no-restricted-imports": restrict([driver, express], [subgraphInternals]),
    },
  },
  { files: ["src/db/database.ts", "src/db/neo4jValues.ts"], rules: { "no-restricted-imports": restrict([express], [subgraphInternals]) } },
  {
    files: ["src/db/**/*.ts"],
    ignores: ["src/db/database.ts", "src/db/neo4jValues.ts"],
    rules: { "no-restricted-imports": restrict([driver, express], [subgraphInternals, errorModule]) },
  },
  { files: ["src/rest/**/*.ts"], rules: { "no-restricted-imports": restrict([driver], [subgraphInternals, stores]) } },
  { files: ["src/server.ts", "src/http/**/*.ts"], rules: { "no-restricted-imports": restrict([driver], [subgraphInternals]) } },
  {
    files: ["src/resolvers/**/*.ts", "src/domain/**/*.ts"],
    rules: { "no-restricted-imports": restrict([driver, express], [subgraphInternals, stores]) },
  },
  {
    files: ["test/**/*.ts", "scripts/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "no-restricted-imports": restrict([], [subgraphInternals]) },
  },
);
