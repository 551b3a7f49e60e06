/**
 * Registry entries of the manufacturing tier: Corvane Lubricants (process:
 * recipes, blend batches with QC, packaging runs) and Keldmark Filtration
 * (discrete: bills of materials, lines, work orders), their materials,
 * purchases, stock, customers and order to cash. Brightaxle's purchase
 * orders to the makers are the makers' sales orders seen from the other
 * side: one sales order per purchase order, line for line.
 *
 * @module
 */

import { col, defineTables, money, opt } from "../../schema/columns.ts";
import { MFG_ESTIMATES as E } from "./estimates.ts";

const PLANT_FK = { columns: ["plant_site_id"], table: "sites", references: ["site_id"] };
const SKU_FK = { columns: ["sku_id"], table: "products", references: ["sku_id"] };
const MAT_FK = { columns: ["material_id"], table: "materials", references: ["material_id"] };
const MAKER_FK = {
  columns: ["maker_company_id"],
  table: "companies",
  references: ["company_id"],
};
const CUST_FK = {
  columns: ["customer_id"],
  table: "manufacturer_customers",
  references: ["customer_id"],
};
const ORDER_FK = {
  columns: ["order_id"],
  table: "manufacturer_sales_orders",
  references: ["order_id"],
};

/**
 * The costing columns a production document (blend batch or work order)
 * carries: the same shape for both makers.
 */
function costColumns(output: string) {
  return [
    col("currency", "str", "Currency of the plant's books (ISO 4217)."),
    money(
      "material_cost",
      "Σ its consumption rows' amount: materials at their moving-average cost.",
    ),
    money(
      "conversion_cost",
      `Labour, energy, packaging and overhead: Σ ${output} × the product's standard conversion per unit.`,
    ),
    money("actual_cost", "material_cost + conversion_cost."),
    money(
      "standard_cost",
      `Σ ${output} × the product's standard cost ex works in the month (the price book's standard-cost rule at the plant, before freight); 0 when nothing was made.`,
    ),
    money(
      "price_variance",
      "material_cost − Σ consumption's standard amount (materials bought above or below the standard price).",
    ),
    money(
      "yield_variance",
      "actual_cost − standard_cost − price_variance: more material used than the output's standard (losses, scrap, rework, rejected batches).",
    ),
  ] as const;
}

/** The columns of a consumption row (blend or work order): one shape for both makers. */
function consumptionColumns<const K extends string>(key: K, doc: string) {
  return [
    col(key, "i64", `${doc} that used the material.`),
    col("material_id", "i32", "Material used."),
    col("qty", "i64", "Quantity used, in the material's unit (kg, g or each)."),
    col(
      "unit_cost_per_thousand",
      "i64",
      "Moving-average cost of 1,000 units of the material at the plant when used (minor units).",
    ),
    money("amount", "round(qty × unit_cost_per_thousand / 1000)."),
    col(
      "std_cost_per_thousand",
      "i64",
      "Standard price of 1,000 units in the month: the material's price at the lagged index the price book's standard costs use.",
    ),
    money("std_amount", "round(qty × std_cost_per_thousand / 1000)."),
  ] as const;
}

const DOC_ID = "Id: plant_site_id × 10^10 + the plant's running number.";

/** The manufacturing tables. */
export const MANUFACTURING_TABLES = defineTables([
  {
    name: "materials",
    tier: "manufacturing",
    description:
      "What the makers buy: Corvane's base oils (API Groups I–IV), additive packages, viscosity modifier, pour-point depressant, thickener, glycol and water; Keldmark's filter media, canisters, base plates, centre tubes, end caps, gaskets, valves, frames, housings and adhesive. Each is priced off a raw-material index (its content of the indexed material × a premium, plus a fixed part).",
    columns: [
      col("material_id", "i32", "Material id (1-based)."),
      col("maker_company_id", "i32", "Buying maker (1 Corvane, 2 Keldmark)."),
      col("material_code", "str", "Code, e.g. BO-G3, ADD-PCMO, CAN-76x100, BPV-11."),
      col("material_name", "str", "English name."),
      col(
        "material_type",
        "str",
        "base_oil, additive, viscosity_modifier, pour_point_depressant, thickener, glycol, water, media, canister, base_plate, centre_tube, end_cap, gasket, anti_drain_back_valve, bypass_valve, frame, housing or adhesive.",
      ),
      col("unit", "str", "Unit of quantity: kg, g or each."),
      opt("index_code", "str", "raw_material_index the price follows (null: fixed price)."),
      col("index_kg_per_unit", "f64", "kg of the indexed material in one unit.", "kg"),
      col("index_premium", "f64", "Price of the content over the index price (grade, processing)."),
      col("fixed_usd_per_unit", "f64", "Fixed part of the price per unit (fabrication).", "USD"),
      col("lead_time_days", "i16", "Supplier lead time.", "days"),
      col("supplier_name", "str", "Supplier (Faker company name)."),
    ],
    primaryKey: ["material_id"],
    foreignKeys: [MAKER_FK],
    scaleRule: "fixed by the catalog: Corvane's 14 materials plus Keldmark's components",
    rowCount: (ctx) => E.materials(ctx),
  },
  {
    name: "blend_recipes",
    tier: "manufacturing",
    description:
      "Corvane's blend recipes, one per kind × subcategory × grade × base-oil group, with the QC specification of the grade: kinematic viscosity at 100 °C inside the SAE J300 (engine oils) or J306 (gear oils) band, cold-cranking viscosity under the J300 limit of the W grade, minimum flash point, coolant freeze point.",
    columns: [
      col("recipe_id", "i32", "Recipe id (1-based)."),
      col("recipe_code", "str", "Code: kind, grade, subcategory initials, base-oil group."),
      col("product_kind", "str", "motor_oil, atf, gear_oil, grease or coolant."),
      col("subcategory", "str", "Subcategory of its products."),
      opt("sae_grade", "str", "SAE grade."),
      opt("base_oil_group", "str", "API base-oil group of its products."),
      col("density_kg_per_l", "f64", "Density of the blend.", "kg/L"),
      col("campaign_sequence", "i16", "Place in the blending wheel: families, light grades first."),
      opt("kv100_min_cst", "f64", "Kinematic viscosity at 100 °C, minimum.", "mm²/s"),
      opt(
        "kv100_max_cst",
        "f64",
        "Kinematic viscosity at 100 °C, upper bound (exclusive).",
        "mm²/s",
      ),
      opt("ccs_max_mpas", "i32", "Cold-cranking viscosity, maximum.", "mPa·s"),
      opt("ccs_temp_c", "i16", "Temperature of the CCS limit.", "°C"),
      opt("flash_min_c", "i16", "Flash point, minimum.", "°C"),
      opt("freeze_max_c", "i16", "Freeze point at 50 % glycol, maximum.", "°C"),
    ],
    primaryKey: ["recipe_id"],
    scaleRule: "fixed by the catalog (about 35)",
    rowCount: (ctx) => E.recipes(ctx),
  },
  {
    name: "blend_recipe_components",
    tier: "manufacturing",
    description:
      "What a recipe is made of, in mass percent summing to exactly 100: base oils by API group, additive package, viscosity modifier, pour-point depressant (coolant: glycol, inhibitor, water).",
    columns: [
      col("recipe_id", "i32", "Recipe."),
      col("material_id", "i32", "Material."),
      col("pct", "f64", "Mass percent (two decimals).", "%"),
    ],
    primaryKey: ["recipe_id", "material_id"],
    foreignKeys: [
      { columns: ["recipe_id"], table: "blend_recipes", references: ["recipe_id"] },
      MAT_FK,
    ],
    scaleRule: "fixed: recipes × 3–5 components",
    rowCount: (ctx) => E.recipeComponents(ctx),
  },
  {
    name: "recipe_products",
    tier: "manufacturing",
    description: "Which finished SKUs are packed from which recipe, and the litres in one unit.",
    columns: [
      col("recipe_id", "i32", "Recipe."),
      col("sku_id", "i32", "Finished product (Corvane label or the retailer's own brand)."),
      col("pack_litres", "f64", "Litres in one unit (grease: its mass ÷ density).", "L"),
    ],
    primaryKey: ["sku_id"],
    foreignKeys: [
      { columns: ["recipe_id"], table: "blend_recipes", references: ["recipe_id"] },
      SKU_FK,
    ],
    scaleRule: "fixed: Corvane's SKUs",
    rowCount: (ctx) => E.recipeProducts(ctx),
  },
  {
    name: "bills_of_materials",
    tier: "manufacturing",
    description:
      "Keldmark's bill of materials per filter: media (grams, by efficiency class), canister or housing, base plate with the product's thread, centre tube, end caps, gasket of the product's size, anti-drain-back valve and bypass valve at the product's opening pressure where it has them, frame for panels, adhesive.",
    columns: [
      col("sku_id", "i32", "Filter."),
      col("line_number", "i16", "1, 2, 3 … within the bill."),
      col("material_id", "i32", "Component."),
      col(
        "quantity",
        "i32",
        "Units of the component per filter (pieces, or grams of media and adhesive).",
      ),
      col(
        "line_family",
        "str",
        "Production-line family that builds it: spin_on, cartridge, panel, other.",
      ),
    ],
    primaryKey: ["sku_id", "line_number"],
    foreignKeys: [SKU_FK, MAT_FK],
    scaleRule: "fixed: Keldmark's SKUs × 4–9 components",
    rowCount: (ctx) => E.bomLines(ctx),
  },
  {
    name: "plants",
    tier: "manufacturing",
    description:
      "The makers' plants: what they make, which distribution centres they supply, their capacity (sized to the demand they serve at the planned utilisation), shifts and annual shutdown.",
    columns: [
      col("plant_site_id", "i32", "Plant (sites.site_id)."),
      col("maker_company_id", "i32", "Owning maker."),
      col("plant_type", "str", "blending or filter."),
      col("currency", "str", "Currency of the plant's books."),
      col(
        "served_dc_site_ids",
        "str",
        "Distribution centres it supplies, comma-separated site ids.",
      ),
      col(
        "blend_tanks",
        "i16",
        "Blending tanks (a tank blends one batch a working day); 0 for filter plants.",
      ),
      col("tank_litres", "i32", "Working volume of a tank.", "L"),
      col("production_lines", "i16", "Filter lines (0 for blending plants)."),
      col(
        "capacity_per_week",
        "i64",
        "Litres (blending) or filters (filter plants) a normal week can make.",
      ),
      col(
        "shutdown_iso_week",
        "i16",
        "ISO week on which the annual two-week maintenance shutdown starts.",
      ),
    ],
    primaryKey: ["plant_site_id"],
    foreignKeys: [PLANT_FK, MAKER_FK],
    scaleRule: "fixed: one per plant of the world (5 with every country)",
    rowCount: (ctx) => E.plants(ctx),
  },
  {
    name: "production_lines",
    tier: "manufacturing",
    description: "Keldmark's filter lines: family, rate and shifts.",
    columns: [
      col("line_id", "i32", "Line id: plant_site_id × 100 + its number."),
      col("plant_site_id", "i32", "Plant."),
      col("line_name", "str", "Name, e.g. Spin-on line 2."),
      col("line_family", "str", "spin_on, cartridge, panel or other."),
      col("rate_per_hour", "i32", "Filters per running hour."),
      col("shifts_per_day", "i16", "Shifts on a working day."),
      col("hours_per_shift", "f64", "Productive hours per shift.", "h"),
    ],
    primaryKey: ["line_id"],
    foreignKeys: [PLANT_FK],
    scaleRule: "lines per family sized to demand (grows with scale)",
    rowCount: (ctx) => E.lines(ctx),
    rowCountExact: false,
  },
  {
    name: "manufacturer_customers",
    tier: "manufacturing",
    description:
      "The makers' customers per plant: Brightaxle's distribution centres (one ship-to account each, on its supply contract), and outside accounts — other distributors, fleets and industrial users — with Faker company names.",
    columns: [
      col("customer_id", "i64", "Customer id: plant_site_id × 10^6 + a running number."),
      col("maker_company_id", "i32", "Selling maker."),
      col("plant_site_id", "i32", "Plant that serves the account."),
      col(
        "customer_type",
        "str",
        "chain_distributor (Brightaxle), distributor, fleet or industrial.",
      ),
      col("company_name", "str", "Company name."),
      col("city", "str", "City."),
      col("country_code", "str", "Country."),
      col("segment_id", "i32", "Geo segment: its price book rows price the account's orders."),
      opt("dc_site_id", "i32", "Brightaxle's distribution centre (chain_distributor only)."),
      col("customer_since", "date", "Day the account was opened."),
      col("payment_terms", "str", "net 45 (Brightaxle), net 30, 2/10 net 30 or net 60."),
      col("terms_days", "i16", "Days from invoice to due date.", "days"),
      col("early_pay_discount_bp", "i32", "Discount for paying within 10 days.", "basis points"),
      col(
        "price_adjust_bp",
        "i32",
        "Price against the transfer price: 0 for Brightaxle, −300 other distributors, +600 fleets, +300 industrial.",
        "basis points",
      ),
    ],
    primaryKey: ["customer_id"],
    foreignKeys: [
      PLANT_FK,
      MAKER_FK,
      { columns: ["segment_id"], table: "geo_segments", references: ["segment_id"] },
      { columns: ["dc_site_id"], table: "sites", references: ["site_id"] },
    ],
    scaleRule: "one per served DC plus outside accounts growing with scale",
    rowCount: (ctx) => E.customers(ctx),
    rowCountExact: false,
  },
  {
    name: "raw_material_purchases",
    tier: "manufacturing",
    description:
      "Purchases of materials and components by the plants, priced off raw_material_index on the order date: regular orders from the weekly (s, S) review, and spot buys on the day a batch or work order would run short (delivered the same day at a premium).",
    columns: [
      col("purchase_id", "i64", DOC_ID),
      col("plant_site_id", "i32", "Buying plant."),
      col("material_id", "i32", "Material."),
      col("priority", "str", "regular or spot."),
      col("order_date", "date", "Day ordered."),
      col("expected_date", "date", "order_date + lead time."),
      opt("receipt_date", "date", "Day received (null: still on order at the period's end)."),
      col("qty", "i64", "Quantity in the material's unit."),
      opt(
        "index_value",
        "f64",
        "The material's index on the order week (null: fixed price).",
        "points",
      ),
      col("currency", "str", "Plant currency."),
      col(
        "price_per_thousand",
        "i64",
        "Price of 1,000 units: content × index price × premium + fixed, at the planning FX rate (spot: + 8 %).",
      ),
      money("amount", "round(qty × price_per_thousand / 1000)."),
    ],
    primaryKey: ["purchase_id"],
    foreignKeys: [PLANT_FK, MAT_FK],
    scaleRule: "weekly per material at its reorder point, growing with scale",
    rowCount: (ctx, r) => E.purchases(ctx, r),
    rowCountExact: false,
  },
  {
    name: "blend_batches",
    tier: "manufacturing",
    description:
      "Corvane's blend batches: plant, recipe, planned and actual litres (yield loss), start and end, QC results checked against the grade (released first time, reworked and released, or rejected), campaign, and costs: actual (materials at purchase cost + conversion) beside standard, with price and yield variances.",
    columns: [
      col("batch_id", "i64", DOC_ID),
      col("plant_site_id", "i32", "Blending plant."),
      col("recipe_id", "i32", "Recipe blended."),
      col("campaign_id", "i64", "Campaign: the week's run of one product family at the plant."),
      col(
        "is_rush",
        "bool",
        "Blended at short notice to cover a shipment (not in the weekly plan).",
      ),
      col("planned_litres", "f64", "Litres charged to the tank.", "L"),
      col("actual_litres", "f64", "Litres released to packaging (0 when rejected).", "L"),
      col("yield_loss_litres", "f64", "planned − actual (all of it when rejected).", "L"),
      col("start_ts", "timestamp", "Blending started."),
      col("end_ts", "timestamp", "Blending and QC finished."),
      col("status", "str", "released, reworked (released after an adjustment) or rejected."),
      col("qc_attempts", "i16", "QC tests run: 1, or 2 after a rework."),
      opt("kv100_cst", "f64", "Kinematic viscosity at 100 °C, last test (ASTM D445).", "mm²/s"),
      opt(
        "ccs_mpas",
        "f64",
        "Cold-cranking viscosity at the grade's temperature (ASTM D5293).",
        "mPa·s",
      ),
      opt("flash_point_c", "f64", "Flash point, COC (ASTM D92).", "°C"),
      opt("freeze_point_c", "f64", "Freeze point at 50 % glycol (ASTM D1177).", "°C"),
      ...costColumns("packed units"),
    ],
    primaryKey: ["batch_id"],
    foreignKeys: [
      PLANT_FK,
      { columns: ["recipe_id"], table: "blend_recipes", references: ["recipe_id"] },
    ],
    scaleRule: "recipes × campaigns, growing with demand",
    rowCount: (ctx, r) => E.batches(ctx, r),
    rowCountExact: false,
  },
  {
    name: "blend_consumption",
    tier: "manufacturing",
    description:
      "Materials a batch consumed: recipe percent × planned litres × density, in kg, at the plant's moving-average cost, beside the standard price.",
    columns: [...consumptionColumns("batch_id", "Blend batch")],
    primaryKey: ["batch_id", "material_id"],
    foreignKeys: [
      { columns: ["batch_id"], table: "blend_batches", references: ["batch_id"] },
      MAT_FK,
    ],
    scaleRule: "batches × recipe components",
    rowCount: (ctx, r) => E.batches(ctx, r) * 4.4,
    rowCountExact: false,
  },
  {
    name: "packaging_runs",
    tier: "manufacturing",
    description:
      "A released batch packed into units: litres drawn = units × pack litres + fill loss; the units go to the plant's finished stock when the run ends.",
    columns: [
      col("run_id", "i64", DOC_ID),
      col("batch_id", "i64", "Batch packed."),
      col("plant_site_id", "i32", "Plant."),
      col("sku_id", "i32", "Finished SKU."),
      col("start_ts", "timestamp", "Run start (after the batch's QC)."),
      col("end_ts", "timestamp", "Run end: the units are in stock from this day."),
      col("pack_litres", "f64", "Litres per unit.", "L"),
      col("units", "i32", "Units packed."),
      col("litres_drawn", "f64", "Litres taken from the batch.", "L"),
      col("fill_loss_litres", "f64", "litres_drawn − units × pack_litres.", "L"),
      money(
        "unit_standard_cost",
        "Standard cost ex works of one unit in the month (plant currency).",
      ),
    ],
    primaryKey: ["run_id"],
    foreignKeys: [
      { columns: ["batch_id"], table: "blend_batches", references: ["batch_id"] },
      PLANT_FK,
      SKU_FK,
    ],
    scaleRule: "released batches × the SKUs packed from them",
    rowCount: (ctx, r) => E.batches(ctx, r) * 2.2,
    rowCountExact: false,
  },
  {
    name: "work_orders",
    tier: "manufacturing",
    description:
      "Keldmark's work orders: line, SKU, planned, produced and scrapped units, start and end on the line (after a changeover when the design changes), and costs as for batches.",
    columns: [
      col("work_order_id", "i64", DOC_ID),
      col("plant_site_id", "i32", "Filter plant."),
      col("line_id", "i32", "Line."),
      col("sku_id", "i32", "Filter made."),
      col("is_rush", "bool", "Made at short notice to cover a shipment."),
      col("planned_units", "i32", "Units started."),
      col("produced_units", "i32", "Good units to stock."),
      col("scrapped_units", "i32", "planned − produced."),
      col(
        "changeover_minutes",
        "i16",
        "Set-up before the run (0 when the line already ran the design).",
      ),
      col("start_ts", "timestamp", "Run start (after the changeover)."),
      col("end_ts", "timestamp", "Run end: the units are in stock from this day."),
      money("unit_standard_cost", "Standard cost ex works of one filter in the month."),
      ...costColumns("produced units"),
    ],
    primaryKey: ["work_order_id"],
    foreignKeys: [
      PLANT_FK,
      { columns: ["line_id"], table: "production_lines", references: ["line_id"] },
      SKU_FK,
    ],
    scaleRule: "SKUs × production cycles, growing with demand",
    rowCount: (ctx, r) => E.workOrders(ctx, r),
    rowCountExact: false,
  },
  {
    name: "component_consumption",
    tier: "manufacturing",
    description:
      "Components a work order consumed: bill of materials × (produced + scrapped), at the plant's moving-average cost, beside the standard price.",
    columns: [...consumptionColumns("work_order_id", "Work order")],
    primaryKey: ["work_order_id", "material_id"],
    foreignKeys: [
      { columns: ["work_order_id"], table: "work_orders", references: ["work_order_id"] },
      MAT_FK,
    ],
    scaleRule: "work orders × BOM lines",
    rowCount: (ctx, r) => E.workOrders(ctx, r) * 6.5,
    rowCountExact: false,
  },
  {
    name: "plant_inventory",
    tier: "manufacturing",
    description:
      "Weekly stock per plant and item (materials and finished SKUs): opening + in − out = closing, never negative; in = materials received or units produced, out = materials consumed or units shipped.",
    columns: [
      col("plant_site_id", "i32", "Plant."),
      col("week_start", "date", "Monday of the week (or the period's first day)."),
      col("snapshot_date", "date", "Last day of the week (Sunday, or the period's last day)."),
      col("item_type", "str", "material or finished."),
      col("item_id", "i32", "material_id or sku_id, by item_type."),
      opt("material_id", "i32", "Material (item_type material)."),
      opt("sku_id", "i32", "SKU (item_type finished)."),
      col("unit", "str", "kg, g, each (materials) or unit (finished goods)."),
      col("opening_qty", "i64", "On hand at the start of week_start."),
      col("in_qty", "i64", "Received (materials) or produced (finished) in the week."),
      col("out_qty", "i64", "Consumed (materials) or shipped (finished) in the week."),
      col("closing_qty", "i64", "On hand at the close of snapshot_date."),
      col(
        "cost_per_thousand",
        "i64",
        "Cost of 1,000 units: moving average (materials) or standard ex works (finished).",
      ),
      money("closing_value", "round(closing_qty × cost_per_thousand / 1000)."),
    ],
    primaryKey: ["plant_site_id", "week_start", "item_type", "item_id"],
    foreignKeys: [PLANT_FK, MAT_FK, SKU_FK],
    scaleRule: "weeks × plants × items (does not grow with scale)",
    rowCount: (ctx) => E.inventory(ctx),
    rowCountExact: false,
  },
  {
    name: "manufacturer_sales_orders",
    tier: "manufacturing",
    description:
      "Sales orders the makers take: one per Brightaxle purchase order to the maker (the same document: same lines, quantities, transfer prices and dates, referenced by distributor_po_id), and the outside accounts' orders.",
    columns: [
      col("order_id", "i64", DOC_ID),
      col("maker_company_id", "i32", "Selling maker."),
      col("plant_site_id", "i32", "Plant that ships it."),
      col("customer_id", "i64", "Ordering account."),
      opt(
        "distributor_po_id",
        "i64",
        "Brightaxle's distributor_purchase_orders.po_id (chain orders).",
      ),
      col("order_date", "date", "Day ordered (the purchase order's order_date)."),
      col("requested_date", "date", "Day the goods are due (the purchase order's expected_date)."),
      col("segment_id", "i32", "Geo segment of the customer (price book segment)."),
      col("currency", "str", "Currency of the order."),
      col("line_count", "i16", "Lines."),
      col("total_qty", "i32", "Units ordered."),
      money("net_amount", "Σ lines' line_amount."),
    ],
    primaryKey: ["order_id"],
    foreignKeys: [
      PLANT_FK,
      MAKER_FK,
      CUST_FK,
      {
        columns: ["distributor_po_id"],
        table: "distributor_purchase_orders",
        references: ["po_id"],
      },
      { columns: ["segment_id"], table: "geo_segments", references: ["segment_id"] },
    ],
    scaleRule: "one per Brightaxle PO to the maker plus outside orders",
    rowCount: (ctx, r) => E.orders(ctx, r),
    rowCountExact: false,
  },
  {
    name: "manufacturer_sales_order_lines",
    tier: "manufacturing",
    description:
      "Lines of the makers' sales orders: a chain order's lines are the purchase order's, in order, at its transfer price; outside lines at the transfer price adjusted by the account's price_adjust_bp.",
    columns: [
      col("order_id", "i64", "Order."),
      col("line_number", "i16", "1, 2, 3 … (the purchase order's line numbers)."),
      col("sku_id", "i32", "SKU."),
      col("qty", "i32", "Units (whole case packs)."),
      money(
        "unit_price",
        "Transfer price of the SKU, segment and order date (× the account's adjustment).",
      ),
      money("line_amount", "qty × unit_price."),
    ],
    primaryKey: ["order_id", "line_number"],
    foreignKeys: [ORDER_FK, SKU_FK],
    scaleRule: "PO lines to the makers plus outside lines",
    rowCount: (ctx, r) => E.orderLines(ctx, r),
    rowCountExact: false,
  },
  {
    name: "manufacturer_shipments",
    tier: "manufacturing",
    description:
      "Shipments: every order ships whole from its plant's stock. A chain order ships so that it arrives on the day the distribution centre received it (dc_receipts); an outside order ships on its requested day, or later when stock was short. Orders whose goods the DC receives after the period's end are still open.",
    columns: [
      col("shipment_id", "i64", DOC_ID),
      col("order_id", "i64", "Order shipped."),
      col("customer_id", "i64", "Receiving account."),
      col("plant_site_id", "i32", "Shipping plant."),
      col("ship_date", "date", "Day the goods leave the plant."),
      col("delivery_date", "date", "Day they arrive (the DC's receipt_date for chain orders)."),
      col("total_qty", "i32", "Units shipped (the whole order)."),
    ],
    primaryKey: ["shipment_id"],
    foreignKeys: [ORDER_FK, CUST_FK, PLANT_FK],
    scaleRule: "one per order shipped within the period",
    rowCount: (ctx, r) => E.orders(ctx, r),
    rowCountExact: false,
  },
  {
    name: "manufacturer_invoices",
    tier: "manufacturing",
    description:
      "One invoice per shipment, dated the ship day, in the customer's currency: VAT where plant and customer are in the same VAT country, none on exports, intra-EU supplies (reverse charge) and US sales for resale; US fleets and industrial users pay sales tax.",
    columns: [
      col("invoice_id", "i64", DOC_ID),
      col("shipment_id", "i64", "Shipment invoiced."),
      col("order_id", "i64", "Order."),
      col("customer_id", "i64", "Billed account."),
      col("plant_site_id", "i32", "Invoicing plant."),
      col("currency", "str", "Currency."),
      col("invoice_date", "date", "Ship day."),
      col("due_date", "date", "invoice_date + terms_days."),
      col("tax_rate_bp", "i32", "Tax rate.", "basis points"),
      money("net_amount", "Σ lines' net_amount."),
      money("tax_amount", "Σ lines' tax_amount."),
      money("total_amount", "net_amount + tax_amount."),
    ],
    primaryKey: ["invoice_id"],
    foreignKeys: [
      { columns: ["shipment_id"], table: "manufacturer_shipments", references: ["shipment_id"] },
      ORDER_FK,
      CUST_FK,
      PLANT_FK,
    ],
    scaleRule: "one per shipment",
    rowCount: (ctx, r) => E.orders(ctx, r),
    rowCountExact: false,
  },
  {
    name: "manufacturer_invoice_lines",
    tier: "manufacturing",
    description:
      "Invoice lines: the order line's quantity × its price with tax, and the cost of goods from the price book.",
    columns: [
      col("invoice_id", "i64", "Invoice."),
      col("line_number", "i16", "The order line number."),
      col("order_id", "i64", "Order."),
      col("sku_id", "i32", "SKU."),
      col("qty", "i32", "Units."),
      money("unit_price", "The order line's unit_price."),
      money("net_amount", "qty × unit_price."),
      money("tax_amount", "round(net_amount × tax_rate_bp / 10000)."),
      money(
        "unit_cost",
        "The price book's standard_cost for the SKU, the customer's segment and the invoice date.",
      ),
    ],
    primaryKey: ["invoice_id", "line_number"],
    foreignKeys: [
      { columns: ["invoice_id"], table: "manufacturer_invoices", references: ["invoice_id"] },
      SKU_FK,
      {
        columns: ["order_id", "line_number"],
        table: "manufacturer_sales_order_lines",
        references: ["order_id", "line_number"],
      },
    ],
    scaleRule: "one per order line shipped",
    rowCount: (ctx, r) => E.orderLines(ctx, r),
    rowCountExact: false,
  },
  {
    name: "manufacturer_payments",
    tier: "manufacturing",
    description:
      "Payments against the makers' invoices: Brightaxle pays on the due day; outside accounts early with a 2/10 discount, on time, late, in two parts or (rarely) never. Payments due after the period's end are not yet made.",
    columns: [
      col("payment_id", "i64", DOC_ID),
      col("invoice_id", "i64", "Invoice settled."),
      col("customer_id", "i64", "Paying account."),
      col("payment_date", "date", "Day the money arrived (or the write-off was booked)."),
      col("payment_kind", "str", "full, partial, early_discount or write_off."),
      money("amount", "Amount received (or written off)."),
      money("discount_amount", "Early-payment discount taken, else 0."),
    ],
    primaryKey: ["payment_id"],
    foreignKeys: [
      { columns: ["invoice_id"], table: "manufacturer_invoices", references: ["invoice_id"] },
      CUST_FK,
    ],
    scaleRule: "about one per invoice paid within the period",
    rowCount: (ctx, r) => E.orders(ctx, r),
    rowCountExact: false,
  },
]);
