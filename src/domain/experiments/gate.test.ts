import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRuleBook } from '../../app/rules/load-rule-files.ts';
import { designationOf } from './designation.ts';
import { checkTransition, gateChecklist, type GateInput } from './gate.ts';
import { GROUND_RULES, groundRuleStatus } from './ground-rules.ts';

const book = loadRuleBook();
const allTicked = GROUND_RULES.map((g) => ({ code: g.code, met: true, note: 'ok' }));

function input(o: Partial<GateInput> & { ticks?: typeof allTicked; plannedStart?: string | null; plannedEnd?: string | null } = {}): GateInput {
  const { ticks = allTicked, plannedStart = '2026-01-01', plannedEnd = '2028-12-31', ...rest } = o;
  const ruleIds = rest.ruleIds ?? ['tr-2.4-cak-wmo'];
  return {
    stage: 'plan',
    signalType: 'wmo_own_contribution',
    ruleIds,
    researchQuestions: 1,
    participantRoles: ['municipality', 'creditor'],
    groundRules: groundRuleStatus(ticks, { plannedStart, plannedEnd }),
    designation: designationOf(book, ruleIds),
    apAdviceOn: null,
    publishedOn: null,
    arms: 0,
    assignmentMethod: 'none',
    assignmentSeed: null,
    analysisPlan: true,
    documents: ['ap_advice', 'dpia', 'publication'],
    ...rest,
  };
}
const req = (to: Parameters<typeof checkTransition>[1]['to'], o: Partial<Parameters<typeof checkTransition>[1]> = {}) => ({ to, reason: 'zie plan v0.8', actorIs: 'participant' as const, on: '2025-06-01', ...o });
const codes = (ps: ReturnType<typeof checkTransition>) => ps.map((p) => p.code);

test('a plan meeting every ground rule may be submitted', () => {
  assert.deepEqual(checkTransition(input(), req('submitted')), []);
});

test('a plan cannot be submitted while any ground rule is unmet — each one is named', () => {
  for (const g of GROUND_RULES.filter((x) => x.code !== 'max_duration_5_years')) {
    const ticks = allTicked.map((t) => (t.code === g.code ? { ...t, met: false } : t));
    const problems = checkTransition(input({ ticks }), req('submitted'));
    assert.deepEqual(codes(problems), ['GROUND_RULES_UNMET'], g.code);
    assert.deepEqual(problems[0]!.groundRules, [g.code]);
  }
});

test('the five-year rule follows from the dates, not from a tick', () => {
  const tooLong = checkTransition(input({ plannedStart: '2026-01-01', plannedEnd: '2031-01-01' }), req('submitted'));
  assert.deepEqual(tooLong[0]!.groundRules, ['max_duration_5_years']);
  assert.deepEqual(checkTransition(input({ plannedStart: '2026-01-01', plannedEnd: '2030-12-31' }), req('submitted')), [], 'exactly five years is allowed');
  assert.deepEqual(checkTransition(input({ plannedEnd: null }), req('submitted'))[0]!.groundRules, ['max_duration_5_years'], 'no dates, no proof');
});

test('submission also needs a signal, a research question, a municipality and a creditor', () => {
  const problems = checkTransition(input({ signalType: null, researchQuestions: 0, participantRoles: [] }), req('submitted'));
  assert.deepEqual(codes(problems).sort(), ['NO_CREDITOR', 'NO_MUNICIPALITY', 'RESEARCH_QUESTION_MISSING', 'SIGNAL_TYPE_MISSING']);
});

test('only SZW approves, and a reason is always required', () => {
  assert.deepEqual(codes(checkTransition(input({ stage: 'submitted' }), req('approved'))), ['NOT_YOUR_TRANSITION']);
  assert.deepEqual(checkTransition(input({ stage: 'submitted' }), req('approved', { actorIs: 'ministry' })), []);
  assert.deepEqual(codes(checkTransition(input(), req('stopped', { reason: ' ' }))), ['REASON_REQUIRED']);
  assert.deepEqual(codes(checkTransition(input(), req('stopped', { actorIs: 'other' }))), ['NOT_YOUR_TRANSITION']);
  assert.deepEqual(codes(checkTransition(input(), req('running'))), ['TRANSITION_NOT_ALLOWED']);
});

test('"regulation in force" needs the designation in the rule book, for the experiment’s signal', () => {
  const at = { stage: 'approved' as const };
  assert.deepEqual(checkTransition(input(at), req('regulation_in_force', { actorIs: 'ministry' })), []);
  const missing = checkTransition(input({ ...at, signalType: 'water_board_tax', ruleIds: ['ws-3-water-board-tax'] }), req('regulation_in_force', { actorIs: 'ministry' }));
  assert.deepEqual(codes(missing), ['DESIGNATION_MISSING']);
  assert.match(missing[0]!.message.en, /ws-3-water-board-tax/);
  assert.deepEqual(codes(checkTransition(input({ ...at, ruleIds: [] }), req('regulation_in_force', { actorIs: 'ministry' }))), ['DESIGNATION_MISSING']);
  assert.deepEqual(codes(checkTransition(input({ ...at, ruleIds: ['tr-2.2-mortgage'] }), req('regulation_in_force', { actorIs: 'ministry' }))), ['DESIGNATION_OTHER_SIGNAL']);
});

test('the start needs the designation in force that day, AP advice and publication before it', () => {
  const ready = input({ stage: 'regulation_in_force', apAdviceOn: '2024-02-01', publishedOn: '2024-03-20' });
  assert.deepEqual(checkTransition(ready, req('running', { on: '2024-06-01' })), []);
  assert.deepEqual(codes(checkTransition(ready, req('running', { on: '2024-03-31' }))), ['DESIGNATION_NOT_IN_FORCE'], 'art. 2.4 applies from 2024-04-01');
  assert.deepEqual(codes(checkTransition(ready, req('running', { on: '2026-02-01' }))), ['DESIGNATION_NOT_IN_FORCE'], 'and lapsed after 2025-12-31');
  const early = input({ stage: 'regulation_in_force', apAdviceOn: '2024-07-01', publishedOn: null });
  assert.deepEqual(codes(checkTransition(early, req('running', { on: '2024-06-01' }))), ['AP_ADVICE_MISSING', 'PUBLICATION_MISSING']);
  const arms = { ...ready, arms: 2, assignmentMethod: 'random', assignmentSeed: null };
  assert.deepEqual(codes(checkTransition(arms, req('running', { on: '2024-06-01' }))), ['ASSIGNMENT_UNDEFINED']);
  assert.deepEqual(codes(checkTransition({ ...ready, analysisPlan: false }, req('running', { on: '2024-06-01' }))), ['ANALYSIS_PLAN_MISSING'], 'pre-registered: no start without an analysis plan');
  // ground rules 7 and 8: the advice and the publication are uploaded, not only dated
  assert.deepEqual(codes(checkTransition({ ...ready, documents: ['dpia'] }, req('running', { on: '2024-06-01' }))), ['AP_ADVICE_DOCUMENT_MISSING', 'PUBLICATION_DOCUMENT_MISSING']);
  assert.deepEqual(codes(checkTransition({ ...ready, documents: ['ap_advice', 'publication'] }, req('running', { on: '2024-06-01' }))), [], 'the DPIA decision is a ticked ground rule at submission, its document not a start condition');
  const checklist = gateChecklist({ ...ready, documents: [] }, ['running'], 'participant', '2024-06-01');
  assert.deepEqual(checklist.map((l) => codes(l.problems)), [['AP_ADVICE_DOCUMENT_MISSING', 'PUBLICATION_DOCUMENT_MISSING']], 'the checklist shows the documents the start still needs');
});

test('the checklist names, per next stage, what still stands in the way — not the reason, not who may take the step', () => {
  const list = gateChecklist(input({ researchQuestions: 0, participantRoles: ['municipality'] }), ['submitted', 'stopped'], 'other', '2025-06-01');
  assert.deepEqual(list.map((l) => [l.to, codes(l.problems)]), [['submitted', ['RESEARCH_QUESTION_MISSING', 'NO_CREDITOR']]]);
});
