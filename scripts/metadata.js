/**
 * Generates the custom functions' metadata (the same functions.json webpack writes) from the JSDoc tags
 * of the files listed in webpack.config.js. Used by the docs generator and the tests.
 */
const path = require("path");
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
const { FUNCTION_FILES } = require("../webpack.config.js");

async function loadMetadata() {
  const root = path.join(__dirname, "..");
  const files = FUNCTION_FILES.map((f) => path.resolve(root, f));
  const result = await generateCustomFunctionsMetadata(files, true);
  if (result.errors.length > 0) throw new Error("custom-functions metadata errors:\n" + result.errors.join("\n"));
  return JSON.parse(result.metadataJson);
}

module.exports = { loadMetadata };
