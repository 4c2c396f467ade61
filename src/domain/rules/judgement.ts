import type { LocalizedText } from '../i18n/index.ts';

/**
 * The outcome of judging one signal against the regulation in force on its date.
 * Produced by the pure evaluator (src/domain/rules/evaluate.ts); consumed by intake, `check`,
 * the creditor portal ("why was this row refused?") and statistics.
 */

export interface Citation {
  /** Regulation id, e.g. 'tijdelijke-regeling-signaal-betalingsachterstanden'. */
  regulation: string;
  /** Short human title, e.g. 'Tijdelijke regeling signaal betalingsachterstanden'. */
  title: string;
  article: string; // '2.1'
  paragraph?: string; // lid, '2'
  item?: string; // onderdeel, 'a'
  /** Dated URL to the official text. */
  url: string;
}

// Refusals carry their wording in every language, as data (src/domain/i18n).
export type { LocalizedText };

export interface Refusal {
  /** Stable machine code, e.g. 'SENDER_NOT_DESIGNATED', 'FIELD_NOT_ALLOWED', 'BSN_INVALID'. */
  code: string;
  /** True for syntactic problems in the input (invalid BSN, malformed postcode, negative amount). */
  inputError: boolean;
  /** The input field concerned, as a JSON path ('bsn', 'socialCollection.reminderSentOn'), if any. */
  field?: string;
  citation?: Citation;
  message: LocalizedText;
}

export interface Judgement {
  decision: 'accepted' | 'refused';
  /** The regulation version the judgement used ('<regulation>/<valid_from>'), if one applied. */
  regulationVersion?: string;
  /** The rule (signal designation) applied, e.g. 'tr-2.1-municipal-tax'. */
  ruleId?: string;
  /** The articles that permitted the signal (on acceptance) — data minimisation made visible. */
  applied: readonly Citation[];
  refusals: readonly Refusal[];
}
