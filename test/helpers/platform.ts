import type { TestEngine } from './engines.ts';
import { startPlatform, type Platform } from '../../src/platform.ts';
import type { SignalInput } from '../../src/domain/signals/signal.ts';
import type { BasisRegisters } from '../../src/domain/routing/person-register.ts';
import type { Mailer } from '../../src/domain/mail/mailer.ts';
import type { SmsSender } from '../../src/domain/outreach/sms.ts';

export interface TestPlatform extends Platform {
  keyOf(organisation: string): string;
  close(): Promise<void>;
}

/** The whole platform on a fresh database of the given engine, with the demo organisations and keys. */
export async function startTestPlatform(engine: TestEngine, opts: { maxUploadBytes?: number; logStream?: NodeJS.WritableStream; registers?: BasisRegisters; now?: () => Date; extraRulesDirs?: string[]; intakeWorkers?: number; mailer?: Mailer; sms?: SmsSender } = {}): Promise<TestPlatform> {
  const database = await engine.open();
  const platform = await startPlatform({
    databaseUrl: undefined,
    dataDir: 'memory://',
    database,
    port: 0,
    seedDemo: true,
    logLevel: 'silent',
    rateLimitPerMinute: 0,
    // Tests log in far more often than a person; test/security-audit.test.ts runs with the limit on.
    loginAttemptsPerMinute: 0,
    matchingIntervalMs: 0,
    ...(opts.maxUploadBytes ? { maxUploadBytes: opts.maxUploadBytes } : {}),
    ...(opts.registers ? { registers: opts.registers } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.extraRulesDirs ? { extraRulesDirs: opts.extraRulesDirs } : {}),
    ...(opts.mailer ? { mailer: opts.mailer } : {}),
    ...(opts.sms ? { sms: opts.sms } : {}),
    // Batch files judged in this thread (the path a platform without workers takes); the tests
    // about the worker threads ask for them (test/intake-batch.test.ts, test/intake-workers.test.ts).
    intakeWorkers: opts.intakeWorkers ?? 0,
  });
  return {
    ...platform,
    keyOf(organisation: string) {
      const k = platform.seed?.apiKeys.find((a) => a.organisation === organisation);
      if (!k) throw new Error(`no demo key for ${organisation}`);
      return k.token;
    },
    async close() {
      await platform.stop();
      await database.drop();
    },
  };
}

/** A rent signal (Besluit) that the rules accept: landlord → Amsterdam, social collection done. */
export function rentSignal(reference: string, overrides: Partial<SignalInput> = {}): SignalInput {
  return {
    reference,
    signalType: 'rent',
    signalDate: '2025-03-14',
    municipalityCode: 'GM0363',
    amount: '812.50',
    person: { initials: 'J.', prefix: 'de', surname: 'Vries' },
    address: { street: 'Dorpsstraat', houseNumber: '12', postcode: '1011AB', city: 'Amsterdam' },
    phone: '0612345678',
    socialCollection: {
      personalContactAttemptedOn: '2025-02-20',
      debtAssistanceReferredOn: '2025-02-20',
      reminderSentOn: '2025-02-01',
      agreementOfferedInReminder: true,
      residentResponse: 'none',
    },
    ...overrides,
  };
}

export const CSV_HEADER =
  'reference,signal_type,signal_date,municipality_code,amount,initials,surname,street,house_number,postcode,city,personal_contact_attempted_on,debt_assistance_referred_on,reminder_sent_on,agreement_offered_in_reminder,resident_response';

export function rentCsvRow(reference: string, opts: { postcode?: string; amount?: string; municipality?: string } = {}): string {
  return `${reference},rent,2025-03-14,${opts.municipality ?? 'GM0363'},${opts.amount ?? '812.50'},J.,Vries,Dorpsstraat,12,${opts.postcode ?? '1011AB'},Amsterdam,2025-02-20,2025-02-20,2025-02-01,ja,none`;
}
