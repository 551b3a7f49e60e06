/**
 * The `--faults` spec: which data-quality faults to inject, into which
 * tables, at which rates.
 *
 * Syntax: `TABLE:KIND=RATE[,KIND=RATE…][;TABLE:…]`, rates in [0, 1] (the
 * share of the table's rows that get the fault), e.g.
 * `retail_transactions:null=0.001,typo=0.001;retail_customers:duplicate=0.01`.
 * Each kind has one documented target per table (see {@link FAULT_TARGETS}).
 *
 * @module
 */

/** The kinds of fault. */
export const FAULT_KINDS = [
  "null",
  "duplicate",
  "late",
  "unit",
  "typo",
  "orphan",
  "out_of_order",
] as const;

/** A kind of fault. */
export type FaultKind = typeof FAULT_KINDS[number];

/** Where a kind of fault goes in a table, what it does, and which check reports it. */
export interface FaultTarget {
  /** Column changed (the whole row for duplicates). */
  column: string;
  /** What the fault does, in a sentence. */
  effect: string;
  /** The validate check meant to report it. */
  check: string;
}

/** Every supported (table, kind): its column, effect and the check that reports it. */
export const FAULT_TARGETS: Record<string, Partial<Record<FaultKind, FaultTarget>>> = {
  retail_transactions: {
    null: {
      column: "payment_type",
      effect: "payment_type is null (a non-null column)",
      check: "schema.retail_transactions",
    },
    typo: {
      column: "channel",
      effect: "two adjacent letters of channel are swapped (in_store → in_sotre)",
      check: "quality.categorical_values",
    },
    late: {
      column: "transaction_ts",
      effect: "the basket was recorded 1–3 days after its business day (transaction_ts moves on)",
      check: "quality.basket_time_on_business_day",
    },
    out_of_order: {
      column: "transaction_ts",
      effect:
        "two consecutive baskets of a site on one day swap timestamps (ids no longer follow time)",
      check: "quality.basket_ids_follow_time",
    },
  },
  retail_customers: {
    duplicate: {
      column: "*",
      effect: "the customer's row is written twice",
      check: "primary_key.retail_customers",
    },
    orphan: {
      column: "segment_id",
      effect: "segment_id points to a geo segment that does not exist",
      check: "foreign_key.retail_customers.segment_id",
    },
  },
  customer_vehicles: {
    unit: {
      column: "odometer_km",
      effect: "odometer written in metres instead of km (× 1000; readings of 2,000 km or more)",
      check: "quality.odometer_range",
    },
  },
};

/** A parsed spec: table → kind → rate. */
export type FaultSpec = Record<string, Partial<Record<FaultKind, number>>>;

/** An error in a spec, worded for the `--faults` flag. */
export class FaultSpecError extends Error {
  /** Wraps a one-line message. */
  constructor(message: string) {
    super(message);
    this.name = "FaultSpecError";
  }
}

function supported(): string {
  return Object.entries(FAULT_TARGETS).map(([t, ks]) => `${t}:${Object.keys(ks).join("|")}`)
    .join("; ");
}

/** Parses a spec; throws {@link FaultSpecError} naming the part that is wrong and what is supported. */
export function parseFaultSpec(spec: string): FaultSpec {
  const out: FaultSpec = {};
  for (const part of spec.split(";").map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z_]+):(.+)$/.exec(part);
    if (!m) throw new FaultSpecError(`'${part}': want TABLE:KIND=RATE[,KIND=RATE]`);
    const [, table, kinds] = m;
    if (!FAULT_TARGETS[table]) {
      throw new FaultSpecError(
        `unknown or unsupported table '${table}' (supported: ${supported()})`,
      );
    }
    for (const kv of kinds.split(",").map((s) => s.trim()).filter(Boolean)) {
      const k = /^([a-z_]+)=([0-9.eE-]+)$/.exec(kv);
      if (!k) throw new FaultSpecError(`'${kv}' in ${table}: want KIND=RATE, e.g. null=0.001`);
      const kind = k[1] as FaultKind;
      if (!FAULT_TARGETS[table][kind]) {
        throw new FaultSpecError(
          `kind '${k[1]}' is not supported for ${table} (supported: ${supported()})`,
        );
      }
      const rate = Number(k[2]);
      if (!(rate >= 0 && rate <= 1)) {
        throw new FaultSpecError(`rate ${k[2]} of ${table}:${kind}: want a number from 0 to 1`);
      }
      (out[table] ??= {})[kind] = rate;
    }
  }
  if (Object.keys(out).length === 0) throw new FaultSpecError("empty spec: want TABLE:KIND=RATE");
  return out;
}
