/**
 * Account health (SPEC §2, seed 003): equity, free margin, margin level and status, required margin
 * for stocks, futures, FX and crypto, pip value, stop-out price and margin-call deposit.
 * Money arithmetic in decimal.js; results are plain numbers, not rounded.
 */
import { divError, naError, numError } from "../errors";
import { D, type Dec, dec, toNum } from "../money";

/** EQUITY: balance + floating P&L + swap and fees. */
export function equity(balance: number, floatingPnl = 0, swapAndFees = 0): number {
  return toNum(dec(balance).plus(floatingPnl).plus(swapAndFees));
}

/** FREEMARGIN: equity − used margin. */
export function freeMargin(equityValue: number, usedMargin: number): number {
  nonNegative(usedMargin, "usedMargin");
  return toNum(dec(equityValue).minus(usedMargin));
}

/** MARGINLEVEL: equity / used margin, as a fraction (5.25 = 525 %). */
export function marginLevel(equityValue: number, usedMargin: number): number {
  nonNegative(usedMargin, "usedMargin");
  if (usedMargin === 0) throw divError("usedMargin: no margin in use (used margin is 0), so the margin level is undefined");
  return toNum(dec(equityValue).div(usedMargin));
}

export type MarginStatus = "OK" | "WARNING" | "MARGIN CALL" | "STOP OUT";

export interface StatusThresholds {
  warning: number;
  call: number;
  stopOut: number;
}

export const DEFAULT_THRESHOLDS: StatusThresholds = { warning: 1.5, call: 1.0, stopOut: 0.3 };

/** MARGINSTATUS: the worst threshold the level has reached (level ≤ threshold). */
export function marginStatus(level: number, t: StatusThresholds = DEFAULT_THRESHOLDS): MarginStatus {
  nonNegative(t.stopOut, "stopOut");
  if (!(t.stopOut <= t.call)) throw numError(`call: ${t.call} is below stopOut ${t.stopOut}; thresholds must satisfy stopOut ≤ call ≤ warning`);
  if (!(t.call <= t.warning)) throw numError(`warning: ${t.warning} is below call ${t.call}; thresholds must satisfy stopOut ≤ call ≤ warning`);
  if (level <= t.stopOut) return "STOP OUT";
  if (level <= t.call) return "MARGIN CALL";
  if (level <= t.warning) return "WARNING";
  return "OK";
}

/** REQMARGIN: |quantity| × contract size × price × margin rate × conversion rate. */
export function requiredMargin(quantity: number, contractSize: number, price: number, marginRate: number, toAccountRate = 1): number {
  nonNegative(contractSize, "contractSize");
  nonNegative(price, "price");
  nonNegative(marginRate, "marginRate");
  positive(toAccountRate, "toAccountRate");
  return toNum(dec(quantity).abs().times(contractSize).times(price).times(marginRate).times(toAccountRate));
}

/** FXMARGIN: lots × contract size × base-to-account rate / leverage (margin in base currency, converted). */
export function fxMargin(lots: number, contractSize: number, leverage: number, baseToAccountRate = 1): number {
  nonNegative(contractSize, "contractSize");
  positive(leverage, "leverage");
  positive(baseToAccountRate, "baseToAccountRate");
  return toNum(dec(lots).abs().times(contractSize).times(baseToAccountRate).div(leverage));
}

/** PIPVALUE: lots × contract size × pip size × quote-to-account rate. */
export function pipValue(lots: number, contractSize: number, pipSize: number, quoteToAccountRate = 1): number {
  nonNegative(contractSize, "contractSize");
  positive(pipSize, "pipSize");
  positive(quoteToAccountRate, "quoteToAccountRate");
  return toNum(dec(lots).times(contractSize).times(pipSize).times(quoteToAccountRate));
}

/**
 * STOPOUTPRICE: the price at which equity / used margin falls to the stop-out level for one open
 * position, used margin held fixed: entry + (stopOut × usedMargin − balance) / (quantity × contractSize × rate).
 */
export function stopOutPrice(
  quantity: number,
  contractSize: number,
  entryPrice: number,
  balance: number,
  usedMargin: number,
  stopOut = DEFAULT_THRESHOLDS.stopOut,
  quoteToAccountRate = 1,
): number {
  if (quantity === 0) throw divError("quantity: no open position (quantity is 0), so there is no stop-out price");
  positive(contractSize, "contractSize");
  nonNegative(entryPrice, "entryPrice");
  positive(usedMargin, "usedMargin");
  nonNegative(stopOut, "stopOut");
  positive(quoteToAccountRate, "quoteToAccountRate");
  const exposure: Dec = dec(quantity).times(contractSize).times(quoteToAccountRate);
  const price = dec(entryPrice).plus(dec(stopOut).times(usedMargin).minus(balance).div(exposure));
  if (price.lte(0)) throw naError(`the stop-out level is never reached: the price would have to fall to ${price.toSignificantDigits(6)}`);
  return toNum(price);
}

/** MARGINCALL: 0 while equity ≥ maintenance; otherwise initial − equity (restores the initial requirement). */
export function marginCall(equityValue: number, initialMargin: number, maintenanceMargin: number): number {
  nonNegative(initialMargin, "initialMargin");
  nonNegative(maintenanceMargin, "maintenanceMargin");
  if (maintenanceMargin > initialMargin) {
    throw numError(`maintenanceMargin: ${maintenanceMargin} is above initialMargin ${initialMargin}`);
  }
  if (equityValue >= maintenanceMargin) return 0;
  return toNum(D.max(0, dec(initialMargin).minus(equityValue)));
}

function nonNegative(x: number, name: string): void {
  if (x < 0) throw numError(`${name}: ${x} cannot be negative`);
}

function positive(x: number, name: string): void {
  if (!(x > 0)) throw numError(`${name}: ${x} must be greater than zero`);
}
