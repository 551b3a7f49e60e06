/**
 * The partsflow CLI with the test tier registered (for tests that run the CLI
 * as a separate process: shards, stages, kill and resume).
 *
 * @module
 */

import "./test_tier.ts";
import { main } from "../../cli.ts";

if (import.meta.main) Deno.exit(await main(Deno.args));
