/**
 * The catalog tier end to end: generate the world and catalog tables, validate
 * them, check the price-book lookup against the table read back with
 * nodejs-polars, and show that each catalog check catches a broken copy.
 */

import { expectedRows } from "../lib/schema/registry.ts";
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { gtinCheckDigit } from "../lib/core/ids.ts";
import { Stream } from "../lib/core/rng.ts";
import { CATALOG_GROUND_TRUTH } from "../lib/catalog/ground_truth.ts";
import { catalogModel, FILTER_KINDS } from "../lib/catalog/model.ts";
import { priceBook } from "../lib/catalog/price_book.ts";
import { packsFor } from "../lib/catalog/kits.ts";
import { regionMarkets } from "../lib/catalog/filters.ts";
import { generate } from "../lib/engine/run.ts";
import { CATALOG_TABLES } from "../lib/catalog/tables.ts";
import { validateDataset } from "../lib/validate/report.ts";
import { makeContext, type RunContext } from "../lib/world/context.ts";
import { geoModel } from "../lib/world/geography.ts";
import { validateOptions } from "../lib/options/io.ts";
import { tempDir, treeDigest } from "./helpers/tree.ts";

const TABLES = [
  "countries",
  "geo_segments",
  "calendar",
  "companies",
  ...CATALOG_TABLES.map((t) => t.name),
];
const OPTIONS = validateOptions({
  seed: 11,
  start: "2023-01-01",
  end: "2025-12-31",
  tables: TABLES,
});
const ctx: RunContext = makeContext(OPTIONS);

let made: Promise<string> | null = null;
/** The dataset every test reads (generated once). */
function dataset(): Promise<string> {
  made ??= (async () => {
    const dir = await tempDir("catalog");
    await generate({ options: OPTIONS, out: dir, workers: 1, quiet: true });
    return dir;
  })();
  return made;
}

/** Reads every file of a table into one frame. */
function readTable(dir: string, table: string): pl.DataFrame {
  const files = [...Deno.readDirSync(`${dir}/${table}`)].filter((e) => e.name.endsWith(".parquet"))
    .map((e) => `${dir}/${table}/${e.name}`).sort();
  return pl.concat(files.map((f) => pl.readParquet(f)));
}

/** Copies chosen tables of a dataset into a new folder (no manifest), with one table replaced. */
async function brokenCopy(
  dir: string,
  tables: string[],
  table: string,
  df: pl.DataFrame,
): Promise<string> {
  const out = await tempDir("catalog-broken");
  for (const t of tables) {
    await Deno.mkdir(`${out}/${t}`, { recursive: true });
    if (t === table) df.writeParquet(`${out}/${t}/part-00000.parquet`);
    else {
      for (const e of Deno.readDirSync(`${dir}/${t}`)) {
        if (e.name.endsWith(".parquet")) {
          await Deno.copyFile(`${dir}/${t}/${e.name}`, `${out}/${t}/${e.name}`);
        }
      }
    }
  }
  return out;
}

Deno.test("generate writes the catalog tables and every check passes", async () => {
  const dir = await dataset();
  const report = await validateDataset(dir);
  const failed = report.results.filter((r) => r.status === "fail");
  assert.deepEqual(failed.map((f) => `${f.name}: ${JSON.stringify(f.sample[0] ?? f.detail)}`), []);
  const names = report.results.filter((r) => r.status === "pass").map((r) => r.name);
  for (
    const check of [
      "catalog.product_attributes",
      "catalog.gtin_valid",
      "catalog.price_periods_tile",
      "catalog.price_book_coverage",
      "catalog.price_ladder",
      "catalog.kit_price_below_components",
      "catalog.kit_filter_fits_oil_vehicle",
      "catalog.own_brand_cheaper",
    ]
  ) assert.ok(names.includes(check), `${check} ran and passed`);
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
  for (const t of CATALOG_TABLES) {
    assert.equal(
      manifest.tables[t.name].rows,
      expectedRows(ctx).get(t.name),
      `${t.name} row count matches the registry`,
    );
  }
});

Deno.test("price lookups for random (sku, segment, date) equal the price_book table read back", async () => {
  const dir = await dataset();
  const pb = priceBook(ctx);
  const df = readTable(dir, "price_book").select(
    "sku_id",
    "segment_id",
    pl.col("valid_from").cast(pl.Int32).alias("from"),
    pl.col("valid_to").cast(pl.Int32).alias("to"),
    "standard_cost",
    "transfer_price",
    "wholesale_price",
    "retail_list_price",
    "retail_price_ex_tax",
  );
  assert.equal(df.height, pb.rows);
  const cols = Object.fromEntries(
    df.columns.map((c) => [c, df.getColumn(c).toArray().map(Number)]),
  );
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < df.height; i++) {
    const k = `${cols.sku_id[i]}|${cols.segment_id[i]}`;
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push(i);
  }
  const cat = catalogModel(ctx);
  const S = geoModel(ctx).segments.length;
  const s = new Stream(99, "test/lookups");
  let hits = 0, misses = 0;
  for (let n = 0; n < 3000; n++) {
    const p = s.int(n, cat.products.length, 0), seg = s.int(n, S, 1);
    const day = ctx.start + s.int(n, ctx.end - ctx.start + 1, 2);
    const r = pb.row(p, seg, day);
    const rows = byKey.get(`${p + 1}|${seg + 1}`);
    if (r < 0) {
      assert.equal(rows, undefined, "no table rows where the lookup says 'not carried'");
      misses++;
      continue;
    }
    const i = rows!.find((k) => cols.from[k] <= day && day <= cols.to[k])!;
    assert.ok(i !== undefined, "the table has a row for the day");
    assert.deepEqual(
      [pb.cost[r], pb.transfer[r], pb.wholesale[r], pb.retail[r], pb.retailExTax[r]],
      [
        cols.standard_cost[i],
        cols.transfer_price[i],
        cols.wholesale_price[i],
        cols.retail_list_price[i],
        cols.retail_price_ex_tax[i],
      ],
    );
    assert.equal(pb.validFrom[r], cols.from[i]);
    hits++;
  }
  assert.ok(hits > 1500 && misses > 0, `${hits} hits, ${misses} not carried`);
});

Deno.test("GTINs carry valid GS1 check digits and are unique", () => {
  const cat = catalogModel(ctx);
  for (const p of cat.products) {
    assert.match(p.gtin, p.market === "us" ? /^\d{12}$/ : /^\d{13}$/);
    assert.equal(Number(p.gtin.at(-1)), gtinCheckDigit(p.gtin.slice(0, -1)), p.gtin);
  }
  assert.equal(new Set(cat.products.map((p) => p.gtin)).size, cat.products.length);
});

Deno.test("kit prices are below the sum of their components, for random segments and days", () => {
  const cat = catalogModel(ctx);
  const pb = priceBook(ctx);
  const geo = geoModel(ctx);
  const s = new Stream(5, "test/kits");
  let checked = 0;
  for (let n = 0; n < 2000; n++) {
    const kit = cat.kits[s.int(n, cat.kits.length, 0)];
    const seg = s.int(n, geo.segments.length, 1);
    const day = ctx.start + s.int(n, ctx.end - ctx.start + 1, 2);
    const price = pb.kitPrice(kit.id, seg, day);
    if (geo.countryOf(seg).units !== kit.market) {
      assert.equal(price, -1);
      continue;
    }
    const sum = kit.components.reduce(
      (a, c) => a + c.qty * pb.retail[pb.row(c.productId - 1, seg, day)],
      0,
    );
    assert.ok(price > 0 && price < sum, `kit ${kit.id}: ${price} < ${sum}`);
    assert.equal(price % 100, 99);
    checked++;
  }
  assert.ok(checked > 500);
});

Deno.test("the catalog has the range a professional expects and every vehicle can be served", () => {
  const cat = catalogModel(ctx);
  const kinds = new Map<string, number>();
  for (const p of cat.products) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
  const filters = FILTER_KINDS.reduce((a, k) => a + (kinds.get(k) ?? 0), 0);
  const fluids = cat.products.length - filters;
  assert.ok(filters >= 150 && filters <= 250, `${filters} filter SKUs`);
  assert.ok(fluids >= 100 && fluids <= 200, `${fluids} oil and fluid SKUs`);
  assert.equal(cat.vehicles.length, 400);
  for (const v of cat.vehicles) {
    for (const [m] of regionMarkets(v.region)) {
      assert.ok(
        cat.fitsVehicleIn(v.id, "motor_oil", m).length > 0,
        `oil for ${v.make} ${v.model} on ${m} shelves`,
      );
      assert.ok(
        cat.fitsVehicleIn(v.id, "oil_filter", m).length > 0,
        `oil filter for vehicle ${v.id} (${m})`,
      );
      assert.ok(cat.oilsOfGrade(v.oilGrade, m).length > 0);
    }
  }
  // Popularity is long-tailed: the top fifth of SKUs carry most demand.
  const pops = cat.products.map((p) => p.popularity).sort((a, b) => b - a);
  const top = pops.slice(0, Math.ceil(pops.length / 5)).reduce((a, b) => a + b, 0);
  assert.ok(top / pops.reduce((a, b) => a + b, 0) > 0.6);
  assert.deepEqual(packsFor(4.4, 4.732, 0.946), [1, 0]);
  assert.deepEqual(packsFor(5.7, 4.732, 0.946), [1, 2]);
  assert.deepEqual(packsFor(7.6, 4.732, 0.946), [2, 0]);
});

Deno.test("the own brand is cheaper to shoppers and richer for the retailer; ground truth is JSON", () => {
  const gt = CATALOG_GROUND_TRUTH(ctx) as {
    ownBrand: { priceRatio: number; retailMarginOwn: number; retailMarginThirdParty: number };
    baseOilShock: { weekStart: string };
  };
  assert.ok(gt.ownBrand.priceRatio < 0.95, `own brand price ratio ${gt.ownBrand.priceRatio}`);
  assert.ok(gt.ownBrand.retailMarginOwn > gt.ownBrand.retailMarginThirdParty);
  assert.equal(gt.baseOilShock.weekStart, "2024-04-01");
  assert.deepEqual(JSON.parse(JSON.stringify(gt)), gt);
});

Deno.test("the price book is quick to build and the lookup is O(1)", () => {
  const other = makeContext(validateOptions({ seed: 12 }));
  const t0 = performance.now();
  const pb = priceBook(other);
  const built = performance.now() - t0;
  const n = 5_000_000, P = catalogModel(other).products.length;
  let acc = 0;
  const t1 = performance.now();
  for (let i = 0; i < n; i++) acc += pb.row(i % P, i % 18, other.start + (i % 1000));
  const ns = ((performance.now() - t1) * 1e6) / n;
  console.log(
    `  price book built in ${built.toFixed(0)} ms (with the catalog); row() ${ns.toFixed(1)} ns`,
  );
  assert.ok(acc !== 0);
  assert.ok(built < 2000);
  assert.ok(ns < 200);
});

Deno.test("broken copies make the relevant checks fail", async (t) => {
  const dir = await dataset();
  const pbTables = ["calendar", "price_book"];
  await t.step("an overlapping price period", async () => {
    const pb = readTable(dir, "price_book");
    // Start the second row of some sku × segment five days early: it overlaps the first.
    const broken = pb.withRowIndex("i").withColumns(
      pl.when(pl.col("i").eq(1)).then(pl.col("valid_from").cast(pl.Int32).sub(5).cast(pl.Date))
        .otherwise(
          pl.col("valid_from"),
        ).alias("valid_from"),
    ).drop("i");
    const out = await brokenCopy(dir, pbTables, "price_book", broken);
    const r = await validateDataset(out, ["catalog.price_periods_tile"]);
    assert.equal(r.failed, 1);
    assert.equal(r.results[0].sample[0].problem, "overlap");
  });
  await t.step("a gap in price periods", async () => {
    const pb = readTable(dir, "price_book");
    const broken = pb.withRowIndex("i").filter(pl.col("i").neq(1)).drop("i");
    const out = await brokenCopy(dir, pbTables, "price_book", broken);
    const r = await validateDataset(out, ["catalog.price_periods_tile"]);
    assert.equal(r.failed, 1);
  });
  await t.step("a wholesale price above retail", async () => {
    const pb = readTable(dir, "price_book");
    const broken = pb.withColumns(
      pl.when(pl.col("sku_id").eq(3)).then(pl.col("retail_price_ex_tax").add(1)).otherwise(
        pl.col("wholesale_price"),
      )
        .alias("wholesale_price"),
    );
    const out = await brokenCopy(dir, pbTables, "price_book", broken);
    const r = await validateDataset(out, ["catalog.price_ladder"]);
    assert.equal(r.failed, 1);
  });
  await t.step("a bad GTIN check digit and a motor oil without a grade", async () => {
    const pr = readTable(dir, "products");
    const broken = pr.withColumns(
      // The check digit of 01234567890 is 5.
      pl.when(pl.col("sku_id").eq(1)).then(pl.lit("012345678906")).otherwise(pl.col("gtin")).alias(
        "gtin",
      ),
      pl.when(pl.col("sku_id").eq(2)).then(pl.lit(null)).otherwise(pl.col("sae_grade")).alias(
        "sae_grade",
      ),
    );
    const out = await brokenCopy(dir, ["products"], "products", broken);
    const r = await validateDataset(out, ["catalog.gtin_valid", "catalog.product_attributes"]);
    assert.deepEqual(r.results.map((x) => [x.name, x.status]), [
      ["catalog.product_attributes", "fail"],
      ["catalog.gtin_valid", "fail"],
    ]);
  });
  await t.step("a kit priced at the sum of its parts", async () => {
    const kp = readTable(dir, "kit_prices");
    const broken = kp.withColumns(
      pl.when(pl.col("kit_id").eq(1)).then(pl.col("components_retail_price")).otherwise(
        pl.col("kit_price"),
      )
        .alias("kit_price"),
    );
    const out = await brokenCopy(
      dir,
      ["kit_prices", "kit_components", "price_book"],
      "kit_prices",
      broken,
    );
    const r = await validateDataset(out, ["catalog.kit_price_below_components"]);
    assert.equal(r.failed, 1);
  });
  await t.step("an oil-change kit with a filter that fits no vehicle taking its oil", async () => {
    const kc = readTable(dir, "kit_components");
    const products = readTable(dir, "products");
    const kits = readTable(dir, "kits");
    const kit1 = kits.filter(pl.col("kit_id").eq(1)).toRecords()[0];
    assert.equal(kit1.kit_type, "oil_change");
    // Swap kit 1's filter for a filter that does not fit kit 1's vehicle.
    const fit = readTable(dir, "fitments").filter(pl.col("vehicle_id").eq(kit1.vehicle_id));
    const fitting = new Set(fit.getColumn("sku_id").toArray().map(Number));
    const other = products.filter(pl.col("product_kind").eq(pl.lit("oil_filter"))).getColumn(
      "sku_id",
    ).toArray()
      .map(Number).find((id) => !fitting.has(id))!;
    const filterIds = new Set(
      products.filter(pl.col("product_kind").eq(pl.lit("oil_filter"))).getColumn("sku_id").toArray()
        .map(Number),
    );
    const broken = kc.withColumns(
      pl.when(pl.col("kit_id").eq(1).and(pl.col("sku_id").isIn([...filterIds]))).then(pl.lit(other))
        .otherwise(
          pl.col("sku_id"),
        ).cast(pl.Int32).alias("sku_id"),
    );
    const out = await brokenCopy(
      dir,
      ["kits", "kit_components", "products", "fitments", "vehicles"],
      "kit_components",
      broken,
    );
    const r = await validateDataset(out, [
      "catalog.kit_filter_fits_oil_vehicle",
      "catalog.kit_parts_fit_vehicle",
    ]);
    assert.equal(r.failed, 2);
    assert.equal(r.results[0].sample[0].kit_id, 1);
  });
});

Deno.test("catalog files are byte-identical for a seed, whatever the workers", async () => {
  const a = await tempDir("catalog-w1"), b = await tempDir("catalog-w3");
  await generate({ options: OPTIONS, out: a, workers: 1, quiet: true });
  await generate({ options: OPTIONS, out: b, workers: 3, quiet: true });
  const da = await treeDigest(a, (rel) => rel.startsWith(".partsflow"));
  assert.deepEqual(await treeDigest(b, (rel) => rel.startsWith(".partsflow")), da);
  assert.ok([...da.keys()].some((k) => k.startsWith("price_book/")));
});

Deno.test("describe documents every catalog column", () => {
  for (const t of CATALOG_TABLES) {
    assert.ok(t.description.length > 20);
    for (const c of t.columns) assert.ok(c.description.length > 10, `${t.name}.${c.name}`);
  }
});
