/**
 * Fluent UI web components (v2, FAST-based): the Office look without a framework. Registered once;
 * the elements are keyboard-accessible (tab order, arrow keys in selects and the accordion, Esc in
 * the dialog) and their labels are wired to the inner controls.
 */
import {
  fluentAccordion,
  fluentAccordionItem,
  fluentButton,
  fluentDialog,
  fluentDivider,
  fluentOption,
  fluentSelect,
  fluentTextArea,
  fluentTextField,
  provideFluentDesignSystem,
} from "@fluentui/web-components";

let registered = false;

export function registerFluent(): void {
  if (registered) return;
  registered = true;
  provideFluentDesignSystem().register(
    fluentAccordion(),
    fluentAccordionItem(),
    fluentButton(),
    fluentDialog(),
    fluentDivider(),
    fluentOption(),
    fluentSelect(),
    fluentTextArea(),
    fluentTextField(),
  );
}
