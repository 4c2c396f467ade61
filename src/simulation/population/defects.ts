/**
 * Deliberately imperfect input, as real senders produce it: rows with one error the platform must
 * refuse with a clear reason, and arrears sent twice (a retried row with the same reference, or the
 * same arrear under a new reference) that intake must recognise.
 */
import { breakBsn } from './bsn.ts';
import { isoDate, parseIsoDate } from '../../domain/calendar.ts';
import type { PopulationParams } from './params.ts';
import { type Rng, WeightedChoice } from './rng.ts';
import type { DefectKind, GeneratedSignal } from './signal-builder.ts';

const DEFECT_KINDS: readonly DefectKind[] = ['bad_bsn', 'bad_postcode', 'missing_field', 'field_not_allowed', 'missing_social_collection'];

export class DefectInjector {
  private readonly kinds: WeightedChoice<DefectKind> | undefined;

  constructor(private readonly params: PopulationParams) {
    const entries = DEFECT_KINDS.map((k) => [k, params.defects.kinds[k] ?? 0] as const).filter(([, w]) => w > 0);
    this.kinds = entries.length > 0 ? new WeightedChoice(entries) : undefined;
  }

  /** With the configured probability, puts one error into the signal (in place) and records it. */
  maybeBreak(g: GeneratedSignal, rng: Rng): void {
    if (this.kinds === undefined || !rng.chance(this.params.defects.share)) return;
    let kind = this.kinds.draw(rng);
    const s = g.signal;
    if (kind === 'bad_bsn' && s.bsn === undefined) kind = 'bad_postcode';
    if (kind === 'bad_postcode' && s.address?.postcode === undefined) kind = 'missing_field';
    switch (kind) {
      case 'bad_bsn':
        s.bsn = breakBsn(s.bsn as string);
        break;
      case 'bad_postcode': {
        const address = { ...s.address };
        const pc = address.postcode as string;
        const variants = [`0${pc.slice(1)}`, `${pc.slice(0, 4)} ${pc.charAt(4)}`, `${pc.slice(0, 4)}8${pc.charAt(5)}`, `${pc.slice(0, 4)}-${pc.slice(4)}`];
        address.postcode = rng.pick(variants);
        s.address = address;
        break;
      }
      case 'missing_field':
        // Fields the regulation cannot do without. (A missing amount or address is not refused by
        // the rules, so it would not be an invalid row.)
        if (rng.chance(0.5)) s.signalDate = '';
        else s.reference = '';
        break;
      case 'field_not_allowed':
        // A BSN where the regulation forbids it (the mortgage signal) is the error that matters most.
        if (s.bsn === undefined && s.signalType === 'mortgage') s.bsn = '999999990';
        else s.birthDate = '1980-01-01';
        break;
      case 'missing_social_collection':
        // The social-collection object is the signal's own (built per signal), so it may change.
        if (s.socialCollection !== undefined) delete s.socialCollection.reminderSentOn;
        break;
    }
    g.truth.defect = kind;
  }

  /** With the configured probability, a re-sent copy of the signal (same creditor, same arrear). */
  maybeRepeat(g: GeneratedSignal, lastDeliveryDay: number, rng: Rng, newReference: () => string): GeneratedSignal | undefined {
    const r = this.params.repeats;
    // Broken rows are not re-sent: a new reference could repair them and blur what is expected.
    if (!rng.chance(r.share) || g.truth.defect !== undefined) return undefined;
    // A shallow copy is enough: only top-level fields change and nested objects are never mutated.
    const signal = { ...g.signal };
    if (!rng.chance(r.sameReferenceShare)) {
      signal.reference = newReference();
      const [lo, hi] = r.daysLater;
      // A row whose date was deliberately removed keeps it removed.
      const day = signal.signalDate === '' ? undefined : parseIsoDate(signal.signalDate);
      if (day !== undefined) signal.signalDate = isoDate(Math.min(lastDeliveryDay, day + lo + rng.int(hi - lo + 1)));
    }
    return { senderId: g.senderId, signal, truth: { ...g.truth, repeatOf: g.signal.reference } };
  }
}
