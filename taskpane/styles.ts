/**
 * The pane's own layout (Fluent components bring their own look). Adopted as a constructed
 * stylesheet, so no inline <style> is needed. Works from 320 px to 450 px wide: the form is a grid
 * whose columns wrap below 140 px each. The dialog is stacked above the accordion, whose heading
 * buttons (z-index 2 in Fluent) would otherwise show, and take clicks, over the modal overlay.
 */
export const PANE_CSS = `
:root { color-scheme: light; }
body { margin: 0; font-family: "Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif; font-size: 14px; color: #242424; background: #fff; }
.pane-header { padding: 12px 12px 4px; }
.pane-header h1 { font-size: 20px; font-weight: 600; margin: 0; color: #0f6cbd; }
.hint { color: #616161; font-size: 12px; margin: 4px 0 8px; line-height: 1.4; }
fluent-accordion-item::part(heading) { font-weight: 600; }
.section-body { display: flex; flex-direction: column; gap: 8px; padding: 4px 0 8px; min-width: 0; }
.form-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(128px, 1fr)); gap: 8px; align-items: end; }
.form-grid.three { grid-template-columns: repeat(3, minmax(0, 1fr)); }
.field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.field .label { font-size: 14px; line-height: 20px; }
fluent-text-field, fluent-select, fluent-text-area { width: 100%; min-width: 0; }
fluent-select { min-width: 0; }
fluent-text-field[aria-invalid="true"], fluent-select[aria-invalid="true"] { outline: 2px solid #c50f1f; outline-offset: 1px; border-radius: 4px; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 4px; }
.message p { margin: 4px 0 8px; padding: 6px 8px; border-radius: 4px; font-size: 13px; line-height: 1.4; overflow-wrap: anywhere; white-space: pre-line; }
.unsupported { margin: 8px 12px; padding: 8px; border-left: 3px solid #c50f1f; background: #fdf3f4; font-size: 13px; line-height: 1.4; }
.message .ok { background: #f1faf1; border-left: 3px solid #107c10; }
.message .error { background: #fdf3f4; border-left: 3px solid #c50f1f; }
.message .info { background: #f5f5f5; border-left: 3px solid #616161; }
.dialog-body { padding: 16px; }
.dialog-body h2 { font-size: 16px; margin: 0 0 8px; }
.dialog-body ul { margin: 4px 0 12px; padding-left: 20px; font-family: Consolas, monospace; overflow-wrap: anywhere; }
fluent-dialog { --dialog-width: 300px; --dialog-height: auto; position: relative; z-index: 100; }
`;
