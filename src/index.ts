/**
 * The calculation core's typed API: pure TypeScript, no Office, no DOM.
 */
export * from "./errors";
export * as money from "./money";
export * from "./instruments/cells";
export * from "./instruments/table";
export * from "./instruments/positions";
export * from "./params";
export * from "./account/health";
export * from "./models/normal";
export * from "./models/blackScholes";
export * from "./instruments/csv";
export * as scenario from "./models/scenario";
export * as regt from "./rules/regt/index";
export * as pm from "./rules/pm/index";
export * as pmCompare from "./rules/pm/compare";
export * as span from "./rules/span/index";
export * as crypto from "./rules/crypto/index";
export * from "./parameterSheet";
export * from "./report";
