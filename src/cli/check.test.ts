import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseArgs, runCheck, type CheckOptions } from './check.ts';
import { FileRefused } from '../app/intake/file/read-batch-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'check-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const social = 'personal_contact_attempted_on,debt_assistance_referred_on,reminder_sent_on,agreement_offered_in_reminder,resident_response';
const csv = file(
  'mortgage.csv',
  [
    `reference,signal_type,signal_date,municipality_code,amount,bsn,surname,postcode,${social}`,
    'HYP-1,mortgage,2024-05-01,GM0363,1850.00,,Jansen,1012 LG,2024-04-01,2024-04-01,2024-03-15,ja,none',
    'HYP-2,mortgage,2024-05-01,GM0363,1850.00,111222333,Jansen,1012 LG,2024-04-01,2024-04-01,2024-03-15,ja,none',
    'HYP-3,mortgage,2024-05-01',
  ].join('\n'),
);

async function run(opts: Partial<CheckOptions> & { file: string }): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheck({ sender: 'aegon', json: false, lang: 'nl', format: 'csv', senderKinds: [], rulesDirs: [], ...opts }, (t) => out.push(t), (t) => err.push(t));
  return { code, out, err };
}

test('check judges every CSV row and stores nothing', async () => {
  const { code, out } = await run({ file: csv });
  assert.equal(code, 1);
  assert.match(out[0]!, /✔ regel 1 · HYP-1 · mortgage → toegestaan/);
  assert.match(out[0]!, /art\. 2\.2 lid 2/);
  assert.match(out[1]!, /✘ regel 2 · HYP-2 .*geweigerd[\s\S]*FIELD_NOT_ALLOWED\] bsn/);
  assert.match(out[2]!, /regel 3 → onleesbaar/);
  assert.match(out.at(-1)!, /3 signalen: 1 toegestaan, 1 geweigerd .* 1 onleesbaar\. Er is niets opgeslagen\./);
});

test('check prints JSON lines with the full judgement', async () => {
  const { out, err } = await run({ file: csv, json: true });
  const rows = out.map((l) => JSON.parse(l) as { line: number; reference?: string; judgement?: { decision: string; applied: unknown[] }; error?: unknown });
  assert.equal(rows.length, 3);
  assert.equal(rows[0]!.judgement!.decision, 'accepted');
  assert.ok(rows[0]!.judgement!.applied.length > 0);
  assert.equal(rows[1]!.judgement!.decision, 'refused');
  assert.ok(rows[2]!.error);
  assert.match(err[0]!, /3 signalen/);
});

test('check reads JSON Lines and speaks English', async () => {
  const jsonl = file(
    'cak.jsonl',
    [
      JSON.stringify({
        reference: 'W-1',
        signalType: 'wmo_own_contribution',
        signalDate: '2024-06-15',
        municipalityCode: 'GM0344',
        amount: '100',
        arrearStartDate: '2024-01-15',
        socialCollection: { personalContactAttemptedOn: '2024-05-01', debtAssistanceReferredOn: '2024-05-01', reminderSentOn: '2024-04-01', agreementOfferedInReminder: true, residentResponse: 'none' },
      }),
      '',
      '{ broken',
    ].join('\n'),
  );
  const { code, out } = await run({ file: jsonl, format: 'jsonl', sender: 'cak', lang: 'en' });
  assert.equal(code, 1);
  assert.match(out[0]!, /✔ line 1 · W-1 · wmo_own_contribution → accepted/);
  assert.match(out[0]!, /art\. 2\.4\(1\)\(a\)/);
  assert.match(out[1]!, /line 2 → unreadable/);
});

test('a file with an unknown column is refused as a whole', async () => {
  const bad = file('bad.csv', 'reference,signal_type,signal_date,iban\nX,rent,2024-01-01,NL00\n');
  await assert.rejects(run({ file: bad }), (e: unknown) => e instanceof FileRefused && /iban/.test(e.en));
});

test('an onboarded landlord can be checked with --sender-kind', async () => {
  const rent = file('rent.csv', `reference,signal_type,signal_date,municipality_code,amount,surname,${social.replaceAll(';', ',')}\nR-1,rent,2024-05-01,GM0344,700,Bos,2024-04-01,2024-04-01,2024-03-01,ja,none\n`);
  assert.equal((await run({ file: rent, sender: 'woonbedrijf-x' })).code, 1);
  assert.equal((await run({ file: rent, sender: 'woonbedrijf-x', senderKinds: ['landlord'] })).code, 0);
});

test('arguments', () => {
  assert.equal(typeof parseArgs(['x.csv']), 'string');
  assert.equal(typeof parseArgs(['--sender', 'a', 'x.txt']), 'string');
  // A day that does not exist would switch the future-date check off.
  assert.match(parseArgs(['--sender', 'a', '--today', '2025-02-30', 'x.csv']) as string, /--today must be a date that exists/);
  assert.equal(typeof parseArgs(['--sender', 'a', '--today', '2024-02-29', 'x.csv']), 'object');
  const ok = parseArgs(['--sender', 'aegon', '--json', '--lang', 'en', 'x.jsonl']);
  assert.deepEqual(ok, { sender: 'aegon', json: true, lang: 'en', format: 'jsonl', file: 'x.jsonl', senderKinds: [], rulesDirs: [] });
});

test('check reads a file as Dutch Excel saves it and says how it read it', async () => {
  // Separator ';', Windows-1252 ("Müller"), decimal comma, d-m-jjjj dates, WAAR: as the API's batch intake reads it.
  const header = 'reference;signal_type;signal_date;municipality_code;amount;surname;street;house_number;postcode;city;personal_contact_attempted_on;debt_assistance_referred_on;reminder_sent_on;agreement_offered_in_reminder;resident_response';
  const row = 'XL-1;rent;14-3-2025;GM0344;812,50;Müller;Biltstraat;12;3572 AB;Utrecht;20-2-2025;20-2-2025;1-2-2025;WAAR;none';
  const path = join(dir, 'excel.csv');
  writeFileSync(path, Buffer.from(`${header}\r\n${row}\r\n`, 'latin1'));
  const { code, out } = await run({ file: path, sender: 'mitros' });
  assert.equal(code, 0, out.join('\n'));
  assert.match(out[0]!, /✔ regel 1 · XL-1 · rent → toegestaan/);
  assert.match(out.join('\n'), /Gelezen als CSV, scheidingsteken ';', codering windows-1252, Nederlandse notatie/);
});
