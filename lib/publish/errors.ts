/**
 * The error publishing throws, and the scrubbing that keeps the access token
 * out of every message.
 *
 * @module
 */

/** Why publishing failed. */
export type PublishErrorCode =
  | "usage" // bad options: repo name, folder, dry-run target
  | "no-token" // no token given and HF_TOKEN unset
  | "bad-token" // the Hub rejected the token (401) or it is malformed
  | "forbidden" // the token may not write to the repo (403)
  | "repo-exists" // the repo holds files and overwrite was not given
  | "dataset" // the dataset folder is missing files or is not a partsflow dataset
  | "too-large" // a file is above the Hub's hard limit
  | "network" // the Hub could not be reached
  | "hub"; // any other Hub error

/** An error of `publish`: a one-line message (never holding the token) and a code. */
export class PublishError extends Error {
  /** What kind of failure this is. */
  readonly code: PublishErrorCode;
  /** HTTP status of the Hub's answer, when there was one. */
  readonly status?: number;

  /** Builds the error; `message` must already be scrubbed. */
  constructor(code: PublishErrorCode, message: string, status?: number) {
    super(message);
    this.name = "PublishError";
    this.code = code;
    this.status = status;
  }
}

/**
 * Replaces every occurrence of the secrets in `text` (and anything shaped
 * like a Hugging Face token) with `hf_***`.
 */
export function scrub(text: string, ...secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join("hf_***");
  }
  return out.replace(/\bhf_[A-Za-z0-9]{8,}\b/g, "hf_***");
}
