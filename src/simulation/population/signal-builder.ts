/**
 * Turns one creditor's report about a case into the SignalInput the creditor would deliver:
 * only the data its regulation allows (the type's `data` categories), the amount, and the dates of
 * the social collection that has to precede every signal (TR art. 1.2).
 */
import type { SignalInput, SignalPerson, SocialCollection } from '../../domain/signals/signal.ts';
import type { ArrearsCase, CaseSignal } from './arrears.ts';
import { isoDate } from '../../domain/calendar.ts';
import type { PopulationParams } from './params.ts';
import type { Resident } from './population.ts';
import { type Rng, WeightedChoice, hash32 } from './rng.ts';

export type DefectKind = 'bad_bsn' | 'bad_postcode' | 'missing_field' | 'field_not_allowed' | 'missing_social_collection';

/** What really happened behind a generated signal: for tests, calibration and the simulation. */
export interface SignalTruth {
  householdId: string;
  municipalityCode: string;
  residentKey: number;
  /** Month number (year * 12 + month - 1) of the case. */
  month: number;
  /** Unique per municipality and run: `${municipalityCode}-${episode}`. */
  episodeId: string;
  firstOfEpisode: boolean;
  tenure: 'owner' | 'renter';
  /** Amount of the arrear in cents, before any deliberate defect. */
  amountCents: number;
  crisis: boolean;
  /** The resident objected to passing on their details: the signal must be refused. */
  objected: boolean;
  defect?: DefectKind;
  /** Set on a re-sent copy: the reference of the original. */
  repeatOf?: string;
}

export interface GeneratedSignal {
  /** Organisation id of the sender (the creditor). */
  senderId: string;
  signal: SignalInput;
  truth: SignalTruth;
}

export class SignalBuilder {
  private readonly counters = new Map<string, number>();
  private readonly response: WeightedChoice<'none' | 'not_negative' | 'objected'>;
  private readonly code4: string;

  constructor(
    private readonly params: PopulationParams,
    private readonly municipalityCode: string,
    private readonly municipalitySeed: number,
  ) {
    const r = params.socialCollection.residentResponse;
    this.response = new WeightedChoice([
      ['none', r.none ?? 0],
      ['not_negative', r.not_negative ?? 0],
      ['objected', r.objected ?? 0],
    ]);
    this.code4 = municipalityCode.slice(2);
  }

  private prefixMonth = '';
  private prefix = '';

  /**
   * A reference unique per sender ('202501-0363-0000042'): a counter per sender id, and the
   * municipality keeps apart the references of a sender that serves several.
   */
  nextReference(senderId: string, monthLabel: string): string {
    const n = (this.counters.get(senderId) ?? 0) + 1;
    this.counters.set(senderId, n);
    if (monthLabel !== this.prefixMonth) {
      this.prefixMonth = monthLabel;
      this.prefix = `${monthLabel.replace('-', '')}-${this.code4}-`;
    }
    return this.prefix + (n < 10_000_000 ? String(10_000_000 + n).slice(1) : String(n));
  }

  build(c: ArrearsCase, cs: CaseSignal, signalDay: number, monthLabel: string, rng: Rng): GeneratedSignal {
    const t = cs.type.params;
    const h = c.household;
    const resident = this.subject(c, cs, rng);
    const drawn = cs.type.drawAmount(h, rng);
    const months = drawn.months;
    // A creditor reporting the same arrear again a month later reports it grown (another charge
    // unpaid, costs added): the platform treats an arrear that did not grow as a repeat.
    const before = c.amounts.get(cs.type);
    const grown = before === undefined ? 0 : Math.round(before * (1 + this.params.process.episode.laterAmountGrowth) * 100) / 100;
    const amount = Math.max(drawn.amount, grown);
    c.amounts.set(cs.type, amount);
    const extras = cs.type.drawExtras(rng);
    let total = amount;
    for (const [, v] of extras) total += v;
    total = Math.round(total * 100) / 100;
    const data = cs.type.passes;

    const signal: SignalInput = {
      reference: this.nextReference(cs.sender.id, monthLabel),
      signalType: t.code,
      signalDate: isoDate(signalDay),
      municipalityCode: this.municipalityCode,
    };
    if (data.arrear_amount) {
      signal.amount = total;
      if (t.components !== undefined) {
        const components: Record<string, number> = { [t.components.main]: amount };
        for (const [k, v] of extras) components[k] = v;
        signal.components = components;
      }
    }
    if (data.arrear_start_date) {
      const [lo, hi] = t.arrearAgeDays;
      // The age follows from the number of unpaid months where the model has them.
      const age = months > 0 ? Math.min(hi, Math.max(lo, Math.round(months * 30.4) + rng.int(21))) : lo + rng.int(hi - lo + 1);
      signal.arrearStartDate = isoDate(signalDay - age);
    }
    if (data.bsn) signal.bsn = resident.bsn;
    if (data.contact_details) {
      const person: SignalPerson = { initials: resident.initials };
      if (rng.chance(this.params.households.contact.givenName)) person.givenName = resident.givenName;
      if (resident.prefix !== undefined) person.prefix = resident.prefix;
      person.surname = resident.surname;
      signal.person = person;
      // Shared with the household: signals are read-only once built (defects copy before changing).
      signal.address = h.address;
      if (resident.phone !== undefined) signal.phone = resident.phone;
      if (resident.email !== undefined) signal.email = resident.email;
    }
    if (data.customer_number && t.customerNumberDigits !== undefined) {
      signal.customerNumber = customerNumber(this.municipalitySeed, h.index, cs.type.index, t.customerNumberDigits);
    }
    if (t.attestations !== undefined) signal.attestations = [...t.attestations];
    const crisis = rng.chance(t.crisisShare);
    signal.crisis = crisis;
    const sc = this.socialCollection(signalDay, rng);
    signal.socialCollection = sc;

    return {
      senderId: cs.sender.id,
      signal,
      truth: {
        householdId: h.id,
        municipalityCode: h.municipalityCode,
        residentKey: resident.key,
        month: c.month,
        episodeId: c.episodeId,
        firstOfEpisode: c.firstOfEpisode,
        tenure: h.tenure,
        amountCents: Math.round(total * 100),
        crisis,
        objected: sc.residentResponse === 'objected',
      },
    };
  }

  /** Whose arrear it is: the head of household, or for health insurance sometimes another adult's policy. */
  private subject(c: ArrearsCase, cs: CaseSignal, rng: Rng): Resident {
    const h = c.household;
    const ages = h.memberAges;
    if (cs.type.params.otherAdultShare > 0 && ages.length > 1 && rng.chance(cs.type.params.otherAdultShare)) {
      const adults: number[] = [];
      for (let i = 1; i < ages.length; i++) if ((ages[i] ?? 0) >= 18) adults.push(i);
      if (adults.length > 0) return h.resident(rng.pick(adults));
    }
    return h.resident(0);
  }

  private socialCollection(signalDay: number, rng: Rng): SocialCollection {
    const p = this.params.socialCollection;
    const [lo, hi] = p.reminderDaysBeforeSignal;
    const reminder = signalDay - (lo + rng.int(hi - lo + 1));
    const sc: SocialCollection = {};
    let contact: number | undefined;
    if (rng.chance(p.contactAttemptShare)) {
      // Between the reminder and the signal, so the order of the steps is the statutory one.
      contact = reminder + 1 + rng.int(Math.max(1, signalDay - reminder - 1));
      sc.personalContactAttemptedOn = isoDate(contact);
    }
    const referral = contact === undefined || rng.chance(p.referralInReminderShare) ? reminder : contact;
    sc.debtAssistanceReferredOn = isoDate(referral);
    sc.reminderSentOn = isoDate(reminder);
    sc.agreementOfferedInReminder = rng.chance(p.agreementOfferedShare);
    sc.residentResponse = this.response.draw(rng);
    return sc;
  }
}

/** A customer number fixed per household and creditor type. */
function customerNumber(seed: number, household: number, type: number, digits: number): string {
  const hi = hash32(seed, household, 900 + type) % 100_000;
  const lo = hash32(seed, household, 901 + type) % 100_000;
  const s = `${hi}`.padStart(5, '0') + `${lo}`.padStart(5, '0');
  return s.length >= digits ? s.slice(s.length - digits) : s.padStart(digits, '1');
}
