import type { Kysely } from 'kysely';
import { AddressTables, type AddressTableData } from '../../domain/addresses/address-table.ts';
import { pc6Index } from '../../domain/addresses/postcode-index.ts';
import type { AddressRouter, Placement } from '../../domain/routing/address-router.ts';
import type { PostcodeAreaRouter } from '../../domain/routing/postcode-areas.ts';
import { TableRouter } from '../../domain/routing/table-router.ts';
import { addressRoutingData, completeAddressVersionIds, listAddressVersions } from '../../db/repositories/address-table.ts';
import type { DB } from '../../db/schema.ts';

/** A version imported by another process (the import command) is used after at most this long. */
const STALE_MS = 30_000;

/** Typed arrays on shared memory: worker threads judging batch files read them without a copy. */
function shared<T extends Int32Array | Uint16Array | Float64Array>(make: (b: SharedArrayBuffer) => T, n: number, bytes: number): T {
  return make(new SharedArrayBuffer(Math.max(1, n) * bytes));
}

/** Reads one complete version into the compact form routing keeps (address-table.ts). */
async function loadVersion(db: Kysely<DB>, id: number, validFrom: string): Promise<AddressTableData> {
  const { postcodes, border } = await addressRoutingData(db, id);
  const pcs = postcodes.map((p) => ({ index: pc6Index(p.postcode), m: p.municipality ?? 0 })).filter((p) => p.index >= 0);
  pcs.sort((a, b) => a.index - b.index);
  const keys = shared((b) => new Int32Array(b), pcs.length, 4);
  const ms = shared((b) => new Uint16Array(b), pcs.length, 2);
  pcs.forEach((p, i) => ((keys[i] = p.index), (ms[i] = p.m)));
  const bs = border.map((r) => ({ key: pc6Index(r.postcode) * 100000 + r.house_number, m: r.municipality })).sort((a, b) => a.key - b.key);
  const borderKeys = shared((b) => new Float64Array(b), bs.length, 8);
  const borderMunicipalities = shared((b) => new Uint16Array(b), bs.length, 2);
  bs.forEach((r, i) => ((borderKeys[i] = r.key), (borderMunicipalities[i] = r.m)));
  return { id, validFrom, postcodes: keys.subarray(0, pcs.length), municipalities: ms.subarray(0, pcs.length), borderKeys: borderKeys.subarray(0, bs.length), borderMunicipalities: borderMunicipalities.subarray(0, bs.length) };
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
