/**
 * The task pane entry (shared runtime page, which also hosts the custom functions). Inside Excel it
 * mounts the pane; opened elsewhere (a plain browser) it says so instead of failing.
 */
import { mountPane } from "./app";

function start(): void {
  const root = document.getElementById("app");
  if (!root) return;
  Office.onReady((info) => {
    const status = document.getElementById("status");
    if (info.host === Office.HostType.Excel) {
      status?.remove();
      mountPane(root);
    } else if (status) {
      status.textContent = "Open this add-in in Excel to use the pane (or run npm start for the workbook preview).";
    }
  });
}

start();
