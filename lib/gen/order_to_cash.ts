/**
 * Order to cash between two companies, the same for every seller in the
 * chain (the distributor now; the makers next): an invoice line is shipped
 * quantity × the order line's price with its tax, the due date follows the
 * buyer's terms, and how the buyer pays is drawn once per invoice from a
 * payment behaviour — early with a discount, on time, late, in two parts, or
 * never (written off). Pure functions over integers; no I/O.
 *
 * @module
 */

import { lognormal } from "../core/dist.ts";
import type { Stream } from "../core/rng.ts";
import { taxOnNet } from "../core/money.ts";

/** How a buyer pays its invoices (shares of invoices; they need not sum to 1 — the rest pays on time). */
export interface PaymentBehaviour {
  /** Share of invoices paid early for the discount, where the terms offer one. */
  takeDiscount: number;
  /** Share paid late (days past due ~ lognormal with this median and sigma, at most `writeOffAfterDays`). */
  late: number;
  /** Share paid in two parts: half on the due day, the rest `partialSecondAfterDays` later. */
  partial: number;
  /** Share never paid: written off `writeOffAfterDays` past due. */
  writeOff: number;
  /** Median days past due of a late payment. */
  lateMedianDays: number;
  /** Sigma of the lognormal days past due. */
  lateSigma: number;
  /** Days between the two parts of a partial payment. */
  partialSecondAfterDays: number;
  /** Days past due at which an unpaid invoice is written off. */
  writeOffAfterDays: number;
}

/** Payment kinds, in code order. */
export const PAYMENT_KINDS = ["full", "partial", "early_discount", "write_off", "credit"] as const;
/** Codes of {@link PAYMENT_KINDS}. */
export const PaymentKind = {
  full: 0,
  partial: 1,
  earlyDiscount: 2,
  writeOff: 3,
  credit: 4,
} as const;

/** The net and tax of an invoice line: qty × unit price, and the tax on it at `rateBp`. */
export function invoiceLine(qty: number, unitPrice: number, rateBp: number): [number, number] {
  const net = qty * unitPrice;
  return [net, taxOnNet(net, rateBp)];
}

/** Up to two payments of one invoice (reused between calls: copy what you keep). */
export class PaymentPlan {
  /** Number of payments (0 … 2). */
  n = 0;
  /** Day of each payment (or write-off). */
  readonly day = new Int32Array(2);
  /** {@link PaymentKind} of each. */
  readonly kind = new Uint8Array(2);
  /** Amount received (or written off), minor units. */
  readonly amount = new Float64Array(2);
  /** Early-payment discount taken, minor units. */
  readonly discount = new Float64Array(2);

  private push(day: number, kind: number, amount: number, discount = 0): void {
    this.day[this.n] = day;
    this.kind[this.n] = kind;
    this.amount[this.n] = amount;
    this.discount[this.n] = discount;
    this.n++;
  }

  /**
   * Plans the payment of an invoice of `total` (with tax) dated `invoiceDay`,
   * due `termsDays` later; `discountBp` > 0 offers that discount within 10
   * days. Draws 0 … 3 of stream `s` at `row`. A buyer that always pays on the
   * due day (the retailer) passes `b` = null.
   */
  plan(
    s: Stream,
    row: number,
    invoiceDay: number,
    total: number,
    termsDays: number,
    discountBp: number,
    b: PaymentBehaviour | null,
  ): this {
    this.n = 0;
    const due = invoiceDay + termsDays;
    if (!b) {
      this.push(due, PaymentKind.full, total);
      return this;
    }
    const u = s.u01(row, 0);
    if (discountBp > 0 && u < b.takeDiscount) {
      const disc = Math.round((total * discountBp) / 10000);
      this.push(invoiceDay + 7 + s.int(row, 4, 1), PaymentKind.earlyDiscount, total - disc, disc);
      return this;
    }
    const v = s.u01(row, 2);
    if (v < b.writeOff) {
      this.push(due + b.writeOffAfterDays, PaymentKind.writeOff, total);
    } else if (v < b.writeOff + b.partial) {
      const first = Math.floor(total / 2);
      this.push(due, PaymentKind.partial, first);
      this.push(due + b.partialSecondAfterDays, PaymentKind.partial, total - first);
    } else if (v < b.writeOff + b.partial + b.late) {
      // A late payer pays by the write-off day at the latest (collections); after it the
      // account would be written off.
      const late = Math.min(
        b.writeOffAfterDays,
        Math.max(1, Math.round(lognormal(s, row, Math.log(b.lateMedianDays), b.lateSigma, 3))),
      );
      this.push(due + late, PaymentKind.full, total);
    } else {
      this.push(Math.max(invoiceDay, due - s.int(row, 5, 1)), PaymentKind.full, total);
    }
    return this;
  }
}
