
/**
 * Builds the add-in into dist/: the functions bundle with functions.json generated from the JSDoc tags
 * (custom-functions-metadata-plugin, which also inserts the CustomFunctions.associate calls), the task
 * pane (the shared runtime page that loads both), the manifest with its URLs rewritten for production,
 * and the icons. The Node library is built separately by `tsc -p tsconfig.lib.json` into dist/node.
 *
 * Production base URL: set MARGIN_DESK_URL (e.g. https://addin.example.com/margin-desk/) when building;
 * the default keeps https://localhost:3000/ for sideloading.
 */
const path = require("path");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const PORT = 3000;

/** Every file whose exported functions carry @customfunction tags, in the reference's order. */
const FUNCTION_FILES = [
  "./functions/account.ts",
  "./functions/pricing.ts",
  "./functions/regt.ts",
  "./functions/pm.ts",
  "./functions/span.ts",
  "./functions/crypto.ts",
];

/** The manifest with every development URL replaced by the production base URL. */
function rewriteManifest(content, baseUrl) {
  return content.split(DEV_URL).join(baseUrl).split(new URL(DEV_URL).origin).join(new URL(baseUrl).origin);
}

function productionUrl() {
  const url = process.env.MARGIN_DESK_URL || DEV_URL;
  if (!/^https:\/\//.test(url)) throw new Error(`MARGIN_DESK_URL must be an https URL, got ${url}`);
  return url.endsWith("/") ? url : url + "/";
}

module.exports = (env, argv) => {
  const dev = argv.mode !== "production";
  const baseUrl = dev ? DEV_URL : productionUrl();
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./functions/entry.ts",
      taskpane: "./taskpane/taskpane.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: { keep: /^node\// },
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.json", compilerOptions: { noEmit: false } } },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTION_FILES }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev ? content : rewriteManifest(content.toString(), baseUrl)),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: "https",
      port: PORT,
      hot: false,
      liveReload: false,
      client: false,
    },
    performance: { hints: false },
  };
};

module.exports.FUNCTION_FILES = FUNCTION_FILES;
module.exports.rewriteManifest = rewriteManifest;
