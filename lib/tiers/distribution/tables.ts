/**
 * Registry entries of the distribution tier (Brightaxle Distribution): its
 * customers (the retailer's sites and trade accounts), sales orders,
 * shipments, invoices and credit notes, payments, weekly stock per
 * distribution centre, purchase orders to the makers and brand suppliers, and
 * receipts. The retailer's replenishment orders are the same documents seen
 * from the other side: one distributor sales order per store order, line for
 * line.
 *
 * @module
 */

import { col, defineTables, money, opt } from "../../schema/columns.ts";
import { ROW_ESTIMATES } from "./estimates.ts";

const DC_FK = { columns: ["dc_site_id"], table: "sites", references: ["site_id"] };
const SEG_FK = { columns: ["segment_id"], table: "geo_segments", references: ["segment_id"] };
const SKU_FK = { columns: ["sku_id"], table: "products", references: ["sku_id"] };
const CUST_FK = {
  columns: ["customer_id"],
  table: "distributor_customers",
  references: ["customer_id"],
};
const ORDER_FK = {
  columns: ["order_id"],
  table: "distributor_sales_orders",
  references: ["order_id"],
};

/** The distribution tables. */
export const DISTRIBUTION_TABLES = defineTables([
  {
    name: "distributor_customers",
    tier: "distribution",
    description:
      "Brightaxle's customers, per distribution centre: the retailer's stores and online shops as ship-to accounts, and trade accounts (independent garages, quick-lube shops, fleet operators, small parts resellers) with a coined company name, contact and address in the segment's locale, payment terms, a credit limit and a price tier.",
    columns: [
      col("customer_id", "i64", "Customer id: dc_site_id × 10^6 + a running number."),
      col(
        "customer_type",
        "str",
        "retailer_site (a Gearwell store or online shop), garage, quick_lube, fleet or reseller.",
      ),
      col("company_name", "str", "Trading name (Gearwell and the site's name for the retailer)."),
      col("contact_name", "str", "Buyer or accounts contact (Faker, in the segment's locale)."),
      col("email", "str", "Made-up e-mail address on an example.* domain."),
      col("street_address", "str", "Street address (Faker)."),
      col("city", "str", "City: one of the cities of the segment."),
      col("postal_code", "str", "Postal code (Faker; not tied to the city)."),
      col("country_code", "str", "Country of the address."),
      col("segment_id", "i32", "Geo segment: its price book rows price the account's orders."),
      col("dc_site_id", "i32", "The distribution centre that serves the account."),
      opt("retail_site_id", "i32", "The retailer's store or online shop (retailer_site only)."),
      col("customer_since", "date", "Day the account was opened; no order before it."),
      col("payment_terms", "str", "net 30, 2/10 net 30, net 15 or net 45."),
      col("terms_days", "i16", "Days from invoice to the due date.", "days"),
      col(
        "early_pay_discount_bp",
        "i32",
        "Discount for paying within 10 days (2/10 net 30: 200), else 0.",
        "basis points",
      ),
      money("credit_limit", "Credit limit in the segment's currency."),
      col("price_tier", "str", "list, silver, gold or platinum (retailer sites: contract)."),
      col(
        "tier_discount_bp",
        "i32",
        "Discount off the wholesale price book for this tier (0 for list and the retailer's contract).",
        "basis points",
      ),
    ],
    primaryKey: ["customer_id"],
    foreignKeys: [
      SEG_FK,
      DC_FK,
      { columns: ["retail_site_id"], table: "sites", references: ["site_id"] },
      { columns: ["country_code"], table: "countries", references: ["country_code"] },
    ],
    scaleRule:
      "one ship-to account per retail site, plus trade accounts growing with scale (distribution.tradeAccountsPerScale × scale, spread over segments by their store count)",
    rowCount: (ctx) => ROW_ESTIMATES.customers(ctx),
    rowCountExact: false,
  },
  {
    name: "distributor_sales_orders",
    tier: "distribution",
    description:
      "Sales orders Brightaxle takes: one per store replenishment order of the retailer (the same document from the seller's side: same lines, quantities, prices and dates, referenced by retail_order_id), and the trade accounts' own orders on business days.",
    columns: [
      col("order_id", "i64", "Order id: dc_site_id × 10^10 + the DC's running number."),
      col("customer_id", "i64", "Ordering account."),
      col("dc_site_id", "i32", "Distribution centre that takes and ships the order."),
      col("segment_id", "i32", "Geo segment (the price book segment of every line)."),
      col("order_type", "str", "retail_replenishment or trade."),
      opt(
        "retail_order_id",
        "i64",
        "The retailer's store_replenishment_orders.order_id this order is (retail_replenishment only).",
      ),
      col("order_date", "date", "Day the order was placed."),
      col(
        "requested_date",
        "date",
        "Day the customer wants the goods shipped (a retail order's booked ship date).",
      ),
      col("line_count", "i16", "Number of lines."),
      col("total_qty", "i32", "Units ordered over all lines."),
      money("list_amount", "Σ lines' qty × unit_list_price."),
      money("net_amount", "Σ lines' line_amount (after the tier discount, before tax)."),
    ],
    primaryKey: ["order_id"],
    foreignKeys: [
      CUST_FK,
      DC_FK,
      SEG_FK,
      {
        columns: ["retail_order_id"],
        table: "store_replenishment_orders",
        references: ["order_id"],
      },
    ],
    scaleRule: "one per store replenishment order, plus trade orders growing with scale",
    rowCount: (ctx, rowsOf) => ROW_ESTIMATES.orders(ctx, rowsOf),
    rowCountExact: false,
  },
  {
    name: "distributor_sales_order_lines",
    tier: "distribution",
    description:
      "Lines of the sales orders. A retail replenishment order's lines are the store order's lines, in the same order; trade lines are whole case packs of the makers' labels and known brands.",
    columns: [
      col("order_id", "i64", "Order."),
      col("line_number", "i16", "1, 2, 3 … within the order (as the store order's lines)."),
      col("sku_id", "i32", "SKU ordered."),
      col("qty", "i32", "Units ordered."),
      money(
        "unit_list_price",
        "The price book's wholesale_price for the SKU, segment and order date.",
      ),
      money(
        "unit_price",
        "Price charged: round(unit_list_price × (1 − tier_discount_bp / 10000)).",
      ),
      money("line_amount", "qty × unit_price."),
    ],
    primaryKey: ["order_id", "line_number"],
    foreignKeys: [ORDER_FK, SKU_FK],
    scaleRule: "store order lines plus trade lines (≈ 2 million trade lines at scale 1)",
    rowCount: (ctx, rowsOf) => ROW_ESTIMATES.orderLines(ctx, rowsOf),
    rowCountExact: false,
  },
  {
    name: "distributor_shipments",
    tier: "distribution",
    description:
      "Shipments from a distribution centre. A retail order ships whole on the day the store booked; a trade order ships what is on hand on its order day, and what was short ships later as a backorder shipment when stock arrives.",
    columns: [
      col("shipment_id", "i64", "Shipment id: dc_site_id × 10^10 + the DC's running number."),
      col("order_id", "i64", "The order it ships (whole or in part)."),
      col("customer_id", "i64", "Receiving account."),
      col("dc_site_id", "i32", "Shipping distribution centre."),
      col("ship_date", "date", "Day the goods leave the DC."),
      col(
        "delivery_date",
        "date",
        "Day the goods arrive (a store's receive_date for retail orders).",
      ),
      col("is_backorder", "bool", "True for a later shipment of quantities that were short."),
      col("line_count", "i16", "Number of lines."),
      col("total_qty", "i32", "Units shipped."),
    ],
    primaryKey: ["shipment_id"],
    foreignKeys: [ORDER_FK, CUST_FK, DC_FK],
    scaleRule: "about one per order, plus backorder shipments",
    rowCount: (ctx, rowsOf) => ROW_ESTIMATES.shipments(ctx, rowsOf),
    rowCountExact: false,
  },
  {
    name: "distributor_shipment_lines",
    tier: "distribution",
    description: "Lines of the shipments: how much of which order line left the DC.",
    columns: [
      col("shipment_id", "i64", "Shipment."),
      col("line_number", "i16", "1, 2, 3 … within the shipment."),
      col("order_id", "i64", "Order of the shipped line."),
      col("order_line_number", "i16", "The order line shipped."),
      col("sku_id", "i32", "SKU shipped."),
      col("qty", "i32", "Units shipped (Σ over shipments ≤ ordered)."),
    ],
    primaryKey: ["shipment_id", "line_number"],
    foreignKeys: [
      { columns: ["shipment_id"], table: "distributor_shipments", references: ["shipment_id"] },
      SKU_FK,
      {
        columns: ["order_id", "order_line_number"],
        table: "distributor_sales_order_lines",
        references: ["order_id", "line_number"],
      },
    ],
    scaleRule: "about one per order line, plus backorder lines",
    rowCount: (ctx, rowsOf) => ROW_ESTIMATES.shipmentLines(ctx, rowsOf),
    rowCountExact: false,
  },
  {
    name: "distributor_invoices",
    tier: "distribution",
    description:
      "Invoices (one per shipment, dated the ship day) and credit notes (one per trade return, negative amounts). Tax as the country requires: VAT or GST on every invoice in GB, DE, FR, CA and AU; in the US, purchases for resale carry no sales tax and fleets pay it.",
    columns: [
      col("invoice_id", "i64", "Invoice id: dc_site_id × 10^10 + the DC's running number."),
      col("invoice_type", "str", "invoice or credit_note."),
      opt("shipment_id", "i64", "Shipment invoiced (invoices only)."),
      col("order_id", "i64", "Order of the goods."),
      col("customer_id", "i64", "Billed account."),
      col("dc_site_id", "i32", "Billing distribution centre."),
      col("segment_id", "i32", "Geo segment (currency and tax of the invoice)."),
      col("currency", "str", "Currency of the amounts (ISO 4217)."),
      col("invoice_date", "date", "Day of the invoice or credit note."),
      col("due_date", "date", "invoice_date + the account's terms_days."),
      col("tax_rate_bp", "i32", "Tax rate applied.", "basis points"),
      money("net_amount", "Σ lines' net_amount (negative for a credit note)."),
      money("tax_amount", "Σ lines' tax_amount."),
      money("total_amount", "net_amount + tax_amount."),
    ],
    primaryKey: ["invoice_id"],
    foreignKeys: [
      { columns: ["shipment_id"], table: "distributor_shipments", references: ["shipment_id"] },
      ORDER_FK,
      CUST_FK,
      DC_FK,
      SEG_FK,
    ],
    scaleRule: "one per shipment plus one per trade return",
    rowCount: (ctx, rowsOf) => ROW_ESTIMATES.invoices(ctx, rowsOf),
    rowCountExact: false,
  },
  {
    name: "distributor_invoice_lines",
    tier: "distribution",
    description:
      "Lines of invoices and credit notes: shipped (or returned) quantity × the order line's price, with its tax.",
    columns: [
      col("invoice_id", "i64", "Invoice or credit note."),
      col("line_number", "i16", "1, 2, 3 … within the invoice."),
      col("order_id", "i64", "Order of the goods."),
      col("order_line_number", "i16", "Order line billed."),
      col("sku_id", "i32", "SKU billed."),
      col("qty", "i32", "Units billed (negative on a credit note)."),
      money("unit_price", "The order line's unit_price."),
      money("net_amount", "qty × unit_price."),
      money("tax_amount", "round(net_amount × tax_rate_bp / 10000)."),
      money("unit_cost", "The price book's transfer_price on the invoice date (cost of goods)."),
    ],
    primaryKey: ["invoice_id", "line_number"],
    foreignKeys: [
      { columns: ["invoice_id"], table: "distributor_invoices", references: ["invoice_id"] },
      SKU_FK,
      {
        columns: ["order_id", "order_line_number"],
        table: "distributor_sales_order_lines",
        references: ["order_id", "line_number"],
      },
    ],
    scaleRule: "one per shipment line plus one per returned line",
    rowCount: (ctx, rowsOf) => ROW_ESTIMATES.shipmentLines(ctx, rowsOf),
    rowCountExact: false,
  },
  {
    name: "distributor_payments",
    tier: "distribution",
    description:
      "Payments received against invoices by their terms: most on time (early with a 2/10 discount), some late, a few in two parts, and rare write-offs of what stays unpaid. Payments due after the period's end are not yet made, so receivables are open at the end.",
    columns: [
      col("payment_id", "i64", "Payment id: dc_site_id × 10^10 + the DC's running number."),
      col("invoice_id", "i64", "Invoice settled."),
      col("customer_id", "i64", "Paying account."),
      col("payment_date", "date", "Day the money arrived (or the write-off was booked)."),
      col(
        "payment_kind",
        "str",
        "full, partial, early_discount, write_off, or credit (a credit note's credit applied to the account, negative).",
      ),
      money("amount", "Amount received (or written off)."),
      money("discount_amount", "Early-payment discount taken (2/10 net 30), else 0."),
    ],
    primaryKey: ["payment_id"],
    foreignKeys: [
      { columns: ["invoice_id"], table: "distributor_invoices", references: ["invoice_id"] },
      CUST_FK,
    ],
    scaleRule: "about one per invoice paid within the period",
    rowCount: (ctx, rowsOf) => ROW_ESTIMATES.invoices(ctx, rowsOf),
    rowCountExact: false,
  },
  {
    name: "dc_inventory",
    tier: "distribution",
    description:
      "Weekly stock of each distribution centre per SKU it holds: opening + receipts − shipments + returns = closing, never negative, with the backorders waiting and the (s, S) levels of its purchasing policy.",
    columns: [
      col("dc_site_id", "i32", "Distribution centre."),
      col("sku_id", "i32", "SKU."),
      col("week_start", "date", "Monday of the week (or the period's first day)."),
      col("snapshot_date", "date", "Last day of the week (Sunday, or the period's last day)."),
      col("opening_qty", "i32", "Units on hand at the start of week_start."),
      col("receipts_qty", "i32", "Units received from suppliers in the week."),
      col("shipments_qty", "i32", "Units shipped to customers in the week."),
      col("returns_qty", "i32", "Units trade customers returned in the week (back on the shelf)."),
      col("closing_qty", "i32", "Units on hand at the close of snapshot_date."),
      col("backorder_qty", "i32", "Units ordered by trade customers and not yet shipped."),
      col("on_order_qty", "i32", "Units on purchase orders not yet received."),
      col("reorder_point", "i32", "s of the (s, S) policy at the close."),
      col("order_up_to", "i32", "S of the (s, S) policy at the close."),
      money("unit_cost", "The price book's transfer_price on snapshot_date."),
      money("closing_value", "closing_qty × unit_cost."),
    ],
    primaryKey: ["dc_site_id", "sku_id", "week_start"],
    foreignKeys: [DC_FK, SKU_FK],
    scaleRule: "weeks × distribution centres × SKUs held (does not grow with scale)",
    rowCount: (ctx) => ROW_ESTIMATES.inventory(ctx),
    rowCountExact: false,
  },
  {
    name: "distributor_purchase_orders",
    tier: "distribution",
    description:
      "Purchase orders of a distribution centre, from its weekly (s, S) review (regular) or placed the day a retail order cannot be covered from stock (expedite): to Corvane Lubricants for oils and fluids, to Keldmark Filtration for filters (their own labels and the retailer's own brand), and to the suppliers of well-known brands.",
    columns: [
      col("po_id", "i64", "Purchase order id: dc_site_id × 10^10 + the DC's running number."),
      col("dc_site_id", "i32", "Ordering distribution centre."),
      col("segment_id", "i32", "Geo segment (price book segment of every line)."),
      opt(
        "supplier_company_id",
        "i32",
        "The maker within the chain (1 Corvane, 2 Keldmark); null for a brand supplier.",
      ),
      opt("supplier_brand_id", "i32", "The well-known brand bought (brand suppliers only)."),
      col("priority", "str", "regular or expedite."),
      col("order_date", "date", "Day the order was placed."),
      col("expected_date", "date", "Day the goods are due (order_date + the lead time)."),
      col("line_count", "i16", "Number of lines."),
      col("total_qty", "i32", "Units ordered."),
      money("total_amount", "Σ lines' line_amount."),
    ],
    primaryKey: ["po_id"],
    foreignKeys: [
      DC_FK,
      SEG_FK,
      { columns: ["supplier_company_id"], table: "companies", references: ["company_id"] },
      { columns: ["supplier_brand_id"], table: "brands", references: ["brand_id"] },
    ],
    scaleRule: "about one per supplier per DC and week, plus expedites",
    rowCount: (ctx) => ROW_ESTIMATES.purchaseOrders(ctx),
    rowCountExact: false,
  },
  {
    name: "distributor_purchase_order_lines",
    tier: "distribution",
    description:
      "Lines of the purchase orders, in whole case packs, at the price book's transfer price.",
    columns: [
      col("po_id", "i64", "Purchase order."),
      col("line_number", "i16", "1, 2, 3 … within the order."),
      col("sku_id", "i32", "SKU ordered."),
      col("qty", "i32", "Units ordered (whole case packs)."),
      money("unit_cost", "The price book's transfer_price for the SKU, segment and order date."),
      money("line_amount", "qty × unit_cost."),
    ],
    primaryKey: ["po_id", "line_number"],
    foreignKeys: [
      { columns: ["po_id"], table: "distributor_purchase_orders", references: ["po_id"] },
      SKU_FK,
    ],
    scaleRule: "weeks × DCs × SKUs at their reorder point",
    rowCount: (ctx) => ROW_ESTIMATES.purchaseOrderLines(ctx),
    rowCountExact: false,
  },
  {
    name: "dc_receipts",
    tier: "distribution",
    description:
      "Goods received at a distribution centre: each purchase order line arrives whole on its expected date (received within the period).",
    columns: [
      col("receipt_id", "i64", "Receipt id: dc_site_id × 10^10 + the DC's running number."),
      col("po_id", "i64", "Purchase order."),
      col("po_line_number", "i16", "Purchase order line."),
      col("dc_site_id", "i32", "Receiving distribution centre."),
      col("sku_id", "i32", "SKU received."),
      col("qty", "i32", "Units received."),
      col("receipt_date", "date", "Day the goods arrived."),
    ],
    primaryKey: ["receipt_id"],
    foreignKeys: [
      {
        columns: ["po_id", "po_line_number"],
        table: "distributor_purchase_order_lines",
        references: ["po_id", "line_number"],
      },
      DC_FK,
      SKU_FK,
    ],
    scaleRule: "one per purchase order line received within the period",
    rowCount: (ctx) => ROW_ESTIMATES.purchaseOrderLines(ctx),
    rowCountExact: false,
  },
]);
