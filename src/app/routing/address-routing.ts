import type { Kysely } from 'kysely';
import { AddressTables, type AddressTableData } from '../../domain/addresses/address-table.ts';
import type { AddressRouter, Placement } from '../../domain/routing/address-router.ts';
import type { PostcodeAreaRouter } from '../../domain/routing/postcode-areas.ts';
import { TableRouter } from '../../domain/routing/table-router.ts';
import { addressRoutingData, completeAddressVersionIds, listAddressVersions } from '../../db/repositories/address-table.ts';
import type { DB } from '../../db/schema.ts';

/** A version imported by another process (the import command) is used after at most this long. */
const STALE_MS = 30_000;

/**
 * Reads one complete version into the compact form routing keeps (address-table.ts), on shared
 * memory: worker threads judging batch files read it without a copy.
 */
async function loadVersion(db: Kysely<DB>, id: number, validFrom: string): Promise<AddressTableData> {
  const parts = [];
  // Ranges of PC4 areas in postcode order, so the parts join up sorted.
  for (let pc4 = 1000; pc4 < 10000; pc4 += 500) parts.push(await addressRoutingData(db, id, String(pc4), pc4 + 500 < 10000 ? String(pc4 + 500) : 'A'));
  const packed = { postcodes: Buffer.concat(parts.map((p) => p.postcodes)), border: Buffer.concat(parts.map((p) => p.border)) };
  const p = new DataView(packed.postcodes.buffer, packed.postcodes.byteOffset, packed.postcodes.byteLength);
  const n = packed.postcodes.byteLength / 6;
  const postcodes = new Int32Array(new SharedArrayBuffer(4 * n));
  const municipalities = new Uint16Array(new SharedArrayBuffer(2 * n));
  for (let i = 0; i < n; i++) {
    postcodes[i] = p.getInt32(i * 6);
    municipalities[i] = p.getInt16(i * 6 + 4);
  }
  const b = new DataView(packed.border.buffer, packed.border.byteOffset, packed.border.byteLength);
  const m = packed.border.byteLength / 10;
  const borderKeys = new Float64Array(new SharedArrayBuffer(8 * m));
  const borderMunicipalities = new Uint16Array(new SharedArrayBuffer(2 * m));
  for (let i = 0; i < m; i++) {
    borderKeys[i] = Number(b.getBigInt64(i * 10));
    borderMunicipalities[i] = b.getInt16(i * 10 + 8);
  }
  return { id, validFrom, postcodes, municipalities, borderKeys, borderMunicipalities };
}

/**
 * The address router of a running platform: the national address table's complete versions from
 * the database (re-read in the background when another process imported one), or the postcode
 * areas while none is loaded.
 */
export class AddressRouting implements AddressRouter {
  private current: TableRouter;
  private loadedAt = 0;
  private versionsKey = '';
  private loading: Promise<void> | null = null;

  constructor(
    readonly areas: PostcodeAreaRouter,
    private readonly db?: Kysely<DB>,
    private readonly clock: () => number = Date.now,
  ) {
    this.current = new TableRouter(new AddressTables([]), areas);
  }

  get router(): TableRouter {
    return this.current;
  }

  place(postcode: string, houseNumber: string | undefined, date: string): Placement {
    if (this.db !== undefined && this.clock() - this.loadedAt >= STALE_MS) this.refreshInBackground();
    return this.current.place(postcode, houseNumber, date);
  }

  /** Re-reads the complete versions when the set changed (after an import: call it to use the new one at once). */
  async reload(): Promise<void> {
    if (!this.db) return;
    const ids = await completeAddressVersionIds(this.db);
    this.loadedAt = this.clock();
    const key = ids.join(',');
    if (key === this.versionsKey) return;
    const versions = (await listAddressVersions(this.db)).filter((v) => v.status === 'complete');
    const loaded = new Map(this.current.tables.tables.map((t) => [t.data.id, t.data]));
    const data: AddressTableData[] = [];
    for (const v of versions) data.push(loaded.get(v.id) ?? (await loadVersion(this.db, v.id, v.validFrom)));
    this.current = new TableRouter(new AddressTables(data), this.areas);
    this.versionsKey = key;
  }

  private refreshInBackground(): void {
    if (this.loading) return;
    this.loading = this.reload()
      .catch(() => undefined) // keep routing with what is loaded; the next signal tries again
      .finally(() => (this.loading = null));
  }
}
