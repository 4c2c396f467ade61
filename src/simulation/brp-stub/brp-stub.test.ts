import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BEWONING_SPEC, OpenApiSchemas, PERSONEN_SPEC } from './openapi-schemas.ts';
import { DEMO_CLIENT, startBrpStub, type BrpStub } from './server.ts';
import { buildStubRegister } from './residents.ts';

const personen = new OpenApiSchemas(PERSONEN_SPEC);
const bewoning = new OpenApiSchemas(BEWONING_SPEC);
type Exchange = { api: 'personen' | 'bewoning'; request: unknown; status: number; response: unknown };

/** Every request the stub answered 200 conforms to the query schema, every answer to its response schema. */
function assertConforms(e: Exchange): void {
  const [spec, path] = e.api === 'personen' ? [personen, '/personen'] : [bewoning, '/bewoningen'];
  if (e.status === 200) assert.equal(spec.errors(e.api === 'personen' ? 'PersonenQuery' : 'BewoningenQuery', e.request), undefined, `request ${JSON.stringify(e.request)}`);
  const schema = e.status === 200 && e.api === 'personen'
    ? `${(e.request as { type: string }).type}Response`
    : spec.responseSchema(path, 'post', e.status);
  assert.deepEqual(spec.errors(schema, e.response), undefined, `${schema}: ${JSON.stringify(e.response).slice(0, 400)}`);
}

describe('BRP stub speaks the Haal Centraal specifications', () => {
  const exchanges: Exchange[] = [];
  let stub: BrpStub;
  let token: string;
  const register = buildStubRegister({ scale: 0.001 });

  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}`, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
  };

  before(async () => {
    stub = await startBrpStub({ register, today: () => '2026-01-15', onExchange: (e) => exchanges.push(e) });
    const res = await fetch(stub.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT.id, client_secret: DEMO_CLIENT.secret }),
    });
    assert.equal(res.status, 200);
    token = ((await res.json()) as { access_token: string }).access_token;
  });
  after(async () => {
    await stub.close();
    assert.ok(exchanges.length >= 8);
    for (const e of exchanges) assertConforms(e);
  });

  it('the validator itself refuses what the specification refuses', () => {
    assert.ok(personen.errors('PersonenQuery', { type: 'RaadpleegMetBurgerservicenummer', fields: ['naam'], burgerservicenummer: ['12345678'] }));
    assert.ok(personen.errors('PersonenQuery', { type: 'Onbekend', fields: ['naam'] }));
    // A polymorphic part is checked as the concrete type it names (Adres: huisnummer is an integer).
    assert.ok(personen.errors('RaadpleegMetBurgerservicenummerResponse', { type: 'RaadpleegMetBurgerservicenummer', personen: [{ verblijfplaats: { type: 'Adres', verblijfadres: { huisnummer: '12' } } }] }));
  });

  it('answers RaadpleegMetBurgerservicenummer with only the asked fields, including a deceased person', async () => {
    const { deceased } = register.edgeCases;
    const living = [...register.persons.keys()].find((b) => b !== deceased.bsn)!;
    const r = await post(stub.personenUrl + '/personen', { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [living, deceased.bsn, '999999990'], fields: ['naam.geslachtsnaam', 'verblijfplaats.verblijfadres.postcode', 'overlijden'] });
    assert.equal(r.status, 200);
    type Found = { naam?: Record<string, unknown>; verblijfplaats: { type: string; verblijfadres: Record<string, unknown> }; overlijden?: { datum: { datum: string } }; opschortingBijhouding: { reden: { code: string } } };
    const people = r.body.personen as Found[];
    assert.equal(people.length, 2);
    const alive = people.find((p) => p.naam !== undefined && p.overlijden === undefined)!;
    assert.deepEqual(Object.keys(alive.naam!), ['geslachtsnaam']);
    assert.deepEqual(alive.verblijfplaats.type, 'Adres');
    assert.deepEqual(Object.keys(alive.verblijfplaats.verblijfadres), ['postcode']);
    const dead = people.find((p) => p.overlijden !== undefined)!;
    assert.equal(dead.overlijden!.datum.datum, deceased.on);
    assert.equal(dead.opschortingBijhouding.reden.code, 'O');
  });

  it('answers ZoekMetPostcodeEnHuisnummer with the residents of the address', async () => {
    const { moved } = register.edgeCases;
    const r = await post(stub.personenUrl + '/personen', { type: 'ZoekMetPostcodeEnHuisnummer', postcode: moved.to.postcode, huisnummer: moved.to.houseNumber, ...(moved.to.houseLetter ? { huisletter: moved.to.houseLetter } : {}), ...(moved.to.houseNumberAddition ? { huisnummertoevoeging: moved.to.houseNumberAddition } : {}), fields: ['burgerservicenummer', 'naam'] });
    assert.equal(r.status, 200);
    assert.ok((r.body.personen as Array<{ burgerservicenummer: string }>).some((p) => p.burgerservicenummer === moved.bsn));
  });

  it('answers BewoningMetPeildatum by the date: the mover before and after the move', async () => {
    const { moved } = register.edgeCases;
    const ask = (id: string, peildatum: string) => post(stub.bewoningUrl + '/bewoningen', { type: 'BewoningMetPeildatum', adresseerbaarObjectIdentificatie: id, peildatum });
    const before = await ask(moved.from.addressableObjectId, '2025-08-31');
    const bsnsOf = (r: { body: Record<string, unknown> }) => ((r.body.bewoningen as Array<{ bewoners: Array<{ burgerservicenummer: string }> }>)[0]?.bewoners ?? []).map((b) => b.burgerservicenummer);
    assert.ok(bsnsOf(before).includes(moved.bsn));
    assert.ok(!bsnsOf(await ask(moved.from.addressableObjectId, moved.on)).includes(moved.bsn));
    assert.ok(bsnsOf(await ask(moved.to.addressableObjectId, moved.on)).includes(moved.bsn));
    assert.deepEqual((await ask('0363019999999999', moved.on)).body, { bewoningen: [] });
  });

  it('refuses invalid requests as the specification says (problem+json)', async () => {
    const tooMany = await post(stub.personenUrl + '/personen', { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: Array.from({ length: 21 }, () => '999999990'), fields: ['naam'] });
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.type, 'application/problem+json');
    assert.equal((tooMany.body.invalidParams as Array<{ name: string; code: string }>)[0]!.code, 'maxItems');
    const badField = await post(stub.personenUrl + '/personen', { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: ['999999990'], fields: ['schoenmaat'] });
    assert.equal(badField.status, 400);
    assert.equal((badField.body.invalidParams as Array<{ code: string }>)[0]!.code, 'fields');
    const badDate = await post(stub.bewoningUrl + '/bewoningen', { type: 'BewoningMetPeildatum', adresseerbaarObjectIdentificatie: '0363010000000001', peildatum: '2025-13-01' });
    assert.equal(badDate.status, 400);
    const unknownParam = await post(stub.personenUrl + '/personen', { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: ['999999990'], fields: ['naam'], huisnummer: 1 });
    assert.equal(unknownParam.status, 400);
    const notJson = await post(stub.personenUrl + '/personen', '{', {});
    assert.equal(notJson.status, 400);
  });

  it('refuses a call without a valid token (401) and is unavailable when down (503)', async () => {
    const noToken = await post(stub.personenUrl + '/personen', { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: ['999999990'], fields: ['naam'] }, { authorization: 'Bearer wrong' });
    assert.equal(noToken.status, 401);
    const badSecret = await fetch(stub.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${DEMO_CLIENT.id}:nope`).toString('base64')}` }, body: 'grant_type=client_credentials' });
    assert.equal(badSecret.status, 401);
    stub.setDown(true);
    const down = await post(stub.personenUrl + '/personen', { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: ['999999990'], fields: ['naam'] });
    stub.setDown(false);
    assert.equal(down.status, 503);
    assert.equal(down.body.code, 'notAvailable');
    assert.deepEqual(personen.errors('Foutbericht', down.body), undefined);
  });
});
