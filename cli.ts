/**
 * partsflow's command line: generate | validate | describe | publish.
 * Bad input prints one line naming the problem and the fix, exits 2 and writes nothing.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { generate, UsageError, VERSION } from "./lib/engine/run.ts";
import { fmtCount } from "./lib/engine/progress.ts";
import { loadOptions, OptionsError } from "./lib/options/io.ts";
import { describeMain } from "./lib/engine/describe.ts";
import { validateMain } from "./lib/validate/cli.ts";
import { publishMain } from "./lib/publish/cli.ts";
import { profileMain } from "./lib/profile/cli.ts";
import { scaleForRows, SIZED_TABLE } from "./lib/engine/sizing.ts";

const HELP =
  `partsflow ${VERSION} — a synthetic, internally consistent auto-parts supply-chain dataset

Usage: deno task <command> [options]    (or: deno run -A cli.ts <command> [options])

Commands:
  generate            generate a dataset (default: scale 0.01 into data/sf0.01-seed42)
  validate <dir>      run every consistency check that applies to a dataset folder
  describe [table]    print the tables, columns and row counts at a scale
  publish <dir>       publish a dataset to the Hugging Face Hub (or --dry-run OUT)
  profile <dir>       measure a dataset: tier figures and effects beside targets and ground truth

Run 'deno task <command> --help' for a command's options.`;

const GENERATE_HELP = `Usage: deno task generate [options]

Options:
  --scale SF            scale factor, > 0 (default 0.01; 1 ≈ 10 M retail lines)
  --rows N              instead of --scale: size the run so that the main sales table,
                        retail_transaction_lines, holds N rows (within 1 %; N ≥ 10000)
  --seed N              integer seed, 0 … 2^53-1 (default 42)
  --start YYYY-MM-DD    first day (default 2023-01-01)
  --end YYYY-MM-DD      last day, on or after --start (default 2025-12-31)
  --out DIR             output folder (default data/sf<scale>-seed<seed>)
  --format F            parquet (zstd, default) | csv | arrow (Arrow IPC) | duckdb (one
                        database file, partsflow.duckdb, with every table and its keys)
  --tables a,b,...      only these tables (see 'deno task describe')
  --row-group-size N    Parquet row-group size in rows
  --faults SPEC         inject data-quality faults for pipeline tests, listed in ground_truth.json:
                        TABLE:KIND=RATE[,KIND=RATE][;TABLE:...], RATE = share of rows (0-1).
                        retail_transactions: null (payment_type), typo (channel),
                          late (transaction_ts 1-3 days after the business day),
                          out_of_order (two baskets swap timestamps);
                        retail_customers: duplicate (row twice), orphan (segment_id);
                        customer_vehicles: unit (odometer in metres, not km).
                        e.g. --faults "retail_transactions:null=0.001;retail_customers:duplicate=0.01"
  --workers N           parallel workers (default: number of cores); output does not depend on it
  --shard i/N           write only slice i of N (0-based); N slices together equal the whole run
  --stage S             run only stage S (0-based; see 'describe --stages'); earlier stages must be
                        complete in --out. Without it a run does every stage in turn, and shards
                        started together wait for each other at each stage boundary
  --config FILE         options from a YAML or JSON file (or a dataset's manifest.json); flags win
  --overwrite           replace a dataset made with other options in --out
  --quiet               no progress line, no summary
  --help                this text`;

/** Parses `--shard i/N`. */
export function parseShard(s: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  if (!m) throw new UsageError(`--shard ${s}: want i/N, e.g. --shard 0/4`);
  const index = Number(m[1]), count = Number(m[2]);
  if (count < 1 || index >= count) {
    throw new UsageError(`--shard ${s}: want 0 ≤ i < N (shards are numbered from 0)`);
  }
  return { index, count };
}

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--${name} ${v}: not a number`);
  return n;
}

/** A flag's number, NaN when it is not one (the options' validation then names the flag and the fix). */
function asNumber(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  return v.trim() === "" ? NaN : Number(v);
}

/** Lets option values start with '-' (e.g. `--scale -1`) so validation, not the parser, answers. */
export function joinNegativeValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (/^--[a-z-]+$/.test(args[i]) && i + 1 < args.length && /^-\d/.test(args[i + 1])) {
      out.push(`${args[i]}=${args[++i]}`);
    } else out.push(args[i]);
  }
  return out;
}

async function generateMain(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args: joinNegativeValues(args),
    strict: true,
    allowPositionals: false,
    options: {
      scale: { type: "string" },
      rows: { type: "string" },
      seed: { type: "string" },
      start: { type: "string" },
      end: { type: "string" },
      out: { type: "string" },
      format: { type: "string" },
      tables: { type: "string" },
      "row-group-size": { type: "string" },
      faults: { type: "string" },
      workers: { type: "string" },
      shard: { type: "string" },
      stage: { type: "string" },
      config: { type: "string" },
      overwrite: { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(GENERATE_HELP);
    return 0;
  }
  if (values.rows !== undefined && values.scale !== undefined) {
    throw new UsageError(`--rows and --scale both given: size the run with one of them`);
  }
  let options = await loadOptions(values.config, {
    scale: asNumber(values.scale),
    seed: asNumber(values.seed),
    start: values.start,
    end: values.end,
    format: values.format,
    tables: values.tables?.split(",").map((t) => t.trim()).filter(Boolean),
    rowGroupSize: asNumber(values["row-group-size"]),
    faults: values.faults,
  }, {
    scale: values.scale,
    seed: values.seed,
    start: values.start,
    end: values.end,
    format: values.format,
    tables: values.tables,
    rowGroupSize: values["row-group-size"],
    faults: values.faults,
  });
  const rows = num("rows", values.rows);
  if (rows !== undefined) options = { ...options, scale: scaleForRows(options, rows) };
  const workers = num("workers", values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 256)) {
    throw new UsageError(`--workers ${values.workers}: want a whole number from 1 to 256`);
  }
  const shard = values.shard ? parseShard(values.shard) : undefined;
  const stage = num("stage", values.stage);
  if (stage !== undefined && !(Number.isInteger(stage) && stage >= 0)) {
    throw new UsageError(`--stage ${values.stage}: want a stage number, 0 or more`);
  }
  const out = values.out ?? `data/sf${options.scale}-seed${options.seed}`;
  const quiet = values.quiet ?? false;
  const res = await generate({
    options,
    out,
    workers,
    shard,
    stage,
    quiet,
    overwrite: values.overwrite,
    log: (l) => console.error(l),
  });
  if (!quiet) {
    const m = res.manifest;
    console.log(
      `wrote ${res.written} file(s), ${fmtCount(res.rows)} rows in ${res.seconds.toFixed(1)} s` +
        (res.skipped ? ` (${res.skipped} kept from an earlier run)` : "") + ` → ${out}`,
    );
    if (m) {
      const w = Math.max(...Object.keys(m.tables).map((t) => t.length));
      for (const [t, v] of Object.entries(m.tables)) {
        console.log(`  ${t.padEnd(w)}  ${String(v.rows).padStart(12)} rows  ${v.files} file(s)`);
      }
      if (rows !== undefined) {
        const got = m.tables[SIZED_TABLE]?.rows ?? 0;
        const off = (100 * (got - rows)) / rows;
        console.log(
          `--rows ${rows}: scale ${options.scale}, ${SIZED_TABLE} holds ${got} rows (${
            off >= 0 ? "+" : ""
          }${off.toFixed(2)} %)`,
        );
      }
      if (res.database) console.log(`database: ${res.database} (every table, with its keys)`);
      console.log(`manifest: ${out}/manifest.json   check it: deno task validate ${out}`);
    } else {
      console.log(
        `${shard ? `shard ${shard.index}/${shard.count}` : `stage ${stage}`} done; ` +
          "the manifest is written when every shard has finished every stage",
      );
    }
  }
  return 0;
}

/**
 * The one line for a full disk (ENOSPC, or a quota), naming the fix; null for
 * any other error.
 */
export function diskFull(e: unknown): string | null {
  const m = e instanceof Error ? e.message : String(e);
  if (!/No space left on device|os error 28|ENOSPC|quota exceeded|os error 122/i.test(m)) {
    return null;
  }
  return "the disk is full (No space left on device); free some space or choose another --out, then rerun the same command: it keeps every file already whole and writes the rest";
}

/** Runs the CLI with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const [cmd, ...rest] = args;
  try {
    switch (cmd) {
      case "generate":
        return await generateMain(rest);
      case "validate":
        return await validateMain(rest);
      case "describe":
        return await describeMain(rest);
      case "publish":
        return await publishMain(rest);
      case "profile":
        return profileMain(rest);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        console.log(HELP);
        return cmd === undefined ? 2 : 0;
      default:
        console.error(
          `partsflow: unknown command '${cmd}' (commands: generate, validate, describe, publish, profile; see --help)`,
        );
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof OptionsError) {
      console.error(`partsflow: ${e.message}`);
      return 2;
    }
    if (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`partsflow: ${e.message.split("\n")[0]} (see '${cmd} --help')`);
      return 2;
    }
    const full = diskFull(e);
    if (full) {
      console.error(`partsflow: ${full}`);
      return 1;
    }
    console.error(`partsflow: error: ${e instanceof Error ? e.message.split("\n")[0] : e}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
