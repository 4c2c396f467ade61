import { addDays, addMonths } from '../matching/dates.ts';
import type { LocalizedText } from '../rules/judgement.ts';

/**
 * How long a municipality keeps what the platform holds about residents. No statutory term exists
 * for signal data (docs/background/LEGAL-FRAMEWORK.md, Retention); the defaults are the practice example of a
 * municipal processing register: signals never picked up 6 months, picked up 12 months, case files
 * 18 months after closing. Each municipality may set its own, within the safety bounds below.
 */
export interface RetentionPolicy {
  /** Signals whose household was never picked up: months after receipt. */
  unpickedSignalMonths: number;
  /** Signals of a case that was picked up: months after receipt, and only once the case is closed. */
  pickedUpSignalMonths: number;
  /** The case file (the case and every record about it): months after closing. */
  caseMonthsAfterClosing: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { unpickedSignalMonths: 6, pickedUpSignalMonths: 12, caseMonthsAfterClosing: 18 };

/**
 * The platform's bounds. Minimums: a signal must outlive the monthly matching period plus the
 * four weeks the municipality has to offer a first conversation (art. 4 Wgs), and the windows
 * matching looks back over (consecutive, repeat) — otherwise flags would silently go wrong. A
 * closed case must survive one quarterly DDAS delivery to CBS. Maximums: storage limitation
 * (art. 5(1)(e) AVG) — beyond these the data serves no task of early signalling.
 */
export const RETENTION_BOUNDS = {
  unpickedSignalMonths: { min: 2, max: 12 },
  pickedUpSignalMonths: { min: 3, max: 24 },
  caseMonthsAfterClosing: { min: 3, max: 36 },
} as const satisfies Record<keyof RetentionPolicy, { min: number; max: number }>;

/** The matching windows that need history: signals must be kept at least this long. */
export interface MatchingWindows {
  consecutiveMonths: number;
  repeatMonths: number;
  standardLookbackMonths: number;
}

export interface RetentionIssue {
  field: keyof RetentionPolicy;
  code: string;
  message: LocalizedText;
}

export interface RetentionCheck {
  errors: RetentionIssue[];
  /** Allowed, but worth knowing (shown to the municipality, not blocking). */
  warnings: RetentionIssue[];
}

const FIELD_NAMES: Record<keyof RetentionPolicy, LocalizedText> = {
  unpickedSignalMonths: { nl: 'de bewaartermijn voor niet-opgepakte signalen', en: 'the term for signals never picked up' },
  pickedUpSignalMonths: { nl: 'de bewaartermijn voor opgepakte signalen', en: 'the term for signals that were picked up' },
  caseMonthsAfterClosing: { nl: 'de bewaartermijn voor zaakdossiers na afsluiten', en: 'the term for case files after closing' },
};

const MIN_REASON: Record<keyof RetentionPolicy, LocalizedText> = {
  unpickedSignalMonths: {
    nl: 'een signaal moet de maandelijkse matchingsperiode en de vier weken voor het aanbod van een eerste gesprek (art. 4 Wgs) overleven',
    en: 'a signal must outlive the monthly matching period and the four weeks to offer a first conversation (art. 4 Wgs)',
  },
  pickedUpSignalMonths: {
    nl: 'een opgepakt signaal is nodig zolang de hulp loopt en voor de terugkoppeling aan de schuldeiser',
    en: 'a picked-up signal is needed while help is under way and for the feedback to the creditor',
  },
  caseMonthsAfterClosing: {
    nl: 'een afgesloten zaak moet één kwartaallevering aan CBS (DDAS) overleven',
    en: 'a closed case must survive one quarterly delivery to CBS (DDAS)',
  },
};

const MAX_REASON: LocalizedText = {
  nl: 'langer bewaren dient geen taak van vroegsignalering meer (opslagbeperking, art. 5 lid 1 onder e AVG)',
  en: 'keeping it longer serves no task of early signalling (storage limitation, art. 5(1)(e) GDPR)',
};

/**
 * Checks a policy before it is stored: whole months within the bounds, picked-up signals kept at
 * least as long as ones never picked up, and every signal kept as long as matching looks back.
 * Each error says what is wrong and why.
 */
export function checkRetentionPolicy(p: RetentionPolicy, windows?: MatchingWindows): RetentionCheck {
  const errors: RetentionIssue[] = [];
  const warnings: RetentionIssue[] = [];
  for (const field of Object.keys(RETENTION_BOUNDS) as Array<keyof RetentionPolicy>) {
    const v = p[field];
    const { min, max } = RETENTION_BOUNDS[field];
    const name = FIELD_NAMES[field];
    if (!Number.isInteger(v)) {
      errors.push({ field, code: 'RETENTION_NOT_WHOLE_MONTHS', message: { nl: `${cap(name.nl)} moet een geheel aantal maanden zijn.`, en: `${cap(name.en)} must be a whole number of months.` } });
    } else if (v < min) {
      errors.push({
        field,
        code: 'RETENTION_TOO_SHORT',
        message: { nl: `${cap(name.nl)} is ${v} maanden; minimaal ${min}, want ${MIN_REASON[field].nl}.`, en: `${cap(name.en)} is ${v} months; at least ${min}, because ${MIN_REASON[field].en}.` },
      });
    } else if (v > max) {
      errors.push({
        field,
        code: 'RETENTION_TOO_LONG',
        message: { nl: `${cap(name.nl)} is ${v} maanden; hoogstens ${max}, want ${MAX_REASON.nl}.`, en: `${cap(name.en)} is ${v} months; at most ${max}, because ${MAX_REASON.en}.` },
      });
    }
  }
  if (Number.isInteger(p.pickedUpSignalMonths) && Number.isInteger(p.unpickedSignalMonths) && p.pickedUpSignalMonths < p.unpickedSignalMonths)
    errors.push({
      field: 'pickedUpSignalMonths',
      code: 'RETENTION_PICKED_UP_SHORTER',
      message: {
        nl: `Opgepakte signalen (${p.pickedUpSignalMonths} maanden) mogen niet korter bewaard worden dan niet-opgepakte (${p.unpickedSignalMonths}): wat tot hulp leidde, is langer nodig.`,
        en: `Picked-up signals (${p.pickedUpSignalMonths} months) may not be kept shorter than signals never picked up (${p.unpickedSignalMonths}): what led to help is needed longer.`,
      },
    });
  if (windows && Number.isInteger(p.unpickedSignalMonths)) {
    const needed = Math.max(windows.consecutiveMonths, windows.repeatMonths);
    if (p.unpickedSignalMonths < needed)
      errors.push({
        field: 'unpickedSignalMonths',
        code: 'RETENTION_SHORTER_THAN_MATCHING',
        message: {
          nl: `Niet-opgepakte signalen (${p.unpickedSignalMonths} maanden) moeten minstens ${needed} maanden blijven: zo ver kijkt de matching terug voor opeenvolgende en herhaalde meldingen (instellingen van de gemeente).`,
          en: `Signals never picked up (${p.unpickedSignalMonths} months) must stay at least ${needed} months: matching looks back that far for consecutive and repeat signals (the municipality's settings).`,
        },
      });
    if (p.unpickedSignalMonths < windows.standardLookbackMonths)
      warnings.push({
        field: 'unpickedSignalMonths',
        code: 'RETENTION_SHORTER_THAN_LOOKBACK',
        message: {
          nl: `"Bekend via de standaardsignalen" kijkt ${windows.standardLookbackMonths} maanden terug, maar niet-opgepakte signalen verdwijnen na ${p.unpickedSignalMonths}: oudere standaardsignalen tellen dan niet mee.`,
          en: `"Known through the standard signals" looks back ${windows.standardLookbackMonths} months, but signals never picked up go after ${p.unpickedSignalMonths}: older standard signals will not count.`,
        },
      });
  }
  return { errors, warnings };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The moments before which each kind of record is due for deletion, on a given day. */
export interface RetentionCutoffs {
  /** Signals never picked up, received before this instant. */
  unpickedReceivedBefore: Date;
  /** Signals of closed, picked-up cases, received before this instant. */
  pickedUpReceivedBefore: Date;
  /** Closed cases, closed before this instant. */
  caseClosedBefore: Date;
}

/** Calendar months back from `now` (UTC), so "6 months" means the same day six months ago. */
export function retentionCutoffs(p: RetentionPolicy, now: Date): RetentionCutoffs {
  const back = (months: number) => {
    const day = addMonths(now.toISOString().slice(0, 10), -months);
    return new Date(`${day}T${now.toISOString().slice(11)}`);
  };
  return {
    unpickedReceivedBefore: back(p.unpickedSignalMonths),
    pickedUpReceivedBefore: back(p.pickedUpSignalMonths),
    caseClosedBefore: back(p.caseMonthsAfterClosing),
  };
}

/**
 * The day whose nightly retention run deletes a record dated `day` (its receipt or its case's
 * closing) under a term of `months`: the first day whose cut-off (retentionCutoffs: the same day
 * `months` back) lies past the record's day. So a signal received on 15 March goes in the night
 * before 16 September under six months — also at month ends, where going back clamps (31 August
 * back six months is 28 February). Dates are UTC days, as the cut-offs are.
 */
export function deletionDay(day: string, months: number): string {
  let d = addMonths(day, months);
  while (addMonths(d, -months) <= day) d = addDays(d, 1);
  return d;
}

/**
 * Batch results (refused and duplicate rows) serve the creditor checking a delivery; they are kept
 * as long as the shortest signal term of the platform defaults, whatever the municipalities set,
 * because one batch feeds many municipalities.
 */
export function batchResultsCutoff(now: Date): Date {
  return retentionCutoffs(DEFAULT_RETENTION, now).unpickedReceivedBefore;
}
