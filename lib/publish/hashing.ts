/**
 * Content hashes the Hub reports, computed locally to find files already on
 * the Hub: SHA-256 (the LFS oid of large files) and the Git blob SHA-1 (the oid
 * of regular files). Files are streamed, never loaded whole.
 *
 * @module
 */

import { createHash } from "node:crypto";

/** Where a file's bytes come from: a file on disk or bytes in memory. */
export type ContentSource =
  | { kind: "file"; path: string }
  | { kind: "bytes"; bytes: Uint8Array };

async function feed(source: ContentSource, update: (chunk: Uint8Array) => void): Promise<void> {
  if (source.kind === "bytes") {
    update(source.bytes);
    return;
  }
  const file = await Deno.open(source.path, { read: true });
  try {
    const buf = new Uint8Array(1 << 20);
    for (;;) {
      const n = await file.read(buf);
      if (n === null) break;
      update(buf.subarray(0, n));
    }
  } finally {
    file.close();
  }
}

/** Hex SHA-256 of the content. */
export async function sha256Hex(source: ContentSource): Promise<string> {
  const h = createHash("sha256");
  await feed(source, (c) => h.update(c));
  return h.digest("hex");
}

/** Hex Git blob SHA-1 (`sha1("blob <size>\0" + content)`) of content of `size` bytes. */
export async function gitBlobSha1(source: ContentSource, size: number): Promise<string> {
  const h = createHash("sha1");
  h.update(`blob ${size}\0`);
  await feed(source, (c) => h.update(c));
  return h.digest("hex");
}
