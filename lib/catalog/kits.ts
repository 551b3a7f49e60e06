/**
 * Kits (bundles): oil-change kits — the oil a vehicle takes, enough of it for
 * its capacity, plus the oil filter that fits — and lubricant deals tied to a
 * part purchase (transmission filter + ATF, diesel fuel filter + diesel oil,
 * grease + gear oil). A kit is built for one shelf market; its price (set in
 * the price book) is below the sum of its parts.
 *
 * @module
 */

import { Stream } from "../core/rng.ts";
import type { RunContext } from "../world/context.ts";
import type { Fitments } from "./fitment.ts";
import { regionMarkets } from "./filters.ts";
import type { Kit, Product, ProductKind, Vehicle } from "./model.ts";

type MarketCode = "us" | "metric";

/** Share of kits built for US shelves (the rest for metric shelves). */
const US_SHARE = 0.45;

/** Builds `catalog.oilChangeKits` oil-change kits and `catalog.lubeDeals` lubricant deals. */
export function buildKits(
  ctx: RunContext,
  products: Product[],
  vehicles: Vehicle[],
  fit: Fitments,
): Kit[] {
  const s = new Stream(ctx.seed, "catalog/kits");
  const ok = (p: Product) => p.launchDay <= ctx.start && p.discontinueDay === null && !p.bulk;
  const index = (m: MarketCode) => (m === "us" ? fit.byVehicleUs : fit.byVehicleMetric);
  const fits = (v: Vehicle, m: MarketCode, kind: ProductKind) =>
    (index(m)[v.id - 1][kind] ?? []).map((id) => products[id - 1]).filter(ok);
  const ranked = (m: MarketCode, keep: (v: Vehicle) => boolean) =>
    vehicles.filter((v) => keep(v) && regionMarkets(v.region).some(([x]) => x === m))
      .map((v) => [v, v.popularity * regionMarkets(v.region).find(([x]) => x === m)![1]] as const)
      .sort((a, b) => b[1] - a[1] || a[0].id - b[0].id).map(([v]) => v);
  const drafts: Omit<Kit, "id" | "code" | "discount">[] = [];

  // Oil-change kits: per market, the most common vehicles, a Torqline kit and a Corvane + Keldmark kit.
  const want = ctx.options.catalog.oilChangeKits;
  const quota: Record<MarketCode, number> = { us: Math.round(want * US_SHARE), metric: 0 };
  quota.metric = want - quota.us;
  for (const m of ["us", "metric"] as MarketCode[]) {
    let made = 0;
    for (const v of ranked(m, () => true)) {
      for (const tier of ["Torqline", "Corvane"]) {
        if (made >= quota[m]) break;
        const k = oilChangeKit(v, m, tier, fits(v, m, "motor_oil"), fits(v, m, "oil_filter"));
        if (k) {
          drafts.push(k);
          made++;
        }
      }
      if (made >= quota[m]) break;
    }
  }

  // Lubricant deals: grease + gear oil per market, then transmission and diesel service deals.
  const deals: Omit<Kit, "id" | "code" | "discount">[] = [];
  const find = (pred: (p: Product) => boolean) => products.find((p) => ok(p) && pred(p));
  for (const m of ["us", "metric"] as MarketCode[]) {
    const grease = find((p) =>
      p.market === m && p.brandName === "Corvane" && p.subcategory === "Multi-Purpose Grease"
    );
    const gear = find((p) =>
      p.market === m && p.brandName === "Corvane" && p.saeGrade === "80W-90"
    );
    if (grease && gear) {
      deals.push({
        name: `Chassis Lube Deal: 3 × ${grease.name} + ${gear.name}`,
        kind: "lube_deal",
        vehicleId: null,
        components: [{ productId: grease.id, qty: 3 }, { productId: gear.id, qty: 1 }],
        market: m,
      });
    }
  }
  const service: Omit<Kit, "id" | "code" | "discount">[][] = [];
  for (const m of ["us", "metric"] as MarketCode[]) {
    const atf = find((p) =>
      p.market === m && p.brandName === "Corvane" && p.line === "Multi-Vehicle ATF" &&
      p.packSize === 1
    );
    const trans = ranked(m, (v) => v.designs.transmission_filter >= 0);
    const diesel = ranked(m, (v) => v.fuel === "diesel" && v.designs.fuel_filter >= 0);
    const list: Omit<Kit, "id" | "code" | "discount">[] = [];
    for (let i = 0; i < Math.max(trans.length, diesel.length); i++) {
      const tv = trans[i];
      const tf = tv && fits(tv, m, "transmission_filter").find((p) => p.brandName === "Keldmark");
      if (tv && tf && atf) {
        list.push({
          name: `Transmission Service Deal: ${tf.name} + 5 × ${atf.name} — ${vehicleLabel(tv)}`,
          kind: "lube_deal",
          vehicleId: tv.id,
          components: [{ productId: tf.id, qty: 1 }, { productId: atf.id, qty: 5 }],
          market: m,
        });
      }
      const dv = diesel[i];
      const ff = dv && fits(dv, m, "fuel_filter").find((p) => p.brandName === "Keldmark");
      const oils = dv ? fits(dv, m, "motor_oil").filter((p) => p.brandName === "Corvane") : [];
      const oil = oils.find((p) => p.subcategory === "Diesel") ??
        oils.sort((a, b) => (b.volumeL ?? 0) - (a.volumeL ?? 0))[0];
      if (dv && ff && oil) {
        list.push({
          name: `Diesel Service Deal: ${ff.name} + ${oil.name} — ${vehicleLabel(dv)}`,
          kind: "lube_deal",
          vehicleId: dv.id,
          components: [{ productId: ff.id, qty: 1 }, {
            productId: oil.id,
            qty: Math.max(1, Math.round(dv.oilCapacityL / (oil.volumeL ?? 5))),
          }],
          market: m,
        });
      }
    }
    service.push(list);
  }
  // Interleave the markets' service deals (US share first), after the generic deals.
  for (let i = 0; i < Math.max(service[0].length, service[1].length); i++) {
    if (service[0][i]) deals.push(service[0][i]);
    if (service[1][i]) deals.push(service[1][i]);
  }
  drafts.push(...deals.slice(0, ctx.options.catalog.lubeDeals));

  return drafts.map((k, i) => ({
    id: i + 1,
    code: `KIT-${String(i + 1).padStart(4, "0")}`,
    discount: Math.round(
      (k.kind === "oil_change" ? 0.1 + 0.05 * s.u01(i) : 0.08 + 0.04 * s.u01(i)) * 1000,
    ) / 1000,
    ...k,
  }));
}

function vehicleLabel(v: Vehicle): string {
  return `${v.make} ${v.model} ${v.yearFrom}–${v.yearTo} ${v.engine}`;
}

/** The oil packs that cover a capacity: large packs, topped up with small ones. */
export function packsFor(
  capacityL: number,
  largeL: number,
  smallL: number | null,
): [large: number, small: number] {
  if (smallL === null || smallL >= largeL) {
    return [Math.max(1, Math.ceil(capacityL / largeL - 1e-9)), 0];
  }
  let large = Math.floor(capacityL / largeL + 1e-9);
  let small = Math.ceil((capacityL - large * largeL) / smallL - 1e-9);
  if (small >= 3) {
    large++;
    small = 0;
  }
  return [large, small];
}

function oilChangeKit(
  v: Vehicle,
  market: MarketCode,
  tier: string,
  oils: Product[],
  filters: Product[],
): Omit<Kit, "id" | "code" | "discount"> | null {
  const mine = oils.filter((p) => p.brandName === tier);
  if (!mine.length) return null;
  const prefer = v.fuel === "diesel"
    ? ["Diesel", "Full Synthetic"]
    : v.oilGrade.startsWith("0W") || v.yearFrom >= 2012
    ? ["Full Synthetic", "Synthetic Blend", "Conventional"]
    : ["Synthetic Blend", "Conventional", "High Mileage", "Full Synthetic"];
  const sub = prefer.find((x) => mine.some((p) => p.subcategory === x)) ?? mine[0].subcategory;
  const line = mine.filter((p) => p.subcategory === sub).sort((a, b) =>
    (b.volumeL ?? 0) - (a.volumeL ?? 0)
  );
  const large = line[0], small = line.length > 1 ? line[line.length - 1] : null;
  const [nl, ns] = packsFor(v.oilCapacityL, large.volumeL!, small?.volumeL ?? null);
  const filterBrand = tier === "Torqline" ? "Torqline" : "Keldmark";
  const filter = filters.find((p) => p.brandName === filterBrand) ??
    filters.find((p) => p.brandName === "Keldmark");
  if (!filter) return null;
  const components = [];
  if (nl > 0) components.push({ productId: large.id, qty: nl });
  if (ns > 0 && small) components.push({ productId: small.id, qty: ns });
  components.push({ productId: filter.id, qty: 1 });
  const label = tier === "Torqline" ? "Torqline" : "Corvane + Keldmark";
  return {
    name: `${label} Oil-Change Kit ${v.oilGrade} (${v.oilCapacityL} L): ${vehicleLabel(v)}`,
    kind: "oil_change",
    vehicleId: v.id,
    components,
    market,
  };
}
