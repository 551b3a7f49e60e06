/**
 * Public benchmarks the generator aims for, each with its source (figure and
 * URL). Retail: the US auto-parts chains' filings and the standard
 * out-of-stock study. Upstream tiers add theirs beside these.
 *
 * @module
 */

import type { Target } from "./types.ts";

/** Gross margin of auto-parts retailers (% of net sales). */
export const RETAIL_GROSS_MARGIN: Target = {
  low: 45,
  high: 55,
  source:
    "AutoZone FY2023 gross profit 52.0 % of sales (https://www.globenewswire.com/news-release/2023/09/19/2745436/3935/en/AutoZone-4th-Quarter-Domestic-Same-Store-Sales-Increase-1-7-4th-Quarter-EPS-Increases-to-46-46-Annual-Sales-of-17-5-Billion.html); O'Reilly 2023 gross margin 51.26 % (https://businessquant.com/stocks/orly/ratios)",
};

/** Inventory turns of auto-parts retailers (cost of sales / average inventory, per year). */
export const RETAIL_INVENTORY_TURNS: Target = {
  low: 1.2,
  high: 2.0,
  source:
    "AutoZone inventory turnover 1.45 in FY2023 (cost of sales $8,387 M / merchandise inventories $5,764 M, 10-K), 1.25–1.51 by quarter 2019–2024 (https://stock-data.online/stock/azo/activity-ratio/inventory-turnover/quarter); O'Reilly inventory turnover 1.60–1.71 (cost of revenue ttm / inventory, 2021–2024) (https://stock-data.online/stock/orly/activity-ratio/inventory-turnover/quarter); 1.6–1.7 in its Q3 2024 report (https://www.metricduck.com/company/orly/earnings). Suppliers finance that stock: AutoZone's accounts payable exceed its inventory (net inventory per store −$166 thousand, Q1 FY2025: https://au.advfn.com/stock-market/NYSE/AZO/stock-news/95068306/autozone-1st-quarter-total-company-same-store-sale)",
};

/** Days of supply implied by {@link RETAIL_INVENTORY_TURNS} (365 / turns). */
export const RETAIL_DAYS_OF_SUPPLY: Target = {
  low: Math.round(365 / RETAIL_INVENTORY_TURNS.high),
  high: Math.round(365 / RETAIL_INVENTORY_TURNS.low),
  source: "365 / the inventory turns above",
};

/** Fill rate of retail shelves (1 − lost sales / demand, %). */
export const RETAIL_FILL_RATE: Target = {
  low: 92,
  high: 97,
  source:
    "GMA/FMI 2002 worldwide study: out-of-stock rate 8.3 % on average, a typical retailer loses about 4 % of sales to out-of-stocks (https://www.fmi.org/newsroom/news-archive/view/2002/10/14/new-industry-study-explores-root-causes-of-global-out-of-stock-dilemma)",
};

/** Like-for-like (same-store) sales growth of auto-parts retailers, % a year. */
export const RETAIL_LFL_GROWTH: Target = {
  low: 0,
  high: 6,
  source:
    "AutoZone domestic same-store sales +3.4 % in FY2023, +8.4 % in FY2022 with inflation (https://quarterlytics.com/company/autozone_azo/annual-report-2023), +0.3 % in Q1 FY2025 (https://au.advfn.com/stock-market/NYSE/AZO/stock-news/95068306/autozone-1st-quarter-total-company-same-store-sale); total sales grew 7.4 % in FY2023 with new stores",
};

/** Share of items whose regular (non-sale) price changes in a month, %. */
export const RETAIL_PRICE_CHANGE_FREQUENCY: Target = {
  low: 5,
  high: 15,
  source:
    "Nakamura & Steinsson (2008), Five Facts about Prices, QJE 123(4): median frequency of non-sale consumer price changes 9–12 % a month (https://www.semanticscholar.org/paper/Five-Facts-about-Prices%3A-A-Reevaluation-of-Menu-Nakamura-Steinsson/b4989b5a019dfe54fe083176cdfaa775f7bffa46)",
};

/** Where loss leaders in motor oil and oil changes are documented (a small share of lines). */
export const RETAIL_BELOW_COST_SOURCE =
  "motor oil and oil changes are the category retailers price as loss leaders: big-box retailers price certain motor-oil grades very aggressively to draw DIY shoppers (https://www.autoserviceworld.com/jobbernews/motor-oil-retailing/); lube-oil-filter service is often a loss leader that brings customers in (https://www.counterman.com/a-love-hate-relationship/); below-cost lines stay a small share: the chains keep about half of sales as gross profit";

/** Share of revenue of the top fifth of SKUs (%). */
export const RETAIL_PARETO: Target = {
  low: 65,
  high: 85,
  source:
    "the design brief's long tail (a fifth of SKUs carry most revenue; README: about 72 %); the 80/20 rule",
};

/** Lines per basket at an auto-parts retailer. */
export const RETAIL_BASKET_LINES: Target = {
  low: 1,
  high: 3,
  source: "the design brief: small baskets at retail (one to three items)",
};

/** Gross margin of parts distributors (% of net sales). */
export const DISTRIBUTOR_GROSS_MARGIN: Target = {
  low: 30,
  high: 40,
  source:
    "Genuine Parts Company 2023 gross margin 35.5 % of $23.1 bn sales (https://www.genpt.com/2024-02-15-Genuine-Parts-Company-Reports-Fourth-Quarter-and-Full-Year-2023-Results); LKQ 2023 gross margin 40.2 % (https://www.filingradar.com/company/LKQ/filings/0001065696-24-000009); the design brief: distributors keep about a third",
};

/** Inventory turns of parts distributors (cost of sales / average inventory, per year). */
export const DISTRIBUTOR_INVENTORY_TURNS: Target = {
  low: 3,
  high: 5,
  source:
    "Genuine Parts Company inventory turnover 3.2 (annual, 2023) to 4.6 (quarterly annualised, Q4 2023), by cost line (https://stock-data.online/stock/gpc/activity-ratio/inventory-turnover, https://stock-data.online/stock/gpc/activity-ratio/quarter)",
};

/** Days of supply implied by {@link DISTRIBUTOR_INVENTORY_TURNS} (365 / turns). */
export const DISTRIBUTOR_DAYS_OF_SUPPLY: Target = {
  low: Math.round(365 / DISTRIBUTOR_INVENTORY_TURNS.high),
  high: Math.round(365 / DISTRIBUTOR_INVENTORY_TURNS.low),
  source: "365 / the distributor's inventory turns above",
};

/** Fill rate of B2B distributors (units or lines shipped complete on the first shipment, %). */
export const DISTRIBUTOR_FILL_RATE: Target = {
  low: 92,
  high: 99,
  source:
    "B2B distributors' fill rate 92–99 %, best in class 98–99 %, line fill rate the most common measure (https://supplychainstack.ai/glossary/fill-rate)",
};

/** Days sales outstanding of parts distributors. */
export const DISTRIBUTOR_DSO: Target = {
  low: 30,
  high: 45,
  source:
    "Genuine Parts Company DSO 35.2 days (2023), 33.6–42.0 days by quarter 2020–2023; receivables turnover about 10 (https://stock-data.online/stock/gpc/liquidity-ratio/cash-conversion-cycle/quarter)",
};

/** Where the bullwhip ratio's definition and empirical magnitude come from (no target range). */
export const BULLWHIP_SOURCE =
  "variance of orders ÷ variance of demand (Lee, Padmanabhan & Whang 1997; measured per product and week, as Chen & Lee advise, since aggregating over products or months masks it: https://scribd.com/document/583898076/10-1-1-163-3773); two thirds of US firms bullwhip (Bray & Mendelson, https://ro.scribd.com/document/186914308/Bullwhip-Effect-Stanford)";

/** Gross margin of lubricant and filter makers (% of net sales). */
export const MAKER_GROSS_MARGIN: Target = {
  low: 25,
  high: 38,
  source:
    "Donaldson (filters) gross profit $860.5 M of $2,551.3 M net sales in the nine months to April 2023, 33.7 % (10-Q, https://reportify.ai/financials/929436605696053248; FY2023 10-K: https://annual-statements.com/company/donaldson-co-inc/annual-report-2023-form-10k-362516); FUCHS SE (lubricants) 2023 sales €3.54 bn (https://www.marketscreener.com/quote/stock/FUCHS-SE-125841147/news/Fuchs-plans-further-growth-in-2024-sales-and-earnings-growth-in-the-previous-year-46146447/) against cost of sales about €2.3 bn (params.ts), a gross margin near 35 %; the design brief: lubricant and filter makers keep roughly a quarter to a third",
};

/** Inventory turns of lubricant and filter makers (cost of sales / average inventory, per year). */
export const MAKER_INVENTORY_TURNS: Target = {
  low: 3,
  high: 6,
  source:
    "FUCHS SE 2023: inventories about €0.7 bn against cost of sales about €2.3 bn, about 3.3 turns; Donaldson FY2023: inventories about $0.5 bn against cost of sales about $2.4 bn, about 4.8 turns (both as quoted in lib/tiers/manufacturing/params.ts PLANNING; Donaldson's 10-K: https://annual-statements.com/company/donaldson-co-inc/annual-report-2023-form-10k-362516)",
};

/** Days of supply implied by {@link MAKER_INVENTORY_TURNS} (365 / turns). */
export const MAKER_DAYS_OF_SUPPLY: Target = {
  low: Math.round(365 / MAKER_INVENTORY_TURNS.high),
  high: Math.round(365 / MAKER_INVENTORY_TURNS.low),
  source: "365 / the makers' inventory turns above",
};

/** Capacity utilisation of manufacturing plants (output / capacity, %). */
export const MAKER_CAPACITY_UTILISATION: Target = {
  low: 70,
  high: 85,
  source:
    "Federal Reserve G.17: capacity utilisation of US total industry 79.9 % in Q4 2022, 0.2 point above its 1972–2022 average (https://federalreserve.gov/releases/G17/Revisions/20230328/g17rev.txt); manufacturing runs near 77–78 % in 2023",
};

/** Right-first-time rate of lubricant blend batches (released at the first QC test, %). */
export const BLEND_RIGHT_FIRST_TIME: Target = {
  low: 94,
  high: 99.5,
  source:
    "lubricant blending plants report right-first-time rates in the mid to high 90s (lib/tiers/manufacturing/params.ts BATCH_QC: 95–98 %); rework by a top-up of additive or base oil is the usual fix",
};

/** Yield loss of lubricant blending (tank heel, line flush, sampling; % of litres charged). */
export const BLEND_YIELD_LOSS: Target = {
  low: 0.5,
  high: 2.5,
  source:
    "typical blending losses 0.5–2 % of the charge (lib/tiers/manufacturing/params.ts BLEND_LOSS), plus rejected batches",
};

/** Scrap of filter lines (% of units started). */
export const FILTER_SCRAP: Target = {
  low: 0.5,
  high: 5,
  source: "the design brief: scrap in a stable filter line runs a few percent",
};

/** Where the base-oil shock's pass-through rules come from (no public target range). */
export const SHOCK_PASS_THROUGH_SOURCE =
  "purchases pay the index of their order week; standard costs use the mean index of months m − 3 … m − 2 (lib/catalog/raw_materials.ts COST_LAG_MONTHS); base-oil price letters take effect weeks after announcement and blenders pass them on with a lag (the design brief)";
