#!/usr/bin/env node
/**
 * `npm start`: the main job in one command.
 *  1. Serves the add-in over https on localhost:3000 for sideloading (webpack dev server, which builds
 *     it; its own self-signed certificate) and prints how to sideload manifest.xml.
 *  2. Builds the workbook preview (preview-dist/), serves it on http://127.0.0.1:3001 and opens it in a
 *     browser (xdg-open / open / start when present; otherwise just prints the URL): the task pane beside
 *     a computed example workbook, for when there is no Excel at hand.
 *
 * Environment: MARGIN_DESK_PORT (3000), MARGIN_DESK_PREVIEW_PORT (3001), MARGIN_DESK_NO_OPEN=1 (do not
 * open a browser), MARGIN_DESK_PREVIEW_ONLY=1 (skip the add-in server).
 * Ctrl+C stops both servers.
 */
const { spawn, spawnSync } = require("child_process");
const path = require("path");
const fs = require("fs");
const { serveStatic } = require("../preview/server.js");

const root = path.resolve(__dirname, "..");
const addinPort = Number(process.env.MARGIN_DESK_PORT || 3000);
const previewPort = Number(process.env.MARGIN_DESK_PREVIEW_PORT || 3001);
const webpackCli = path.join(root, "node_modules", "webpack", "bin", "webpack.js");
const children = [];

function say(line = "") {
  process.stdout.write(`${line}\n`);
}

function stopAll(code) {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

function startAddinServer() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [webpackCli, "serve", "--mode", "development", "--port", String(addinPort)], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let done = false;
    const finish = (ok, note) => {
      if (done) return;
      done = true;
      resolve({ ok, note });
    };
    const watch = (buf) => {
      if (done) return;
      const text = buf.toString();
      if (/compiled successfully|compiled with \d+ warning/i.test(text)) finish(true);
      else if (/compiled with \d+ error|Error:/.test(text)) {
        process.stderr.write(text);
        finish(false, "the add-in build reported errors (see above)");
      }
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.on("exit", (code) => finish(false, `the add-in server stopped (exit code ${code})`));
  });
}

function openInBrowser(url) {
  if (process.env.MARGIN_DESK_NO_OPEN === "1" || process.env.CI) return false;
  const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "cmd" : "xdg-open";
  const args = process.platform === "win32" ? ["/c", "start", "", url] : [url];
  const found = process.platform !== "linux" || spawnSync("sh", ["-c", "command -v xdg-open"], { stdio: "ignore" }).status === 0;
  if (!found) return false;
  try {
    const c = spawn(opener, args, { stdio: "ignore", detached: true });
    c.on("error", () => undefined);
    c.unref();
    return true;
  } catch {
    return false;
  }
}

async function main() {
  say("Margin Desk");
  say("===========");
  let addin = { ok: false, note: "skipped (MARGIN_DESK_PREVIEW_ONLY=1)" };
  const addinStarting = process.env.MARGIN_DESK_PREVIEW_ONLY === "1" ? Promise.resolve(addin) : startAddinServer();

  say("Building the workbook preview (preview-dist/) …");
  const build = spawnSync(process.execPath, [webpackCli, "--config", path.join("preview", "webpack.config.js")], { cwd: root, stdio: "inherit" });
  if (build.status !== 0 || !fs.existsSync(path.join(root, "preview-dist", "index.html"))) {
    say("The preview build failed (see above).");
    stopAll(1);
  }
  const preview = await serveStatic(path.join(root, "preview-dist"), previewPort).catch((e) => {
    say(`Could not serve the preview on port ${previewPort}: ${e.message}. Set MARGIN_DESK_PREVIEW_PORT to a free port.`);
    stopAll(1);
  });
  const previewUrl = `http://localhost:${preview.port}/`;

  addin = await addinStarting;
  say();
  if (addin.ok) {
    say(`Add-in:  https://localhost:${addinPort}/taskpane.html  (functions, functions.json, manifest.xml)`);
    say("  Sideload it into Excel:");
    say("  - Excel on the web: Home > Add-ins > More add-ins > Upload My Add-in > choose manifest.xml");
    say("    (first open https://localhost:" + addinPort + "/taskpane.html once and accept the self-signed certificate).");
    say("  - Windows or Mac desktop: npx office-addin-debugging start manifest.xml");
    say("  Then open the Margin Desk pane from the Home tab, or type =MARGIN. in a cell.");
  } else {
    say(`Add-in server: not running (${addin.note}).`);
  }
  say();
  say(`Preview: ${previewUrl}`);
  say("  The task pane beside a computed example workbook (formulas evaluated by HyperFormula with every");
  say("  MARGIN function). Add ?workbook=blank for an empty book, &pane=320 for a narrow pane.");
  if (openInBrowser(previewUrl)) say("  Opened it in your browser.");
  else say("  Open that address in a browser.");
  say();
  say("Ctrl+C stops everything.");
}

main().catch((e) => {
  say(`npm start failed: ${e && e.message ? e.message : e}`);
  stopAll(1);
});
