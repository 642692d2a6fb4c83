/**
 * Builds the workbook preview into preview-dist/ (gitignored): the pane, the Excel API shim and
 * HyperFormula with every MARGIN function. HyperFormula is GPL-3.0 and a development dependency: it is
 * only ever bundled here, never into dist/ (the add-in) or dist/node (the library); a test checks.
 *
 *   npx webpack --config preview/webpack.config.js
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const root = path.resolve(__dirname, "..");

module.exports = () => ({
  mode: "production",
  context: root,
  devtool: false,
  entry: { preview: "./preview/main.ts" },
  output: { path: path.resolve(root, "preview-dist"), filename: "[name].js", clean: true },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: "ts-loader", options: { transpileOnly: true, configFile: path.resolve(root, "tsconfig.json"), compilerOptions: { noEmit: false } } },
      },
    ],
  },
  // Readable output and a fast build: the preview is a development tool.
  optimization: { minimize: false },
  plugins: [new HtmlWebpackPlugin({ filename: "index.html", template: "./preview/index.html", chunks: ["preview"] })],
  performance: { hints: false },
  stats: "errors-warnings",
});
