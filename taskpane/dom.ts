/**
 * Building the pane's DOM without innerHTML: every piece of text (including anything read from the
 * workbook) goes in through textContent or attributes.
 */
type Attrs = Record<string, string | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: (Node | string)[]): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Attrs, ...children: (Node | string)[]): HTMLElement;
export function el(tag: string, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) e.append(typeof c === "string" ? document.createTextNode(c) : c);
  return e;
}

/** The value of a Fluent (or native) form control. */
export function valueOf(control: Element): string {
  const v = (control as unknown as { value?: unknown }).value;
  return typeof v === "string" ? v : "";
}

export function setValue(control: Element, value: string): void {
  (control as unknown as { value: string }).value = value;
}

/** A labelled text field; the label is slotted, so Fluent wires it to the inner input. */
export function textField(id: string, label: string, opts: { placeholder?: string; value?: string; hint?: string; inputmode?: string } = {}): HTMLElement {
  const f = el("fluent-text-field", {
    id,
    placeholder: opts.placeholder,
    value: opts.value,
    "data-field": id,
    title: opts.hint,
    inputmode: opts.inputmode,
    autocomplete: "off",
  });
  f.append(el("span", {}, label));
  return f;
}

/** A labelled Fluent select: a visible label element referenced by aria-labelledby. */
export function selectField(id: string, label: string, options: readonly [string, string][], value?: string): { wrap: HTMLElement; select: HTMLElement } {
  const labelId = `${id}-label`;
  const select = el("fluent-select", { id, "aria-labelledby": labelId, "data-field": id });
  for (const [v, text] of options) {
    const o = el("fluent-option", { value: v, selected: v === value }, text);
    select.append(o);
  }
  const wrap = el("div", { class: "field" }, el("label", { id: labelId, class: "label" }, label), select);
  return { wrap, select };
}

/** Replaces a select's options (e.g. the tables of the workbook), keeping the current value if present. */
export function setOptions(select: HTMLElement, values: string[], preferred: string): void {
  const current = valueOf(select) || preferred;
  select.replaceChildren(...values.map((v) => el("fluent-option", { value: v }, v)));
  const pick = values.includes(current) ? current : values.includes(preferred) ? preferred : values[0];
  if (pick !== undefined) setValue(select, pick);
}
