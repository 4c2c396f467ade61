import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildDigest, digestIsEmpty, digestWindow } from './digest.ts';
import { digestMail } from '../mail/digest-mail.ts';

describe("a worker's daily digest", () => {
  it('looks back to the previous working day and ahead two working days, over holidays', () => {
    assert.deepEqual(digestWindow('2026-04-07'), { openedSince: '2026-04-03', dueBy: '2026-04-09' });
    assert.deepEqual(digestWindow('2026-12-24'), { openedSince: '2026-12-23', dueBy: '2026-12-29' }, 'Christmas and the weekend skipped');
    assert.deepEqual(digestWindow('2026-12-07'), { openedSince: '2026-12-04', dueBy: '2026-12-09' }, "Monday's digest covers the weekend");
  });

  it('puts each case in its most urgent list, sorted by due date', () => {
    const d = buildDigest('2026-12-24', [
      { id: '1', crisis: true, openedOn: '2026-12-23', due: '2026-12-29', own: true },
      { id: '2', crisis: true, openedOn: '2026-12-20', due: '2026-12-23', own: false },
      { id: '3', crisis: false, openedOn: '2026-12-01', due: '2026-12-29', own: true },
      { id: '4', crisis: false, openedOn: '2026-12-01', due: '2026-12-24', own: false },
      { id: '5', crisis: false, openedOn: '2026-12-01', due: '2026-12-30', own: true },
      { id: '6', crisis: true, openedOn: '2026-12-10', due: '2026-12-28', own: true },
      { id: '7', crisis: false, openedOn: '2026-11-01', due: '2026-11-29', own: true },
    ]);
    assert.deepEqual(d.newCrisis.map((e) => e.id), ['1']);
    assert.deepEqual(d.overdue.map((e) => e.id), ['7', '2']);
    assert.deepEqual(d.dueSoon.map((e) => e.id), ['4', '6', '3'], 'Thu 24 December: due up to Tuesday 29th (Christmas and the weekend do not count), not the 30th');
    assert.equal(digestIsEmpty(d), false);
    assert.equal(digestIsEmpty(buildDigest('2026-12-24', [])), true);
  });
});

describe('the digest e-mail', () => {
  it('carries case numbers, due dates and links, in Dutch and English, and caps each list', () => {
    const many = Array.from({ length: 23 }, (_, i) => ({ id: String(100 + i), due: '2026-12-01', own: i === 0 }));
    const digest = { day: '2026-12-07', newCrisis: [{ id: '7', due: '2026-12-09', own: true }], dueSoon: [], overdue: many };
    const nl = digestMail('nl', { name: 'Sanne', digest, baseUrl: 'https://vs.example/' });
    assert.equal(nl.subject, 'Uw overzicht van vroegsignaal voor 7 december 2026');
    assert.match(nl.text, /Nieuwe crisiszaken: 1\n\nZaak 7, termijn 9 december 2026 \(van u\):\nhttps:\/\/vs\.example\/zaken\/7\n/);
    assert.match(nl.text, /Termijn verlopen: 23/);
    assert.match(nl.text, /En nog 3 zaken/);
    assert.doesNotMatch(nl.text, /Termijn binnen 2 werkdagen/, 'an empty list is left out');
    assert.equal((nl.text.match(/\/zaken\//g) ?? []).length, 21);
    const en = digestMail('en', { name: 'Sanne', digest, baseUrl: 'https://vs.example' });
    assert.match(en.text, /Case 100, deadline 1 December 2026 \(yours\)/);
    assert.match(en.html, /<a href="https:\/\/vs\.example\/werklijst">Open the worklist<\/a>/);
  });
});
