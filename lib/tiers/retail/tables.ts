/**
 * Registry entries of the retail tier: customers and their vehicles,
 * promotions, sales (headers, lines, returns), weekly store stock and the
 * stores' replenishment orders to the distributor.
 *
 * @module
 */

import { col, defineTables, money, money32, opt } from "../../schema/columns.ts";
import { demandPlan } from "./demand.ts";
import { promotionModel } from "./promotions.ts";
import { ROW_ESTIMATES } from "./estimates.ts";

const SITE_FK = { table: "sites", references: ["site_id"] };

/** The retail tables. */
export const RETAIL_TABLES = defineTables([
  {
    name: "retail_customers",
    tier: "retail",
    description:
      "Known retail customers: loyalty members (DIY hobbyists) and trade accounts (semi-professional mechanics), with a coined name and address in their geo segment, a join date and a preferred store or online shop.",
    columns: [
      col(
        "customer_id",
        "i64",
        "Customer id; dense, numbered site by site (loyalty members first, then trade accounts).",
      ),
      col("customer_type", "str", "loyalty (DIY loyalty member) or trade (trade account)."),
      col("first_name", "str", "Given name (Faker, in the locale of the country)."),
      col("last_name", "str", "Family name (Faker)."),
      opt(
        "company_name",
        "str",
        "Trading name of a trade account's workshop (null for loyalty members).",
      ),
      col("email", "str", "Made-up e-mail address on an example.* domain."),
      col("street_address", "str", "Street address (Faker)."),
      col("city", "str", "City: one of the cities of the customer's geo segment."),
      col("postal_code", "str", "Postal code (Faker; not tied to the city)."),
      col("country_code", "str", "Country of the address."),
      col(
        "segment_id",
        "i32",
        "Geo segment of the address (the preferred store's segment; any segment of the country for online customers).",
      ),
      col(
        "preferred_site_id",
        "i32",
        "The store or online shop the customer belongs to (their purchases happen there).",
      ),
      col(
        "join_date",
        "date",
        "Day the customer joined the loyalty programme or opened the trade account; no purchase as a known customer before it.",
      ),
      col("marketing_opt_in", "bool", "Whether the customer accepts marketing e-mail."),
    ],
    primaryKey: ["customer_id"],
    foreignKeys: [
      { columns: ["segment_id"], table: "geo_segments", references: ["segment_id"] },
      { columns: ["preferred_site_id"], ...SITE_FK },
      { columns: ["country_code"], table: "countries", references: ["country_code"] },
    ],
    scaleRule:
      "grows with scale and period: one loyalty member per retail.linesPerLoyaltyMember expected sales lines of a site, one trade account per retail.linesPerTradeAccount",
    rowCount: (ctx) => demandPlan(ctx).customers,
  },
  {
    name: "customer_vehicles",
    tier: "retail",
    description:
      "The vehicles each known customer owns (loyalty members 1–3, trade accounts 0–1), from the catalog's vehicles of their region, with model year and mileage.",
    columns: [
      col("customer_id", "i64", "Owner."),
      col("vehicle_seq", "i16", "1, 2, 3 … within the customer."),
      col("vehicle_id", "i32", "The base vehicle (make, model, engine, year range)."),
      col("model_year", "i16", "Model year of this car, within the vehicle's year range."),
      col("odometer_km", "i32", "Odometer reading on odometer_date.", "km"),
      col(
        "odometer_date",
        "date",
        "Day of the odometer reading: the join date, or three months after the car came out (October before its model year) if later.",
      ),
      col(
        "annual_km",
        "i32",
        "Distance driven in the vehicle's first year; use falls about 4 % a year with age, and odometer_km sums it.",
        "km",
      ),
    ],
    primaryKey: ["customer_id", "vehicle_seq"],
    foreignKeys: [
      { columns: ["customer_id"], table: "retail_customers", references: ["customer_id"] },
      { columns: ["vehicle_id"], table: "vehicles", references: ["vehicle_id"] },
    ],
    scaleRule: "about 1.5 per loyalty member and 0.5 per trade account",
    rowCount: (ctx) => ROW_ESTIMATES.vehicles(ctx),
    rowCountExact: false,
  },
  {
    name: "promotions",
    tier: "retail",
    description:
      "Retail promotions, one row per geo segment: mechanic, window (whole weeks from a Monday), audience and depth. Discounts apply only inside the window, the segment and the audience.",
    columns: [
      col("promotion_id", "i32", "Promotion id."),
      col("promotion_name", "str", "Name as advertised."),
      col(
        "mechanic",
        "str",
        "percent_off, fixed_price, buy_x_get_y, kit_deal (extra % off oil-change kits) or lube_deal (% off lubricants when the basket holds a filter).",
      ),
      opt(
        "campaign_code",
        "str",
        "Code shared by the segments of a country-wide campaign (null for a local promotion).",
      ),
      col("segment_id", "i32", "Geo segment whose stores and online shop run it."),
      col("audience", "str", "all, loyalty (members only) or trade (trade accounts only)."),
      col("start_date", "date", "First day (a Monday)."),
      col("end_date", "date", "Last day (inclusive)."),
      opt(
        "discount_bp",
        "i32",
        "Discount for percent_off, kit_deal and lube_deal.",
        "basis points",
      ),
      opt("buy_qty", "i16", "buy_x_get_y: units paid."),
      opt("get_qty", "i16", "buy_x_get_y: units free."),
    ],
    primaryKey: ["promotion_id"],
    foreignKeys: [{ columns: ["segment_id"], table: "geo_segments", references: ["segment_id"] }],
    scaleRule: "fixed by the period: about 2.5 promotion starts per segment per four weeks",
    rowCount: (ctx) => promotionModel(ctx).promotions.length,
  },
  {
    name: "promotion_products",
    tier: "retail",
    description:
      "The SKUs a promotion applies to (none listed for kit deals: they apply to every oil-change kit).",
    columns: [
      col("promotion_id", "i32", "Promotion."),
      col("sku_id", "i32", "SKU on promotion."),
      {
        ...money(
          "promo_price",
          "fixed_price: the promotional shelf price in the segment's currency (null for other mechanics).",
          true,
        ),
      },
    ],
    primaryKey: ["promotion_id", "sku_id"],
    foreignKeys: [
      { columns: ["promotion_id"], table: "promotions", references: ["promotion_id"] },
      { columns: ["sku_id"], table: "products", references: ["sku_id"] },
    ],
    scaleRule: "fixed by the period: up to 12 SKUs per promotion",
    rowCount: (ctx) => promotionModel(ctx).promotions.reduce((a, p) => a + p.products.length, 0),
  },
  {
    name: "retail_transactions",
    tier: "retail",
    description:
      "Retail baskets (receipt headers) at stores and online shops. Totals are the sums of the basket's lines, to the cent.",
    columns: [
      col("transaction_id", "i64", "Basket id: site_id × 10^10 + the site's running number."),
      col("site_id", "i32", "Store or online shop."),
      col(
        "channel",
        "str",
        "in_store, click_and_collect (ordered online, collected and paid in store) or online.",
      ),
      col("transaction_date", "date", "Business day."),
      col("transaction_ts", "timestamp", "Local time of the sale (no zone)."),
      opt(
        "customer_id",
        "i64",
        "Known customer (null for anonymous walk-ins and guest checkouts).",
      ),
      col("customer_type", "str", "anonymous, loyalty or trade."),
      col(
        "payment_type",
        "str",
        "card, cash, mobile_wallet, paypal or trade_account (invoiced to the account).",
      ),
      col("currency", "str", "Local currency of the site (ISO 4217)."),
      col("line_count", "i16", "Number of lines."),
      col("item_qty", "i32", "Units over all lines."),
      money("list_amount", "Σ lines' list_amount (at shelf prices)."),
      money("discount_amount", "Σ lines' discount_amount."),
      money("net_amount", "Σ lines' net_amount (revenue excluding tax)."),
      money("tax_amount", "Σ lines' tax_amount."),
      money(
        "total_amount",
        "Amount paid: net_amount + tax_amount (= list − discount where shelf prices include tax).",
      ),
      money("cost_amount", "Σ lines' cost_amount."),
      money("margin_amount", "net_amount − cost_amount."),
    ],
    primaryKey: ["transaction_id"],
    foreignKeys: [
      { columns: ["site_id"], ...SITE_FK },
      { columns: ["customer_id"], table: "retail_customers", references: ["customer_id"] },
    ],
    scaleRule: "≈ lines / 1.8",
    rowCount: (ctx) => ROW_ESTIMATES.transactions(ctx),
    rowCountExact: false,
  },
  {
    name: "retail_transaction_lines",
    tier: "retail",
    description:
      "Lines of retail baskets: SKU, quantity, list price and unit cost from the price book (the site's segment, the sale day), discounts, tax and margin. The largest table: ≈ 10 million lines per unit of scale over 2023–2025.",
    columns: [
      col("transaction_id", "i64", "Basket."),
      col("line_number", "i16", "1, 2, 3 … within the basket."),
      col("site_id", "i32", "Store or online shop (as the basket)."),
      col("transaction_date", "date", "Business day (as the basket)."),
      col("sku_id", "i32", "SKU sold."),
      col("qty", "i32", "Units sold (after stock-outs: never more than was on hand)."),
      money32(
        "unit_list_price",
        "Shelf price: the price book's retail_list_price (tax-inclusive where the country's shelf prices are).",
      ),
      money32(
        "unit_cost",
        "The retailer's unit cost: the price book's wholesale_price (what it pays the distributor).",
      ),
      money32("list_amount", "qty × unit_list_price."),
      money32("discount_amount", "Promotion, kit-bundle or trade-account discount on the line."),
      money32(
        "net_amount",
        "Revenue excluding tax: list − discount, less the tax it contains where shelf prices include tax.",
      ),
      money32("tax_amount", "Sales tax or VAT of the line."),
      money32("cost_amount", "qty × unit_cost."),
      money32("margin_amount", "net_amount − cost_amount."),
      opt("promotion_id", "i32", "The promotion that gave the discount (null when none)."),
      opt("kit_id", "i32", "The kit the line was sold in (its discount is the bundle's share)."),
      opt(
        "vehicle_id",
        "i32",
        "For a loyalty member's motor oil or filter: the member's vehicle it was bought for (it fits).",
      ),
    ],
    primaryKey: ["transaction_id", "line_number"],
    foreignKeys: [
      { columns: ["transaction_id"], table: "retail_transactions", references: ["transaction_id"] },
      { columns: ["sku_id"], table: "products", references: ["sku_id"] },
      { columns: ["promotion_id"], table: "promotions", references: ["promotion_id"] },
      { columns: ["kit_id"], table: "kits", references: ["kit_id"] },
      { columns: ["vehicle_id"], table: "vehicles", references: ["vehicle_id"] },
    ],
    scaleRule: "retail.linesPerScale (10 M) × scale × days / 1096",
    rowCount: (ctx) => ROW_ESTIMATES.lines(ctx),
    rowCountExact: false,
  },
  {
    name: "retail_returns",
    tier: "retail",
    description:
      "Returns of sold lines: a few percent come back, 1–60 days later, to the site that sold them (online returns by post to the online shop), and go back on the shelf. The refund is the price paid.",
    columns: [
      col("return_id", "i64", "Return id: site_id × 10^10 + the site's running number."),
      col("transaction_id", "i64", "Basket of the returned line."),
      col("line_number", "i16", "The returned line."),
      col("site_id", "i32", "Site that took the return (the selling site)."),
      col("return_date", "date", "Day of the return (after the sale, on a day the site is open)."),
      col("return_ts", "timestamp", "Local time of the return."),
      col("sku_id", "i32", "SKU returned (as the line)."),
      col("qty", "i32", "Units returned (at most the line's qty)."),
      money("refund_amount", "Net amount refunded: round(line net_amount × qty / line qty)."),
      money("refund_tax_amount", "Tax refunded: round(line tax_amount × qty / line qty)."),
      col("reason", "str", "wrong_part, not_needed, defective, damaged_packaging or changed_mind."),
    ],
    primaryKey: ["return_id"],
    foreignKeys: [
      {
        columns: ["transaction_id", "line_number"],
        table: "retail_transaction_lines",
        references: ["transaction_id", "line_number"],
      },
      { columns: ["site_id"], ...SITE_FK },
      { columns: ["sku_id"], table: "products", references: ["sku_id"] },
    ],
    scaleRule: "≈ 2–3 % of lines",
    rowCount: (ctx) => ROW_ESTIMATES.returns(ctx),
    rowCountExact: false,
  },
  {
    name: "store_inventory",
    tier: "retail",
    description:
      "Weekly stock of every SKU a store or online shop ranges: opening + receipts − sales + returns = closing, never negative; demand that found no stock is recorded as lost sales.",
    columns: [
      col("site_id", "i32", "Store or online shop."),
      col("sku_id", "i32", "SKU."),
      col(
        "week_start",
        "date",
        "First day of the week (Monday; the period's first day for a partial first week).",
      ),
      col(
        "snapshot_date",
        "date",
        "Last day of the week (Sunday, or the period's last day): stock is counted at its close.",
      ),
      col(
        "opening_qty",
        "i32",
        "Units on hand at the start of the week (the previous row's closing; the opening balance in the first week).",
      ),
      col("receipts_qty", "i32", "Units received from the distribution centre."),
      col(
        "sales_qty",
        "i32",
        "Units sold (= Σ retail_transaction_lines.qty of the site, SKU and week).",
      ),
      col("returns_qty", "i32", "Units returned by customers and put back on the shelf."),
      col("closing_qty", "i32", "Units on hand at the close of snapshot_date."),
      col("lost_sales_qty", "i32", "Units asked for while out of stock (not sold)."),
      col(
        "stockout_days",
        "i16",
        "Trading days of the week that ended with no stock while the SKU was on sale.",
      ),
      col("on_order_qty", "i32", "Units ordered and not yet received at the close."),
      col("reorder_point", "i32", "s of the (s, S) policy at the close."),
      col("order_up_to", "i32", "S of the (s, S) policy at the close."),
      money("unit_cost", "Wholesale price of the SKU in the site's segment on snapshot_date."),
      money("closing_value", "closing_qty × unit_cost."),
    ],
    primaryKey: ["site_id", "sku_id", "snapshot_date"],
    foreignKeys: [{ columns: ["site_id"], ...SITE_FK }, {
      columns: ["sku_id"],
      table: "products",
      references: ["sku_id"],
    }],
    scaleRule:
      "retail sites × ranged SKUs × weeks (rows only where stock or movements are non-zero)",
    rowCount: (ctx) => ROW_ESTIMATES.inventory(ctx),
    rowCountExact: false,
  },
  {
    name: "store_replenishment_orders",
    tier: "retail",
    description:
      "Orders of stores and online shops to the distribution centre of their segment under an (s, S) policy. The distribution tier receives exactly these as its sales orders from the retailer (same quantities, wholesale prices and dates).",
    columns: [
      col("order_id", "i64", "Order id: site_id × 10^10 + the site's running number."),
      col("site_id", "i32", "Ordering store or online shop."),
      col("dc_site_id", "i32", "Supplying distribution centre (the one in the site's segment)."),
      col("segment_id", "i32", "Geo segment of both sites (the price book segment of the order)."),
      col("order_date", "date", "Day the order was placed."),
      col("ship_date", "date", "Day the DC ships it (after the order day)."),
      col(
        "receive_date",
        "date",
        "Day the site receives it (on or after the ship day; the site's receipts that day).",
      ),
      col("line_count", "i16", "Number of lines."),
      col("total_qty", "i32", "Units over all lines."),
      money("total_amount", "Σ lines' line_amount (wholesale, local currency)."),
    ],
    primaryKey: ["order_id"],
    foreignKeys: [
      { columns: ["site_id"], ...SITE_FK },
      { columns: ["dc_site_id"], ...SITE_FK },
      { columns: ["segment_id"], table: "geo_segments", references: ["segment_id"] },
    ],
    scaleRule:
      "about two per store per week (online: every weekday), when something is at its reorder point",
    rowCount: (ctx) => ROW_ESTIMATES.orders(ctx),
    rowCountExact: false,
  },
  {
    name: "store_replenishment_order_lines",
    tier: "retail",
    description:
      "Lines of replenishment orders: SKU, quantity in whole case packs, wholesale unit price from the price book.",
    columns: [
      col("order_id", "i64", "Order."),
      col("line_number", "i16", "1, 2, 3 … within the order."),
      col("sku_id", "i32", "SKU."),
      col("qty", "i32", "Units ordered (whole case packs); all are shipped and received."),
      money("unit_price", "The price book's wholesale_price for the SKU, segment and order day."),
      money("line_amount", "qty × unit_price."),
    ],
    primaryKey: ["order_id", "line_number"],
    foreignKeys: [
      { columns: ["order_id"], table: "store_replenishment_orders", references: ["order_id"] },
      { columns: ["sku_id"], table: "products", references: ["sku_id"] },
    ],
    scaleRule: "≈ orders × SKUs at their reorder point",
    rowCount: (ctx) => ROW_ESTIMATES.orderLines(ctx),
    rowCountExact: false,
  },
]);
