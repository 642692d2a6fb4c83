/**
 * Every custom function, by id. Each module's exported functions are named by their Excel id
 * (`MARGINLEVEL`), so this map is the same object Excel's `CustomFunctions.associate` receives.
 * A function module added here must also be listed in FUNCTION_FILES (webpack.config.js).
 */
import * as account from "./account";
import * as pricing from "./pricing";
import * as regt from "./regt";
import * as pm from "./pm";
import * as span from "./span";
import * as crypto from "./crypto";

export const customFunctions = { ...account, ...pricing, ...regt, ...pm, ...span, ...crypto } as const;
export type CustomFunctionId = keyof typeof customFunctions;
