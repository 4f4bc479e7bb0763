import { currentKeyId, decryptSecret, encryptSecret, SecretDecryptionError, secretKeyId } from './crypto';
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from './encrypted-columns';
import type { PrismaClient } from './prisma';

export interface RotationReport {
  what: string;
  table: string;
  column: string;
  /** Re-encrypted with the current key. */
  rotated: number;
  /** Already sealed with the current key. */
  current: number;
  /** Ids (never values) of rows no key of the ring opens: left unchanged. */
  undecryptable: string[];
}

const PAGE = 200;
const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Re-encrypts every stored secret (every ENCRYPTED_COLUMNS entry) with the ring's current key, page by page.
 * Each row is written with a compare-and-set on its old value, so a secret changed meanwhile is not overwritten
 * (it was sealed with the current key anyway). Idempotent: a second run finds everything current.
 */
export async function rotateStoredSecrets(
  prisma: PrismaClient,
  ring: string,
  columns: readonly EncryptedColumn[] = ENCRYPTED_COLUMNS,
): Promise<RotationReport[]> {
  const currentId = currentKeyId(ring);
  const reports: RotationReport[] = [];
  for (const c of columns) {
    const report: RotationReport = {
      what: c.what,
      table: c.table,
      column: c.column,
      rotated: 0,
      current: 0,
      undecryptable: [],
    };
    const aadColumns = c.associatedData?.columns ?? (c.associatedDataColumn ? [c.associatedDataColumn] : []);
    const aadSelect = aadColumns.map((col, i) => `, ${q(col)}::text AS aad${i}`).join('');
    const aadOf = (row: Record<string, string | null>): string => {
      const values = aadColumns.map((_, i) => row[`aad${i}`] ?? '');
      return c.associatedData ? c.associatedData.build(values) : (values[0] ?? '');
    };
    let after = '';
    for (;;) {
      const rows = await prisma.$queryRawUnsafe<
        ({ id: string; sealed: string } & Record<string, string | null>)[]
      >(
        `SELECT ${q(c.idColumn)}::text AS id, ${q(c.column)} AS sealed${aadSelect} FROM ${q(c.table)}
          WHERE ${q(c.column)} IS NOT NULL AND ${q(c.idColumn)}::text > $1
          ORDER BY ${q(c.idColumn)}::text LIMIT ${PAGE}`,
        after,
      );
      for (const row of rows) {
        if (secretKeyId(row.sealed) === currentId) {
          report.current++;
          continue;
        }
        let plain: string;
        try {
          plain = decryptSecret(row.sealed, ring, aadOf(row));
        } catch (err) {
          if (!(err instanceof SecretDecryptionError)) throw err;
          report.undecryptable.push(row.id);
          continue;
        }
        const updated = await prisma.$executeRawUnsafe(
          `UPDATE ${q(c.table)} SET ${q(c.column)} = $1 WHERE ${q(c.idColumn)}::text = $2 AND ${q(c.column)} = $3`,
          encryptSecret(plain, ring, aadOf(row)),
          row.id,
          row.sealed,
        );
        if (updated === 1) report.rotated++;
        else report.current++; // changed meanwhile: written by the service, with the current key
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
    reports.push(report);
  }
  return reports;
}
