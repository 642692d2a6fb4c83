/**
 * Draws the preview workbook: sheet tabs, a grid with number formats, fonts, fills, table styling,
 * conditional formats (colour scales, top/bottom rules), data-validation hints, and the recorded charts
 * as SVG line charts. A formula bar shows and edits the selected cell. Text goes in via textContent.
 */
import { isoFromSerial } from "../src/instruments/cells";
import { type ChartModel, type ConditionalFormatModel, type Rect, type SheetModel, Workbook, colLetters, contains, key } from "./workbook";

// ---------------------------------------------------------------------------------------------
// Number formats


/** Excel-style display of a value under a number format (the subset the pane writes, plus General). */
export function formatValue(v: unknown, format = "General"): { text: string; red: boolean } {
  if (typeof v === "boolean") return { text: v ? "TRUE" : "FALSE", red: false };
  if (typeof v !== "number") return { text: v === null || v === undefined ? "" : String(v), red: false };
  const sections = format.split(";");
  let section = sections[0];
  let x = v;
  if (v < 0 && sections.length > 1) {
    section = sections[1];
    x = -v;
  } else if (v === 0 && sections.length > 2) section = sections[2];
  const red = /\[Red\]/i.test(section);
  section = section.replace(/\[[^\]]*\]/g, "");
  if (section === "General" || section === "") {
    const t = Math.abs(x) >= 1e11 || (Math.abs(x) < 1e-9 && x !== 0) ? x.toExponential(5) : String(Number(x.toPrecision(10)));
    return { text: t, red };
  }
  if (/[ymd]/i.test(section) && !/[0#]/.test(section)) return { text: isoFromSerial(x), red };
  const pattern = /[#0,.]+/.exec(section);
  if (!pattern) return { text: section.replace(/"/g, ""), red };
  const [prefix, suffix] = [section.slice(0, pattern.index), section.slice(pattern.index + pattern[0].length)].map((p) => p.replace(/"/g, ""));
  if (suffix.includes("%")) x *= 100;
  const decimals = (pattern[0].split(".")[1] ?? "").replace(/[^0#]/g, "").length;
  const thousands = pattern[0].includes(",");
  let body = x.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: thousands });
  if (body === "-0" || /^-0\.0*$/.test(body)) body = body.slice(1);
  return { text: `${prefix}${body}${suffix}`, red };
}

// ---------------------------------------------------------------------------------------------
// Conditional formats

function hexToRgb(h: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(h) ?? ["", "ffffff"];
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(a: string, b: string, t: number): string {
  const [x, y] = [hexToRgb(a), hexToRgb(b)];
  const c = x.map((v, i) => Math.round(v + (y[i] - v) * Math.min(1, Math.max(0, t))));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

interface CellLook {
  fill?: string;
  bold?: boolean;
  color?: string;
  border?: string;
  marks: string[];
}

function numbersIn(wb: Workbook, s: SheetModel, r: Rect): number[] {
  const out: number[] = [];
  for (let i = r.row; i < r.row + Math.min(r.rows, 500); i++) {
    for (let j = r.col; j < r.col + Math.min(r.cols, 50); j++) {
      const v = wb.value(s, i, j);
      if (typeof v === "number") out.push(v);
    }
  }
  return out;
}

function conditionalLook(wb: Workbook, s: SheetModel, cf: ConditionalFormatModel, row: number, col: number, look: CellLook): void {
  const v = wb.value(s, row, col);
  if (typeof v !== "number") return;
  const values = numbersIn(wb, s, cf.rect);
  if (values.length === 0) return;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const c = cf.colorScale?.criteria;
  if (cf.type === "ColorScale" && c?.minimum && c.maximum) {
    const point = (k: { type?: string; formula?: string | null } | undefined, dflt: number) => {
      if (!k) return dflt;
      if (k.type === "LowestValue") return min;
      if (k.type === "HighestValue") return max;
      if (k.type === "Number") return Number(k.formula);
      if (k.type === "Percentile" || k.type === "Percent") return min + ((max - min) * Number(k.formula)) / 100;
      return dflt;
    };
    const lo = point(c.minimum, min);
    const hi = point(c.maximum, max);
    if (c.midpoint) {
      const mid = Math.min(Math.max(point(c.midpoint, (lo + hi) / 2), lo), hi);
      look.fill =
        v <= mid
          ? mix(c.minimum.color ?? "#F8696B", c.midpoint.color ?? "#FFFFFF", mid === lo ? 1 : (v - lo) / (mid - lo))
          : mix(c.midpoint.color ?? "#FFFFFF", c.maximum.color ?? "#63BE7B", hi === mid ? 1 : (v - mid) / (hi - mid));
    } else {
      look.fill = mix(c.minimum.color ?? "#F8696B", c.maximum.color ?? "#63BE7B", hi === lo ? 0.5 : (v - lo) / (hi - lo));
    }
    look.marks.push("color-scale");
  }
  const tb = cf.topBottom;
  if (cf.type === "TopBottom" && tb?.rule) {
    const sorted = [...values].sort((a, b) => a - b);
    const n = tb.rule.type.endsWith("Percent") ? Math.max(1, Math.floor((values.length * tb.rule.rank) / 100)) : tb.rule.rank;
    const hit = tb.rule.type.startsWith("Bottom") ? v <= sorted[Math.min(n, sorted.length) - 1] : v >= sorted[sorted.length - Math.min(n, sorted.length)];
    if (hit) {
      if (tb.format.bold) look.bold = true;
      if (tb.format.color) look.color = tb.format.color;
      if (tb.format.fill) look.fill = tb.format.fill;
      const side = Object.values(tb.format.borders).find((b) => b.style);
      if (side) look.border = `2px solid ${side.color ?? "#000"}`;
      look.marks.push(tb.rule.type === "BottomItems" ? "bottom" : "top");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Charts

const SVG = "http://www.w3.org/2000/svg";
const PALETTE = ["#0F6CBD", "#C50F1F", "#107C10", "#8764B8", "#CA5010", "#038387", "#4F6BED", "#986F0B"];

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function rangeNumbers(wb: Workbook, ref: { sheet: SheetModel; rect: Rect }): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < ref.rect.rows; i++) {
    for (let j = 0; j < ref.rect.cols; j++) {
      const v = wb.value(ref.sheet, ref.rect.row + i, ref.rect.col + j);
      out.push(typeof v === "number" ? v : null);
    }
  }
  return out;
}

function drawChart(wb: Workbook, c: ChartModel): HTMLElement {
  const W = 520;
  const H = 300;
  const pad = { l: 70, r: 16, t: 36, b: 70 };
  const series = c.series.map((s) => ({ name: s.name, y: rangeNumbers(wb, s.values), x: s.x ? rangeNumbers(wb, s.x) : undefined }));
  const xs = series[0]?.x ?? series[0]?.y.map((_, i) => i + 1) ?? [];
  const ys = series.flatMap((s) => s.y).filter((v): v is number => v !== null);
  const root = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": c.title || c.name, class: "chart-svg" });
  root.append(svg("rect", { x: 0, y: 0, width: W, height: H, fill: "#fff", stroke: "#d1d1d1" }));
  root.append(svg("text", { x: W / 2, y: 22, "text-anchor": "middle", "font-size": 14, "font-weight": 600 }, c.title));
  if (ys.length && xs.length) {
    let lo = Math.min(...ys, 0);
    let hi = Math.max(...ys, 0);
    if (lo === hi) hi = lo + 1;
    const pw = W - pad.l - pad.r;
    const ph = H - pad.t - pad.b;
    const sx = (i: number) => pad.l + (xs.length === 1 ? pw / 2 : (i * pw) / (xs.length - 1));
    const sy = (v: number) => pad.t + ph - ((v - lo) / (hi - lo)) * ph;
    const span = hi - lo;
    lo -= span * 0.05;
    hi += span * 0.05;
    for (let k = 0; k <= 4; k++) {
      const v = lo + ((hi - lo) * k) / 4;
      root.append(svg("line", { x1: pad.l, x2: W - pad.r, y1: sy(v), y2: sy(v), stroke: "#eee" }));
      root.append(svg("text", { x: pad.l - 6, y: sy(v) + 4, "text-anchor": "end", "font-size": 10 }, formatValue(v, "#,##0").text));
    }
    if (lo < 0 && hi > 0) root.append(svg("line", { x1: pad.l, x2: W - pad.r, y1: sy(0), y2: sy(0), stroke: "#888" }));
    xs.forEach((x, i) => {
      if (xs.length > 12 && i % Math.ceil(xs.length / 12) !== 0) return;
      const label = typeof x === "number" && Math.abs(x) <= 1 ? formatValue(x, "0%").text : String(x ?? "");
      root.append(svg("text", { x: sx(i), y: pad.t + ph + 16, "text-anchor": "middle", "font-size": 10 }, label));
    });
    series.forEach((s, k) => {
      const pts = s.y.map((v, i) => (v === null ? null : `${sx(i).toFixed(1)},${sy(v).toFixed(1)}`)).filter(Boolean).join(" ");
      root.append(svg("polyline", { points: pts, fill: "none", stroke: PALETTE[k % PALETTE.length], "stroke-width": 2, "data-series": s.name }));
    });
    root.append(svg("text", { x: pad.l + pw / 2, y: pad.t + ph + 34, "text-anchor": "middle", "font-size": 11 }, c.categoryTitle));
    root.append(svg("text", { x: 14, y: pad.t + ph / 2, "text-anchor": "middle", "font-size": 11, transform: `rotate(-90 14 ${pad.t + ph / 2})` }, c.valueTitle));
    let lx = pad.l;
    series.forEach((s, k) => {
      root.append(svg("rect", { x: lx, y: H - 18, width: 12, height: 4, fill: PALETTE[k % PALETTE.length] }));
      root.append(svg("text", { x: lx + 16, y: H - 13, "font-size": 11 }, s.name));
      lx += 24 + s.name.length * 6.5;
    });
  }
  const fig = document.createElement("figure");
  fig.className = "chart";
  fig.setAttribute("data-chart", c.name);
  fig.append(root);
  const cap = document.createElement("figcaption");
  cap.textContent = `${c.type} chart “${c.name}”${c.position ? ` at ${c.position.from}${c.position.to ? `:${c.position.to}` : ""}` : ""}; ${c.series.length} series`;
  fig.append(cap);
  return fig;
}

// ---------------------------------------------------------------------------------------------
// The page

export interface View {
  render(): void;
  select(row: number, col: number): void;
}

export function mountWorkbookView(wb: Workbook, els: { tabs: HTMLElement; grid: HTMLElement; charts: HTMLElement; cellName: HTMLElement; formula: HTMLInputElement }): View {
  let selected = { row: 0, col: 0 };

  const sheet = () => wb.sheet(wb.activeSheet) ?? wb.sheets[0];

  function showSelection(): void {
    const s = sheet();
    if (!s) return;
    els.cellName.textContent = `${colLetters(selected.col)}${selected.row + 1}`;
    const f = wb.formula(s, selected.row, selected.col);
    els.formula.value = f === "" ? "" : String(f);
    els.grid.querySelectorAll("td.selected").forEach((td) => td.classList.remove("selected"));
    els.grid.querySelector(`td[data-cell="${colLetters(selected.col)}${selected.row + 1}"]`)?.classList.add("selected");
  }

  function render(): void {
    const s = sheet();
    els.tabs.replaceChildren(
      ...wb.sheets.map((x) => {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = x.name;
        b.className = x === s ? "tab active" : "tab";
        b.setAttribute("aria-pressed", x === s ? "true" : "false");
        b.addEventListener("click", () => {
          wb.activeSheet = x.name;
          selected = { row: 0, col: 0 };
          render();
        });
        return b;
      }),
    );
    if (!s) return;
    const used = wb.usedRect(s);
    const rows = Math.min(Math.max((used?.rows ?? 0) + 3, 24), 300);
    const cols = Math.min(Math.max((used?.cols ?? 0) + 2, 10), 60);
    const tables = wb.tables.filter((t) => t.sheet === s);
    const table = document.createElement("table");
    table.className = "sheet";
    table.setAttribute("data-sheet", s.name);
    const colgroup = document.createElement("colgroup");
    const rowHead = document.createElement("col");
    rowHead.style.width = "40px";
    colgroup.append(rowHead);
    let total = 40;
    for (let c = 0; c < cols; c++) {
      const col = document.createElement("col");
      const px = Math.round((s.columnWidths.get(c) ?? 64) * 1.33);
      total += px;
      col.style.width = `${px}px`;
      colgroup.append(col);
    }
    table.style.width = `${total}px`;
    table.append(colgroup);
    const head = document.createElement("tr");
    head.append(document.createElement("th"));
    for (let c = 0; c < cols; c++) {
      const th = document.createElement("th");
      th.textContent = colLetters(c);
      head.append(th);
    }
    const thead = document.createElement("thead");
    thead.append(head);
    table.append(thead);
    const tbody = document.createElement("tbody");
    for (let r = 0; r < rows; r++) {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.textContent = String(r + 1);
      tr.append(th);
      for (let c = 0; c < cols; c++) {
        const td = document.createElement("td");
        const a1 = `${colLetters(c)}${r + 1}`;
        td.setAttribute("data-cell", a1);
        const v = wb.value(s, r, c);
        const f = wb.format(s, r, c);
        const shown = formatValue(v, f.numberFormat);
        td.textContent = shown.text;
        const look: CellLook = { marks: [] };
        const t = tables.find((x) => contains(x.rect, r, c));
        if (t) {
          if (r === t.rect.row) {
            look.fill = "#0F6CBD";
            look.color = "#FFFFFF";
            look.bold = true;
            td.classList.add("table-header");
          } else if ((r - t.rect.row) % 2 === 1) look.fill = "#EBF3FC";
          td.setAttribute("data-table", t.name);
        }
        if (f.fill) look.fill = f.fill;
        if (f.bold) look.bold = true;
        if (f.color) look.color = f.color;
        for (const cf of s.conditionalFormats) if (contains(cf.rect, r, c)) conditionalLook(wb, s, cf, r, c, look);
        if (shown.red) look.color = "#C50F1F";
        if (look.fill) td.style.background = look.fill;
        if (look.color) td.style.color = look.color;
        if (look.bold) td.style.fontWeight = "700";
        if (f.italic) td.style.fontStyle = "italic";
        if (f.size) td.style.fontSize = `${Math.round(f.size * 1.1)}px`;
        if (look.border) td.style.outline = look.border;
        if (look.marks.length) td.setAttribute("data-cf", look.marks.join(" "));
        if (typeof v === "number") td.classList.add("num");
        if (typeof v === "string" && v.startsWith("#")) {
          td.classList.add("error");
          const msg = wb.errorMessage(s, r, c);
          if (msg) td.title = msg;
        }
        const dv = s.validations.find((x) => contains(x.rect, r, c));
        if (dv) {
          td.classList.add("validated");
          const list = dv.rule.list as { source?: string } | undefined;
          td.title = list?.source ? `List: ${list.source}` : "Data validation";
        }
        td.addEventListener("click", () => {
          selected = { row: r, col: c };
          showSelection();
        });
        tr.append(td);
      }
      tbody.append(tr);
    }
    table.append(tbody);
    els.grid.replaceChildren(table);
    els.charts.replaceChildren(...s.charts.map((c) => drawChart(wb, c)));
    showSelection();
    void key;
  }

  els.formula.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    const s = sheet();
    if (!s) return;
    const text = els.formula.value;
    const n = Number(text);
    const content = text === "" ? null : text.startsWith("=") ? text : text.trim() !== "" && Number.isFinite(n) ? n : text;
    wb.setContents(s, selected.row, selected.col, [[content]]);
    wb.changed();
  });

  wb.onChange(render);
  return {
    render,
    select(row: number, col: number) {
      selected = { row, col };
      showSelection();
    },
  };
}
