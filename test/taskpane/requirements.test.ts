/**
 * Real-Excel fidelity of the pane's Excel calls: every Excel JavaScript API member the glue uses
 * (taskpane/actions.ts) is resolved by the TypeScript checker to its declaration in @types/office-js,
 * whose documentation names the requirement set that introduced it ("[Api set: ExcelApi 1.8]"). The pane
 * checks ExcelApi REQUIRED_EXCEL_API at run time (taskpane/requirements.ts), so no member may need more;
 * and a member without a numbered ExcelApi set (preview-only or ExcelApiOnline) is refused outright.
 */
import path from "path";
import ts from "typescript";
import { REQUIRED_EXCEL_API, excelApiSupported } from "../../taskpane/requirements";

const ROOT = path.resolve(__dirname, "../..");
const GLUE = ["taskpane/actions.ts"].map((f) => path.join(ROOT, f));

const version = (v: string) => v.split(".").map(Number);
const atMost = (v: string, max: string) => {
  const [a, b] = [version(v), version(max)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  return true;
};

interface Use {
  member: string;
  set: string;
  where: string;
}

/** Every property access in the glue whose declaration lives in namespace Excel, with its API set. */
function excelMembersUsed(): Use[] {
  const program = ts.createProgram(GLUE, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    types: ["office-js"],
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  for (const file of GLUE) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`cannot read ${file}`);
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const decl = symbol?.declarations?.[0];
        const parent = decl?.parent;
        const owner = parent && (ts.isClassDeclaration(parent) || ts.isInterfaceDeclaration(parent)) ? parent.name?.text : undefined;
        const inExcel = decl && /office-js/.test(decl.getSourceFile().fileName) && owner !== undefined && isInNamespace(decl, "Excel");
        if (inExcel && symbol) {
          const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)) + symbol.getJsDocTags().map((t) => ts.displayPartsToString(t.text)).join(" ");
          // The collection plumbing (load, items) and RequestContext.workbook carry no set: they are ExcelApi 1.1.
          const base = ["load", "items", "toJSON", "set"].includes(node.name.text) || owner === "RequestContext";
          const m = base ? ["", "1.1"] : /Api set: ExcelApi (\d+\.\d+)/.exec(doc);
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          uses.push({ member: `${owner}.${node.name.text}`, set: m ? m[1] : "none", where: `${path.relative(ROOT, file)}:${line + 1}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

function isInNamespace(node: ts.Node, name: string): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isModuleDeclaration(n) && n.name.text === name) return true;
  }
  return false;
}

test(`every Excel API member the glue calls exists in ExcelApi ${REQUIRED_EXCEL_API} or earlier`, () => {
  const uses = excelMembersUsed();
  // The scan sees the calls that matter (so the test cannot pass by seeing nothing).
  const seen = new Set(uses.map((u) => u.member));
  for (const m of ["Range.dataValidation", "DataValidation.rule", "ConditionalFormatCollection.add", "ChartSeries.setXAxisValues", "TableRowCollection.add", "NamedItem.formula", "ChartCollection.add"]) {
    expect({ member: m, seen: seen.has(m) }).toEqual({ member: m, seen: true });
  }
  const tooNew = uses.filter((u) => u.set === "none" || !atMost(u.set, REQUIRED_EXCEL_API));
  expect(tooNew).toEqual([]);
  // The highest set used is exactly the one checked at run time (no stale, higher requirement either).
  const highest = uses.map((u) => u.set).reduce((a, b) => (atMost(a, b) ? b : a), "1.1");
  expect(highest).toBe(REQUIRED_EXCEL_API);
});

test("the run-time check asks Office for the ExcelApi set, and passes outside Office", () => {
  const g = globalThis as { Office?: unknown };
  const saved = g.Office;
  try {
    g.Office = undefined;
    expect(excelApiSupported()).toBe(true);
    const asked: [string, string | undefined][] = [];
    g.Office = { context: { requirements: { isSetSupported: (n: string, v?: string) => (asked.push([n, v]), v === "1.7") } } };
    expect(excelApiSupported()).toBe(false);
    expect(asked).toEqual([["ExcelApi", REQUIRED_EXCEL_API]]);
  } finally {
    g.Office = saved;
  }
});
