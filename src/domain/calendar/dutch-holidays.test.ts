import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addWorkingDays, dutchHoliday, dutchPublicHolidays, goodFriday, isWorkingDay, previousWorkingDay, workingDaysBetween } from './dutch-holidays.ts';

describe('Dutch public holidays', () => {
  it('lists the holidays of 2026 and 2027', () => {
    assert.deepEqual(Object.fromEntries(dutchPublicHolidays(2026)), {
      '2026-01-01': 'nieuwjaarsdag',
      '2026-04-05': 'eerstePaasdag',
      '2026-04-06': 'tweedePaasdag',
      '2026-04-27': 'koningsdag',
      '2026-05-05': 'bevrijdingsdag',
      '2026-05-14': 'hemelvaartsdag',
      '2026-05-24': 'eerstePinksterdag',
      '2026-05-25': 'tweedePinksterdag',
      '2026-12-25': 'eersteKerstdag',
      '2026-12-26': 'tweedeKerstdag',
    });
    assert.deepEqual([...dutchPublicHolidays(2027).keys()], ['2027-01-01', '2027-03-28', '2027-03-29', '2027-04-27', '2027-05-05', '2027-05-06', '2027-05-16', '2027-05-17', '2027-12-25', '2027-12-26']);
  });

  it('computes Easter for years around the edges of the computus', () => {
    // Published Easter Sundays: 2019-04-21, 2024-03-31, 2025-04-20, 2038-04-25 (latest possible), 2285-03-22 (earliest).
    for (const [year, easter] of [[2019, '2019-04-21'], [2024, '2024-03-31'], [2025, '2025-04-20'], [2038, '2038-04-25'], [2285, '2285-03-22']] as const) {
      assert.equal(dutchHoliday(easter), 'eerstePaasdag', String(year));
    }
    assert.equal(goodFriday(2026), '2026-04-03');
    assert.equal(dutchHoliday('2026-04-03'), undefined, 'Goede Vrijdag is not a general holiday');
  });

  it('moves Koningsdag to Saturday 26 April when the 27th is a Sunday', () => {
    assert.equal(dutchHoliday('2025-04-26'), 'koningsdag');
    assert.equal(dutchHoliday('2025-04-27'), undefined);
    assert.equal(dutchHoliday('2031-04-26'), 'koningsdag');
    assert.equal(dutchHoliday('2024-04-27'), 'koningsdag', 'a Saturday stays');
  });

  it('keeps Bevrijdingsdag every year, not only every fifth', () => {
    for (const y of [2026, 2027, 2028, 2029]) assert.equal(dutchHoliday(`${y}-05-05`), 'bevrijdingsdag');
  });
});

describe('working days', () => {
  it('skips weekends and holidays', () => {
    assert.equal(isWorkingDay('2026-04-06'), false, 'Easter Monday');
    assert.equal(isWorkingDay('2026-04-03'), true, 'Good Friday');
    assert.equal(isWorkingDay('2026-04-04'), false, 'Saturday');
    assert.equal(isWorkingDay('2026-04-07'), true);
  });

  it('adds working days over Easter and Christmas', () => {
    assert.equal(addWorkingDays('2026-04-02', 2), '2026-04-07', 'Thu → Fri, (weekend, Easter Monday) → Tue');
    assert.equal(addWorkingDays('2027-03-25', 3), '2027-03-31', 'Thu 25 March 2027 → Fri, Tue 30, Wed 31 (Easter Monday 29th)');
    assert.equal(addWorkingDays('2026-12-23', 3), '2026-12-29', 'Wed → Thu 24, (Christmas Fri, weekend) Mon 28, Tue 29');
    assert.equal(addWorkingDays('2027-12-23', 2), '2027-12-27', 'Christmas 2027 falls on the weekend: Fri 24, Mon 27');
    assert.equal(addWorkingDays('2026-12-31', 1), '2027-01-04', 'New Year (Fri) skipped');
    assert.equal(addWorkingDays('2026-05-04', 1), '2026-05-06', 'Bevrijdingsdag 2026 (Tue) skipped');
    assert.equal(addWorkingDays('2026-04-07', 0), '2026-04-07');
  });

  it('counts the working days between two dates, both ways', () => {
    assert.equal(workingDaysBetween('2026-04-02', '2026-04-07'), 2);
    assert.equal(workingDaysBetween('2026-04-07', '2026-04-02'), -2);
    assert.equal(workingDaysBetween('2026-12-24', '2026-12-28'), 1);
    assert.equal(workingDaysBetween('2026-04-03', '2026-04-06'), 0, 'Fri → Easter Monday: no working day in between');
    assert.equal(workingDaysBetween('2026-04-07', '2026-04-07'), 0);
  });

  it('finds the previous working day', () => {
    assert.equal(previousWorkingDay('2026-04-07'), '2026-04-03', 'Tuesday after Easter → Good Friday');
    assert.equal(previousWorkingDay('2027-01-04'), '2026-12-31');
    assert.equal(previousWorkingDay('2026-12-08'), '2026-12-07');
  });
});
