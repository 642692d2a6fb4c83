/**
 * Account health (SPEC §2): equity, free margin, margin level and status, required margin, FX margin,
 * pip value, stop-out price and margin call.
 */
import * as health from "../src/account/health";
import { num, optNum } from "./args";
import { type ExcelErrorValue, run } from "./excel";

/**
 * Account equity: balance + floating P&L + swap and fees.
 * @customfunction
 * @param balance Account balance (realised cash), in account currency.
 * @param [floatingPnl] Unrealised profit (+) or loss (−) of open positions. Default 0.
 * @param [swapAndFees] Accrued swap, financing and fees, signed (a cost is negative). Default 0.
 * @returns Equity in account currency.
 */
export function EQUITY(balance: unknown, floatingPnl?: unknown, swapAndFees?: unknown): number | ExcelErrorValue {
  return run(() => health.equity(num(balance, "balance"), optNum(floatingPnl, "floatingPnl", 0), optNum(swapAndFees, "swapAndFees", 0)));
}

/**
 * Free margin: equity − used margin, the amount available for new positions.
 * @customfunction
 * @param equity Account equity, in account currency.
 * @param usedMargin Margin held by open positions (≥ 0).
 * @returns Free margin in account currency.
 */
export function FREEMARGIN(equity: unknown, usedMargin: unknown): number | ExcelErrorValue {
  return run(() => health.freeMargin(num(equity, "equity"), num(usedMargin, "usedMargin")));
}

/**
 * Margin level: equity / used margin, as a fraction (5.25 = 525 %; format the cell as %). #DIV/0! when no margin is in use.
 * @customfunction
 * @param equity Account equity, in account currency.
 * @param usedMargin Margin held by open positions (> 0).
 * @returns Margin level as a fraction.
 */
export function MARGINLEVEL(equity: unknown, usedMargin: unknown): number | ExcelErrorValue {
  return run(() => health.marginLevel(num(equity, "equity"), num(usedMargin, "usedMargin")));
}

/**
 * Margin status for a margin level: "OK", "WARNING" (level ≤ warning), "MARGIN CALL" (≤ call) or "STOP OUT" (≤ stopOut).
 * @customfunction
 * @param level Margin level as a fraction (equity / used margin), e.g. MARGIN.MARGINLEVEL(...).
 * @param [warning] Warning level, fraction. Default 1.5 (150 %).
 * @param [call] Margin-call level, fraction. Default 1.0 (100 %).
 * @param [stopOut] Stop-out level, fraction. Default 0.3 (30 %). Must satisfy stopOut ≤ call ≤ warning.
 * @returns The status text.
 */
export function MARGINSTATUS(level: unknown, warning?: unknown, call?: unknown, stopOut?: unknown): string | ExcelErrorValue {
  const d = health.DEFAULT_THRESHOLDS;
  return run(() =>
    health.marginStatus(num(level, "level"), {
      warning: optNum(warning, "warning", d.warning),
      call: optNum(call, "call", d.call),
      stopOut: optNum(stopOut, "stopOut", d.stopOut),
    }),
  );
}

/**
 * Required margin of a position: |quantity| × contractSize × price × marginRate × toAccountRate (stocks, futures, CFDs, crypto).
 * @customfunction
 * @param quantity Position size in lots, contracts or shares; the sign is ignored.
 * @param contractSize Units per lot or contract (1 for shares, 100 for gold futures, 1000 for crude).
 * @param price Current price in the instrument's quote currency.
 * @param marginRate Margin rate as a fraction (0.05 = 5 %; 1/leverage for leveraged products).
 * @param [toAccountRate] Rate converting the quote currency into account currency. Default 1.
 * @returns Required margin in account currency.
 */
export function REQMARGIN(quantity: unknown, contractSize: unknown, price: unknown, marginRate: unknown, toAccountRate?: unknown): number | ExcelErrorValue {
  return run(() =>
    health.requiredMargin(
      num(quantity, "quantity"),
      num(contractSize, "contractSize"),
      num(price, "price"),
      num(marginRate, "marginRate"),
      optNum(toAccountRate, "toAccountRate", 1),
    ),
  );
}

/**
 * Margin of a currency pair: lots × contractSize × baseToAccountRate / leverage (margin is in the base currency, then converted).
 * @customfunction
 * @param lots Position size in lots; the sign is ignored.
 * @param contractSize Units of base currency per lot (100000 for a standard lot).
 * @param leverage Leverage, e.g. 100 for 1:100.
 * @param [baseToAccountRate] Price of the base currency in account currency (EUR/USD for EUR/JPY in a USD account). Default 1.
 * @returns Margin in account currency.
 */
export function FXMARGIN(lots: unknown, contractSize: unknown, leverage: unknown, baseToAccountRate?: unknown): number | ExcelErrorValue {
  return run(() =>
    health.fxMargin(num(lots, "lots"), num(contractSize, "contractSize"), num(leverage, "leverage"), optNum(baseToAccountRate, "baseToAccountRate", 1)),
  );
}

/**
 * Value of one pip: lots × contractSize × pipSize × quoteToAccountRate.
 * @customfunction
 * @param lots Position size in lots (signed; a short position's pip value is negative).
 * @param contractSize Units of base currency per lot (100000 for a standard lot).
 * @param pipSize Size of one pip in price units (0.0001, or 0.01 for JPY pairs).
 * @param [quoteToAccountRate] Rate converting the quote currency into account currency. Default 1.
 * @returns Value of one pip in account currency.
 */
export function PIPVALUE(lots: unknown, contractSize: unknown, pipSize: unknown, quoteToAccountRate?: unknown): number | ExcelErrorValue {
  return run(() =>
    health.pipValue(num(lots, "lots"), num(contractSize, "contractSize"), num(pipSize, "pipSize"), optNum(quoteToAccountRate, "quoteToAccountRate", 1)),
  );
}

/**
 * Price at which one open position is stopped out (equity / usedMargin = stopOut, margin held fixed): entry + (stopOut × usedMargin − balance) / (quantity × contractSize × rate). #N/A when never reached.
 * @customfunction
 * @param quantity Position size in lots or units, signed (long > 0, short < 0).
 * @param contractSize Units per lot or contract.
 * @param entryPrice Price at which the position was opened.
 * @param balance Account balance (equity at the entry price), in account currency.
 * @param usedMargin Margin held by the position (> 0).
 * @param [stopOut] Stop-out level as a fraction. Default 0.3 (30 %).
 * @param [quoteToAccountRate] Rate converting the quote currency into account currency. Default 1.
 * @returns The stop-out price.
 */
export function STOPOUTPRICE(
  quantity: unknown,
  contractSize: unknown,
  entryPrice: unknown,
  balance: unknown,
  usedMargin: unknown,
  stopOut?: unknown,
  quoteToAccountRate?: unknown,
): number | ExcelErrorValue {
  return run(() =>
    health.stopOutPrice(
      num(quantity, "quantity"),
      num(contractSize, "contractSize"),
      num(entryPrice, "entryPrice"),
      num(balance, "balance"),
      num(usedMargin, "usedMargin"),
      optNum(stopOut, "stopOut", health.DEFAULT_THRESHOLDS.stopOut),
      optNum(quoteToAccountRate, "quoteToAccountRate", 1),
    ),
  );
}

/**
 * Deposit needed after a margin call: 0 while equity ≥ maintenance margin, otherwise initial margin − equity.
 * @customfunction
 * @param equity Account equity.
 * @param initialMargin Initial margin requirement of the open positions.
 * @param maintenanceMargin Maintenance margin requirement (≤ initial).
 * @returns The deposit needed, in account currency.
 */
export function MARGINCALL(equity: unknown, initialMargin: unknown, maintenanceMargin: unknown): number | ExcelErrorValue {
  return run(() => health.marginCall(num(equity, "equity"), num(initialMargin, "initialMargin"), num(maintenanceMargin, "maintenanceMargin")));
}
