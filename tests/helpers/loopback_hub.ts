/**
 * A loopback Hugging Face Hub for tests: a `Deno.serve` server on 127.0.0.1
 * (random port) speaking the HTTP endpoints `@huggingface/hub` 2.17.5 calls to
 * create a repo, list its files and commit to it with plain LFS uploads.
 *
 * Endpoints (repo types models/datasets/spaces; revision `main` only):
 * - `GET  /api/whoami-v2`
 * - `POST /api/repos/create`                                  (409 when it exists)
 * - `GET  /api/{type}s/{ns}/{name}`                            repo info
 * - `GET  /api/{type}s/{ns}/{name}/tree/{rev}[/{path}]`        listing, `recursive`, paged with `Link`
 * - `POST /api/{type}s/{ns}/{name}/paths-info/{rev}`
 * - `POST /api/{type}s/{ns}/{name}/preupload/{rev}`            lfs vs regular
 * - `POST /{type}s/{ns}/{name}.git/info/lfs/objects/batch`     transfer "basic"
 * - `PUT  /__lfs/{type}s/{ns}/{name}/{oid}?sig=…`              the signed upload URL
 * - `POST /api/{type}s/{ns}/{name}/commit/{rev}`               NDJSON body
 *
 * It stores what it receives (per repo, per path, the bytes), checks bearer
 * tokens (401 for unknown ones, 403 without write access to the namespace) and
 * can fail on demand: {@link LoopbackHub.failNext} makes the next N requests
 * of a route answer with a 5xx.
 *
 * @module
 */

import { createHash } from "node:crypto";

/** Routes of the loopback Hub, for failure injection and request counts. */
export type HubRoute =
  | "whoami"
  | "create"
  | "repo-info"
  | "tree"
  | "paths-info"
  | "preupload"
  | "lfs-batch"
  | "lfs-upload"
  | "commit";

/** Who a token belongs to. */
export interface TokenInfo {
  /** User name (a namespace the token may write to). */
  user: string;
  /** Organisations it may also write to. */
  orgs?: string[];
  /** False for a read-only token. */
  write?: boolean;
}

/** A file stored in a repo. */
export interface StoredFile {
  /** The file's content (resolved from LFS storage for LFS files). */
  bytes: Uint8Array;
  /** True when stored as an LFS pointer. */
  lfs: boolean;
  /** Hex SHA-256 of the content. */
  sha256: string;
}

/** A commit received. */
export interface CommitRecord {
  /** Commit id. */
  oid: string;
  /** Summary line. */
  title: string;
  /** Paths added or updated. */
  added: string[];
  /** Paths deleted. */
  deleted: string[];
}

/** One repository. */
export interface RepoState {
  /** e.g. `datasets/alice/demo`. */
  key: string;
  /** Private repo. */
  private: boolean;
  /** Files by path. */
  files: Map<string, StoredFile>;
  /** LFS objects by SHA-256. */
  lfs: Map<string, Uint8Array>;
  /** Commits, oldest first. */
  commits: CommitRecord[];
}

/** One request received (no headers are kept: they may hold tokens). */
export interface RequestRecord {
  /** HTTP method. */
  method: string;
  /** URL path, decoded. */
  path: string;
  /** Route it matched. */
  route: HubRoute | "unknown";
  /** Status answered. */
  status: number;
}

/** Options of the loopback Hub. */
export interface LoopbackHubOptions {
  /** Accepted tokens (default: `hf_loopbacktesttoken0000` for user `alice`). */
  tokens?: Record<string, TokenInfo>;
  /** Entries per page of the tree listing (default 1000). */
  pageSize?: number;
}

/** Content of `.gitattributes` in a new repo. */
const GITATTRIBUTES = "*.parquet filter=lfs diff=lfs merge=lfs -text\n" +
  "*.arrow filter=lfs diff=lfs merge=lfs -text\n";

function sha256(b: Uint8Array): string {
  return createHash("sha256").update(b).digest("hex");
}

function gitBlobSha1(b: Uint8Array): string {
  return createHash("sha1").update(`blob ${b.length}\0`).update(b).digest("hex");
}

function lfsPointer(oid: string, size: number): Uint8Array {
  return new TextEncoder().encode(
    `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${size}\n`,
  );
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const LFS_EXT = /\.(parquet|arrow|feather|bin|gz|zst|zip|tar|png|jpg)$/i;

/** A running loopback Hub. */
export class LoopbackHub {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Repositories by key (`datasets/ns/name`). */
  readonly repos: Map<string, RepoState> = new Map();
  /** Every request, in order. */
  readonly requests: RequestRecord[] = [];
  /** Transfers the client offered in LFS batch requests. */
  readonly offeredTransfers: string[][] = [];

  #server: Deno.HttpServer<Deno.NetAddr>;
  #tokens: Record<string, TokenInfo>;
  #pageSize: number;
  #failures = new Map<HubRoute, { count: number; status: number }>();
  #sig = crypto.randomUUID();

  /** Starts the server; use {@link startLoopbackHub}. */
  constructor(opts: LoopbackHubOptions = {}) {
    this.#tokens = opts.tokens ?? { hf_loopbacktesttoken0000: { user: "alice" } };
    this.#pageSize = opts.pageSize ?? 1000;
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) => this.#handle(req),
    );
    this.url = `http://127.0.0.1:${this.#server.addr.port}`;
  }

  /** Makes the next `count` requests of `route` fail with `status` (default 503). */
  failNext(route: HubRoute, count: number, status = 503): void {
    this.#failures.set(route, { count, status });
  }

  /** Requests received on `route` (optionally only with `status`). */
  count(route: HubRoute, status?: number): number {
    return this.requests.filter((r) =>
      r.route === route && (status === undefined || r.status === status)
    )
      .length;
  }

  /** The repo `ns/name` of `type` (default dataset), if it exists. */
  repo(name: string, type = "dataset"): RepoState | undefined {
    return this.repos.get(`${type}s/${name}`);
  }

  /** Paths of the files of a dataset repo, sorted. */
  paths(name: string): string[] {
    return [...(this.repo(name)?.files.keys() ?? [])].sort();
  }

  /** The bytes of a file of a dataset repo. */
  file(name: string, path: string): Uint8Array | undefined {
    return this.repo(name)?.files.get(path)?.bytes;
  }

  /** Creates a dataset repo holding `files` (as if pushed earlier). */
  seedRepo(name: string, files: Record<string, string | Uint8Array> = {}): RepoState {
    const repo = this.#createRepo(`datasets/${name}`, false);
    for (const [path, content] of Object.entries(files)) {
      const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
      const lfs = LFS_EXT.test(path);
      if (lfs) repo.lfs.set(sha256(bytes), bytes);
      repo.files.set(path, { bytes, lfs, sha256: sha256(bytes) });
    }
    return repo;
  }

  /** Stops the server. */
  async close(): Promise<void> {
    await this.#server.shutdown();
  }

  #createRepo(key: string, priv: boolean): RepoState {
    const repo: RepoState = {
      key,
      private: priv,
      files: new Map(),
      lfs: new Map(),
      commits: [],
    };
    const ga = new TextEncoder().encode(GITATTRIBUTES);
    repo.files.set(".gitattributes", { bytes: ga, lfs: false, sha256: sha256(ga) });
    repo.commits.push({ oid: this.#oid(), title: "initial commit", added: [], deleted: [] });
    this.repos.set(key, repo);
    return repo;
  }

  #oid(): string {
    return createHash("sha1").update(crypto.randomUUID()).digest("hex");
  }

  async #handle(req: Request): Promise<Response> {
    const u = new URL(req.url);
    const path = decodeURIComponent(u.pathname);
    const match = this.#route(req.method, path);
    let res: Response;
    if (!match) {
      res = json({ error: `loopback hub: no route for ${req.method} ${path}` }, 404);
    } else {
      const fail = this.#failures.get(match.route);
      if (fail && fail.count > 0) {
        fail.count--;
        await req.body?.cancel();
        res = json({ error: `injected failure ${fail.status}` }, fail.status);
      } else {
        try {
          res = await match.handler(req, u);
        } catch (e) {
          res = json({ error: `loopback hub error: ${(e as Error).message}` }, 500);
        }
      }
    }
    this.requests.push({
      method: req.method,
      path,
      route: match?.route ?? "unknown",
      status: res.status,
    });
    return res;
  }

  #route(
    method: string,
    path: string,
  ): { route: HubRoute; handler: (req: Request, u: URL) => Promise<Response> } | undefined {
    let m: RegExpMatchArray | null;
    if (method === "GET" && path === "/api/whoami-v2") {
      return { route: "whoami", handler: (r) => this.#whoami(r) };
    }
    if (method === "POST" && path === "/api/repos/create") {
      return { route: "create", handler: (r) => this.#create(r) };
    }
    if (
      method === "GET" && (m = path.match(/^\/api\/(models|datasets|spaces)\/([^/]+\/[^/]+)$/))
    ) {
      const key = `${m[1]}/${m[2]}`;
      return { route: "repo-info", handler: (r) => this.#repoInfo(r, key) };
    }
    if (
      method === "GET" &&
      (m = path.match(
        /^\/api\/(models|datasets|spaces)\/([^/]+\/[^/]+)\/tree\/([^/]+)(?:\/(.*))?$/,
      ))
    ) {
      const [key, rev, sub] = [`${m[1]}/${m[2]}`, m[3], m[4] ?? ""];
      return { route: "tree", handler: (r, u) => this.#tree(r, u, key, rev, sub) };
    }
    if (
      method === "POST" &&
      (m = path.match(
        /^\/api\/(models|datasets|spaces)\/([^/]+\/[^/]+)\/(paths-info|preupload|commit)\/([^/]+)$/,
      ))
    ) {
      const [key, op, rev] = [`${m[1]}/${m[2]}`, m[3], m[4]];
      if (op === "paths-info") {
        return { route: "paths-info", handler: (r) => this.#pathsInfo(r, key, rev) };
      }
      if (op === "preupload") {
        return { route: "preupload", handler: (r) => this.#preupload(r, key, rev) };
      }
      return { route: "commit", handler: (r) => this.#commit(r, key, rev) };
    }
    if (
      method === "POST" &&
      (m = path.match(/^\/(?:(datasets|spaces)\/)?([^/]+\/[^/]+)\.git\/info\/lfs\/objects\/batch$/))
    ) {
      const key = `${m[1] ?? "models"}/${m[2]}`;
      return { route: "lfs-batch", handler: (r) => this.#lfsBatch(r, key) };
    }
    if (
      method === "PUT" &&
      (m = path.match(/^\/__lfs\/(models|datasets|spaces)\/([^/]+\/[^/]+)\/([0-9a-f]{64})$/))
    ) {
      const [key, oid] = [`${m[1]}/${m[2]}`, m[3]];
      return { route: "lfs-upload", handler: (r, u) => this.#lfsUpload(r, u, key, oid) };
    }
    return undefined;
  }

  /** The token's owner, or a 401 response. */
  #auth(req: Request): TokenInfo | Response {
    const h = req.headers.get("Authorization") ?? "";
    const m = h.match(/^Bearer (.+)$/);
    const info = m ? this.#tokens[m[1]] : undefined;
    if (!info) return json({ error: "Invalid credentials in Authorization header" }, 401);
    return info;
  }

  /** The token's owner if it may write to `key`'s namespace, else a 401/403 response. */
  #authWrite(req: Request, key: string): TokenInfo | Response {
    const who = this.#auth(req);
    if (who instanceof Response) return who;
    const ns = key.split("/")[1];
    if (who.write === false || (ns !== who.user && !(who.orgs ?? []).includes(ns))) {
      return json({ error: `You don't have the rights to write to ${key}` }, 403);
    }
    return who;
  }

  #repoOr404(key: string): RepoState | Response {
    const repo = this.repos.get(key);
    return repo ?? json({ error: "Repository not found" }, 404);
  }

  // deno-lint-ignore require-await
  async #whoami(req: Request): Promise<Response> {
    const who = this.#auth(req);
    if (who instanceof Response) return who;
    return json({
      type: "user",
      id: `id-${who.user}`,
      name: who.user,
      fullname: who.user,
      orgs: (who.orgs ?? []).map((o) => ({ type: "org", name: o })),
      auth: {
        type: "access_token",
        accessToken: { displayName: "test", role: who.write === false ? "read" : "write" },
      },
    });
  }

  async #create(req: Request): Promise<Response> {
    const body = await req.json();
    const type = body.type ?? "model";
    const ns = body.organization;
    const key = `${type}s/${ns}/${body.name}`;
    const who = this.#authWrite(req, key);
    if (who instanceof Response) {
      return who.status === 403
        ? json({
          error: `You don't have the rights to create a ${type} under the namespace "${ns}"`,
        }, 403)
        : who;
    }
    const url = `${this.url}/${type === "model" ? "" : `${type}s/`}${ns}/${body.name}`;
    if (this.repos.has(key)) {
      return json({ error: `You already created this ${type} repo`, url }, 409);
    }
    this.#createRepo(key, body.visibility === "private" || body.private === true);
    return json({ url, name: `${ns}/${body.name}`, id: `id-${key}` });
  }

  // deno-lint-ignore require-await
  async #repoInfo(req: Request, key: string): Promise<Response> {
    const who = this.#auth(req);
    if (who instanceof Response) return who;
    const repo = this.#repoOr404(key);
    if (repo instanceof Response) return repo;
    return json({ id: key.split("/").slice(1).join("/"), private: repo.private, likes: 0 });
  }

  #entry(repo: RepoState, path: string) {
    const f = repo.files.get(path)!;
    if (f.lfs) {
      const pointer = lfsPointer(f.sha256, f.bytes.length);
      return {
        type: "file",
        path,
        size: f.bytes.length,
        oid: gitBlobSha1(pointer),
        lfs: { oid: f.sha256, size: f.bytes.length, pointerSize: pointer.length },
      };
    }
    return { type: "file", path, size: f.bytes.length, oid: gitBlobSha1(f.bytes) };
  }

  // deno-lint-ignore require-await
  async #tree(req: Request, u: URL, key: string, rev: string, sub: string): Promise<Response> {
    const who = this.#auth(req);
    if (who instanceof Response) return who;
    const repo = this.#repoOr404(key);
    if (repo instanceof Response) return repo;
    if (rev !== "main") return json({ error: `Revision not found: ${rev}` }, 404);
    const recursive = ["true", "1"].includes(u.searchParams.get("recursive") ?? "");
    const prefix = sub ? sub.replace(/\/+$/, "") + "/" : "";
    const dirs = new Set<string>();
    const files: string[] = [];
    for (const p of [...repo.files.keys()].sort()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const parts = rest.split("/");
      if (!recursive && parts.length > 1) {
        dirs.add(prefix + parts[0]);
        continue;
      }
      for (let i = 1; i < parts.length; i++) dirs.add(prefix + parts.slice(0, i).join("/"));
      files.push(p);
    }
    if (sub && !files.length && !dirs.size) return json({ error: "Entry not found" }, 404);
    const all = [
      ...[...dirs].sort().map((d) => ({
        type: "directory",
        path: d,
        size: 0,
        oid: gitBlobSha1(new TextEncoder().encode(d)),
      })),
      ...files.map((p) => this.#entry(repo, p)),
    ];
    const cursor = Number(u.searchParams.get("cursor") ?? "0");
    const page = all.slice(cursor, cursor + this.#pageSize);
    const headers: Record<string, string> = {};
    if (cursor + this.#pageSize < all.length) {
      const next = new URL(u.toString());
      next.searchParams.set("cursor", String(cursor + this.#pageSize));
      headers["Link"] = `<${next.toString()}>; rel="next"`;
    }
    return json(page, 200, headers);
  }

  async #pathsInfo(req: Request, key: string, rev: string): Promise<Response> {
    const who = this.#auth(req);
    if (who instanceof Response) return who;
    const repo = this.#repoOr404(key);
    if (repo instanceof Response) return repo;
    if (rev !== "main") return json({ error: `Revision not found: ${rev}` }, 404);
    const body = await req.json();
    const out = (body.paths as string[]).filter((p) => repo.files.has(p)).map((p) =>
      this.#entry(repo, p)
    );
    return json(out);
  }

  async #preupload(req: Request, key: string, rev: string): Promise<Response> {
    const who = this.#authWrite(req, key);
    if (who instanceof Response) return who;
    const repo = this.#repoOr404(key);
    if (repo instanceof Response) return repo;
    if (rev !== "main") return json({ error: `Revision not found: ${rev}` }, 404);
    const body = await req.json();
    const files = (body.files as { path: string; size: number; sample: string }[]).map((f) => {
      const binary = decodeBase64(f.sample).includes(0);
      const lfs = LFS_EXT.test(f.path) || f.size >= 10_000_000 || binary;
      return { path: f.path, uploadMode: lfs ? "lfs" : "regular", shouldIgnore: false };
    });
    return json({ files, commitOid: repo.commits.at(-1)!.oid });
  }

  async #lfsBatch(req: Request, key: string): Promise<Response> {
    const who = this.#authWrite(req, key);
    if (who instanceof Response) return who;
    const repo = this.#repoOr404(key);
    if (repo instanceof Response) return repo;
    const body = await req.json();
    if (body.operation !== "upload") return json({ message: "only uploads" }, 422);
    this.offeredTransfers.push(body.transfers ?? []);
    const objects = (body.objects as { oid: string; size: number }[]).map((o) => {
      const have = repo.lfs.get(o.oid);
      if (have && have.length === o.size) return { oid: o.oid, size: o.size };
      return {
        oid: o.oid,
        size: o.size,
        authenticated: true,
        actions: {
          upload: {
            href: `${this.url}/__lfs/${key}/${o.oid}?sig=${this.#sig}`,
            expires_in: 3600,
          },
        },
      };
    });
    return new Response(JSON.stringify({ transfer: "basic", objects }), {
      headers: { "Content-Type": "application/vnd.git-lfs+json" },
    });
  }

  async #lfsUpload(req: Request, u: URL, key: string, oid: string): Promise<Response> {
    if (u.searchParams.get("sig") !== this.#sig) {
      return new Response("<Error><Code>AccessDenied</Code></Error>", { status: 403 });
    }
    const repo = this.#repoOr404(key);
    if (repo instanceof Response) return repo;
    const bytes = new Uint8Array(await req.arrayBuffer());
    if (sha256(bytes) !== oid) {
      return new Response("<Error><Code>BadDigest</Code></Error>", { status: 400 });
    }
    repo.lfs.set(oid, bytes);
    return new Response(null, { status: 200, headers: { ETag: `"${oid.slice(0, 32)}"` } });
  }

  async #commit(req: Request, key: string, rev: string): Promise<Response> {
    const who = this.#authWrite(req, key);
    if (who instanceof Response) return who;
    const repo = this.#repoOr404(key);
    if (repo instanceof Response) return repo;
    if (rev !== "main") return json({ error: `Revision not found: ${rev}` }, 404);
    const lines = (await req.text()).split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
    const header = lines.find((l) => l.key === "header")?.value;
    if (!header?.summary) return json({ error: "missing commit header" }, 400);
    const staged = new Map<string, StoredFile | null>();
    for (const { key: k, value: v } of lines) {
      if (k === "header") continue;
      if (k === "file") {
        if (v.encoding !== "base64") return json({ error: "only base64 files" }, 400);
        const bytes = decodeBase64(v.content);
        staged.set(v.path, { bytes, lfs: false, sha256: sha256(bytes) });
      } else if (k === "lfsFile") {
        const bytes = repo.lfs.get(v.oid);
        if (!bytes || bytes.length !== v.size) {
          return json({ error: `LFS object ${v.oid} of ${v.path} was not uploaded` }, 422);
        }
        staged.set(v.path, { bytes, lfs: true, sha256: v.oid });
      } else if (k === "deletedFile") {
        if (!repo.files.has(v.path) && !staged.has(v.path)) {
          return json({ error: `cannot delete ${v.path}: no such file` }, 404);
        }
        staged.set(v.path, null);
      } else {
        return json({ error: `unknown commit operation ${k}` }, 400);
      }
    }
    const rec: CommitRecord = { oid: this.#oid(), title: header.summary, added: [], deleted: [] };
    for (const [p, f] of staged) {
      if (f) {
        repo.files.set(p, f);
        rec.added.push(p);
      } else {
        repo.files.delete(p);
        rec.deleted.push(p);
      }
    }
    repo.commits.push(rec);
    return json({
      success: true,
      commitOid: rec.oid,
      commitUrl: `${this.url}/${key}/commit/${rec.oid}`,
      hookOutput: "",
    });
  }
}

/** Starts a loopback Hub; close it with `await hub.close()`. */
export function startLoopbackHub(opts: LoopbackHubOptions = {}): LoopbackHub {
  return new LoopbackHub(opts);
}
