import { Client } from 'pg';
import type { TableShape } from './expected-schema';

/** Reads the same shape as expected-schema.ts from a live PostgreSQL catalog (public schema). */
export async function actualSchema(url: string): Promise<Record<string, TableShape>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const out: Record<string, TableShape> = {};
    const cols = await c.query<{
      table_name: string;
      column_name: string;
      type: string;
      is_nullable: string;
      column_default: string | null;
    }>(`
      SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
             CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable, pg_get_expr(d.adbin, d.adrelid) AS column_default
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`);
    for (const r of cols.rows) {
      out[r.table_name] ??= { columns: {}, indexes: {}, foreignKeys: {} };
      out[r.table_name]!.columns[r.column_name] = {
        type: r.type,
        nullable: r.is_nullable === 'YES',
        default: r.column_default,
      };
    }
    const idx = await c.query<{
      table_name: string;
      index_name: string;
      is_unique: boolean;
      is_primary: boolean;
      cols: string[];
    }>(`
      SELECT t.relname AS table_name, i.relname AS index_name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
             array_agg(a.attname ORDER BY k.ord)::text[] AS cols
      FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`);
    for (const r of idx.rows) {
      const kind = r.is_primary ? 'PK' : r.is_unique ? 'UNIQUE' : 'INDEX';
      if (out[r.table_name]) out[r.table_name]!.indexes[r.index_name] = `${kind} (${r.cols.join(', ')})`;
    }
    const fks = await c.query<{ table_name: string; name: string; def: string }>(`
      SELECT t.relname AS table_name, con.conname AS name, pg_get_constraintdef(con.oid) AS def
      FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND con.contype = 'f'`);
    for (const r of fks.rows) {
      const m =
        /FOREIGN KEY \((.+)\) REFERENCES (\S+)\((.+)\)(?:.*ON DELETE (SET NULL|CASCADE|RESTRICT|NO ACTION|SET DEFAULT))?/.exec(
          r.def,
        )!;
      const clean = (s: string) => s.replace(/"/g, '');
      if (out[r.table_name])
        out[r.table_name]!.foreignKeys[r.name] =
          `(${clean(m[1]!)}) -> ${clean(m[2]!)}(${clean(m[3]!)}) ON DELETE ${m[4] ?? 'NO ACTION'}`;
    }
    return out;
  } finally {
    await c.end();
  }
}
