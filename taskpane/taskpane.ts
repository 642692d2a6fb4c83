/**
 * The task pane (shared runtime page). The pane itself is delivered by its own issue; this page
 * hosts the custom functions' runtime and says whether it is running inside Excel.
 */
Office.onReady((info) => {
  const status = document.getElementById("status");
  if (status) status.textContent = info.host === Office.HostType.Excel ? "Ready: type =MARGIN. in a cell." : "Open this add-in in Excel to use the pane.";
});
