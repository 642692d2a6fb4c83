/** The preview page's own layout: the workbook on the left, the task pane on the right. */
export const PREVIEW_CSS = `
html, body { height: 100%; }
body { margin: 0; font-family: "Segoe UI", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif; }
.app { display: flex; height: 100vh; }
.book { flex: 1; min-width: 0; display: flex; flex-direction: column; border-right: 1px solid #d1d1d1; background: #fafafa; }
.bar { padding: 8px 12px; background: #0f6cbd; color: #fff; font-size: 14px; }
.bar small { opacity: .85; margin-left: 8px; }
.formula-bar { display: flex; gap: 8px; align-items: center; padding: 6px 8px; border-bottom: 1px solid #d1d1d1; background: #fff; }
.formula-bar output { min-width: 48px; font: 12px Consolas, monospace; border: 1px solid #d1d1d1; padding: 3px 6px; }
.formula-bar input { flex: 1; font: 12px Consolas, monospace; padding: 4px 6px; border: 1px solid #d1d1d1; }
.scroll { flex: 1; overflow: auto; }
table.sheet { border-collapse: collapse; table-layout: fixed; font-size: 12px; background: #fff; }
table.sheet th { background: #f0f0f0; color: #616161; font-weight: 400; border: 1px solid #d6d6d6; padding: 1px 4px; position: sticky; top: 0; }
table.sheet tbody th { position: sticky; left: 0; }
table.sheet td { border: 1px solid #e3e3e3; padding: 1px 4px; height: 18px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
table.sheet td.num { text-align: right; }
table.sheet td.error { color: #c50f1f; }
table.sheet td.selected { box-shadow: inset 0 0 0 2px #107c10; }
table.sheet td.validated::after { content: " ▾"; color: #888; font-size: 9px; }
#charts { display: flex; flex-wrap: wrap; gap: 12px; padding: 12px; }
figure.chart { margin: 0; }
figure.chart figcaption { font-size: 11px; color: #616161; }
.tabs { display: flex; gap: 2px; padding: 4px 8px; border-top: 1px solid #d1d1d1; background: #f0f0f0; overflow-x: auto; }
.tabs .tab { border: 1px solid #d1d1d1; background: #fafafa; padding: 4px 12px; font: inherit; font-size: 12px; cursor: pointer; }
.tabs .tab.active { background: #fff; border-bottom: 2px solid #107c10; font-weight: 600; }
.pane { flex: none; overflow-y: auto; background: #fff; box-shadow: -2px 0 6px rgba(0,0,0,.06); }
`;
