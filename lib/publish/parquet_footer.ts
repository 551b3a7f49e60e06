/**
 * A small reader of a Parquet file's footer (Thrift compact protocol): rows,
 * row groups with their sizes, and whether a page index is present. Enough to
 * check files against the Hub's recommendations without loading any data.
 *
 * @module
 */

/** One row group of a Parquet file. */
export interface ParquetRowGroup {
  /** Rows in the row group. */
  rows: number;
  /** Uncompressed size of the column data (Parquet `total_byte_size`), bytes. */
  bytes: number;
  /** Compressed size on disk (Parquet `total_compressed_size`) when written, bytes. */
  compressedBytes?: number;
}

/** What the footer of a Parquet file says. */
export interface ParquetFooter {
  /** Total rows in the file. */
  rows: number;
  /** Row groups, in file order. */
  rowGroups: ParquetRowGroup[];
  /** True when every column chunk has an offset index (a page index). */
  hasPageIndex: boolean;
  /** Writer that produced the file (`created_by`), when recorded. */
  createdBy?: string;
}

const MAGIC = "PAR1";

/**
 * Reads the footer of the Parquet file at `path`. Throws an Error naming the
 * file when it is not a Parquet file.
 */
export async function readParquetFooter(path: string): Promise<ParquetFooter> {
  const file = await Deno.open(path, { read: true });
  try {
    const size = (await file.stat()).size;
    if (size < 12) throw new Error(`${path} is not a Parquet file (only ${size} bytes)`);
    const tail = await readAt(file, size - 8, 8);
    if (new TextDecoder().decode(tail.subarray(4)) !== MAGIC) {
      throw new Error(`${path} is not a Parquet file (no PAR1 magic at the end)`);
    }
    const len = new DataView(tail.buffer, tail.byteOffset, 8).getUint32(0, true);
    if (len <= 0 || len > size - 12) {
      throw new Error(`${path} has a corrupt Parquet footer (length ${len})`);
    }
    const footer = await readAt(file, size - 8 - len, len);
    return decodeFileMetaData(footer);
  } finally {
    file.close();
  }
}

async function readAt(file: Deno.FsFile, offset: number, length: number): Promise<Uint8Array> {
  await file.seek(offset, Deno.SeekMode.Start);
  const buf = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = await file.read(buf.subarray(done));
    if (n === null) throw new Error("unexpected end of file");
    done += n;
  }
  return buf;
}

/** A decoded Thrift struct: field id → value. */
type TStruct = Map<number, TValue>;
type TValue = boolean | number | bigint | Uint8Array | TValue[] | TStruct | Map<TValue, TValue>;

/** Decodes Parquet `FileMetaData` bytes (exported for tests). */
export function decodeFileMetaData(bytes: Uint8Array): ParquetFooter {
  const r = new CompactReader(bytes);
  const meta = r.readStruct();
  const rows = toNum(meta.get(3));
  const groups = (meta.get(4) as TValue[] | undefined) ?? [];
  let hasPageIndex = groups.length > 0;
  const rowGroups: ParquetRowGroup[] = groups.map((g) => {
    const s = g as TStruct;
    const columns = (s.get(1) as TValue[] | undefined) ?? [];
    for (const c of columns) {
      if (!(c as TStruct).has(4)) hasPageIndex = false; // offset_index_offset
    }
    const rg: ParquetRowGroup = { rows: toNum(s.get(3)), bytes: toNum(s.get(2)) };
    if (s.has(6)) rg.compressedBytes = toNum(s.get(6));
    return rg;
  });
  const created = meta.get(6);
  return {
    rows,
    rowGroups,
    hasPageIndex,
    createdBy: created instanceof Uint8Array ? new TextDecoder().decode(created) : undefined,
  };
}

function toNum(v: TValue | undefined): number {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return v;
  return 0;
}

/** Thrift compact protocol, read side: just what a footer needs. */
class CompactReader {
  #pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  #byte(): number {
    if (this.#pos >= this.buf.length) throw new Error("truncated Parquet footer");
    return this.buf[this.#pos++];
  }

  #varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.#byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new Error("bad varint in Parquet footer");
    }
  }

  #zigzag(): bigint {
    const v = this.#varint();
    return (v >> 1n) ^ -(v & 1n);
  }

  readStruct(): TStruct {
    const out: TStruct = new Map();
    let last = 0;
    for (;;) {
      const header = this.#byte();
      const type = header & 0x0f;
      if (type === 0) return out;
      const delta = header >> 4;
      const id = delta === 0 ? Number(this.#zigzag()) : last + delta;
      last = id;
      if (type === 1 || type === 2) out.set(id, type === 1);
      else out.set(id, this.#value(type));
    }
  }

  #value(type: number): TValue {
    switch (type) {
      case 1:
      case 2:
        // booleans inside lists/maps are one byte each
        return this.#byte() === 1;
      case 3: {
        const b = this.#byte();
        return b > 127 ? b - 256 : b;
      }
      case 4:
      case 5:
        return Number(this.#zigzag());
      case 6:
        return this.#zigzag();
      case 7: {
        const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.#pos, 8).getFloat64(
          0,
          true,
        );
        this.#pos += 8;
        return v;
      }
      case 8: {
        const n = Number(this.#varint());
        if (this.#pos + n > this.buf.length) throw new Error("truncated Parquet footer");
        const v = this.buf.subarray(this.#pos, this.#pos + n);
        this.#pos += n;
        return v;
      }
      case 9:
      case 10: {
        const h = this.#byte();
        let n = h >> 4;
        if (n === 15) n = Number(this.#varint());
        const et = h & 0x0f;
        const out: TValue[] = [];
        for (let i = 0; i < n; i++) out.push(this.#value(et));
        return out;
      }
      case 11: {
        const n = Number(this.#varint());
        const out = new Map<TValue, TValue>();
        if (n === 0) return out;
        const kv = this.#byte();
        for (let i = 0; i < n; i++) out.set(this.#value(kv >> 4), this.#value(kv & 0x0f));
        return out;
      }
      case 12:
        return this.readStruct();
      default:
        throw new Error(`unknown Thrift type ${type} in Parquet footer`);
    }
  }
}
