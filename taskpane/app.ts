/**
 * The task pane: position builder, scenario grid, margin summary and parameters sheet (SPEC §8).
 * `mountPane` builds the UI into a container; it talks to the workbook only through actions.ts,
 * which uses the `Excel` global (Office.js inside Excel, the HyperFormula shim in the preview).
 */
import { registerFluent } from "./fluent";
import { PANE_CSS } from "./styles";
import { el, selectField, setOptions, setValue, textField, valueOf } from "./dom";
import { plainError } from "./excelErrors";
import { type Outcome, appendPositions, listTables, writeParameters, writeScenarioGrid, writeSummary } from "./actions";
import {
  BASIS_LABELS,
  FIELDS_FOR_TYPE,
  InputProblem,
  type MarginBasis,
  POSITIONS_TABLE,
  POSITION_LISTS,
  fieldApplies,
  importFromPaste,
  priceMoves,
  rowFromForm,
  volMoves,
} from "./layout";
import { UNSUPPORTED_MESSAGE, excelApiSupported } from "./requirements";
import { asNumber } from "../src/instruments/cells";

/** Form fields of the position builder: column name → [label, placeholder]. */
const POSITION_FIELDS: readonly [string, string, string][] = [
  ["Underlying", "Underlying", "AAPL, SPX, BTC"],
  ["Quantity", "Quantity", "-2 = short 2"],
  ["Strike", "Strike", "options: 180"],
  ["Expiry", "Expiry", "2027-12-17"],
  ["Price", "Price", "mark or premium"],
  ["UnderlyingPrice", "Underlying price", "190"],
  ["IV", "Implied vol", "0.25 or 25%"],
  ["Multiplier", "Multiplier", "100 options, else 1"],
  ["Symbol", "Symbol", "label, optional"],
  ["Leverage", "Leverage", "leveraged ETF: 2"],
];

const NONE = "-";

interface Section {
  item: HTMLElement;
  body: HTMLElement;
  message: HTMLElement;
}

/** A message area: where an action's outcome is said, right below the button that started it. */
const messageArea = (id: string) => el("div", { id, class: "message" });

/** An accordion section; its message area ends the body unless the caller places it elsewhere. */
function section(id: string, heading: string, expanded = false): Section {
  const message = messageArea(`${id}-message`);
  const body = el("div", { class: "section-body" }, message);
  const item = el("fluent-accordion-item", { id, expanded }, el("span", { slot: "heading" }, heading), body);
  return { item, body, message };
}

function say(area: HTMLElement, kind: "ok" | "error" | "info", text: string): void {
  const p = el("p", { class: kind, role: kind === "error" ? "alert" : "status" }, text);
  area.replaceChildren(p);
  // At 320 px the outcome can sit below the fold: bring it into view.
  area.scrollIntoView?.({ block: "nearest" });
}

/**
 * Where focus was, to put it back when a disabled button or a closed dialog dropped it on the page.
 * The Fluent button re-enables its inner button on its next update, so focus returns a task later.
 */
function keepFocus(): () => void {
  const had = document.activeElement;
  return () =>
    setTimeout(() => {
      const now = document.activeElement;
      // Lost: on the page itself, or left on a control of the dialog just hidden.
      const lost = now === null || now === document.body || now.closest("[hidden]") !== null;
      if (had instanceof HTMLElement && had !== document.body && had.isConnected && had.closest("[hidden]") === null && lost) had.focus();
    }, 0);
}

/** The confirmation dialog: resolves true when the user chooses Overwrite. */
function makeConfirm(root: HTMLElement): (question: string, ranges: string[]) => Promise<boolean> {
  const title = el("h2", { id: "confirm-title" }, "Overwrite cells?");
  const text = el("p", { id: "confirm-text" });
  const list = el("ul", { id: "confirm-ranges" });
  const yes = el("fluent-button", { id: "confirm-overwrite", appearance: "accent" }, "Overwrite");
  const no = el("fluent-button", { id: "confirm-cancel" }, "Cancel");
  const dialog = el(
    "fluent-dialog",
    { id: "confirm", hidden: true, modal: true, "trap-focus": true, "aria-labelledby": "confirm-title", "aria-describedby": "confirm-text" },
    el("div", { class: "dialog-body" }, title, text, list, el("div", { class: "actions" }, yes, no)),
  );
  root.append(dialog);
  return (question, ranges) =>
    new Promise<boolean>((resolve) => {
      const restoreFocus = keepFocus();
      text.textContent = question;
      list.replaceChildren(...ranges.map((r) => el("li", {}, r)));
      const done = (answer: boolean) => {
        yes.removeEventListener("click", onYes);
        no.removeEventListener("click", onNo);
        dialog.removeEventListener("dismiss", onNo);
        dialog.removeEventListener("keydown", onKey);
        (dialog as unknown as { hide(): void }).hide();
        restoreFocus();
        resolve(answer);
      };
      const onYes = () => done(true);
      const onNo = () => done(false);
      const onKey = (e: Event) => {
        if ((e as KeyboardEvent).key === "Escape") done(false);
      };
      yes.addEventListener("click", onYes);
      no.addEventListener("click", onNo);
      dialog.addEventListener("dismiss", onNo);
      dialog.addEventListener("keydown", onKey);
      (dialog as unknown as { show(): void }).show();
      // The safe choice has the focus.
      setTimeout(() => (no as HTMLElement).focus(), 0);
    });
}

export function mountPane(root: HTMLElement): void {
  registerFluent();
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(PANE_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const header = el(
    "header",
    { class: "pane-header" },
    el("h1", {}, "Margin Desk"),
    el("p", { class: "hint" }, "Margin mathematics as live MARGIN.* formulas."),
  );
  if (!excelApiSupported()) {
    root.append(header, el("p", { id: "unsupported", class: "unsupported", role: "alert" }, UNSUPPORTED_MESSAGE));
    root.setAttribute("data-ready", "true");
    return;
  }

  const confirm = makeConfirm(root);
  const buttons: HTMLElement[] = [];
  let busy = false;

  /** Runs one action: one at a time, buttons disabled meanwhile, the outcome said in plain words. */
  async function act(area: HTMLElement, action: () => Promise<Outcome | string>, onProblem?: (p: InputProblem) => void): Promise<void> {
    if (busy) return;
    busy = true;
    // Disabling the buttons drops the focus of the one pressed onto the page; it is put back after.
    const restoreFocus = keepFocus();
    buttons.forEach((b) => b.setAttribute("disabled", ""));
    say(area, "info", "Working…");
    try {
      const out = await action();
      if (typeof out === "string") say(area, "ok", out);
      else say(area, out.written ? "ok" : "info", out.message);
      await refreshTables();
    } catch (e) {
      const note = (e as { note?: unknown }).note;
      say(area, "error", `${plainError(e)}${typeof note === "string" ? ` ${note}` : ""}`);
      if (e instanceof InputProblem && onProblem) onProblem(e);
    } finally {
      busy = false;
      buttons.forEach((b) => b.removeAttribute("disabled"));
      restoreFocus();
    }
  }

  const button = (id: string, label: string, accent = true) => {
    const b = el("fluent-button", { id, appearance: accent ? "accent" : "neutral", type: "button" }, label);
    buttons.push(b);
    return b;
  };

  // ---- Positions --------------------------------------------------------------------------
  const pos = section("sec-positions", "Positions", true);
  const typeSel = selectField("pos-Type", "Type", [...POSITION_LISTS.Type.map((t) => [t, t] as [string, string])], "STOCK");
  const classSel = selectField("pos-Class", "Class", [[NONE, "Default"], ...POSITION_LISTS.Class.map((t) => [t, t] as [string, string])], NONE);
  const settleSel = selectField("pos-Settle", "Settle (crypto)", [[NONE, "None"], ...POSITION_LISTS.Settle.map((t) => [t, t] as [string, string])], NONE);
  const fields = new Map<string, HTMLElement>([
    ["Type", typeSel.select],
    ["Class", classSel.select],
    ["Settle", settleSel.select],
  ]);
  const grid = el("div", { class: "form-grid" }, typeSel.wrap);
  for (const [name, label, placeholder] of POSITION_FIELDS) {
    const f = textField(`pos-${name}`, label, { placeholder });
    fields.set(name, f);
    grid.append(f);
  }
  grid.append(classSel.wrap, settleSel.wrap);
  const addButton = button("add-position", "Add position");
  const typeHint = el("p", { id: "pos-type-hint", class: "hint", "aria-live": "polite" });
  const form = el(
    "form",
    { id: "position-form", "aria-label": "New position", "aria-describedby": "pos-type-hint", novalidate: true },
    grid,
    typeHint,
    el("div", { class: "actions" }, addButton),
  );

  // Fields the chosen type does not use are disabled (and never written); their text is kept for
  // when the type is switched back.
  const labels: [string, string][] = [...POSITION_FIELDS.map(([name, label]) => [name, label] as [string, string]), ["Class", "class"], ["Settle", "settlement currency"]];
  const applyType = () => {
    // Before the Fluent select has upgraded, its value reads "": the option selected at start is STOCK.
    const type = valueOf(typeSel.select) || "STOCK";
    const unused: string[] = [];
    for (const [name, label] of labels) {
      const f = fields.get(name);
      if (!f) continue;
      if (fieldApplies(type, name)) f.removeAttribute("disabled");
      else {
        f.setAttribute("disabled", "");
        f.removeAttribute("aria-invalid");
        unused.push(label.toLowerCase());
      }
    }
    typeHint.textContent = FIELDS_FOR_TYPE[type] && unused.length ? `A ${type} row has no ${unused.join(", ")}: those fields are greyed out.` : "";
  };
  typeSel.select.addEventListener("change", applyType);
  typeSel.select.addEventListener("input", applyType);
  applyType();

  const clearInvalid = () => fields.forEach((f) => f.removeAttribute("aria-invalid"));
  const markInvalid = (p: InputProblem) => {
    const f = p.field ? fields.get(p.field) : undefined;
    if (f) {
      f.setAttribute("aria-invalid", "true");
      f.focus();
    }
  };
  const readForm = (): Record<string, string> => {
    const out: Record<string, string> = {};
    fields.forEach((f, name) => {
      const v = valueOf(f);
      out[name] = v === NONE ? "" : v;
    });
    return out;
  };
  const addPosition = () => {
    clearInvalid();
    void act(
      pos.message,
      async () => appendPositions([rowFromForm(readForm())], confirm),
      markInvalid,
    );
  };
  addButton.addEventListener("click", addPosition);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    addPosition();
  });
  form.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.target as HTMLElement).tagName === "FLUENT-TEXT-FIELD") {
      e.preventDefault();
      addPosition();
    }
  });

  const paste = el("fluent-text-area", {
    id: "paste-rows",
    resize: "vertical",
    rows: "5",
    placeholder: "Underlying,Type,Quantity,Strike,Expiry,Price,UnderlyingPrice,IV\nAAPL,PUT,-2,180,2027-12-17,3.20,190,0.25",
  });
  paste.append(el("span", {}, "Paste rows (CSV or tab-separated, header row optional)"));
  const importButton = button("import-rows", "Import rows", false);
  const importMessage = messageArea("sec-import-message");
  importButton.addEventListener("click", () => {
    void act(importMessage, async () => {
      const { rows, ignored } = importFromPaste(valueOf(paste));
      const out = await appendPositions(rows, confirm);
      if (out.written) {
        setValue(paste, "");
        if (ignored.length) out.message += ` Columns left out: ${ignored.join(", ")}.`;
      }
      return out;
    });
  });
  pos.body.append(
    el("p", { class: "hint" }, "Adds rows to the Excel table Positions (created with SPEC headers and drop-down lists if absent). Every row is checked first."),
    form,
    pos.message,
    el("fluent-divider", {}),
    paste,
    el("p", { class: "hint" }, "Columns with other names (a statement's Description, Market value …) are left out."),
    el("div", { class: "actions" }, importButton),
    importMessage,
  );

  // ---- Scenario grid -----------------------------------------------------------------------
  const scen = section("sec-scenario", "Scenario grid");
  const scenTable = selectField("scen-table", "Positions table", [[POSITIONS_TABLE, POSITIONS_TABLE]], POSITIONS_TABLE);
  const from = textField("scen-from", "From", { value: "-15%", hint: "-15% or -0.15: a 15 % fall" });
  const to = textField("scen-to", "To", { value: "15%" });
  const step = textField("scen-step", "Step", { value: "3%" });
  const vols = textField("scen-vols", "Vol moves (vol points)", { value: "-5%, 0%, 5%", hint: "-5% (or -0.05) is 5 vol points down" });
  const scenFields = new Map<string, HTMLElement>([
    ["From", from],
    ["To", to],
    ["Step", step],
    ["VolMoves", vols],
  ]);
  const scenButton = button("write-scenario", "Write scenario grid");
  scenButton.addEventListener("click", () => {
    scenFields.forEach((f) => f.removeAttribute("aria-invalid"));
    void act(
      scen.message,
      async () =>
        writeScenarioGrid({
          table: valueOf(scenTable.select),
          priceMoves: priceMoves(valueOf(from), valueOf(to), valueOf(step)),
          volMoves: volMoves(valueOf(vols)),
        }),
      (p) => {
        const f = p.field ? scenFields.get(p.field) : undefined;
        f?.setAttribute("aria-invalid", "true");
        f?.focus();
      },
    );
  });
  scen.body.append(
    el("p", { class: "hint" }, "Writes a new sheet with one live =MARGIN.PMSCENARIO grid: price moves down, vol moves across, a colour scale, the worst cell marked and a line chart."),
    scenTable.wrap,
    el(
      "div",
      { role: "group", "aria-labelledby": "scen-moves-label", class: "field" },
      el("span", { id: "scen-moves-label", class: "label" }, "Price moves (% or fraction)"),
      el("div", { class: "form-grid three" }, from, to, step),
    ),
    vols,
    el("div", { class: "actions" }, scenButton),
    scen.message,
  );

  // ---- Margin summary ----------------------------------------------------------------------
  const sum = section("sec-summary", "Margin summary");
  const sumTable = selectField("sum-table", "Positions table", [[POSITIONS_TABLE, POSITIONS_TABLE]], POSITIONS_TABLE);
  const equity = textField("sum-equity", "Account equity", { value: "100000", inputmode: "decimal" });
  const basis = selectField(
    "sum-basis",
    "Margin level measured against",
    (Object.keys(BASIS_LABELS) as MarginBasis[]).map((k) => [k, BASIS_LABELS[k]] as [string, string]),
    "regtMaintenance",
  );
  const sumButton = button("write-summary", "Write margin summary");
  sumButton.addEventListener("click", () => {
    equity.removeAttribute("aria-invalid");
    void act(
      sum.message,
      async () => {
        let eq: number;
        try {
          eq = asNumber(valueOf(equity).replace(/[$\s]/g, ""), "Account equity");
        } catch {
          throw new InputProblem("Account equity: enter the account's equity as a number, e.g. 100000", "Equity");
        }
        return writeSummary({ table: valueOf(sumTable.select), equity: eq, basis: valueOf(basis.select) as MarginBasis }, confirm);
      },
      (p) => {
        if (p.field === "Equity") {
          equity.setAttribute("aria-invalid", "true");
          equity.focus();
        }
      },
    );
  });
  sum.body.append(
    el("p", { class: "hint" }, "Writes sheet Margin Summary: Reg T initial and maintenance, portfolio margin, crypto MMR / IMR / ratio when the table has crypto rows, margin level and status — all live formulas."),
    sumTable.wrap,
    equity,
    basis.wrap,
    el("p", { class: "hint" }, "A book with both securities and crypto rows: Reg T or PM is measured together with the crypto MMR."),
    el("div", { class: "actions" }, sumButton),
    sum.message,
  );

  // ---- Parameters --------------------------------------------------------------------------
  const par = section("sec-parameters", "Parameters");
  const parButton = button("write-parameters", "Write parameters sheet");
  parButton.addEventListener("click", () => void act(par.message, async () => writeParameters(confirm)));
  par.body.append(
    el("p", { class: "hint" }, "Writes every default parameter table to sheet Parameters as named ranges (REGT_PARAMS …). Grids and summaries written afterwards pass them as params, so editing a rate recalculates the book."),
    el("div", { class: "actions" }, parButton),
    par.message,
  );

  const accordion = el("fluent-accordion", { "expand-mode": "multi" }, pos.item, scen.item, sum.item, par.item);
  root.append(header, accordion);

  async function refreshTables(): Promise<void> {
    try {
      const tables = await listTables();
      const values = tables.length ? tables : [POSITIONS_TABLE];
      setOptions(scenTable.select, values, POSITIONS_TABLE);
      setOptions(sumTable.select, values, POSITIONS_TABLE);
    } catch {
      // The pickers keep their options; an action will report any real problem.
    }
  }
  void refreshTables();
  // A table the analyst made in Excel meanwhile shows up in the pickers when their section is opened.
  for (const item of [scen.item, sum.item]) {
    item.addEventListener("change", () => {
      if ((item as unknown as { expanded?: boolean }).expanded && !busy) void refreshTables();
    });
  }
  root.setAttribute("data-ready", "true");
}
