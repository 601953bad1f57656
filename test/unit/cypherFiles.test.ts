import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CypherFiles } from "../../src/db/cypherFiles";
import { SCHEMA_STATEMENTS, STATEMENT_NAMES } from "../../src/db/statements";
import { cypherDir, packageRoot } from "../../src/paths";

// The real cypher/ folder against the code that names its files.

const srcDir = path.join(packageRoot, "src");

function typeScriptFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "__generated__" ? [] : typeScriptFilesUnder(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const srcFiles = typeScriptFilesUnder(srcDir).map((file) => ({
  file: path.relative(packageRoot, file),
  source: readFileSync(file, "utf8"),
}));

/**
 * Statement names passed as string literals to `.read(…)`, `.write(…)` or `.run(…)`: every literal in the
 * first argument, so `read(forward ? "user.page-forward" : "user.page-backward", …)` yields both.
 */
function statementNamesCalledInSrc(): Map<string, string[]> {
  const called = new Map<string, string[]>();
  for (const { file, source } of srcFiles) {
    for (const call of source.matchAll(/\.(?:read|write|run)\(\s*([^,)]*)/g)) {
      for (const literal of (call[1] ?? "").matchAll(/["'`]([^"'`]+)["'`]/g)) {
        const name = literal[1] as string;
        called.set(name, [...(called.get(name) ?? []), file]);
      }
    }
  }
  return called;
}

/** Whether `name` appears as a whole string literal somewhere in src/ (a call, or a table of names). */
function isNamedInSrc(name: string): boolean {
  return srcFiles.some(({ source }) => ['"', "'", "`"].some((quote) => source.includes(`${quote}${name}${quote}`)));
}

/** The text of a statement with `//` comments and string literals blanked out. */
function codeOnly(statement: string): string {
  return statement.replace(/\/\/[^\n]*|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`/g, (match) =>
    match.startsWith("//") ? "" : "''",
  );
}

describe("the cypher/ folder", () => {
  const files = CypherFiles.load();
  const names = files.names();
  const called = statementNamesCalledInSrc();

  it("is found from the package root and holds statements and schema files", () => {
    expect(names).toContain("user.update");
    expect(files.namesUnder("schema").length).toBeGreaterThan(0);
  });

  it("the StatementName union lists exactly the files of cypher/, so a statement name is checked when typed", () => {
    expect([...STATEMENT_NAMES].sort()).toEqual(names);
    expect(new Set(STATEMENT_NAMES).size).toBe(STATEMENT_NAMES.length);
    expect(SCHEMA_STATEMENTS).toEqual(files.namesUnder("schema"));
  });

  it.each(names)("%s opens with // comment lines, then a statement", (name) => {
    const lines = files.get(name).split("\n");
    expect(lines[0]).toMatch(/^\/\/ \S/);
    const firstCode = lines.findIndex((line) => !line.startsWith("//"));
    expect(firstCode).toBeGreaterThan(0);
    expect(lines.slice(firstCode).join("\n").trim()).not.toBe("");
  });

  it.each(names)("%s holds exactly one statement (no ; outside comments and strings)", (name) => {
    expect(codeOnly(files.get(name))).not.toContain(";");
  });

  it.each(names.filter((name) => !name.startsWith("schema/")))(
    "%s is a statement that src/ names (no dead Cypher file)",
    (name) => {
      expect(isNamedInSrc(name)).toBe(true);
    },
  );

  it("every statement name that src/ runs exists as a Cypher file", () => {
    // The scan must see the calls, or this test proves nothing.
    expect(called.has("user.update")).toBe(true);
    expect(called.has("user.page-backward")).toBe(true);
    const missing = [...called].filter(([name]) => !names.includes(name)).map(([name, where]) => `${name} (${where.join(", ")})`);
    expect(missing).toEqual([]);
  });

  it("every statement-shaped string literal in src/db/ (tables of names included) exists as a Cypher file", () => {
    // src/db/ is the only code that names statements; there, "entity.verb-qualifier" literals are statement names.
    const literals = srcFiles
      .filter(({ file }) => file.startsWith(path.join("src", "db") + path.sep))
      .flatMap(({ file, source }) =>
        [...source.matchAll(/["'`]([a-z][a-z0-9-]*\.[a-z][a-z0-9-]*)["'`]/g)].map((match) => ({ name: match[1] as string, file })),
      );
    expect(literals.map((literal) => literal.name)).toContain("user.create");
    expect(literals.filter(({ name }) => !names.includes(name))).toEqual([]);
  });

  it("the one-statement check would see a second statement, and not a ; inside a string or comment", () => {
    expect(codeOnly("// a; b\nRETURN ';' AS x, \"//;\" AS y")).not.toContain(";");
    expect(codeOnly("// header\nRETURN 1;\nRETURN 2")).toContain(";");
  });

  it("schema statements are idempotent (IF NOT EXISTS), since they run at every start-up", () => {
    for (const name of files.namesUnder("schema")) expect(codeOnly(files.get(name))).toMatch(/\bIF NOT EXISTS\b/);
  });

  it("returns a file's text as it is on disk", () => {
    expect(files.get("user.update")).toBe(readFileSync(path.join(cypherDir, "user.update.cypher"), "utf8"));
  });

  it("throws for an unknown name, naming the file it expected", () => {
    expect(() => files.get("user.nope")).toThrow('no Cypher file named "user.nope" (expected cypher/user.nope.cypher)');
  });

  it("lists the schema folder's names sorted, with the folder prefix", () => {
    const schema = files.namesUnder("schema");
    expect(schema).toEqual([...schema].sort());
    const onDisk = readdirSync(path.join(cypherDir, "schema")).filter((file) => file.endsWith(".cypher"));
    expect(schema).toEqual(onDisk.map((file) => `schema/${file.replace(/\.cypher$/, "")}`).sort());
  });
});

describe("CypherFiles.load on a folder of its own", () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "usergraph-cypher-"));
    mkdirSync(path.join(root, "schema", "deep"), { recursive: true });
    writeFileSync(path.join(root, "b.read.cypher"), "// b\nRETURN 2");
    writeFileSync(path.join(root, "a.read.cypher"), "// a\nRETURN 1");
    writeFileSync(path.join(root, "notes.md"), "not a statement");
    writeFileSync(path.join(root, "schema", "x.cypher"), "// x\nRETURN 3");
    writeFileSync(path.join(root, "schema", "deep", "y.cypher"), "// y\nRETURN 4");
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("names files by their relative path with / and without the extension, ignoring other files", () => {
    const files = CypherFiles.load(root);
    expect(files.names()).toEqual(["a.read", "b.read", "schema/deep/y", "schema/x"]);
    expect(files.get("schema/deep/y")).toBe("// y\nRETURN 4");
    expect(files.namesUnder("schema")).toEqual(["schema/deep/y", "schema/x"]);
    expect(files.namesUnder("sch")).toEqual([]);
  });
});
