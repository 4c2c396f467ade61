import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedNext, designEditable, moverOf, STAGES, TRANSITIONS } from './stages.ts';

test('the happy path runs initiative → … → evaluated, one step at a time', () => {
  const path = ['initiative', 'idea', 'plan', 'submitted', 'approved', 'regulation_in_force', 'running', 'evaluated'] as const;
  for (let i = 1; i < path.length; i++) assert.ok(moverOf(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`);
  assert.equal(moverOf('idea', 'submitted'), undefined, 'no skipping the plan');
  assert.equal(moverOf('approved', 'running'), undefined, 'no start without a regulation in force');
});

test('every stage that is not over can be stopped; evaluated and stopped are final', () => {
  for (const s of STAGES) {
    if (s === 'evaluated' || s === 'stopped') assert.deepEqual(allowedNext(s), []);
    else assert.ok(allowedNext(s).includes('stopped'), s);
  }
});

test('approval, the regulation and the evaluation are the ministry’s; SZW may send a plan back', () => {
  assert.equal(moverOf('submitted', 'approved'), 'ministry');
  assert.equal(moverOf('submitted', 'plan'), 'ministry');
  assert.equal(moverOf('approved', 'regulation_in_force'), 'ministry');
  assert.equal(moverOf('running', 'evaluated'), 'ministry');
  assert.equal(moverOf('plan', 'submitted'), 'either');
});

test('every target of a transition is a known stage, and the design is fixed once running', () => {
  for (const from of STAGES) for (const to of Object.keys(TRANSITIONS[from])) assert.ok((STAGES as readonly string[]).includes(to));
  assert.equal(designEditable('regulation_in_force'), true);
  assert.equal(designEditable('running'), false);
  assert.equal(designEditable('stopped'), false);
});
