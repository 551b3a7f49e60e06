/**
 * Returns of sales lines: decided at the sale, restocked on the return day.
 *
 * A line comes back with a probability by kind (lower on trade accounts),
 * after a lognormal delay of whole days moved on to the next open day, or back
 * to the last open day when the next would fall outside the 1–60-day window
 * (dropped when that is past the run's end); maybe only part of its quantity. Refunds
 * are the line's net and tax pro rata; the reason is drawn by filter or fluid.
 *
 * @module
 */

import { lognormal, weightedIndex } from "../../core/dist.ts";
import { isoWeekday } from "../../core/dates.ts";
import type { Stream } from "../../core/rng.ts";
import type { RunContext } from "../../world/context.ts";
import type { Assortment } from "./assortment.ts";
import type { RETURN_COLUMNS } from "./baskets.ts";
import type { Block } from "../../gen/block.ts";
import { CustomerType } from "./codes.ts";
import { RETURN_DRAW, returnRow } from "./draws.ts";
import {
  IS_FILTER,
  KINDS,
  RETURN_DELAY,
  RETURN_RATE,
  RETURN_REASON_FILTER,
  RETURN_REASON_FLUID,
  RETURN_TRADE_FACTOR,
} from "./params.ts";
import { SITE_ID_STRIDE, type Stock } from "./stock.ts";
import { cumulative, returnHours, secondOfDay, timestampMs } from "./timestamps.ts";

const CUM_REASON_FILTER = cumulative(RETURN_REASON_FILTER),
  CUM_REASON_FLUID = cumulative(RETURN_REASON_FLUID);

/** Probability that a returned line of several units brings back only some of them. */
const P_PARTIAL = 0.3;

/** The returns of one site; {@link seq} counts them over the site's life. */
export class Returns {
  /** Returns so far (the sequence of the last one). */
  seq = 0;

  /** Sets up the returns of a site; `s` is its returns stream, `open` tells its open day indices. */
  constructor(
    private readonly ctx: RunContext,
    private readonly a: Assortment,
    private readonly stock: Stock,
    private readonly siteId: number,
    private readonly online: boolean,
    private readonly open: (dayIndex: number) => boolean,
    private readonly s: Stream,
  ) {}

  /**
   * Decides whether line `j` (0-based) of the site's `txSeq`-th transaction
   * `txId`, sold on `day` (product index `p`, `q` units, amounts `net` and
   * `tax`, customer type `aud`) comes back; if so books the restock and writes
   * the return into `out` (when not null).
   */
  line(
    txSeq: number,
    txId: number,
    j: number,
    day: number,
    p: number,
    q: number,
    net: number,
    tax: number,
    aud: CustomerType,
    out: Block<typeof RETURN_COLUMNS> | null,
  ): void {
    const { ctx, s, a } = this;
    const rrow = returnRow(txSeq, j);
    const rate = RETURN_RATE[KINDS[a.kindOf[p]]] *
      (aud === CustomerType.Trade ? RETURN_TRADE_FACTOR : 1);
    if (!s.chance(rrow, rate, RETURN_DRAW.returned)) return;
    const delay = 1 + Math.min(
      RETURN_DELAY.maxDays - 1,
      Math.floor(
        lognormal(
          s,
          rrow,
          Math.log(RETURN_DELAY.medianDays),
          RETURN_DELAY.sigma,
          RETURN_DRAW.delay,
        ),
      ),
    );
    let rd = day + delay;
    while (rd <= ctx.end && !this.open(rd - ctx.start)) rd++;
    // The window is 1–60 days: past it, the last open day before the drawn one.
    if (rd > day + RETURN_DELAY.maxDays) {
      rd = day + delay;
      while (rd > day && !this.open(rd - ctx.start)) rd--;
    }
    if (rd <= day || rd > ctx.end) return;
    const rq = q > 1 && s.chance(rrow, P_PARTIAL, RETURN_DRAW.partial)
      ? 1 + s.int(rrow, q - 1, RETURN_DRAW.partialQty)
      : q;
    const seq = ++this.seq;
    this.stock.returnOn(rd, p, rq);
    if (!out) return;
    const cumR = IS_FILTER[a.kindOf[p]] ? CUM_REASON_FILTER : CUM_REASON_FLUID;
    const hours = returnHours(this.online, isoWeekday(rd));
    const sec = secondOfDay(s, rrow, hours, RETURN_DRAW.hour, RETURN_DRAW.second);
    const i = out.row(), c = out.cols;
    c.return_id[i] = this.siteId * SITE_ID_STRIDE + seq;
    c.transaction_id[i] = txId;
    c.line_number[i] = j + 1;
    c.site_id[i] = this.siteId;
    c.return_date[i] = rd;
    c.return_ts[i] = timestampMs(rd, sec);
    c.sku_id[i] = p + 1;
    c.qty[i] = rq;
    c.refund_amount[i] = Math.round(net * rq / q);
    c.refund_tax_amount[i] = Math.round(tax * rq / q);
    c.reason[i] = weightedIndex(cumR, s.u01(rrow, RETURN_DRAW.reason));
  }
}
