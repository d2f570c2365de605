import type { PricingValue } from "../../db/schema";
import type { BookingRow } from "./bookings.repository";

/** Price snapshot at booking time; totals are rounded to cents (amounts have ≤ 2 decimals). */
export function priceSnapshot(pricing: PricingValue, quantity: number): BookingRow["price"] {
  if (pricing.model === "free") {
    return { model: "free", currency: null, amount_per_seat: 0, total: 0 };
  }
  return {
    model: "per_session",
    currency: pricing.currency,
    amount_per_seat: pricing.amount,
    total: Math.round(pricing.amount * quantity * 100) / 100,
  };
}
