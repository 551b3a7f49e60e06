import { DuckDBInstance } from "@duckdb/node-api";
const [dir, ...rest] = Deno.args;
const sql = rest.join(" ");
const db = await DuckDBInstance.create(":memory:");
const con = await db.connect();
for (const e of Deno.readDirSync(dir)) {
  if (e.isDirectory && !e.name.startsWith(".")) {
    try {
      await con.run(
        `CREATE VIEW ${e.name} AS SELECT * FROM read_parquet('${dir}/${e.name}/*.parquet')`,
      );
    } catch { /* */ }
  }
}
for (const q of sql.split(";").filter((s) => s.trim())) {
  const r = await con.runAndReadAll(q);
  const cols = r.columnNames();
  console.log(cols.join("\t"));
  for (const row of r.getRows()) {
    console.log(row.map((v) => typeof v === "bigint" ? Number(v) : v).join("\t"));
  }
}
