/**
 * The manufacturing tier's section of `ground_truth.json`: the rules and
 * parameters behind the makers' data (QC rates and bands, losses, planning,
 * purchasing, costing, outside demand, terms), so a user can check what a
 * model recovers.
 *
 * @module
 */

import { COST_LAG_MONTHS } from "../../catalog/raw_materials.ts";
import type { RunContext } from "../../world/context.ts";
import {
  BATCH_QC,
  BLEND_LOSS,
  CCS_LIMITS,
  CHAIN_TERMS,
  FILL_LOSS,
  FILTER_LINES,
  KV100_BANDS,
  MAKER_PAYMENT_BEHAVIOUR,
  MAKER_TERMS,
  MATERIAL_POLICY,
  OUTSIDE_PRICE_BP,
  PLANNING,
  SHUTDOWN_WEEK,
  SHUTDOWN_WEEKS,
} from "./params.ts";

/** Everything the manufacturing tier injects, as a JSON-able object. */
export function manufacturingGroundTruth(ctx: RunContext): Record<string, unknown> {
  return {
    outsideShareOfUnits: ctx.options.manufacturing.outsideShare,
    chainOrders:
      "one maker sales order per Brightaxle purchase order to the maker, line for line at its transfer price; it ships so that it arrives on the DC's receipt day",
    qc: {
      rates: BATCH_QC,
      kv100BandsCst: KV100_BANDS,
      ccsLimits: CCS_LIMITS,
      rule:
        "released batches test inside the band of their grade; rejected batches fail one test; pReject applies to planned batches (a rush batch, made at short notice to cover a shipment, is released or reworked, never rejected)",
    },
    losses: { blend: BLEND_LOSS, fill: FILL_LOSS, filterScrap: FILTER_LINES.scrap },
    planning: { ...PLANNING, shutdownIsoWeek: SHUTDOWN_WEEK, shutdownWeeks: SHUTDOWN_WEEKS },
    purchasing: MATERIAL_POLICY,
    costing: {
      actual:
        "materials at the plant's moving-average purchase cost + standard conversion per unit",
      standard:
        "units × standard cost ex works (base cost × the month's cost factor at the planning FX rate, the price book's rule before freight)",
      standardMaterialPrice:
        `material price at the mean index of months m − ${COST_LAG_MONTHS.from} … m − ${COST_LAG_MONTHS.to}`,
      purchasePrice: "material price at the index of the order week (spot: + 8 %)",
    },
    outsidePriceAdjustBp: OUTSIDE_PRICE_BP,
    terms: { chain: CHAIN_TERMS, outside: MAKER_TERMS },
    paymentBehaviour: MAKER_PAYMENT_BEHAVIOUR,
    taxRule:
      "VAT/GST when plant and customer are in the same country (US: only fleets and industrial users pay sales tax); exports and intra-EU supplies carry none",
  };
}
