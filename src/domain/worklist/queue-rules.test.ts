import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { firstMatchingRule, previewCounts, ruleMatches, type CaseFacts, type QueueRule } from './queue-rules.ts';
import { conditionsFromJson, parseEuroAmount, parseRuleForm, ruleFormOf, type RuleForm } from './rule-input.ts';
import { districtOf } from './districts.ts';

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({ signalTypes: ['rent'], amountCents: 50_000, multiple: false, consecutive: false, crisis: false, ageGroup: null, district: null, ...over });
const rule = (id: string, position: number, conditions: QueueRule['conditions'], queueId = `q${id}`): QueueRule => ({ id, position, queueId, conditions });

describe('queue rules (weighing framework)', () => {
  it('matches only when every condition the rule sets holds', () => {
    const c = { signalTypes: ['rent', 'gas'], minAmountCents: 30_000, crisis: false };
    assert.equal(ruleMatches(c, facts()), true);
    assert.equal(ruleMatches(c, facts({ amountCents: 29_999 })), false, 'below the minimum');
    assert.equal(ruleMatches(c, facts({ amountCents: null })), false, 'an unknown amount never meets a minimum');
    assert.equal(ruleMatches(c, facts({ signalTypes: ['mortgage'] })), false, 'none of the signal types');
    assert.equal(ruleMatches(c, facts({ crisis: true })), false, 'crisis must be off');
    assert.equal(ruleMatches({ maxAmountCents: 50_000 }, facts()), true, 'the maximum is inclusive');
  });

  it('needs a known age group and district for rules on them', () => {
    assert.equal(ruleMatches({ ageGroups: ['18-26'] }, facts()), false);
    assert.equal(ruleMatches({ ageGroups: ['18-26'] }, facts({ ageGroup: '18-26' })), true);
    assert.equal(ruleMatches({ districts: ['Noord'] }, facts({ district: 'Zuid' })), false);
    assert.equal(ruleMatches({ districts: ['Noord', 'Zuid'] }, facts({ district: 'Zuid' })), true);
  });

  it('lets the first rule in order win, whatever order the rows come in', () => {
    const rules = [rule('3', 30, {}), rule('1', 10, { crisis: true }), rule('2', 20, { multiple: true })];
    assert.equal(firstMatchingRule(rules, facts({ crisis: true, multiple: true }))?.id, '1');
    assert.equal(firstMatchingRule(rules, facts({ multiple: true }))?.id, '2');
    assert.equal(firstMatchingRule(rules, facts())?.id, '3');
    assert.equal(firstMatchingRule([rule('1', 10, { crisis: true })], facts()), undefined, 'no catch-all: not in a queue');
  });

  it('preview counts add up to the number of cases, each counted by the first rule that catches it', () => {
    const arbFacts = fc.record({
      signalTypes: fc.subarray(['rent', 'gas', 'mortgage', 'municipal_tax'], { minLength: 1 }),
      amountCents: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null }),
      multiple: fc.boolean(),
      consecutive: fc.boolean(),
      crisis: fc.boolean(),
      ageGroup: fc.constantFrom(null, '18-26', '67+'),
      district: fc.constantFrom(null, 'Noord', 'Zuid'),
    });
    const rules = [rule('1', 10, { crisis: true }), rule('2', 20, { signalTypes: ['mortgage'] }), rule('3', 30, { minAmountCents: 100_000 })];
    fc.assert(
      fc.property(fc.array(arbFacts, { maxLength: 60 }), (cases) => {
        const { byRule, unmatched } = previewCounts(rules, cases);
        assert.equal([...byRule.values()].reduce((a, b) => a + b, 0) + unmatched, cases.length);
        assert.equal(byRule.get('1'), cases.filter((c) => c.crisis).length);
        assert.equal(byRule.get('2'), cases.filter((c) => !c.crisis && c.signalTypes.includes('mortgage')).length);
      }),
    );
  });

  it('finds the district of an address key by PC4 range', () => {
    const d = [
      { name: 'Centrum', pc4From: 1011, pc4To: 1019 },
      { name: 'Noord', pc4From: 1020, pc4To: 1039 },
    ];
    assert.equal(districtOf('1012AB|5|', d), 'Centrum');
    assert.equal(districtOf('1031XY|1|A', d), 'Noord');
    assert.equal(districtOf('3011AA|1|', d), null);
  });
});

describe('rule form input', () => {
  const vocab = { signalTypes: new Set(['rent', 'gas']), districts: new Set(['Noord']) };
  const empty: RuleForm = { signalTypes: [], minAmount: '', maxAmount: '', multiple: '', consecutive: '', crisis: '', ageGroups: [], districts: [] };

  it('reads Dutch and plain amounts in euros', () => {
    assert.equal(parseEuroAmount('1.250,50'), 125_050);
    assert.equal(parseEuroAmount('€ 300'), 30_000);
    assert.equal(parseEuroAmount('300.5'), 30_050);
    assert.equal(parseEuroAmount(''), undefined);
    assert.ok(Number.isNaN(parseEuroAmount('drie')));
  });

  it('says per field what is wrong', () => {
    const r = parseRuleForm({ ...empty, signalTypes: ['rent', 'heat'], minAmount: '500', maxAmount: '100', crisis: 'maybe', districts: ['Zuid'] }, vocab);
    assert.match(r.errors.signalTypes ?? '', /heat/);
    assert.match(r.errors.maxAmount ?? '', /below the minimum/);
    assert.ok(r.errors.crisis);
    assert.match(r.errors.districts ?? '', /Zuid/);
  });

  it('round-trips conditions through the form and the stored JSON', () => {
    const r = parseRuleForm({ ...empty, signalTypes: ['gas'], minAmount: '1.000', multiple: 'yes', consecutive: 'no', districts: ['Noord'], ageGroups: ['67+'] }, vocab);
    assert.deepEqual(r.errors, {});
    assert.deepEqual(r.conditions, { signalTypes: ['gas'], minAmountCents: 100_000, multiple: true, consecutive: false, districts: ['Noord'], ageGroups: ['67+'] });
    assert.deepEqual(conditionsFromJson(JSON.stringify(r.conditions)), r.conditions);
    assert.deepEqual(parseRuleForm(ruleFormOf(r.conditions), vocab).conditions, r.conditions);
    assert.deepEqual(conditionsFromJson({ signalTypes: 'rent', bogus: 1 }), {}, 'unknown or malformed parts are dropped');
  });
});
