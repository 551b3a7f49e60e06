/**
 * A `fetch` that retries transient failures — network errors and HTTP 408,
 * 429, 500, 502, 503, 504 — with exponential backoff. Handed to the
 * `@huggingface/hub` client, it covers every request it makes (repo creation,
 * listing, preupload, LFS batch and uploads, commits).
 *
 * @module
 */

/** Options of the retrying fetch. */
export interface RetryOptions {
  /** Attempts in all, including the first (default 5). */
  attempts?: number;
  /** Delay before the first retry in ms; doubles each time (default 500). */
  baseDelayMs?: number;
  /** Longest delay between attempts in ms (default 30 000). */
  maxDelayMs?: number;
}

/** What is reported before each retry. */
export interface RetryInfo {
  /** The attempt about to be made (2 = first retry). */
  attempt: number;
  /** Attempts in all. */
  attempts: number;
  /** Wait before it, ms. */
  delayMs: number;
  /** HTTP method. */
  method: string;
  /** Path of the URL (no query string: upload URLs may carry signatures). */
  path: string;
  /** Why: `HTTP 503` or the network error's message. */
  reason: string;
}

const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);

/** True for an HTTP status worth retrying. */
export function isTransientStatus(status: number): boolean {
  return TRANSIENT.has(status);
}

function describeRequest(input: RequestInfo | URL, init?: RequestInit) {
  const url = input instanceof Request ? input.url : String(input);
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch { /* keep as is */ }
  const method = init?.method ?? (input instanceof Request ? input.method : "GET");
  return { method: method.toUpperCase(), path };
}

function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Wraps `base` (default: the global fetch) so transient failures are retried.
 * Bodies that cannot be sent twice (streams) are not retried.
 */
export function retryingFetch(
  opts: RetryOptions = {},
  onRetry?: (info: RetryInfo) => void,
  base: typeof fetch = globalThis.fetch,
): typeof fetch {
  const attempts = Math.max(1, opts.attempts ?? 5);
  const baseDelay = opts.baseDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const replayable = !(init?.body instanceof ReadableStream) && !(input instanceof Request);
    const { method, path } = describeRequest(input, init);
    for (let attempt = 1;; attempt++) {
      let reason: string;
      let retryAfterMs: number | undefined;
      try {
        const res = await base(input, init);
        if (!isTransientStatus(res.status) || attempt >= attempts || !replayable) return res;
        reason = `HTTP ${res.status}`;
        const ra = Number(res.headers.get("Retry-After"));
        if (Number.isFinite(ra) && ra > 0) retryAfterMs = ra * 1000;
        await res.body?.cancel();
      } catch (e) {
        if (init?.signal?.aborted || (e as Error)?.name === "AbortError") throw e;
        if (attempt >= attempts || !replayable) throw e;
        reason = (e as Error)?.message ?? String(e);
      }
      const delayMs = Math.min(maxDelay, retryAfterMs ?? baseDelay * 2 ** (attempt - 1));
      onRetry?.({ attempt: attempt + 1, attempts, delayMs, method, path, reason });
      await sleep(delayMs, init?.signal);
    }
  };
}
