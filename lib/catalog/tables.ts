/**
 * Registry entries of the catalog tier: brands, products (the SKU master),
 * vehicles and fitments, kits, the raw-material index and the price book.
 * Catalog tables are fixed by `options.catalog`, never by the scale factor.
 *
 * @module
 */

import { col, money, opt } from "../schema/columns.ts";
import type { TableDef } from "../schema/types.ts";
import { catalogModel } from "./model.ts";
import { priceBook } from "./price_book.ts";
import { RAW_MATERIAL_INDICES, rawMaterialModel } from "./raw_materials.ts";

/** The catalog tables. */
export const CATALOG_TABLES: TableDef[] = [
  {
    name: "brands",
    tier: "catalog",
    description:
      "Brands on the shelves: the manufacturers' own labels (Corvane, Keldmark), the retailer's own brand Torqline, and third-party competitor brands.",
    columns: [
      col("brand_id", "i32", "Brand id (1-based)."),
      col(
        "brand_name",
        "str",
        "Brand as printed on the pack. Names of the chain's brands are coined; real names are third-party competitor offerings only.",
      ),
      col(
        "brand_type",
        "str",
        "own (a manufacturer's own label), private_label (the retailer's own brand) or third_party (a competitor brand).",
      ),
      col(
        "positioning",
        "str",
        "value, mainstream or premium: where the brand sits on price and quality.",
      ),
      opt(
        "owner_company_id",
        "i32",
        "Company of the chain that owns the brand (null for third-party brands).",
      ),
      col("product_lines", "str", "What the brand sells here: lubricants, filters, or both."),
      col("markets", "str", "Shelves that carry it: us (US-customary packs), metric, or all."),
      col("origin_country", "str", "Country the brand comes from (ISO 3166-1 alpha-2)."),
      col("description", "str", "One line on the brand."),
    ],
    primaryKey: ["brand_id"],
    foreignKeys: [{
      columns: ["owner_company_id"],
      table: "companies",
      references: ["company_id"],
    }],
    scaleRule: "fixed: every brand of the catalog (22)",
    rowCount: (ctx) => catalogModel(ctx).brands.length,
  },
  {
    name: "products",
    tier: "catalog",
    description:
      "The SKU master: every oil, fluid and filter SKU with its category, brand, pack, GTIN, dates, demand weight and the attributes of its kind (oil specifications or filter dimensions). US-customary and metric packs are separate SKUs (see `market`).",
    columns: [
      col("sku_id", "i32", "SKU id (1-based); the key every transaction uses."),
      col(
        "sku",
        "str",
        "SKU code: kind prefix and id, e.g. MO-00012 (motor oil), OF-00230 (oil filter).",
      ),
      col(
        "gtin",
        "str",
        "GTIN with a valid GS1 check digit: UPC-A (12 digits) for US shelves, EAN-13 otherwise. Company prefixes are coined.",
      ),
      col(
        "product_name",
        "str",
        "Name a shopper recognises: brand, line, grade or part number, pack.",
      ),
      col("brand_id", "i32", "Brand of the product (brands.brand_id)."),
      opt(
        "maker_company_id",
        "i32",
        "Company of the chain that makes it (1 Corvane Lubricants, 2 Keldmark Filtration); null for third-party goods bought in.",
      ),
      col("department", "str", "Top of the category tree: Oils & Fluids or Filters."),
      col(
        "category",
        "str",
        "Category: Motor Oil, Transmission Fluid, Gear Oil, Grease, Antifreeze & Coolant, Oil/Air/Cabin Air/Fuel/Transmission Filters.",
      ),
      col(
        "subcategory",
        "str",
        "Subcategory, e.g. Full Synthetic, Synthetic Blend, Conventional, High Mileage, Diesel (motor oil) or Spin-On, Cartridge, Panel (filters).",
      ),
      col(
        "product_kind",
        "str",
        "Machine kind: motor_oil, atf, gear_oil, grease, coolant, oil_filter, air_filter, cabin_filter, fuel_filter, transmission_filter.",
      ),
      col("product_line", "str", "Product line within the brand, e.g. Apex Full Synthetic."),
      col(
        "market",
        "str",
        "Shelves that carry the SKU: us (US-customary packs: qt, 5 qt, gal, 55 gal drum; sold in the US), metric (1 L, 4 L, 5 L, 208 L drum; Canada, Europe, Australia) or all (filters and other unit-free goods).",
      ),
      col("pack_size", "f64", "Pack content in pack_unit (e.g. 5 for a 5 qt jug)."),
      col("pack_unit", "str", "Unit of pack_size: qt, gal, L, oz, g or each."),
      col(
        "pack_label",
        "str",
        "Pack as the shelf label shows it: 1 qt, 5 qt, 1 gal, 1 L, 4 L, 5 L, 55 gal drum, 208 L drum, 14 oz cartridge, 400 g cartridge, 1 filter.",
      ),
      col("package_type", "str", "Physical package: bottle, jug, drum, cartridge or box."),
      opt("volume_l", "f64", "Liquid content in litres (null for grease and filters).", "L"),
      col("weight_kg", "f64", "Shipping weight of one unit.", "kg"),
      col("case_pack", "i32", "Units per case (the unit of ordering upstream)."),
      col("is_bulk", "bool", "True for bulk drums sold to trade customers, not on the DIY shelf."),
      col("launch_date", "date", "First day on sale."),
      opt(
        "discontinue_date",
        "date",
        "First day no longer on sale (the last day on sale is the day before); null while current.",
      ),
      col(
        "popularity",
        "f64",
        "Relative unit demand weight across the catalog (mean 1); long-tailed, so a fifth of SKUs carry most revenue.",
      ),
      col(
        "popularity_us",
        "f64",
        "Demand weight on US-customary shelves (mean 1 over SKUs carried there; 0 when not carried).",
      ),
      col(
        "popularity_metric",
        "f64",
        "Demand weight on metric shelves (mean 1 over SKUs carried there; 0 when not carried).",
      ),
      opt(
        "sae_grade",
        "str",
        "SAE viscosity grade (SAE J300 for motor oils, e.g. 5W-30; SAE J306 for gear oils, e.g. 75W-90); null for other kinds.",
      ),
      opt(
        "base_oil_group",
        "str",
        "API base-oil group of the lubricant, e.g. Group II, Group III, Group IV (PAO); null for coolant and filters.",
      ),
      opt(
        "api_service",
        "str",
        "API service category: API SP (gasoline), API CK-4 (heavy-duty diesel), API GL-5 (gear oil).",
      ),
      opt(
        "ilsac_grade",
        "str",
        "ILSAC approval of a gasoline motor oil (GF-6A, or GF-6B for 0W-16); null when none.",
      ),
      opt(
        "acea_sequences",
        "str",
        "ACEA sequences of a metric-market motor oil, e.g. C3 or A3/B4; null when none.",
      ),
      opt("nlgi_grade", "str", "NLGI consistency grade of a grease."),
      opt(
        "fluid_spec",
        "str",
        "Specification of an ATF, gear oil, grease or coolant, e.g. DEXRON-VI, MERCON LV.",
      ),
      opt(
        "filter_type",
        "str",
        "Filter construction: spin-on, cartridge, panel, round, inline, diesel cartridge or pan kit.",
      ),
      opt(
        "design_code",
        "str",
        "Cross-reference (interchange) code of the physical filter design: SKUs of different brands with the same code are interchangeable and fit the same vehicles.",
      ),
      opt("thread_size", "str", "Mounting thread of a spin-on filter, e.g. 3/4-16 UNF or M20x1.5."),
      opt(
        "gasket_od_mm",
        "i32",
        "Outer diameter of the sealing gasket (O-ring for cartridges).",
        "mm",
      ),
      opt("gasket_id_mm", "i32", "Inner diameter of the sealing gasket.", "mm"),
      opt(
        "outer_diameter_mm",
        "i32",
        "Outer diameter of a round filter (spin-on, cartridge, round, inline).",
        "mm",
      ),
      opt(
        "inner_diameter_mm",
        "i32",
        "Inner (centre-tube) diameter of a cartridge or round filter.",
        "mm",
      ),
      opt("length_mm", "i32", "Length of a panel, pan or inline filter.", "mm"),
      opt("width_mm", "i32", "Width of a panel or pan filter.", "mm"),
      opt(
        "height_mm",
        "i32",
        "Height of a filter (pleat depth for panels, overall length for inline filters).",
        "mm",
      ),
      opt(
        "media",
        "str",
        "Filter media, e.g. cellulose, synthetic blend, activated carbon, oiled cotton gauze.",
      ),
      opt(
        "anti_drain_back_valve",
        "bool",
        "Whether a spin-on oil filter has an anti-drain-back valve.",
      ),
      opt("bypass_valve_psi", "i32", "Opening pressure of an oil filter's bypass valve.", "psi"),
      opt(
        "efficiency_pct",
        "f64",
        "Filtration efficiency at efficiency_micron (single-pass, manufacturer's rating).",
        "%",
      ),
      opt("efficiency_micron", "f64", "Particle size of the efficiency rating.", "µm"),
      col(
        "cost_mix",
        "str",
        "Raw-material mix its standard cost follows (see raw_material_index): lube_group2, lube_group3, lube_pao, grease, coolant, filter_canister, filter_element.",
      ),
    ],
    primaryKey: ["sku_id"],
    foreignKeys: [
      { columns: ["brand_id"], table: "brands", references: ["brand_id"] },
      { columns: ["maker_company_id"], table: "companies", references: ["company_id"] },
    ],
    scaleRule:
      "fixed by options.catalog (filterRange): about 190 oil and fluid SKUs and 225 filter SKUs by default",
    rowCount: (ctx) => catalogModel(ctx).products.length,
  },
  {
    name: "vehicles",
    tier: "catalog",
    description:
      "Base vehicles (make, model, model-year range, engine) in each region of sale, with the oil grade and capacity the engine takes: the vehicles customers own.",
    columns: [
      col("vehicle_id", "i32", "Vehicle id (1-based)."),
      col("make", "str", "Make (real makes)."),
      col("model", "str", "Model (real models)."),
      col("year_from", "i16", "First model year of the range."),
      col("year_to", "i16", "Last model year of the range."),
      col("body_style", "str", "sedan, hatchback, wagon, suv, pickup, van, minivan or coupe."),
      col("engine", "str", "Engine label with power, e.g. 2.0L I4 TDI (145 hp)."),
      col("displacement_l", "f64", "Engine displacement.", "L"),
      col("cylinders", "i16", "Number of cylinders."),
      col("power_hp", "i32", "Rated power.", "hp"),
      col("fuel", "str", "gasoline, diesel or hybrid."),
      col(
        "region",
        "str",
        "Region of sale: north_america (US, CA), europe (GB, DE, FR) or australia (AU).",
      ),
      col("oil_grade", "str", "Recommended SAE grade of engine oil."),
      col("oil_capacity_l", "f64", "Engine oil capacity with a filter change.", "L"),
      col(
        "popularity",
        "f64",
        "Relative number of these vehicles serviced at home (mean 1): model sales weight × an age curve peaking at 6–12 years.",
      ),
    ],
    primaryKey: ["vehicle_id"],
    scaleRule: "fixed: options.catalog.vehicles (400 by default)",
    rowCount: (ctx) => catalogModel(ctx).vehicles.length,
  },
  {
    name: "fitments",
    tier: "catalog",
    description:
      "Which product fits which base vehicle and as what: every brand's filter of the vehicle's designs, and every motor oil of its grade (diesel oils for diesel engines only).",
    columns: [
      col("sku_id", "i32", "Product that fits (products.sku_id)."),
      col("vehicle_id", "i32", "Vehicle it fits (vehicles.vehicle_id)."),
      col(
        "role",
        "str",
        "What it is on that vehicle: oil_filter, air_filter, cabin_filter, fuel_filter, transmission_filter or engine_oil.",
      ),
      opt(
        "oil_capacity_l",
        "f64",
        "For engine_oil rows, the oil the engine takes (litres); null for filters.",
        "L",
      ),
    ],
    primaryKey: ["sku_id", "vehicle_id"],
    foreignKeys: [
      { columns: ["sku_id"], table: "products", references: ["sku_id"] },
      { columns: ["vehicle_id"], table: "vehicles", references: ["vehicle_id"] },
    ],
    scaleRule: "fixed: follows the catalog and options.catalog.vehicles",
    rowCount: (ctx) => catalogModel(ctx).fitments.length,
  },
  {
    name: "kits",
    tier: "catalog",
    description:
      "Bundles sold at a price below the sum of their parts: oil-change kits (the oil a vehicle takes plus the oil filter that fits) and lubricant deals tied to a part purchase.",
    columns: [
      col("kit_id", "i32", "Kit id (1-based)."),
      col("kit_code", "str", "Kit code, e.g. KIT-0001."),
      col("kit_name", "str", "Name as the shelf or web shop shows it."),
      col("kit_type", "str", "oil_change or lube_deal."),
      opt("vehicle_id", "i32", "Vehicle the kit is made for (null for a generic deal)."),
      col("market", "str", "Shelves that carry it: us or metric (its oil packs decide)."),
      col(
        "target_discount",
        "f64",
        "Target bundle discount against the sum of the components' list prices, before rounding to a price ending.",
        "ratio",
      ),
    ],
    primaryKey: ["kit_id"],
    foreignKeys: [{ columns: ["vehicle_id"], table: "vehicles", references: ["vehicle_id"] }],
    scaleRule:
      "fixed: options.catalog.oilChangeKits + options.catalog.lubeDeals (48 + 16 by default)",
    rowCount: (ctx) => catalogModel(ctx).kits.length,
  },
  {
    name: "kit_components",
    tier: "catalog",
    description: "The SKUs in each kit and how many of each.",
    columns: [
      col("kit_id", "i32", "Kit the row belongs to (kits.kit_id)."),
      col("sku_id", "i32", "Component SKU (products.sku_id)."),
      col("quantity", "i32", "Units of the SKU in one kit."),
    ],
    primaryKey: ["kit_id", "sku_id"],
    foreignKeys: [
      { columns: ["kit_id"], table: "kits", references: ["kit_id"] },
      { columns: ["sku_id"], table: "products", references: ["sku_id"] },
    ],
    scaleRule: "fixed: two to three components per kit",
    rowCount: (ctx) => catalogModel(ctx).kits.reduce((a, k) => a + k.components.length, 0),
  },
  {
    name: "kit_prices",
    tier: "catalog",
    description:
      "Kit bundle prices per geo segment and validity period, derived from the price book: the bundle price and the sum of its components' list prices it undercuts.",
    columns: [
      col("kit_id", "i32", "Kit the row belongs to (kits.kit_id)."),
      col("segment_id", "i32", "Geo segment the price applies to (geo_segments.segment_id)."),
      col("valid_from", "date", "First day the price is valid."),
      col("valid_to", "date", "Last day the price is valid (inclusive)."),
      col("currency", "str", "Local currency of the segment (ISO 4217)."),
      money(
        "kit_price",
        "Bundle price on the shelf (tax-inclusive where the country's shelf prices are), ending in .99.",
      ),
      money(
        "components_retail_price",
        "Sum of the components' retail list prices × quantities over the same period.",
      ),
    ],
    primaryKey: ["kit_id", "segment_id", "valid_from"],
    foreignKeys: [
      { columns: ["kit_id"], table: "kits", references: ["kit_id"] },
      { columns: ["segment_id"], table: "geo_segments", references: ["segment_id"] },
    ],
    scaleRule: "fixed: kits × segments of their market × price changes",
    rowCount: (ctx) => priceBook(ctx).kits.rows,
  },
  {
    name: "raw_material_index",
    tier: "catalog",
    description:
      "Weekly raw-material price indices (base oils, additive package, glycol, steel, filter media) with trend, noise and one documented base-oil shock; standard costs follow them with a 2–3 month lag.",
    columns: [
      col("week_start", "date", "Monday of the week."),
      col("index_code", "str", `Index: ${RAW_MATERIAL_INDICES.map((i) => i.code).join(", ")}.`),
      col("index_name", "str", "English name of the index."),
      col(
        "index_value",
        "f64",
        "Index points: 100 = the index's trend level on 2023-01-02.",
        "points",
      ),
      col(
        "price_usd_per_tonne",
        "f64",
        "The index as a price: reference price × index / 100.",
        "USD/t",
      ),
    ],
    primaryKey: ["week_start", "index_code"],
    scaleRule: "fixed: one row per index per week of the period",
    rowCount: (ctx) => rawMaterialModel(ctx).tableWeeks().length * RAW_MATERIAL_INDICES.length,
  },
  {
    name: "price_book",
    tier: "catalog",
    description:
      "The only source of prices and costs: per SKU × geo segment × validity period, the standard cost, manufacturer transfer price, distributor wholesale price and retail list price in local currency. Periods start on the 1st of a month (the first on the run's start), valid_to is inclusive, and each SKU × segment's periods tile the run's dates with no gap or overlap. Only segments whose shelves carry the SKU have rows.",
    columns: [
      col("sku_id", "i32", "SKU priced (products.sku_id)."),
      col("segment_id", "i32", "Geo segment the prices apply to."),
      col(
        "valid_from",
        "date",
        "First day of the period (the 1st of a month, or the run's start).",
      ),
      col(
        "valid_to",
        "date",
        "Last day of the period, inclusive (a month's last day, or the run's end).",
      ),
      col("currency", "str", "Local currency of the segment (ISO 4217)."),
      money(
        "standard_cost",
        "Manufacturer's standard cost, landed in the country at the planning FX rate; follows the raw-material indices with a 2–3 month lag.",
      ),
      money(
        "transfer_price",
        "Manufacturer's (or third-party supplier's) selling price to the distributor.",
      ),
      money(
        "wholesale_price",
        "Distributor's selling price to the retailer and to trade customers.",
      ),
      money(
        "retail_list_price",
        "Retailer's shelf price, ending in .99; includes VAT where the country's shelf prices do (countries.tax_included).",
      ),
      money(
        "retail_price_ex_tax",
        "Retail list price without VAT (equal to retail_list_price where shelf prices exclude tax).",
      ),
      col(
        "change_reason",
        "str",
        "What changed at the start of the period: period_start, or a '+'-joined list of cost, transfer, wholesale, retail.",
      ),
    ],
    primaryKey: ["sku_id", "segment_id", "valid_from"],
    foreignKeys: [
      { columns: ["sku_id"], table: "products", references: ["sku_id"] },
      { columns: ["segment_id"], table: "geo_segments", references: ["segment_id"] },
    ],
    scaleRule: "fixed: SKUs × carrying segments × price changes (at most one per month)",
    rowCount: (ctx) => priceBook(ctx).rows,
  },
];
