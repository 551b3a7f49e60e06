/**
 * Checks of the catalog tier: product attributes valid for their kind, GTIN
 * check digits, price-book periods that tile the dataset's dates, the price
 * ladder cost < transfer < wholesale < retail, kit prices below their parts,
 * kits whose filter fits a vehicle that takes the kit's oil, fitments that
 * agree with the products and vehicles, and two realism checks (.99 endings;
 * the own brand cheaper to shoppers and richer for the retailer).
 *
 * Every check reads only the tables (never the generator), so it also judges
 * data a user has modified.
 *
 * @module
 */

import pl from "nodejs-polars";
import { parseDay } from "../core/dates.ts";
import { type Check, findingOf } from "../validate/check.ts";
import type { Dataset } from "../validate/dataset.ts";

const FILTER_KINDS = [
  "oil_filter",
  "air_filter",
  "cabin_filter",
  "fuel_filter",
  "transmission_filter",
];
const FLUID_KINDS = ["motor_oil", "atf", "gear_oil", "grease", "coolant"];
const ROUND_TYPES = ["spin-on", "cartridge", "round", "inline", "diesel cartridge"];
const FLAT_TYPES = ["panel", "pan kit"];

const c = (name: string) => pl.col(name);
const missing = (name: string) => c(name).isNull();
const nonPositive = (name: string) => c(name).isNull().or(c(name).ltEq(0));
const kindIs = (...kinds: string[]) => c("product_kind").isIn(kinds);

/** [which products, what is wrong with them, label] — a product violates when both hold. */
const ATTRIBUTE_RULES: [pl.Expr, pl.Expr, string][] = [
  [
    c("product_kind").isIn([...FLUID_KINDS, ...FILTER_KINDS]).not(),
    pl.lit(true),
    "unknown product_kind",
  ],
  [kindIs("motor_oil"), missing("sae_grade"), "motor oil without an SAE grade"],
  [
    kindIs("motor_oil"),
    c("sae_grade").str.contains("^(0|5|10|15|20|25)W-(8|12|16|20|30|40|50|60)$").not(),
    "motor oil SAE grade not of the form xW-yy (SAE J300)",
  ],
  [kindIs("motor_oil"), missing("base_oil_group"), "motor oil without a base-oil group"],
  [kindIs("motor_oil"), missing("api_service"), "motor oil without an API service category"],
  [kindIs("gear_oil"), missing("sae_grade"), "gear oil without an SAE grade"],
  [kindIs("gear_oil"), missing("api_service"), "gear oil without an API GL category"],
  [
    kindIs("atf", "coolant", "grease", "gear_oil"),
    missing("fluid_spec"),
    "fluid without a specification",
  ],
  [kindIs("grease"), missing("nlgi_grade"), "grease without an NLGI grade"],
  [
    kindIs("motor_oil", "atf", "gear_oil", "coolant"),
    nonPositive("volume_l"),
    "liquid without a volume",
  ],
  [
    kindIs(...FLUID_KINDS),
    c("filter_type").isNotNull().or(c("design_code").isNotNull()),
    "fluid with filter attributes",
  ],
  [kindIs(...FILTER_KINDS), missing("filter_type"), "filter without a type"],
  [kindIs(...FILTER_KINDS), missing("design_code"), "filter without a design (interchange) code"],
  [kindIs(...FILTER_KINDS), nonPositive("height_mm"), "filter without a height"],
  [kindIs(...FILTER_KINDS), missing("media"), "filter without media"],
  [
    kindIs(...FILTER_KINDS),
    c("efficiency_pct").isNull().or(c("efficiency_pct").ltEq(0)).or(c("efficiency_pct").gt(100)).or(
      nonPositive("efficiency_micron"),
    ),
    "filter without an efficiency rating in (0, 100] % at a particle size",
  ],
  [
    kindIs(...FILTER_KINDS),
    c("sae_grade").isNotNull().or(c("volume_l").isNotNull()),
    "filter with oil attributes",
  ],
  [
    kindIs(...FILTER_KINDS).and(c("filter_type").isIn(ROUND_TYPES)),
    nonPositive("outer_diameter_mm"),
    "round filter without an outer diameter",
  ],
  [
    kindIs(...FILTER_KINDS).and(c("filter_type").isIn(FLAT_TYPES)),
    nonPositive("length_mm").or(nonPositive("width_mm")),
    "panel filter without length and width",
  ],
  [
    kindIs(...FILTER_KINDS).and(c("filter_type").eq(pl.lit("spin-on"))),
    missing("thread_size").or(nonPositive("gasket_od_mm")).or(nonPositive("gasket_id_mm")).or(
      c("gasket_od_mm").ltEq(c("gasket_id_mm")),
    ),
    "spin-on filter without a thread and a gasket with OD > ID",
  ],
  [
    kindIs("oil_filter").and(c("filter_type").eq(pl.lit("spin-on"))),
    missing("anti_drain_back_valve"),
    "spin-on oil filter without the anti-drain-back valve attribute",
  ],
];

/** The period a dataset covers: manifest options, else the calendar, else the price book's own span. */
function periodOf(ds: Dataset): { start: number; end: number } {
  const o = ds.manifest?.options as { start?: string; end?: string } | undefined;
  if (o?.start && o?.end) return { start: parseDay(o.start), end: parseDay(o.end) };
  const [t, from, to] = ds.has("calendar")
    ? ["calendar", "date", "date"]
    : ["price_book", "valid_from", "valid_to"];
  const r = ds.scan(t).select(
    c(from).cast(pl.Int32).min().alias("a"),
    c(to).cast(pl.Int32).max().alias("b"),
  )
    .collectSync().toRecords()[0];
  return { start: Number(r.a), end: Number(r.b) };
}

/** GS1 check digit of a GTIN column (padded to 14 digits) as an expression; null for non-digits. */
function gtinCheckExpr(col: string): { sum: pl.Expr; check: pl.Expr } {
  const padded = c(col).str.padStart(14, "0");
  let sum: pl.Expr = pl.lit(0);
  for (let i = 0; i < 13; i++) {
    const w = (12 - i) % 2 === 0 ? 3 : 1;
    sum = sum.add(padded.str.slice(i, 1).cast(pl.Int32).mul(w));
  }
  return { sum, check: padded.str.slice(13, 1).cast(pl.Int32) };
}

/** Catalog-tier checks. */
export const CATALOG_CHECKS: Check[] = [
  {
    name: "catalog.product_attributes",
    description:
      "every product carries the attributes of its kind: motor oils an SAE grade, base-oil group and API category; fluids a spec; filters a type, design code, dimensions, media and efficiency",
    tables: ["products"],
    run(ds) {
      const p = ds.scan("products");
      return findingOf(
        pl.concat(
          ATTRIBUTE_RULES.map(([which, wrong, label]) =>
            p.filter(which.and(wrong.fillNull(true))).select(
              c("sku_id"),
              c("sku"),
              c("product_kind"),
              pl.lit(label).alias("problem"),
            )
          ),
        ),
      );
    },
  },
  {
    name: "catalog.gtin_valid",
    description:
      "every GTIN is 8, 12, 13 or 14 digits with a valid GS1 check digit, and no two products share one",
    tables: ["products"],
    run(ds) {
      const { sum, check } = gtinCheckExpr("gtin");
      const p = ds.scan("products");
      const bad = p.select(
        c("sku_id"),
        c("gtin"),
        sum.alias("weighted_sum"),
        check.alias("check_digit"),
        c("gtin").str.contains("^([0-9]{8}|[0-9]{12,14})$").alias("well_formed"),
      ).filter(
        c("well_formed").not().or(c("weighted_sum").isNull()).or(
          pl.lit(10).sub(c("weighted_sum").modulo(10)).modulo(10).neq(c("check_digit")),
        ),
      ).select(c("sku_id"), c("gtin"), pl.lit("check digit or format").alias("problem"));
      const dupes = p.groupBy("gtin").agg(
        c("sku_id").min().alias("sku_id"),
        pl.len().alias("copies"),
      ).filter(
        c("copies").gt(1),
      ).select(c("sku_id"), c("gtin"), pl.lit("shared by several products").alias("problem"));
      return findingOf(pl.concat([bad, dupes]));
    },
  },
  {
    name: "catalog.price_periods_tile",
    description:
      "each sku × segment's price periods start on the dataset's first day, end on its last, and follow each other with no gap or overlap (valid_to inclusive)",
    tables: ["price_book"],
    run(ds) {
      const { start, end } = periodOf(ds);
      const pb = ds.scan("price_book").select(
        c("sku_id"),
        c("segment_id"),
        c("valid_from").cast(pl.Int32).alias("from"),
        c("valid_to").cast(pl.Int32).alias("to"),
      ).sort(["sku_id", "segment_id", "from"]);
      const same = c("sku_id").eq(c("sku_id").shift(1)).and(
        c("segment_id").eq(c("segment_id").shift(1)),
      );
      const steps = pb.withColumns(
        same.fillNull(false).alias("same"),
        c("to").shift(1).alias("prev_to"),
      ).filter(
        c("to").lt(c("from")).or(c("same").and(c("from").neq(c("prev_to").add(1)))),
      ).select(
        c("sku_id"),
        c("segment_id"),
        c("from").cast(pl.Date).alias("valid_from"),
        c("prev_to").cast(pl.Date).alias("previous_valid_to"),
        pl.when(c("to").lt(c("from"))).then(pl.lit("valid_to before valid_from")).when(
          c("from").lt(c("prev_to").add(1)),
        ).then(pl.lit("overlap")).otherwise(pl.lit("gap")).alias("problem"),
      );
      const ends = pb.groupBy(["sku_id", "segment_id"]).agg(
        c("from").min().alias("first"),
        c("to").max().alias("last"),
      ).filter(c("first").neq(start).or(c("last").neq(end))).select(
        c("sku_id"),
        c("segment_id"),
        c("first").cast(pl.Date).alias("valid_from"),
        c("last").cast(pl.Date).alias("previous_valid_to"),
        pl.lit("does not cover the dataset's first to last day").alias("problem"),
      );
      return findingOf(pl.concat([steps, ends]));
    },
  },
  {
    name: "catalog.price_book_coverage",
    description:
      "the price book prices every SKU in every segment whose shelves carry it (market 'all' or the country's unit system) and no other",
    tables: ["price_book", "products", "geo_segments", "countries"],
    run(ds) {
      const shelves = ds.scan("geo_segments").select("segment_id", "country_code").join(
        ds.scan("countries").select("country_code", "unit_system"),
        { on: "country_code", how: "inner" },
      );
      const expected = ds.scan("products").select("sku_id", "market").join(shelves, {
        how: "cross",
      }).filter(
        c("market").eq(pl.lit("all")).or(c("market").eq(c("unit_system"))),
      ).select("sku_id", "segment_id");
      const present = ds.scan("price_book").select("sku_id", "segment_id").unique();
      const lacking = expected.join(present, { on: ["sku_id", "segment_id"], how: "anti" })
        .withColumns(
          pl.lit("carried but not priced").alias("problem"),
        );
      const extra = present.join(expected, { on: ["sku_id", "segment_id"], how: "anti" })
        .withColumns(
          pl.lit("priced where the shelves do not carry it").alias("problem"),
        );
      return findingOf(pl.concat([lacking, extra]));
    },
  },
  {
    name: "catalog.price_ladder",
    description:
      "on every price-book row 0 < standard cost < transfer < wholesale < retail ex tax ≤ retail list price",
    tables: ["price_book"],
    run(ds) {
      return findingOf(
        ds.scan("price_book").filter(
          c("standard_cost").ltEq(0).or(c("transfer_price").ltEq(c("standard_cost"))).or(
            c("wholesale_price").ltEq(c("transfer_price")),
          ).or(c("retail_price_ex_tax").ltEq(c("wholesale_price"))).or(
            c("retail_list_price").lt(c("retail_price_ex_tax")),
          ),
        ).select(
          "sku_id",
          "segment_id",
          "valid_from",
          "standard_cost",
          "transfer_price",
          "wholesale_price",
          "retail_price_ex_tax",
          "retail_list_price",
        ),
      );
    },
  },
  {
    name: "catalog.retail_price_ending",
    description: "retail list prices and kit prices end in .99",
    tables: ["price_book"],
    run(ds) {
      const pb = ds.scan("price_book").filter(c("retail_list_price").modulo(100).neq(99)).select(
        pl.lit("price_book").alias("table"),
        c("sku_id").alias("id"),
        "segment_id",
        "valid_from",
        c("retail_list_price").alias("price"),
      );
      if (!ds.has("kit_prices")) return findingOf(pb);
      const kp = ds.scan("kit_prices").filter(c("kit_price").modulo(100).neq(99)).select(
        pl.lit("kit_prices").alias("table"),
        c("kit_id").alias("id"),
        "segment_id",
        "valid_from",
        c("kit_price").alias("price"),
      );
      return findingOf(pl.concat([pb, kp]));
    },
  },
  {
    name: "catalog.kit_price_below_components",
    description:
      "every kit price is below the sum of its components' retail list prices, and that sum equals the price book's, unchanged over the kit price's whole period",
    tables: ["kit_prices", "kit_components", "price_book"],
    run(ds) {
      const kp = ds.scan("kit_prices").select(
        "kit_id",
        "segment_id",
        c("valid_from").alias("kit_from"),
        c("valid_to").alias("kit_to"),
        "kit_price",
        "components_retail_price",
      );
      const comps = ds.scan("kit_components").select("kit_id", "sku_id", "quantity");
      const pb = ds.scan("price_book").select(
        "sku_id",
        "segment_id",
        "valid_from",
        "valid_to",
        "retail_list_price",
      );
      const summed = kp.select("kit_id", "segment_id", "kit_from", "kit_to").join(comps, {
        on: "kit_id",
        how: "inner",
      })
        .join(pb, { on: ["sku_id", "segment_id"], how: "inner" })
        .filter(c("valid_from").ltEq(c("kit_to")).and(c("valid_to").gtEq(c("kit_from"))))
        .groupBy(["kit_id", "segment_id", "kit_from", "sku_id", "quantity"]).agg(
          c("retail_list_price").min().alias("lo"),
          c("retail_list_price").max().alias("hi"),
        )
        .groupBy(["kit_id", "segment_id", "kit_from"]).agg(
          c("lo").mul(c("quantity")).sum().alias("price_book_sum"),
          pl.len().alias("components_priced"),
          c("hi").neq(c("lo")).cast(pl.Int32).sum().alias("components_repriced_within"),
        );
      const n = comps.groupBy("kit_id").agg(pl.len().alias("components"));
      return findingOf(
        kp.join(summed, { on: ["kit_id", "segment_id", "kit_from"], how: "left" }).join(n, {
          on: "kit_id",
          how: "left",
        }).filter(
          c("kit_price").gtEq(c("components_retail_price")).or(c("price_book_sum").isNull()).or(
            c("price_book_sum").neq(c("components_retail_price")),
          ).or(c("components_priced").neq(c("components"))).or(
            c("components_repriced_within").gt(0),
          ),
        ).select(
          "kit_id",
          "segment_id",
          "kit_from",
          "kit_price",
          "components_retail_price",
          "price_book_sum",
          "components_priced",
          "components",
          "components_repriced_within",
        ),
      );
    },
  },
  {
    name: "catalog.kit_filter_fits_oil_vehicle",
    description:
      "every oil-change kit's oil filter fits a vehicle (the kit's own, when it names one) whose recommended oil grade is the kit's oil",
    tables: ["kits", "kit_components", "products", "fitments", "vehicles"],
    run(ds) {
      const kits = ds.scan("kits").filter(c("kit_type").eq(pl.lit("oil_change"))).select(
        "kit_id",
        c("vehicle_id").alias("kit_vehicle"),
      );
      const parts = kits.join(ds.scan("kit_components").select("kit_id", "sku_id"), {
        on: "kit_id",
        how: "inner",
      })
        .join(ds.scan("products").select("sku_id", "product_kind", "sae_grade"), {
          on: "sku_id",
          how: "inner",
        });
      const filters = parts.filter(c("product_kind").eq(pl.lit("oil_filter"))).select(
        "kit_id",
        "kit_vehicle",
        "sku_id",
      );
      const oils = parts.filter(c("product_kind").eq(pl.lit("motor_oil"))).select(
        "kit_id",
        c("sae_grade").alias("oil_grade"),
      ).unique();
      const fits = ds.scan("fitments").filter(c("role").eq(pl.lit("oil_filter"))).select(
        "sku_id",
        "vehicle_id",
      ).join(
        ds.scan("vehicles").select("vehicle_id", "oil_grade"),
        { on: "vehicle_id", how: "inner" },
      );
      const good = filters.join(fits, { on: "sku_id", how: "inner" }).filter(
        c("kit_vehicle").isNull().or(c("kit_vehicle").eq(c("vehicle_id"))),
      ).join(oils, { on: ["kit_id", "oil_grade"], how: "inner" }).select("kit_id").unique();
      return findingOf(kits.join(good, { on: "kit_id", how: "anti" }));
    },
  },
  {
    name: "catalog.kit_parts_fit_vehicle",
    description: "every filter in a kit made for a vehicle fits that vehicle",
    tables: ["kits", "kit_components", "products", "fitments"],
    run(ds) {
      const parts = ds.scan("kits").filter(c("vehicle_id").isNotNull()).select(
        "kit_id",
        "vehicle_id",
      ).join(
        ds.scan("kit_components").select("kit_id", "sku_id"),
        { on: "kit_id", how: "inner" },
      ).join(ds.scan("products").select("sku_id", "product_kind"), { on: "sku_id", how: "inner" })
        .filter(
          c("product_kind").isIn(FILTER_KINDS),
        );
      return findingOf(
        parts.join(ds.scan("fitments").select("sku_id", "vehicle_id"), {
          on: ["sku_id", "vehicle_id"],
          how: "anti",
        }),
      );
    },
  },
  {
    name: "catalog.fitment_consistent",
    description:
      "a fitment's role matches the product's kind (engine_oil for motor oils), and an engine oil's SAE grade is the vehicle's recommended grade",
    tables: ["fitments", "products", "vehicles"],
    run(ds) {
      return findingOf(
        ds.scan("fitments").join(
          ds.scan("products").select("sku_id", "product_kind", "sae_grade"),
          {
            on: "sku_id",
            how: "inner",
          },
        ).join(ds.scan("vehicles").select("vehicle_id", "oil_grade"), {
          on: "vehicle_id",
          how: "inner",
        }).filter(
          c("role").eq(pl.lit("engine_oil")).and(
            c("product_kind").neq(pl.lit("motor_oil")).or(c("sae_grade").neq(c("oil_grade"))),
          ).or(c("role").neq(pl.lit("engine_oil")).and(c("role").neq(c("product_kind")))),
        ).select("sku_id", "vehicle_id", "role", "product_kind", "sae_grade", "oil_grade"),
      );
    },
  },
  {
    name: "catalog.launch_before_discontinue",
    description: "a product's discontinue date, when it has one, is after its launch date",
    tables: ["products"],
    run(ds) {
      return findingOf(
        ds.scan("products").filter(
          c("discontinue_date").isNotNull().and(
            c("discontinue_date").ltEq(c("launch_date")),
          ),
        ).select("sku_id", "sku", "launch_date", "discontinue_date"),
      );
    },
  },
  {
    name: "catalog.raw_material_weekly",
    description:
      "each raw-material index has one positive value per week, Mondays seven days apart with no gap",
    tables: ["raw_material_index"],
    run(ds) {
      const lf = ds.scan("raw_material_index").select(
        "index_code",
        c("week_start").cast(pl.Int32).alias("day"),
        "index_value",
        "price_usd_per_tonne",
      ).sort(["index_code", "day"]);
      return findingOf(
        lf.withColumns(
          c("index_code").eq(c("index_code").shift(1)).fillNull(false).alias("same"),
          c("day").shift(1).alias("prev"),
        ).filter(
          c("index_value").ltEq(0).or(c("price_usd_per_tonne").ltEq(0)).or(
            c("day").add(3).modulo(7).neq(0),
          ).or(
            c("same").and(c("day").neq(c("prev").add(7))),
          ),
        ).select("index_code", c("day").cast(pl.Date).alias("week_start"), "index_value"),
      );
    },
  },
  {
    name: "catalog.own_brand_cheaper",
    description:
      "in each segment and department (oils, filters), on the first price period, the retailer's own brand is on average cheaper to shoppers than the third-party brands sold for the same need (same filter design, or same subcategory, grade and pack) and leaves the retailer a higher gross margin",
    tables: ["price_book", "products", "brands"],
    run(ds) {
      const products = ds.scan("products").join(
        ds.scan("brands").select("brand_id", "brand_type"),
        {
          on: "brand_id",
          how: "inner",
        },
      ).select(
        "sku_id",
        "department",
        "brand_type",
        pl.when(c("design_code").isNotNull()).then(c("design_code")).otherwise(
          pl.concatString([c("subcategory"), c("sae_grade").fillNull(""), c("pack_label")], "|"),
        ).alias("need"),
      );
      const first = ds.scan("price_book").join(
        ds.scan("price_book").groupBy(["sku_id", "segment_id"]).agg(
          c("valid_from").min().alias("valid_from"),
        ),
        { on: ["sku_id", "segment_id", "valid_from"], how: "inner" },
      ).select(
        "sku_id",
        "segment_id",
        pl.lit(1).sub(
          c("wholesale_price").cast(pl.Float64).div(c("retail_price_ex_tax").cast(pl.Float64)),
        ).alias(
          "margin",
        ),
        c("retail_price_ex_tax").cast(pl.Float64).alias("retail_price_ex_tax"),
      ).join(products, { on: "sku_id", how: "inner" });
      const own = first.filter(c("brand_type").eq(pl.lit("private_label"))).select(
        "segment_id",
        "need",
        "department",
        c("retail_price_ex_tax").alias("own_price"),
        c("margin").alias("own_margin"),
      );
      const known = first.filter(c("brand_type").eq(pl.lit("third_party"))).groupBy([
        "segment_id",
        "need",
      ]).agg(
        c("retail_price_ex_tax").mean().alias("known_price"),
        c("margin").mean().alias("known_margin"),
      );
      return findingOf(
        own.join(known, { on: ["segment_id", "need"], how: "inner" }).groupBy([
          "segment_id",
          "department",
        ]).agg(
          c("own_price").div(c("known_price")).mean().alias("own_price_ratio"),
          c("own_margin").sub(c("known_margin")).mean().alias("own_margin_advantage"),
          pl.len().alias("needs_compared"),
        ).filter(c("own_price_ratio").gtEq(1).or(c("own_margin_advantage").ltEq(0))),
      );
    },
  },
];
