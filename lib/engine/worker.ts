/**
 * Web Worker entry: receives {@link ChunkJob}s, answers with the written file's
 * manifest entry or an error message.
 *
 * @module
 */

import { type ChunkJob, type ChunkResult, runChunk } from "./chunk.ts";

/** Reply of the worker for one job. */
export type WorkerReply = { ok: true; result: ChunkResult } | {
  ok: false;
  error: string;
};

const scope = self as unknown as {
  onmessage: (e: MessageEvent<ChunkJob>) => void;
  postMessage: (reply: WorkerReply) => void;
};

scope.onmessage = async (e: MessageEvent<ChunkJob>) => {
  try {
    // Tiers registered at run time exist in this thread once their module is imported.
    for (const url of e.data.plugins) await import(url);
    const result = await runChunk(e.data);
    scope.postMessage({ ok: true, result });
  } catch (err) {
    scope.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
