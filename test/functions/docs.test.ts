import fs from "fs";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { render, OUT } = require("../../scripts/gen-docs.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadMetadata } = require("../../scripts/metadata.js");

test("docs/functions.md is generated from the current metadata (run `npm run docs` if this fails)", async () => {
  const expected = render(await loadMetadata());
  expect(fs.readFileSync(OUT, "utf8")).toBe(expected);
}, 60_000);
