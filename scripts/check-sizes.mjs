// House rule (README "Code size"): a source file under src/ stays within 300 lines and a function
// within 50, so each has one role a reader can hold at once. `npm run lint` runs this; it names
// every offender with its line count and fails if there is one.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const ROOT = join(import.meta.dirname, "..");
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 50;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

function functionName(node) {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) {
    return parent.name.getText();
  }
  return "(anonymous)";
}

function oversizedFunctions(file, source) {
  const found = [];
  const lineOf = (pos) => source.getLineAndCharacterOfPosition(pos).line;
  const visit = (node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const lines = lineOf(node.getEnd()) - lineOf(node.getStart(source)) + 1;
      if (lines > MAX_FUNCTION_LINES)
        found.push(`${file}: ${functionName(node)} has ${lines} lines`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const problems = sourceFiles(join(ROOT, "src")).flatMap((path) => {
  const file = relative(ROOT, path);
  const text = readFileSync(path, "utf8");
  const lineCount = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  const kind = path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const fileProblem =
    lineCount > MAX_FILE_LINES ? [`${file}: ${lineCount} lines (at most ${MAX_FILE_LINES})`] : [];
  return [...fileProblem, ...oversizedFunctions(file, source)];
});

if (problems.length > 0) {
  console.error(`Over the size limits (functions ≤ ${MAX_FUNCTION_LINES} lines):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
