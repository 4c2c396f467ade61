import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CandidateIndex, decideChunk, intakeAuditDetail, type OtherRow } from './chunk-decision.ts';

const reasons = { conflict: 'CONFLICT', objection: 'OBJECTION' };

/** Rows as [reference, content] (or 'refused'), sorted as both intake paths sort them. */
function sort(rows: ReadonlyArray<readonly [string, string]>) {
  const idx = new CandidateIndex();
  const index: number[] = [];
  const references: string[] = [];
  const others: OtherRow<string>[] = [];
  rows.forEach(([ref, content], i) => {
    if (content === 'refused') return others.push({ index: i, reference: ref, outcome: 'refused', refusals: ['RULE'], objected: false });
    const place = idx.add(ref, content);
    if ('of' in place) others.push({ index: i, reference: ref, outcome: 'repeat', ...place });
    else {
      index.push(i);
      references.push(ref);
    }
  });
  return { candidates: { index, references, idOf: (k: number) => `new-${k}` }, others };
}

const byIndex = <T extends { index: number }>(rows: T[]) => [...rows].sort((a, b) => a.index - b.index);

test('new references are accepted; a later copy in the chunk is a duplicate of the first, other content a conflict', () => {
  const { candidates, others } = sort([['a', 'x'], ['b', 'y'], ['a', 'x'], ['a', 'z'], ['c', 'refused']]);
  const d = decideChunk(candidates, others, { prior: new Map(), objected: new Set() }, reasons);
  assert.deepEqual(d.counts, { accepted: 2, refused: 1, duplicate: 2 });
  assert.deepEqual(
    byIndex(d.rows).map((r) => [r.index, r.outcome, r.signalId, r.refusals]),
    [
      [2, 'duplicate', 'new-0', []],
      [3, 'conflict', 'new-0', ['CONFLICT']],
      [4, 'refused', null, ['RULE']],
    ],
  );
  assert.equal(d.isNew(0), true);
});

test('a reference stored before: the same content is a duplicate, other content a conflict, and a copy of a conflicting row conflicts too', () => {
  const { candidates, others } = sort([['a', 'x'], ['b', 'y'], ['b', 'y']]);
  const prior = new Map([
    [0, { id: '7', same: true }],
    [1, { id: '8', same: false }],
  ]);
  const d = decideChunk(candidates, others, { prior, objected: new Set() }, reasons);
  assert.deepEqual(d.counts, { accepted: 0, refused: 0, duplicate: 3 });
  assert.deepEqual(
    byIndex(d.rows).map((r) => [r.index, r.outcome, r.signalId]),
    [
      [0, 'duplicate', '7'],
      [1, 'conflict', '8'],
      [2, 'conflict', '8'],
    ],
  );
  assert.equal(d.isNew(0), false);
});

test('an objection registered with the municipality: nothing of the row is kept, a copy goes the same way, other content under its reference is a conflict', () => {
  const { candidates, others } = sort([['a', 'x'], ['a', 'x'], ['a', 'z'], ['b', 'y']]);
  const d = decideChunk(candidates, others, { prior: new Map(), objected: new Set([0]) }, reasons);
  assert.deepEqual(d.counts, { accepted: 1, refused: 2, duplicate: 1 });
  assert.deepEqual(
    byIndex(d.rows).map((r) => [r.index, r.reference, r.outcome, r.signalId, r.refusals]),
    [
      [0, null, 'refused', null, ['OBJECTION']],
      [1, null, 'refused', null, ['OBJECTION']],
      [2, 'a', 'conflict', null, ['CONFLICT']],
    ],
  );
  assert.deepEqual(intakeAuditDetail(null, 4, d.counts), { batchId: null, rows: 4, accepted: 1, refused: 2, duplicate: 1 });
});

test('a row refused because the resident objected in the reminder keeps no reference', () => {
  const others: OtherRow<string>[] = [{ index: 0, reference: 'a', outcome: 'refused', refusals: ['RESIDENT_OBJECTED'], objected: true }];
  const d = decideChunk({ index: [], references: [], idOf: () => '' }, others, { prior: new Map(), objected: new Set() }, reasons);
  assert.equal(d.rows[0]!.reference, null);
});

test('a candidate taken back (it could not be encoded) frees its reference for a later row', () => {
  const idx = new CandidateIndex();
  assert.deepEqual(idx.add('a', 'x'), { k: 0 });
  idx.dropLast('a');
  assert.deepEqual(idx.add('a', 'y'), { k: 0 });
  assert.deepEqual(idx.add('a', 'y'), { of: 0, sameContent: true });
});
