import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { matchAll } from '../src/app/matching/match-signals.ts';
import { classifyCases } from '../src/app/worklist/classify-cases.ts';
import { webLogin } from './helpers/web.ts';
import { AddressTableRefused, importAddressTable } from '../src/app/addresses/import-address-table.ts';
import { AddressRouting } from '../src/app/routing/address-routing.ts';
import type { SyntheticTableOptions } from '../src/simulation/addresses/synthetic-address-table.ts';
import { writeAddressTableFile } from '../src/simulation/generate/address-table-file.ts';
import type { LocalBasisRegisters } from '../src/domain/routing/local-registers.ts';

const dir = await mkdtemp(path.join(tmpdir(), 'address-table-'));

/** Every PC4 area with one postcode of 20 houses: ~180,000 lines, every municipality present. */
async function tableFile(name: string, o: Partial<SyntheticTableOptions> & { year: number }): Promise<string> {
  const file = path.join(dir, name);
  await writeAddressTableFile(file, { rows: 9000 * 20, housesPerPostcode: 20, borderEvery: 25, ...o });
  return file;
}

const signal = (reference: string, postcode: string, houseNumber: string, signalDate = '2025-03-14', municipalityCode?: string) => {
  const s = rentSignal(reference, { signalDate, address: { street: 'Dorpsstraat', houseNumber, postcode, city: 'X' } });
  if (municipalityCode === undefined) delete (s as { municipalityCode?: string }).municipalityCode;
  else s.municipalityCode = municipalityCode;
  return s;
};

after(() => rm(dir, { recursive: true, force: true }));

for (const engine of ENGINES) {
  describe(`the national address table: import and routing (${engine.name})`, () => {
    let p: TestPlatform;
    let v2021: string;
    let v2022: string;
    const routing = () => (p.deps.registers as LocalBasisRegisters).addresses as AddressRouting;
    /** A postcode of the version in force in 2025 whose municipality number passes `test` (0: on a border). */
    const postcodeWhere = (test: (m: number) => boolean) => {
      const t = routing().router.tables.versionOn('2025-03-14')!.data;
      const i = t.municipalities.findIndex((m) => test(m));
      const pc = t.postcodes[i]!;
      return `${Math.floor(pc / 676)}${String.fromCharCode(65 + Math.floor((pc % 676) / 26))}${String.fromCharCode(65 + (pc % 26))}`;
    };
    const submit = (signals: ReturnType<typeof signal>[]) => submitSignals(p.deps, systemContext('demo-woningcorporatie', 'test'), signals, { dryRun: false });
    const stored = async (reference: string) =>
      p.deps.db.selectFrom('signals').select(['municipality_code', 'routing', 'routed_from']).where('reference', '=', reference).executeTakeFirstOrThrow();

    before(async () => {
      p = await startTestPlatform(engine, { now: () => new Date('2025-06-01T10:00:00Z') });
      // Beemster (GM0370) existed until 2021-12-31; from 2022 its addresses are Purmerend's (GM0439).
      v2021 = await tableFile('pc6hnr20210801_gwb.csv', { year: 2021 });
      v2022 = await tableFile('pc6hnr20220801_gwb.csv', { year: 2022 });
    });
    after(() => p.close());

    it('refuses a file that is not the CBS layout, saying which header it expects', async () => {
      const bad = path.join(dir, 'bad.csv');
      await writeFile(bad, 'postcode,huisnummer,gemeente\n1011AB,1,363\n');
      await assert.rejects(importAddressTable(p.deps, { file: bad }), (e: unknown) => e instanceof AddressTableRefused && /PC6;Huisnummer;Buurt<jaar>;Wijk<jaar>;Gemeente<jaar>/.test(e.message));
    });

    it('imports a version, resumes an interrupted import of the same file, and does nothing on a re-import', async () => {
      let chunks = 0;
      await assert.rejects(
        importAddressTable(p.deps, {
          file: v2021,
          bytesPerChunk: 800_000,
          onProgress: () => {
            if (++chunks === 2) throw new Error('interrupted');
          },
        }),
        /interrupted/,
      );
      const partial = await p.deps.db.selectFrom('address_table_versions').selectAll().executeTakeFirstOrThrow();
      assert.equal(partial.status, 'loading');
      const committed = Number(partial.rows_stored);
      assert.ok(committed > 0 && committed < 180_000, `two chunks were committed with their resume point (${committed} rows)`);
      assert.equal(Number(partial.lines_done), committed + 1, 'the resume point is the line after the last stored row');

      const resumed = await importAddressTable(p.deps, { file: v2021, bytesPerChunk: 800_000 });
      assert.equal(resumed.outcome, 'resumed');
      assert.equal(resumed.version.status, 'complete');
      assert.equal(resumed.version.validFrom, '2021-01-01');
      assert.equal(resumed.version.rowsStored, 180_000);
      const rows = await p.deps.db.selectFrom('address_table_rows').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(rows.n), 180_000, 'no line stored twice after resuming');

      const again = await importAddressTable(p.deps, { file: v2021 });
      assert.equal(again.outcome, 'unchanged');
      assert.equal(again.version.id, resumed.version.id);
      const versions = await p.deps.db.selectFrom('address_table_versions').select('id').execute();
      assert.equal(versions.length, 1);
    });

    it('keeps the older version and says which addresses moved between municipalities (a merger by date)', async () => {
      const r = await importAddressTable(p.deps, { file: v2022 });
      assert.equal(r.outcome, 'imported');
      assert.equal(r.version.validFrom, '2022-01-01');
      const beemsterToPurmerend = r.changes?.movedBetween.find((m) => m.from === 370 && m.to === 439);
      assert.ok(beemsterToPurmerend && beemsterToPurmerend.addresses > 0, JSON.stringify(r.changes?.movedBetween.slice(0, 5)));
      await routing().reload();
      assert.equal(routing().place('1461AA', '5', '2021-06-30').municipality, 'GM0370', 'before the merger: Beemster');
      assert.equal(routing().place('1461AA', '5', '2022-03-01').municipality, 'GM0439', 'after it: Purmerend');
    });

    it('routes a signal without a municipality code to a municipality outside the demo set, and corrects a wrong code', async () => {
      // Groningen (GM0014) is no demo municipality and has no postcode area in the demo's list.
      const pc6 = postcodeWhere((m) => m === 14);
      const out = await submit([signal('route-groningen', pc6, '3'), signal('route-wrong-code', pc6, '4', '2025-03-14', 'GM0363')]);
      assert.deepEqual(out.map((o) => o.outcome), ['accepted', 'accepted'], JSON.stringify(out));
      assert.deepEqual(await stored('route-groningen'), { municipality_code: 'GM0014', routing: 'address', routed_from: null });
      assert.deepEqual(await stored('route-wrong-code'), { municipality_code: 'GM0014', routing: 'address-corrected', routed_from: 'GM0363' });
      // Over the API the creditor is told where the signal went and why.
      const res = await fetch(`${p.url}/v1/signals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${p.keyOf('demo-woningcorporatie')}`, 'content-type': 'application/json' },
        body: JSON.stringify(signal('route-wrong-code-api', pc6, '5', '2025-03-14', 'GM0363')),
      });
      assert.equal(res.status, 201);
      const body = (await res.json()) as { results: Array<Record<string, unknown>> };
      assert.deepEqual([body.results[0]!['municipalityCode'], body.results[0]!['routing'], body.results[0]!['routedFrom']], ['GM0014', 'address-corrected', 'GM0363']);
    });

    it('records the district and neighbourhood of the address on the case, and the worklist uses the district', async () => {
      const job = systemContext('platform-beheer', 'test', 'job');
      await matchAll(p.deps, job);
      const cases = await p.deps.db.selectFrom('cases').select(['district_code', 'neighbourhood_code', 'district']).where('municipality_code', '=', 'GM0014').execute();
      assert.equal(cases.length, 3, 'the three signals routed to Groningen, at three addresses');
      for (const c of cases) {
        assert.match(c.district_code ?? '', /^WK0014\d{2}$/);
        assert.equal(c.neighbourhood_code?.slice(2, 8), c.district_code?.slice(2), 'the neighbourhood lies in the district');
      }
      // Groningen defined no districts of its own: its queue rules can name the CBS district.
      await classifyCases(p.deps, job, 'GM0014');
      const classified = await p.deps.db.selectFrom('cases').select(['district', 'district_code']).where('municipality_code', '=', 'GM0014').execute();
      for (const c of classified) assert.equal(c.district, c.district_code);
    });

    it('shows the worker how a signal came to the municipality, and the CBS district and neighbourhood of the case', async () => {
      const pc6 = postcodeWhere((m) => m === 363);
      const out = await submit([signal('route-to-amsterdam', pc6, '7', '2025-03-14', 'GM0599')]);
      assert.equal(out[0]!.outcome, 'accepted');
      await matchAll(p.deps, systemContext('platform-beheer', 'test', 'job'));
      const state = await p.deps.db
        .selectFrom('signal_states')
        .innerJoin('signals', 'signals.id', 'signal_states.signal_id')
        .select(['signal_states.case_id'])
        .where('signals.reference', '=', 'route-to-amsterdam')
        .executeTakeFirstOrThrow();
      const page = await (await webLogin(p, 'medewerker@amsterdam.demo')).get(`/zaken/${state.case_id!}`);
      assert.equal(page.status, 200);
      assert.match(page.html, /bepaald uit het adres; de schuldeiser stuurde GM0599/);
      assert.match(page.html, /WK0363\d{2} \/ BU0363\d{4}/);
    });

    it('places a postcode on a border by house number, and refuses a signal it cannot place, with the reason', async () => {
      // The synthetic table has one postcode per PC4 area; on a border its houses above 10 lie across it.
      const border = postcodeWhere((m) => m === 0);
      const here = routing().place(border, '3', '2025-03-14');
      const across = routing().place(border, '15', '2025-03-14');
      assert.ok(here.municipality && across.municipality && here.municipality !== across.municipality, JSON.stringify([here, across]));
      const otherPostcode = `${border.slice(0, 4)}ZZ`;
      const out = await submit([signal('unplaced-house', border, '99'), signal('unplaced-area', otherPostcode, '1')]);
      assert.deepEqual(out.map((o) => o.outcome), ['refused', 'refused']);
      const [house, area] = out.map((o) => o.refusals!.find((r) => r.code.startsWith('ADDRESS_')));
      assert.equal(house?.code, 'ADDRESS_HOUSE_NUMBER_UNKNOWN');
      assert.match(house.message.nl, new RegExp(`${border.slice(0, 4)} ${border.slice(4)} ligt in meer dan één gemeente en huisnummer 99`));
      assert.equal(area?.code, 'ADDRESS_POSTCODE_AREA_SPLIT');
      assert.match(area.message.en, /cannot be placed in a municipality: postcode \d{4} ZZ is not in the address table of 2022-01-01/);
    });
  });
}
