import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { BrpUnavailable } from '../../domain/routing/brp-register.ts';
import { DEMO_CLIENT, startBrpStub, stubConnection, type BrpStub } from '../../simulation/brp-stub/server.ts';
import { buildStubRegister, residenceOn } from '../../simulation/brp-stub/residents.ts';
import type { BrpConnection } from './brp-connection.ts';
import { HaalCentraalBrp, HaalCentraalMunicipalBrp } from './haal-centraal-brp.ts';

// The real client against the local stub over HTTP: no mock objects.
describe('Haal Centraal BRP client against the stub', () => {
  const register = buildStubRegister({ scale: 0.001 });
  const { deceased, moved } = register.edgeCases;
  let stub: BrpStub;
  let brp: HaalCentraalBrp;
  const connection = (overrides: Partial<BrpConnection> = {}): BrpConnection => stubConnection(stub, 'GM0363', { timeoutMs: 2000, concurrency: 4, ...overrides });

  before(async () => {
    stub = await startBrpStub({ register, today: () => '2026-01-15' });
    brp = new HaalCentraalBrp(connection());
  });
  after(async () => {
    await brp.close();
    await stub.close();
  });

  it('finds a person: name, birth date, municipality, address with its BAG identifier', async () => {
    const bsn = [...register.persons.keys()].find((b) => b !== deceased.bsn && b !== moved.bsn)!;
    const known = register.persons.get(bsn)!;
    const found = (await brp.persons([bsn])).get(bsn)!;
    assert.equal(found.surname, known.surname);
    assert.equal(found.birthDate, known.birthDate);
    assert.equal(found.deceased, false);
    const home = residenceOn(known, '2026-01-15')!.address;
    assert.equal(found.municipalityCode, home.municipalityCode);
    assert.equal(found.address?.postcode, home.postcode);
    assert.equal(found.address?.addressableObjectId, home.addressableObjectId);
    assert.equal((await brp.residencesOn([bsn], '2026-01-15')).get(bsn)?.municipalityCode, home.municipalityCode);
  });

  it('leaves out a person the BRP does not know (and a BSN that is not nine digits)', async () => {
    const result = await brp.persons(['999999990', '12']);
    assert.equal(result.size, 0);
    assert.equal((await brp.residencesOn(['999999990'], '2026-01-15')).size, 0);
  });

  it('reports a deceased person as deceased with the date of death, and not as living anywhere', async () => {
    const p = (await brp.persons([deceased.bsn])).get(deceased.bsn)!;
    assert.equal(p.deceased, true);
    assert.equal(p.deathDate, deceased.on);
    assert.equal((await brp.residencesOn([deceased.bsn], '2026-01-15')).size, 0);
  });

  it('reports a person who moved to another municipality there, from the day of the move', async () => {
    const p = (await brp.persons([moved.bsn])).get(moved.bsn)!;
    assert.equal(p.municipalityCode, moved.to.municipalityCode);
    assert.equal(p.address?.since, moved.on);
    assert.equal((await brp.residencesOn([moved.bsn], moved.on)).get(moved.bsn)?.municipalityCode, moved.to.municipalityCode);
    // Before the move the current address does not apply: the person is absent, not placed wrongly.
    assert.equal((await brp.residencesOn([moved.bsn], '2025-08-31')).has(moved.bsn), false);
    // Bewoning by date: in the old dwelling the day before, in the new one on the day.
    const before = await brp.occupancyOn([moved.from.addressableObjectId], '2025-08-31');
    assert.ok(before.get(moved.from.addressableObjectId)!.residents.some((r) => r.bsn === moved.bsn));
    const on = await brp.occupancyOn([moved.from.addressableObjectId, moved.to.addressableObjectId], moved.on);
    assert.ok(!on.get(moved.from.addressableObjectId)!.residents.some((r) => r.bsn === moved.bsn));
    assert.ok(on.get(moved.to.addressableObjectId)!.residents.some((r) => r.bsn === moved.bsn));
  });

  it('counts residents and minors of a dwelling on a date', async () => {
    const withChild = [...register.byAddressableObject.entries()].find(([, ps]) => ps.some((p) => p.birthDate > '2010-01-01') && ps.length >= 2)!;
    const o = (await brp.occupancyOn([withChild[0]], '2026-01-15')).get(withChild[0])!;
    const expected = withChild[1].filter((p) => residenceOn(p, '2026-01-15')?.address.addressableObjectId === withChild[0]);
    assert.equal(o.residentCount, expected.length);
    assert.equal(o.minorCount, expected.filter((p) => p.birthDate > '2008-01-15').length);
    assert.ok(o.minorCount >= 1);
  });

  it('asks in bulk: 20 BSNs per call, one token for all calls', async () => {
    const fresh = new HaalCentraalBrp(connection());
    const bsns = [...register.persons.keys()].slice(0, 45);
    const before = { ...stub.stats };
    const result = await fresh.persons(bsns);
    await fresh.close();
    assert.equal(result.size, 45);
    assert.equal(stub.stats.personen - before.personen, 3);
    assert.equal(stub.stats.token - before.token, 1);
    assert.deepEqual(fresh.http.stats, { calls: 4, retries: 0, tokenCalls: 1 });
  });

  it('throws BrpUnavailable when the BRP is down, after retrying with back-off', async () => {
    const client = new HaalCentraalBrp(connection({ retries: 2 }));
    stub.setDown(true);
    const before = stub.stats.personen;
    try {
      await assert.rejects(client.persons([moved.bsn]), (e: unknown) => e instanceof BrpUnavailable && e.status === 503);
      await assert.rejects(client.residencesOn([moved.bsn], '2026-01-15'), BrpUnavailable);
    } finally {
      stub.setDown(false);
      await client.close();
    }
    assert.equal(stub.stats.personen - before, 6);
    // Back up: the same client answers again.
  });

  it('throws BrpUnavailable on refused credentials and on a BRP that never answers (time-out)', async () => {
    const wrong = new HaalCentraalBrp(connection({ oauth2: { tokenUrl: stub.tokenUrl, clientId: DEMO_CLIENT.id, clientSecret: 'wrong' } }));
    await assert.rejects(wrong.persons([moved.bsn]), (e: unknown) => e instanceof BrpUnavailable && e.status === 401);
    await wrong.close();

    const sockets: Array<import('node:net').Socket> = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const hanging = new HaalCentraalBrp({ municipality: 'GM0363', enabled: true, personenUrl: url, timeoutMs: 150, retries: 1, concurrency: 2 });
    const t0 = Date.now();
    await assert.rejects(hanging.persons([moved.bsn]), BrpUnavailable);
    assert.ok(Date.now() - t0 < 2000);
    await hanging.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => silent.close(() => r()));
  });

  it('serves only the municipalities switched on', () => {
    const all = new HaalCentraalMunicipalBrp([connection(), connection({ municipality: 'GM0599', enabled: false })]);
    assert.ok(all.forMunicipality('GM0363'));
    assert.equal(all.forMunicipality('GM0599'), undefined);
    void all.close();
  });
});
