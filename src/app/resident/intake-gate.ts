import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { choicesFor, closeReminders, deleteSignals, senderHasReminders, storedSignalChoices } from '../../db/repositories/resident-reminders.ts';
import { armAsksConsent, consentByDesign } from '../../domain/resident/consent-arm.ts';
import { householdKey } from '../../domain/matching/normalise-address.ts';
import type { Pseudonymizer } from '../../domain/privacy/pseudonym.ts';
import { householdArms, householdRef } from '../experiments/household-arms.ts';
import { intakeVerdict } from '../../domain/resident/choice.ts';
import type { Refusal } from '../../domain/rules/judgement.ts';
import type { AppDeps } from '../context.ts';
import { coversSignal, type RunningExperiment, type RunningExperiments } from '../experiments/running-experiments.ts';
import type { JudgedItem } from '../intake/storing/store-signals.ts';

/**
 * Intake's side of the resident's own page (issue 24), for both paths: the API judges its signals
 * against the residents' choices before storing them (judgeByChoices); a batch chunk, stored by
 * COPY, takes out again what the choices refuse, in the same transaction (refuseStoredByChoices),
 * as it does for objections registered with the municipality. Senders that never asked for a code,
 * outside experiments that need prior consent, cost one indexed lookup per call or chunk.
 */
export interface ResidentGate {
  /** Whether anything can apply to this sender's signals. */
  applies(db: Kysely<DB> | Transaction<DB>, senderOrgId: string): Promise<boolean>;
  /** Whether the sender ever asked for reminder codes (remembered: see senderKnown). */
  hasReminders(db: Kysely<DB> | Transaction<DB>, senderOrgId: string): Promise<boolean>;
  now: () => Date;
  /**
   * Per signal, whether an experiment arm "with prior consent" holds it back without a recorded
   * consent — in every assignment method: by municipality, or the household's random or stratified
   * draw (made now when matching has not made it yet; `record: false` for dry runs).
   */
  consentRequired(db: Kysely<DB> | Transaction<DB>, signals: readonly ConsentFacts[], opts: { record: boolean }): Promise<boolean[]>;
}

/** What the consent check needs of one signal. */
export interface ConsentFacts {
  ruleId: string | undefined;
  municipalityCode: string | undefined;
  senderOrgId: string;
  creditorOrgId: string;
  /** The household's key as stored in signals.address_key (householdKey). */
  addressKey: string;
}

function consentArmsRunning(experiments: RunningExperiments): boolean {
  return experiments.running().some((e) => e.design.arms.some((a) => a.withoutPriorConsent === false));
}

/**
 * Which senders asked for reminder codes, per platform (keyed by its database handle): a sender
 * that has codes keeps them (until retention, after which asking costs a query, no more), so a yes
 * is remembered; a no is asked again after NO_CODES_TTL_MS — and at once in this process when it
 * issues codes (forgetSenderAnswer). The single-signal API would otherwise pay two extra round
 * trips per request for senders that never use the resident's page. Across processes a sender's
 * first codes are seen within NO_CODES_TTL_MS: long before a resident can have read their letter.
 */
const NO_CODES_TTL_MS = 10_000;
const answers = new WeakMap<object, Map<string, { has: boolean; at: number }>>();

function answersOf(key: object): Map<string, { has: boolean; at: number }> {
  let m = answers.get(key);
  if (!m) answers.set(key, (m = new Map()));
  return m;
}

/** Issuing codes: the sender's "no codes" answer is stale at once (in this process). */
export function forgetSenderAnswer(deps: Pick<AppDeps, 'db'>, senderOrgId: string): void {
  answersOf(deps.db).delete(senderOrgId);
}

export function residentGate(deps: Pick<AppDeps, 'experiments' | 'now' | 'db' | 'pseudonymize'>): ResidentGate {
  const known = answersOf(deps.db);
  const hasReminders: ResidentGate['hasReminders'] = async (db, sender) => {
    const a = known.get(sender);
    if (a && (a.has || Date.now() - a.at < NO_CODES_TTL_MS)) return a.has;
    const has = await senderHasReminders(db, sender);
    known.set(sender, { has, at: Date.now() });
    return has;
  };
  const consentRequired: ResidentGate['consentRequired'] = async (db, signals, opts) => {
    const out = signals.map(() => false);
    // Experiments whose draw decides: the households to look up (or draw) per experiment.
    const drawn = new Map<RunningExperiment, Array<{ i: number; ref: string; municipality: string }>>();
    signals.forEach((s, i) => {
      if (!s.ruleId || !s.municipalityCode) return;
      const facts = { ruleId: s.ruleId, municipalityCode: s.municipalityCode, senderOrgId: s.senderOrgId, creditorOrgId: s.creditorOrgId };
      for (const e of deps.experiments.inMunicipality(s.municipalityCode)) {
        if (!coversSignal(e, facts)) continue;
        const by = consentByDesign(e.design, s.municipalityCode);
        if (by === 'yes') out[i] = true;
        if (by !== 'household') continue;
        const list = drawn.get(e) ?? [];
        list.push({ i, ref: householdRef(deps, s.municipalityCode, s.addressKey), municipality: s.municipalityCode });
        drawn.set(e, list);
      }
    });
    for (const [e, list] of [...drawn].sort((a, b) => a[0].id.localeCompare(b[0].id))) {
      const pending = list.filter((x) => !out[x.i]);
      if (pending.length === 0) continue;
      const arms = await householdArms(db, e, pending, opts);
      for (const x of pending) if (armAsksConsent(e.design, arms.get(x.ref) ?? null)) out[x.i] = true;
    }
    return out;
  };
  return {
    now: deps.now,
    applies: async (db, sender) => consentArmsRunning(deps.experiments) || (await hasReminders(db, sender)),
    hasReminders,
    consentRequired,
  };
}

/** The API path: accepted items the residents' choices refuse become refused, with the reason. */
export async function judgeByChoices(
  db: Kysely<DB>,
  gate: ResidentGate,
  pseudonymize: Pseudonymizer,
  senderOrgId: string,
  items: readonly JudgedItem[],
  opts: { record: boolean },
): Promise<JudgedItem[]> {
  if (!(await gate.applies(db, senderOrgId))) return [...items];
  const accepted = items.filter((it) => it.judgement.decision === 'accepted');
  const choices = await choicesFor(
    db,
    senderOrgId,
    accepted.map((it) => it.signal.reference),
  );
  // Only a signal without a choice can need a consent it lacks: only those are asked about (and drawn).
  const open = accepted.filter((it) => (choices.get(it.signal.reference) ?? null) === null);
  const needs = await gate.consentRequired(
    db,
    open.map((it) => ({
      ruleId: it.judgement.ruleId,
      municipalityCode: it.signal.municipalityCode,
      senderOrgId,
      creditorOrgId: it.signal.onBehalfOf ?? senderOrgId,
      addressKey: householdKey(it.signal.address, it.signal.bsn ? pseudonymize('bsn', it.signal.bsn) : null, senderOrgId, it.signal.reference),
    })),
    opts,
  );
  const consentNeeded = new Set(open.filter((_, k) => needs[k]));
  return items.map((it) => {
    if (it.judgement.decision !== 'accepted') return it;
    const v = intakeVerdict(choices.get(it.signal.reference) ?? null, consentNeeded.has(it));
    return v.refusal ? { ...it, judgement: { ...it.judgement, decision: 'refused', refusals: [v.refusal] } } : it;
  });
}

/**
 * The batch path: of the signals just copied (ids), those the residents' choices refuse are deleted
 * again in the chunk's transaction. Returns the refusal per removed id.
 */
export async function refuseStoredByChoices(trx: Transaction<DB>, gate: ResidentGate, senderOrgId: string, ids: readonly number[]): Promise<Map<number, Refusal>> {
  const out = new Map<number, Refusal>();
  if (ids.length === 0 || !(await gate.applies(trx, senderOrgId))) return out;
  const stored = await storedSignalChoices(trx, ids);
  const open = stored.filter((s) => s.choice === null);
  const needs = await gate.consentRequired(
    trx,
    open.map((s) => ({ ruleId: s.rule_id ?? undefined, municipalityCode: s.municipality_code, senderOrgId: s.sender_org_id, creditorOrgId: s.creditor_org_id, addressKey: s.address_key })),
    { record: true },
  );
  const consentNeeded = new Set(open.filter((_, k) => needs[k]));
  for (const s of stored) {
    const v = intakeVerdict(s.choice, consentNeeded.has(s));
    if (v.refusal) out.set(Number(s.id), v.refusal);
  }
  await deleteSignals(
    trx,
    [...out.keys()].map(String),
  );
  return out;
}

/** After storing: the new signals close their reminders, so the choice can no longer change. */
export async function closeRemindersOf(db: Kysely<DB> | Transaction<DB>, gate: ResidentGate, senderOrgId: string, signalIds: readonly string[], now: Date): Promise<void> {
  if (signalIds.length === 0 || !(await gate.hasReminders(db, senderOrgId))) return;
  await closeReminders(db, signalIds, now);
}
