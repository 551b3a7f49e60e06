/**
 * Base vehicles: real makes and models by region of sale, each split into
 * generations (year ranges) and engines. The run keeps the `catalog.vehicles`
 * most common ones on the road (a DIY-aftermarket weighting that peaks at
 * 6–12-year-old cars); each gets the oil grade and capacity its engine takes.
 *
 * @module
 */

import { lognormal } from "../core/dist.ts";
import { hashString, Stream } from "../core/rng.ts";
import type { RunContext } from "../world/context.ts";
import type { Vehicle, VehicleRegion } from "./model.ts";

/** Model year of the newest generation in the list. */
export const LATEST_MODEL_YEAR = 2025;

type ModelRow = [
  make: string,
  model: string,
  region: VehicleRegion,
  weight: number,
  body: string,
  engines: string,
];

const NA: VehicleRegion = "north_america",
  EU: VehicleRegion = "europe",
  AU: VehicleRegion = "australia";

/** Models with a relative weight (share of vehicles on the road in the region) and engines. */
const MODELS: ModelRow[] = [
  ["Ford", "F-150", NA, 10, "pickup", "3.5L V6 EcoBoost;5.0L V8;2.7L V6 EcoBoost;3.3L V6"],
  ["Ford", "F-250 Super Duty", NA, 3, "pickup", "6.7L V8 Power Stroke Diesel;6.2L V8;7.3L V8"],
  ["Ford", "Escape", NA, 5, "suv", "1.5L I3 EcoBoost;2.0L I4 EcoBoost;2.5L I4 Hybrid"],
  ["Ford", "Explorer", NA, 5, "suv", "2.3L I4 EcoBoost;3.0L V6 EcoBoost;3.5L V6"],
  ["Ford", "Fusion", NA, 4, "sedan", "2.5L I4;1.5L I4 EcoBoost;2.0L I4 Hybrid"],
  ["Ford", "Focus", NA, 3, "hatchback", "2.0L I4"],
  ["Ford", "Mustang", NA, 2, "coupe", "2.3L I4 EcoBoost;5.0L V8"],
  ["Ford", "Edge", NA, 2.5, "suv", "2.0L I4 EcoBoost;2.7L V6 EcoBoost"],
  ["Ford", "Ranger", NA, 2.5, "pickup", "2.3L I4 EcoBoost"],
  [
    "Chevrolet",
    "Silverado 1500",
    NA,
    9,
    "pickup",
    "5.3L V8;6.2L V8;2.7L I4 Turbo;3.0L I6 Duramax Diesel",
  ],
  ["Chevrolet", "Silverado 2500HD", NA, 3, "pickup", "6.6L V8 Duramax Diesel;6.6L V8"],
  ["Chevrolet", "Equinox", NA, 5, "suv", "1.5L I4 Turbo;2.4L I4"],
  ["Chevrolet", "Malibu", NA, 4, "sedan", "1.5L I4 Turbo;2.5L I4"],
  ["Chevrolet", "Tahoe", NA, 3, "suv", "5.3L V8;6.2L V8"],
  ["Chevrolet", "Colorado", NA, 2.5, "pickup", "2.5L I4;3.6L V6;2.8L I4 Duramax Diesel"],
  ["Chevrolet", "Cruze", NA, 3, "sedan", "1.4L I4 Turbo;1.8L I4"],
  ["GMC", "Sierra 1500", NA, 4, "pickup", "5.3L V8;6.2L V8"],
  ["GMC", "Terrain", NA, 2, "suv", "1.5L I4 Turbo;2.4L I4"],
  ["Ram", "1500", NA, 7, "pickup", "5.7L V8 HEMI;3.6L V6 Pentastar;3.0L V6 EcoDiesel"],
  ["Ram", "2500", NA, 3, "pickup", "6.7L I6 Cummins Diesel;6.4L V8 HEMI"],
  ["Jeep", "Wrangler", NA, 4, "suv", "3.6L V6 Pentastar;2.0L I4 Turbo"],
  ["Jeep", "Grand Cherokee", NA, 4, "suv", "3.6L V6 Pentastar;5.7L V8 HEMI"],
  ["Jeep", "Cherokee", NA, 3, "suv", "2.4L I4;3.2L V6"],
  ["Dodge", "Charger", NA, 2, "sedan", "3.6L V6 Pentastar;5.7L V8 HEMI"],
  ["Chrysler", "Pacifica", NA, 2, "minivan", "3.6L V6 Pentastar;3.6L V6 Hybrid"],
  ["Toyota", "Camry", NA, 8, "sedan", "2.5L I4;3.5L V6;2.5L I4 Hybrid"],
  ["Toyota", "Corolla", NA, 7, "sedan", "1.8L I4;2.0L I4;1.8L I4 Hybrid"],
  ["Toyota", "RAV4", NA, 8, "suv", "2.5L I4;2.5L I4 Hybrid"],
  ["Toyota", "Tacoma", NA, 5, "pickup", "2.7L I4;3.5L V6"],
  ["Toyota", "Tundra", NA, 3, "pickup", "5.7L V8;3.5L V6 Twin-Turbo"],
  ["Toyota", "Highlander", NA, 4, "suv", "3.5L V6;2.5L I4 Hybrid"],
  ["Toyota", "Prius", NA, 3, "hatchback", "1.8L I4 Hybrid"],
  ["Toyota", "4Runner", NA, 2.5, "suv", "4.0L V6"],
  ["Honda", "Civic", NA, 7, "sedan", "2.0L I4;1.5L I4 Turbo;1.8L I4"],
  ["Honda", "Accord", NA, 6, "sedan", "1.5L I4 Turbo;2.0L I4 Turbo;2.4L I4;3.5L V6"],
  ["Honda", "CR-V", NA, 7, "suv", "1.5L I4 Turbo;2.4L I4;2.0L I4 Hybrid"],
  ["Honda", "Pilot", NA, 3, "suv", "3.5L V6"],
  ["Honda", "Odyssey", NA, 2.5, "minivan", "3.5L V6"],
  ["Nissan", "Altima", NA, 5, "sedan", "2.5L I4;3.5L V6"],
  ["Nissan", "Rogue", NA, 5, "suv", "2.5L I4;1.5L I3 Turbo"],
  ["Nissan", "Sentra", NA, 3.5, "sedan", "1.8L I4;2.0L I4"],
  ["Nissan", "Frontier", NA, 2, "pickup", "3.8L V6;4.0L V6"],
  ["Hyundai", "Elantra", NA, 4, "sedan", "2.0L I4;1.6L I4 Turbo"],
  ["Hyundai", "Tucson", NA, 3.5, "suv", "2.5L I4;2.0L I4;1.6L I4 Turbo Hybrid"],
  ["Hyundai", "Santa Fe", NA, 3, "suv", "2.5L I4;2.4L I4;3.3L V6"],
  ["Kia", "Sorento", NA, 3, "suv", "2.5L I4;3.3L V6"],
  ["Kia", "Sportage", NA, 2.5, "suv", "2.4L I4;2.5L I4"],
  ["Kia", "Forte", NA, 2.5, "sedan", "2.0L I4"],
  ["Subaru", "Outback", NA, 3.5, "wagon", "2.5L H4;2.4L H4 Turbo"],
  ["Subaru", "Forester", NA, 3.5, "suv", "2.5L H4"],
  ["Subaru", "Crosstrek", NA, 2.5, "suv", "2.0L H4"],
  ["Mazda", "CX-5", NA, 3.5, "suv", "2.5L I4;2.5L I4 Turbo"],
  ["Mazda", "Mazda3", NA, 2.5, "sedan", "2.0L I4;2.5L I4"],
  ["Volkswagen", "Jetta", NA, 3, "sedan", "1.4L I4 TSI;2.0L I4 TDI;1.8L I4 TSI"],
  [
    "Volkswagen",
    "Golf",
    EU,
    9,
    "hatchback",
    "1.0L I3 TSI;1.5L I4 TSI;2.0L I4 TDI;1.6L I4 TDI;1.4L I4 TSI;2.0L I4 TSI",
  ],
  ["Volkswagen", "Polo", EU, 6, "hatchback", "1.0L I3 MPI;1.0L I3 TSI;1.6L I4 TDI"],
  ["Volkswagen", "Passat", EU, 4, "wagon", "2.0L I4 TDI;1.4L I4 TSI;1.8L I4 TSI"],
  ["Volkswagen", "Tiguan", EU, 4, "suv", "2.0L I4 TDI;1.5L I4 TSI"],
  ["Volkswagen", "Transporter", EU, 2.5, "van", "2.0L I4 TDI"],
  ["Škoda", "Octavia", EU, 5, "wagon", "1.5L I4 TSI;2.0L I4 TDI;1.6L I4 TDI"],
  ["Škoda", "Fabia", EU, 3, "hatchback", "1.0L I3 TSI;1.2L I4 TSI"],
  ["Audi", "A3", EU, 3.5, "hatchback", "1.5L I4 TFSI;2.0L I4 TDI"],
  ["Audi", "A4", EU, 3.5, "sedan", "2.0L I4 TFSI;2.0L I4 TDI;3.0L V6 TDI"],
  ["BMW", "3 Series", EU, 5, "sedan", "2.0L I4 320i;2.0L I4 320d Diesel;3.0L I6 330i"],
  ["BMW", "1 Series", EU, 3, "hatchback", "1.5L I3 118i;2.0L I4 118d Diesel"],
  ["Mercedes-Benz", "C-Class", EU, 4.5, "sedan", "1.5L I4 C200;2.0L I4 C220d Diesel"],
  ["Mercedes-Benz", "A-Class", EU, 3.5, "hatchback", "1.3L I4 A180;1.5L I4 A180d Diesel"],
  ["Mercedes-Benz", "Sprinter", EU, 2.5, "van", "2.1L I4 CDI Diesel;3.0L V6 CDI Diesel"],
  ["Ford", "Fiesta", EU, 6, "hatchback", "1.0L I3 EcoBoost;1.25L I4;1.5L I4 TDCi"],
  [
    "Ford",
    "Focus",
    EU,
    5,
    "hatchback",
    "1.0L I3 EcoBoost;1.5L I4 EcoBoost;1.5L I4 TDCi;2.0L I4 TDCi",
  ],
  ["Ford", "Transit", EU, 3, "van", "2.0L I4 EcoBlue Diesel;2.2L I4 TDCi"],
  ["Vauxhall", "Corsa", EU, 4, "hatchback", "1.2L I4;1.4L I4;1.3L I4 CDTi"],
  ["Vauxhall", "Astra", EU, 3.5, "hatchback", "1.4L I4 Turbo;1.6L I4 CDTi"],
  ["Opel", "Corsa", EU, 3.5, "hatchback", "1.2L I4;1.4L I4;1.3L I4 CDTi"],
  ["Opel", "Astra", EU, 3.5, "hatchback", "1.4L I4 Turbo;1.6L I4 CDTi"],
  ["Renault", "Clio", EU, 6, "hatchback", "0.9L I3 TCe;1.0L I3 TCe;1.5L I4 dCi"],
  ["Renault", "Mégane", EU, 4, "hatchback", "1.3L I4 TCe;1.5L I4 dCi"],
  ["Renault", "Captur", EU, 3, "suv", "1.3L I4 TCe;1.5L I4 dCi"],
  ["Peugeot", "208", EU, 5.5, "hatchback", "1.2L I3 PureTech;1.5L I4 BlueHDi"],
  ["Peugeot", "308", EU, 4.5, "hatchback", "1.2L I3 PureTech;1.6L I4 BlueHDi;1.5L I4 BlueHDi"],
  ["Peugeot", "3008", EU, 3.5, "suv", "1.2L I3 PureTech;1.5L I4 BlueHDi"],
  ["Citroën", "C3", EU, 4, "hatchback", "1.2L I3 PureTech;1.6L I4 BlueHDi"],
  ["Citroën", "Berlingo", EU, 2.5, "van", "1.5L I4 BlueHDi"],
  ["Dacia", "Sandero", EU, 4, "hatchback", "1.0L I3 SCe;0.9L I3 TCe;1.5L I4 dCi"],
  ["Dacia", "Duster", EU, 3.5, "suv", "1.3L I4 TCe;1.5L I4 dCi"],
  ["Toyota", "Yaris", EU, 4.5, "hatchback", "1.0L I3;1.5L I3 Hybrid"],
  ["Toyota", "Corolla", EU, 3.5, "hatchback", "1.8L I4 Hybrid;2.0L I4 Hybrid"],
  ["Toyota", "C-HR", EU, 2.5, "suv", "1.8L I4 Hybrid"],
  ["Nissan", "Qashqai", EU, 4.5, "suv", "1.3L I4 DIG-T;1.5L I4 dCi;1.6L I4 dCi"],
  ["Nissan", "Juke", EU, 3, "suv", "1.0L I3 DIG-T;1.6L I4"],
  ["Kia", "Sportage", EU, 3.5, "suv", "1.6L I4 T-GDi;1.6L I4 CRDi"],
  ["Kia", "Ceed", EU, 3, "hatchback", "1.4L I4 T-GDi;1.6L I4 CRDi"],
  ["Hyundai", "Tucson", EU, 3, "suv", "1.6L I4 T-GDi;1.6L I4 CRDi"],
  ["Hyundai", "i30", EU, 3, "hatchback", "1.0L I3 T-GDi;1.6L I4 CRDi"],
  ["Fiat", "500", EU, 3.5, "hatchback", "1.2L I4;0.9L I2 TwinAir"],
  ["Fiat", "Panda", EU, 3, "hatchback", "1.2L I4"],
  ["Mini", "Cooper", EU, 2.5, "hatchback", "1.5L I3;2.0L I4"],
  ["Volvo", "XC60", EU, 2.5, "suv", "2.0L I4 D4 Diesel;2.0L I4 T5"],
  ["Seat", "Leon", EU, 3, "hatchback", "1.5L I4 TSI;2.0L I4 TDI"],
  ["Seat", "Ibiza", EU, 3, "hatchback", "1.0L I3 TSI;1.6L I4 TDI"],
  ["Toyota", "Hilux", AU, 8, "pickup", "2.8L I4 D-4D Diesel;2.7L I4"],
  ["Toyota", "LandCruiser", AU, 4, "suv", "4.5L V8 D-4D Diesel;3.3L V6 Diesel"],
  ["Toyota", "Prado", AU, 3.5, "suv", "2.8L I4 D-4D Diesel"],
  ["Toyota", "Corolla", AU, 5, "hatchback", "2.0L I4;1.8L I4 Hybrid"],
  ["Toyota", "RAV4", AU, 5, "suv", "2.5L I4 Hybrid;2.0L I4"],
  ["Ford", "Ranger", AU, 7, "pickup", "3.2L I5 Diesel;2.0L I4 Bi-Turbo Diesel;3.0L V6 Diesel"],
  ["Ford", "Everest", AU, 2.5, "suv", "3.2L I5 Diesel;2.0L I4 Bi-Turbo Diesel"],
  ["Mazda", "CX-5", AU, 4.5, "suv", "2.5L I4;2.2L I4 Diesel"],
  ["Mazda", "Mazda3", AU, 3.5, "hatchback", "2.0L I4;2.5L I4"],
  ["Mazda", "BT-50", AU, 2.5, "pickup", "3.0L I4 Diesel"],
  ["Mitsubishi", "Triton", AU, 4, "pickup", "2.4L I4 Diesel"],
  ["Mitsubishi", "Outlander", AU, 3, "suv", "2.4L I4;2.4L I4 Hybrid"],
  ["Hyundai", "i30", AU, 3.5, "hatchback", "2.0L I4;1.6L I4 CRDi"],
  ["Kia", "Cerato", AU, 3, "sedan", "2.0L I4"],
  ["Holden", "Commodore", AU, 3.5, "sedan", "3.6L V6;6.0L V8"],
  ["Holden", "Colorado", AU, 2.5, "pickup", "2.8L I4 Duramax Diesel"],
  ["Nissan", "Navara", AU, 3, "pickup", "2.3L I4 Diesel"],
  ["Isuzu", "D-Max", AU, 3, "pickup", "3.0L I4 Diesel"],
  ["Subaru", "Forester", AU, 2.5, "suv", "2.5L H4"],
  ["MG", "ZS", AU, 2, "suv", "1.5L I4"],
];

/** Make group that shares engines (and so oil filters). */
export const MAKE_GROUP: Record<string, string> = {
  Ford: "ford",
  Chevrolet: "gm",
  GMC: "gm",
  Holden: "gm",
  Ram: "stellantis_na",
  Jeep: "stellantis_na",
  Dodge: "stellantis_na",
  Chrysler: "stellantis_na",
  Fiat: "stellantis_eu",
  Peugeot: "stellantis_eu",
  Citroën: "stellantis_eu",
  Opel: "stellantis_eu",
  Vauxhall: "stellantis_eu",
  Toyota: "toyota",
  Honda: "honda",
  Nissan: "renault_nissan",
  Renault: "renault_nissan",
  Dacia: "renault_nissan",
  Mitsubishi: "renault_nissan",
  Hyundai: "hyundai",
  Kia: "hyundai",
  Subaru: "subaru",
  Mazda: "mazda",
  Volkswagen: "vag",
  Škoda: "vag",
  Audi: "vag",
  Seat: "vag",
  BMW: "bmw",
  Mini: "bmw",
  "Mercedes-Benz": "mercedes",
  Volvo: "volvo",
  Isuzu: "isuzu",
  MG: "saic",
};

const ASIAN = new Set([
  "toyota",
  "honda",
  "renault_nissan",
  "hyundai",
  "subaru",
  "mazda",
  "isuzu",
  "saic",
]);
const DIESEL = /Diesel|TDI|dCi|BlueHDi|CRDi|D-4D|TDCi|CDTi|CDI|EcoBlue/;
const TURBO = /Turbo|TSI|TFSI|EcoBoost|T-GDi|TCe|PureTech|DIG-T|TwinAir|T5|Twin-Turbo/;

/** Fuel of an engine label. */
export function fuelOf(engine: string): "gasoline" | "diesel" | "hybrid" {
  return DIESEL.test(engine) ? "diesel" : /Hybrid/.test(engine) ? "hybrid" : "gasoline";
}

/** The oil grade an engine takes (by region, make group, fuel and model years). */
export function gradeFor(
  region: VehicleRegion,
  group: string,
  fuel: string,
  yearFrom: number,
  displacement: number,
  u: number,
): string {
  const y = yearFrom;
  if (fuel === "diesel") {
    if (region === "north_america" || displacement >= 4.4) {
      if (displacement >= 4.4) return y >= 2017 && u < 0.4 ? "10W-30" : "15W-40";
      return y >= 2014 ? "5W-30" : "5W-40";
    }
    if (y >= 2009) return u < 0.8 ? "5W-30" : "0W-30";
    if (y >= 1998) return "5W-40";
    return y >= 1990 ? "10W-40" : "15W-40";
  }
  if (region === "europe" && !ASIAN.has(group)) {
    if (y >= 2017) return group === "stellantis_eu" ? "0W-30" : u < 0.45 ? "0W-20" : "5W-30";
    if (y >= 2006) return u < 0.6 ? "5W-30" : "5W-40";
    if (y >= 1996) return "10W-40";
    return "15W-40";
  }
  if (ASIAN.has(group) || group === "gm" && y >= 2016 || group === "stellantis_na" && y >= 2019) {
    if (fuel === "hybrid" && group === "toyota" && y >= 2018) return "0W-16";
    if (y >= 2011) return "0W-20";
    if (y >= 2002) return "5W-20";
    if (y >= 1994) return "5W-30";
    return region === "australia" ? "20W-50" : "10W-30";
  }
  if (group === "ford") {
    return y >= 2017 ? "5W-30" : y >= 2001 ? "5W-20" : y >= 1993 ? "5W-30" : "10W-30";
  }
  if (y >= 2003) return group === "stellantis_na" ? "5W-20" : "5W-30";
  if (y >= 1993) return "5W-30";
  return region === "australia" ? "20W-50" : "10W-30";
}

interface Candidate {
  make: string;
  model: string;
  region: VehicleRegion;
  body: string;
  yearFrom: number;
  yearTo: number;
  engine: string;
  fuel: string;
  displacement: number;
  cylinders: number;
  power: number;
  score: number;
  key: string;
}

function cylindersOf(engine: string, disp: number): number {
  const m = /\b[IVH](\d)\b/.exec(engine);
  if (m) return Number(m[1]);
  return disp <= 1.2 ? 3 : disp <= 2.5 ? 4 : disp <= 3.9 ? 6 : 8;
}

/** Generations of a model: [yearFrom, yearTo] newest first (as many as asked). */
function generations(key: string, count: number): [number, number][] {
  const h = hashString(key);
  const out: [number, number][] = [];
  let to = LATEST_MODEL_YEAR;
  let from = LATEST_MODEL_YEAR - 7 + (h % 6); // current generation launched 2018–2023
  for (let g = 0; g < count; g++) {
    out.push([from, to]);
    to = from - 1;
    from = to - (5 + ((h >>> (3 + g)) % 4)); // 6–9 model years each
  }
  return out;
}

/** Share of an age in the DIY aftermarket: cars 6–12 years old are serviced most at home. */
function ageWeight(mid: number): number {
  const age = LATEST_MODEL_YEAR + 1 - mid;
  return Math.exp(-(((age - 9) / 7.5) ** 2)) + 0.05 * Math.exp(-age / 20);
}

/** Builds `catalog.vehicles` base vehicles: the most common on the road of a candidate list. */
export function buildVehicles(ctx: RunContext): Vehicle[] {
  const want = ctx.options.catalog.vehicles;
  const s = new Stream(ctx.seed, "catalog/vehicles");
  let cands: Candidate[] = [];
  for (let variants = 1, gens = 6; cands.length < want; variants++, gens = Math.min(gens + 1, 8)) {
    cands = candidates(s, gens, variants);
  }
  cands.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
  const chosen = cands.slice(0, want);
  chosen.sort((a, b) =>
    a.region.localeCompare(b.region) || a.make.localeCompare(b.make) ||
    a.model.localeCompare(b.model) ||
    a.yearFrom - b.yearFrom || a.engine.localeCompare(b.engine)
  );
  const mean = chosen.reduce((t, c) => t + c.score, 0) / Math.max(1, chosen.length);
  return chosen.map((c, i) => {
    const row = hashString(c.key);
    const group = MAKE_GROUP[c.make] ?? "other";
    const grade = gradeFor(c.region, group, c.fuel, c.yearFrom, c.displacement, s.u01(row, 11));
    const base = c.fuel === "diesel" ? 2.0 + 1.5 * c.displacement : 1.8 + 1.05 * c.displacement;
    const cap = Math.round(base * (0.9 + 0.2 * s.u01(row, 12)) * 10) / 10;
    return {
      id: i + 1,
      make: c.make,
      model: c.model,
      yearFrom: c.yearFrom,
      yearTo: c.yearTo,
      engine: `${c.engine} (${c.power} hp)`,
      fuel: c.fuel,
      region: c.region,
      oilGrade: grade,
      oilCapacityL: cap,
      popularity: Math.round((c.score / mean) * 1e4) / 1e4,
      displacementL: c.displacement,
      cylinders: c.cylinders,
      powerHp: c.power,
      body: c.body,
      designs: {},
    };
  });
}

function candidates(s: Stream, gens: number, variants: number): Candidate[] {
  const out: Candidate[] = [];
  for (const [make, model, region, weight, body, engineList] of MODELS) {
    const engines = engineList.split(";");
    const gs = generations(`${make}|${model}|${region}`, gens);
    gs.forEach(([yearFrom, yearTo]) => {
      engines.forEach((engine, e) => {
        const fuel = fuelOf(engine);
        if (fuel === "hybrid" && yearFrom < 2004) return;
        if (/I3|I2/.test(engine) && yearFrom < 2010) return;
        if (TURBO.test(engine) && fuel !== "diesel" && yearTo < 2011) return; // downsized turbos are recent
        const displacement = Number(/(\d+(?:\.\d+)?)L/.exec(engine)?.[1] ?? 2);
        const cylinders = cylindersOf(engine, displacement);
        const hpPerL = fuel === "diesel"
          ? 72
          : fuel === "hybrid"
          ? 62
          : TURBO.test(engine)
          ? 98
          : 72;
        const powers = new Set<number>();
        for (let v = 0; v < variants; v++) {
          const key = `${make}|${model}|${region}|${yearFrom}|${engine}|${v}`;
          const row = hashString(key);
          // Tunes of one engine alternate above and below the base output, converging to ±35 %.
          const tune = Math.exp((v % 2 ? 1 : -1) * 0.35 * (1 - 0.7 ** Math.ceil(v / 2)));
          let power = Math.max(50, Math.round((displacement * hpPerL * tune) / 5) * 5);
          while (powers.has(power)) power += 5;
          powers.add(power);
          const engineShare = 1 / (1 + e * 0.8);
          const score = weight * ageWeight((yearFrom + yearTo) / 2) * engineShare * 0.45 ** v *
            lognormal(s, row, 0, 0.35, 1);
          out.push({
            make,
            model,
            region,
            body,
            yearFrom,
            yearTo,
            engine,
            fuel,
            displacement,
            cylinders,
            power,
            score,
            key,
          });
        }
      });
    });
  }
  return out;
}
