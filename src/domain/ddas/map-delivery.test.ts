import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ddasMunicipalityCode, mapDelivery, wholeEuros, type CaseFacts, type SignalFacts } from './map-delivery.ts';
import { partOfDayOf } from './vocabulary.ts';
import { loadRuleBook } from '../../app/rules/load-rule-files.ts';

const rules = loadRuleBook();
import { planPage } from './paginate.ts';

const STANDARD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../standards/ddas/vroegsignalering-v0.9');
const read = (f: string) => JSON.parse(readFileSync(path.join(STANDARD, f), 'utf8')) as unknown;

// The schema says draft 2020-12, so the 2020 dialect of ajv checks it, with formats (date, date-time, email) enforced.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(read('json_schema_Uitwisselmodel.json') as object);
const errorsOf = (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

const signal = (id: string, o: Partial<SignalFacts> = {}): SignalFacts => ({
  id,
  signalType: 'municipal_tax',
  signalDate: '2025-01-05',
  arrearStartDate: '2024-12-10',
  amountCents: 45_049,
  crisis: false,
  status: 'Nog niet opgepakt',
  client: { bsn: '123456782', initials: 'A.', prefix: 'van', surname: 'Dijk', street: 'Voorbeeldstraat', postcode: '1234 ab', houseNumber: '10', houseNumberAddition: 'A', city: 'Voorbeeldstad' },
  ...o,
});
const kase = (id: string, signalIds: string[], o: Partial<CaseFacts> = {}): CaseFacts => ({
  id,
  result: null,
  matchingDate: '2025-01-06',
  matchingPeriodStart: '2025-01-01',
  matchingPeriodEnd: '2025-01-31',
  pickedUpOn: null,
  signalIds,
  contactAttempts: [],
  ...o,
});
const header = { partnerOf: rules.ddasPartnerOf, supplierCode: 'VROEGSIGNAAL', periodStart: '2025-01-01', periodEnd: '2025-01-31', deliveredAt: new Date('2025-02-05T10:30:00.123Z') };

describe('DDAS exchange model (vroegsignalering v0.9)', () => {
  it('the standard’s own examples pass the schema, so the validator is the right one', () => {
    assert.deepEqual(errorsOf(read('enkelvoudigVoorbeeld.json')), []);
    assert.deepEqual(errorsOf(read('meervoudigVoorbeeld.json')), []);
    // and it is strict where the schema is: an unknown status is caught
    const bad = read('enkelvoudigVoorbeeld.json') as { leveringen: Array<{ vroegsignalen: Array<{ status: string }> }> };
    bad.leveringen[0]!.vroegsignalen[0]!.status = 'Opgepakt';
    assert.ok(errorsOf(bad).length > 0);
  });

  it('a signal in a picked-up or closed case never reads "Nog niet opgepakt": it goes without a status; a held signal keeps it', () => {
    const { document, warnings } = mapDelivery({ ...header, clientDetail: 'none' }, [
      {
        municipalityCode: 'GM0363',
        deliverer: { name: 'Gemeente Amsterdam' },
        signals: [
          signal('1', { caseStatus: 'picked_up' }),
          signal('2', { caseStatus: 'closed' }),
          signal('3', { caseStatus: 'open' }),
          signal('4', { caseStatus: null }),
          signal('5', { caseStatus: 'closed', status: 'Niet opgepakt: andere reden' }),
        ],
        cases: [kase('10', ['1']), kase('11', ['2']), kase('12', ['3']), kase('13', ['5'])],
      },
    ]);
    assert.deepEqual(errorsOf(document), []);
    assert.deepEqual(warnings, []);
    const status = Object.fromEntries(document.leveringen![0]!.vroegsignalen!.map((v) => [v.ID, v.status ?? null]));
    assert.deepEqual(status, { '1': null, '2': null, '3': 'Nog niet opgepakt', '4': 'Nog niet opgepakt', '5': 'Niet opgepakt: andere reden' });
  });

  it('maps signals, cases and contact attempts to a valid delivery per municipality', () => {
    const { document, warnings } = mapDelivery({ ...header, clientDetail: 'none' }, [
      {
        municipalityCode: 'GM0363',
        deliverer: { name: 'Gemeente Amsterdam', contacts: [{ naam: 'Team Vroegsignalering', email: 'vroegsignalering@amsterdam.example' }] },
        signals: [signal('1'), signal('2', { signalType: 'mortgage', crisis: true, amountCents: null, arrearStartDate: null, status: 'Niet opgepakt: herhaalde melding' })],
        cases: [
          kase('10', ['1', '2'], {
            result: 'Vervolghulp en/of verwijzing financieel',
            pickedUpOn: '2025-01-08',
            contactAttempts: [
              { kind: 'Huisbezoek', reached: true, at: new Date('2025-01-09T13:15:00Z') },
              { kind: 'Telefoon', reached: false, at: '2025-01-08', partOfDay: 'Ochtend' },
            ],
          }),
        ],
      },
      { municipalityCode: 'GM0599', deliverer: { name: 'Gemeente Rotterdam' }, signals: [], cases: [] },
    ]);
    assert.deepEqual(errorsOf(document), []);
    assert.deepEqual(warnings, []);
    const l = document.leveringen!;
    assert.deepEqual(l.map((x) => [x.teller, x.gemeentecode]), [[1, '0363'], [2, '0599']]);
    assert.equal(document.aanleverdatumEnTijd, '2025-02-05T10:30:00Z');
    const [s1, s2] = l[0]!.vroegsignalen!;
    assert.equal(s1!.bedrag, 450, '€ 450.49 is 450 whole euros');
    assert.equal(s1!.signaalpartner.type, 'Overige');
    assert.deepEqual(s1!.client, {}, 'no client details unless asked for');
    assert.equal(s2!.signaalpartner.type, 'Hypotheek');
    assert.equal(s2!.bedrag, undefined);
    const z = l[0]!.vroegsignaalzaken![0]!;
    assert.deepEqual(z.vroegsignalen, [{ ID: '1' }, { ID: '2' }]);
    assert.deepEqual(z.contactpogingen, [
      { bereikt: false, datum: '2025-01-08', soort: 'Telefoon', dagdeel: 'Ochtend' },
      { bereikt: true, datum: '2025-01-09', soort: 'Huisbezoek', dagdeel: 'Middag' },
    ]);
  });

  it('carries the resident’s details only with clientDetail "full", and never a date of birth', () => {
    const { document } = mapDelivery({ ...header, clientDetail: 'full' }, [{ municipalityCode: 'GM0363', deliverer: { name: 'Gemeente Amsterdam' }, signals: [signal('1')], cases: [kase('10', ['1'])] }]);
    assert.deepEqual(errorsOf(document), []);
    const c = document.leveringen![0]!.vroegsignalen![0]!.client;
    assert.equal(c.Burgerservicenummer, '123456782');
    assert.equal(c.Postcode, '1234AB');
    assert.equal(c.Geboortedatum, undefined);
  });

  it('reports what it cannot map instead of sending invalid values', () => {
    const { document, warnings } = mapDelivery({ ...header, clientDetail: 'none' }, [
      {
        municipalityCode: 'GM0363',
        deliverer: { name: 'Gemeente Amsterdam' },
        signals: [signal('1', { status: 'in behandeling' })],
        cases: [kase('10', ['1'], { result: 'Onbekend', contactAttempts: [{ kind: 'Postduif', reached: false, at: '2025-01-07' }] }), kase('11', [])],
      },
    ]);
    assert.deepEqual(errorsOf(document), []);
    assert.deepEqual(warnings.map((w) => w.code).sort(), ['CASE_WITHOUT_SIGNALS', 'UNKNOWN_CONTACT_TYPE', 'UNKNOWN_RESULT', 'UNKNOWN_STATUS']);
    assert.equal(document.leveringen![0]!.vroegsignaalzaken!.length, 1);
  });

  it('an empty delivery is still valid (no leveringen array, which must not be empty)', () => {
    const { document } = mapDelivery({ ...header, clientDetail: 'none' }, []);
    assert.deepEqual(errorsOf(document), []);
    assert.equal(document.leveringen, undefined);
  });

  it('uses the DDAS words: partner types, municipality code, part of day, whole euros', () => {
    // The partner types come from the rule data: every designated signal type has its own.
    const expected: Record<string, string> = {
      rent: 'Huur', heat: 'Energie', energy_end_of_supply: 'Energie', health_insurance: 'Zorg', mortgage: 'Hypotheek', student_debt: 'DUO',
      wmo_own_contribution: 'CAK Eigen bijdrage', wlz_own_contribution: 'CAK Eigen bijdrage', tax_debt: 'Belastingdienst', benefits_recovery: 'Dienst Toeslagen',
    };
    for (const [type, partner] of Object.entries(expected)) assert.equal(rules.ddasPartnerOf(type), partner, type);
    for (const type of rules.rulesByType.keys()) assert.ok(rules.ddasPartnerOf(type) !== 'Overige' || type === 'municipal_tax', `${type} has a DDAS partner type of its own`);
    assert.equal(rules.ddasPartnerOf('something-new'), 'Overige');
    assert.equal(ddasMunicipalityCode('GM0518'), '0518');
    assert.equal(wholeEuros(149), 1);
    assert.equal(wholeEuros(150), 2);
    // 17:59 and 18:00 in Amsterdam (winter, UTC+1)
    assert.equal(partOfDayOf(new Date('2025-01-09T16:59:00Z')), 'Middag');
    assert.equal(partOfDayOf(new Date('2025-01-09T17:00:00Z')), 'Avond');
    assert.equal(partOfDayOf(new Date('2025-07-09T09:59:00Z')), 'Ochtend');
  });
});

describe('DDAS-VS paging (at most 50,000 signals a message)', () => {
  it('sends everything without a paging object when it fits and no page was asked for', () => {
    assert.deepEqual(planPage(49_999, {}), { offset: 0, limit: 50_000 });
  });
  it('pages when it does not fit, and fills every paging field', () => {
    assert.deepEqual(planPage(120_001, {}), { paginering: { pageSize: 50_000, currentPage: 1, totalPages: 3, totalRecords: 120_001 }, offset: 0, limit: 50_000 });
    assert.deepEqual(planPage(120_001, { page: 3 }).offset, 100_000);
  });
  it('a page that does not exist gives the first page; a page size asked for always pages', () => {
    assert.equal(planPage(10, { page: 7, pageSize: 5 }).paginering!.currentPage, 1);
    assert.deepEqual(planPage(0, { pageSize: 5 }).paginering, { pageSize: 5, currentPage: 1, totalPages: 1, totalRecords: 0 });
  });
});
