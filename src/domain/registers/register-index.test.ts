import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateKey } from '../rules/input-checks.ts';
import { heldOn, indexKinds, indexMunicipalities, indexOrganisations, RegisterError } from './register-index.ts';
import type { OrganisationGroup, OrganisationProfile } from './registers.ts';

const municipalities = indexMunicipalities([
  { code: 'GM0439', name: 'Purmerend', valid_from: null, valid_until: null },
  { code: 'GM0370', name: 'Beemster', valid_from: null, valid_until: '2021-12-31', successor: 'GM0439' },
]);
const kinds = indexKinds([
  { id: 'mortgage_lender', label: { nl: 'Hypotheekverstrekker', en: 'Mortgage lender' } },
  { id: 'processor', label: { nl: 'Verwerker', en: 'Processor' } },
  { id: 'municipal_tax_collector', label: { nl: 'Invordering', en: 'Collector' } },
]);

test('a merged municipality keeps its last day and successor', () => {
  const beemster = municipalities.get('GM0370')!;
  assert.equal(beemster.until, dateKey('2021-12-31'));
  assert.equal(beemster.successor, 'GM0439');
  assert.throws(() => indexMunicipalities([{ code: 'GM0001', name: 'X', valid_from: null, valid_until: '2020-01-01', successor: 'GM0002' }]), RegisterError);
});

test('group membership is dated, whether written on the group or on the organisation', () => {
  const orgs: OrganisationProfile[] = [
    { id: 'bank', name: 'Bank', kinds: ['mortgage_lender'] },
    { id: 'sub', name: 'Sub', kinds: ['mortgage_lender'], groups: [{ group: 'groep', from: '2023-01-01', until: '2023-12-31' }] },
  ];
  const groups: OrganisationGroup[] = [{ id: 'groep', name: 'Groep', members: [{ organisation: 'bank', from: '2022-01-01' }] }];
  const index = indexOrganisations(orgs, groups, kinds, municipalities);
  assert.ok(heldOn(index.get('bank')!.groups, 'groep', dateKey('2022-01-01')));
  assert.ok(!heldOn(index.get('bank')!.groups, 'groep', dateKey('2021-12-31')));
  assert.ok(heldOn(index.get('sub')!.groups, 'groep', dateKey('2023-06-01')));
  assert.ok(!heldOn(index.get('sub')!.groups, 'groep', dateKey('2024-01-01')));
});

test('inconsistent registers are refused', () => {
  assert.throws(() => indexOrganisations([{ id: 'a', name: 'A', kinds: ['wizard'] }], [], kinds, municipalities), /unknown organisation kind/);
  assert.throws(() => indexOrganisations([{ id: 'a', name: 'A', kinds: ['processor'], mandates: [{ creditor: 'nobody' }] }], [], kinds, municipalities), /unknown organisation/);
  assert.throws(
    () => indexOrganisations([{ id: 'a', name: 'A', kinds: ['mortgage_lender'], collects_municipal_taxes_for: [{ municipality: 'GM0439' }] }], [], kinds, municipalities),
    /not of kind municipal_tax_collector/,
  );
  assert.throws(() => indexOrganisations([{ id: 'a', name: 'A', kinds: ['processor'], mandates: [{ creditor: 'a', from: '2024-01-01', until: '2023-01-01' }] }], [], kinds, municipalities), /ends/);
  assert.throws(() => indexOrganisations([{ id: 'a', name: 'A', kinds: ['processor'] }, { id: 'a', name: 'A', kinds: ['processor'] }], [], kinds, municipalities), /twice/);
});
