/**
 * MR8 borrowing (SPEC §6): the account's borrowing MMR (Σ over currencies with negative equity of
 * liability × MMR rate; see account.ts), shown on every unit's row for reference. It is not added to
 * the unit's MMR; the account adds it once to the total.
 */
import { type Dec } from "../../money";

/** MR8 of a unit: the account's borrowing MMR, unchanged. */
export function mr8Borrowing(accountBorrowingMmr: Dec): Dec {
  return accountBorrowingMmr;
}
