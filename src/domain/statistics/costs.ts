import type { LocalizedText } from '../rules/judgement.ts';

/**
 * Costs and benefits of a signal, from the explanatory notes of the Tijdelijke regeling (toelichting
 * § 4, financial consequences; Panteia 2014 and the Besluit's nota van toelichting). Ranges in the
 * notes are taken at their midpoint; every figure can be changed per experiment.
 */
export interface CostParameters {
  /** Municipal debt assistance: handling one signal (€ 179). */
  municipalityCostPerSignal: number;
  /** Average saving per handled signal (€ 380). */
  savingPerHandledSignal: number;
  /** Creditor: adapting the reminder letter once, per organisation (€ 60). */
  creditorOneOffPerOrganisation: number;
  /** Creditor: one written reminder (€ 1–2). */
  creditorReminderCost: number;
  /** Creditor: personal contact, per customer (€ 20–30). */
  creditorPersonalContactCost: number;
  /** Creditor: reporting the arrear to the municipality, per customer (€ 2.50–4). */
  creditorReportCost: number;
  /** Reminders per signal: art. 1.2 c demands at least one. */
  remindersPerSignal: number;
  /** Share of signals with an effort at personal contact: art. 1.2 a demands it for every one. */
  personalContactShare: number;
  /** Cost of one eviction avoided (€ 5,000–6,000). */
  evictionCost: number;
  /** Evictions the experiment prevented (0 unless the evaluation shows some). */
  evictionsPrevented: number;
}

export const DEFAULT_COST_PARAMETERS: Readonly<CostParameters> = Object.freeze({
  municipalityCostPerSignal: 179,
  savingPerHandledSignal: 380,
  creditorOneOffPerOrganisation: 60,
  creditorReminderCost: 1.5,
  creditorPersonalContactCost: 25,
  creditorReportCost: 3.25,
  remindersPerSignal: 1,
  personalContactShare: 1,
  evictionCost: 5500,
  evictionsPrevented: 0,
});

export const COST_PARAMETER_SOURCE =
  'Tijdelijke regeling signaal betalingsachterstanden, toelichting § 4 (financiële gevolgen); Panteia 2014, Vroeg Eropaf businesscase; Besluit gemeentelijke schuldhulpverlening, nota van toelichting § 4 (Stb. 2020, 240)';

export interface CostInputs {
  /** Signals the creditors delivered (accepted). */
  signalsDelivered: number;
  /** Signals the municipality handled (picked up). */
  signalsHandled: number;
  /** Creditor organisations that delivered. */
  creditorOrganisations: number;
}

export interface CostLine {
  key: string;
  party: 'municipality' | 'creditor' | 'society';
  kind: 'cost' | 'benefit';
  label: LocalizedText;
  quantity: number;
  unitAmount: number;
  amount: number;
}

export interface CostBenefit {
  parameters: CostParameters;
  inputs: CostInputs;
  lines: CostLine[];
  totalCosts: number;
  totalBenefits: number;
  net: number;
  /** Benefits per euro of cost; null when there are no costs. */
  benefitCostRatio: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Checks edited parameters: every key known, every value a finite number ≥ 0 (shares ≤ 1). */
export function checkCostParameters(input: Record<string, unknown>): { parameters?: CostParameters; errors: Array<{ name: string; reason: string }> } {
  const errors: Array<{ name: string; reason: string }> = [];
  const out: Record<string, number> = { ...DEFAULT_COST_PARAMETERS };
  for (const [k, v] of Object.entries(input)) {
    if (!(k in DEFAULT_COST_PARAMETERS)) errors.push({ name: k, reason: 'unknown parameter' });
    else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) errors.push({ name: k, reason: 'must be a number ≥ 0' });
    else if (k === 'personalContactShare' && v > 1) errors.push({ name: k, reason: 'a share lies between 0 and 1' });
    else out[k] = v;
  }
  return errors.length ? { errors } : { parameters: out as unknown as CostParameters, errors };
}

/** The cost-benefit account of an experiment: each line with its quantity, unit amount and total. */
export function computeCostBenefit(inputs: CostInputs, p: CostParameters = DEFAULT_COST_PARAMETERS): CostBenefit {
  const line = (key: string, party: CostLine['party'], kind: CostLine['kind'], label: LocalizedText, quantity: number, unitAmount: number): CostLine => ({
    key,
    party,
    kind,
    label,
    quantity: round2(quantity),
    unitAmount,
    amount: round2(quantity * unitAmount),
  });
  const lines: CostLine[] = [
    line('municipality-handling', 'municipality', 'cost', { nl: 'Behandeling signaal door schuldhulpverlening', en: 'Handling of a signal by debt assistance' }, inputs.signalsHandled, p.municipalityCostPerSignal),
    line('creditor-one-off', 'creditor', 'cost', { nl: 'Eenmalig aanpassen betalingsherinnering', en: 'One-off adaptation of the payment reminder' }, inputs.creditorOrganisations, p.creditorOneOffPerOrganisation),
    line('creditor-reminders', 'creditor', 'cost', { nl: 'Betalingsherinneringen', en: 'Payment reminders' }, inputs.signalsDelivered * p.remindersPerSignal, p.creditorReminderCost),
    line('creditor-personal-contact', 'creditor', 'cost', { nl: 'Persoonlijk contact', en: 'Personal contact' }, inputs.signalsDelivered * p.personalContactShare, p.creditorPersonalContactCost),
    line('creditor-report', 'creditor', 'cost', { nl: 'Melding betalingsachterstand bij de gemeente', en: 'Reporting the arrear to the municipality' }, inputs.signalsDelivered, p.creditorReportCost),
    line('savings', 'society', 'benefit', { nl: 'Kostenbesparing per behandeld signaal', en: 'Savings per handled signal' }, inputs.signalsHandled, p.savingPerHandledSignal),
    line('evictions-prevented', 'society', 'benefit', { nl: 'Voorkomen huisuitzettingen', en: 'Evictions prevented' }, p.evictionsPrevented, p.evictionCost),
  ];
  const totalCosts = round2(lines.filter((l) => l.kind === 'cost').reduce((s, l) => s + l.amount, 0));
  const totalBenefits = round2(lines.filter((l) => l.kind === 'benefit').reduce((s, l) => s + l.amount, 0));
  return {
    parameters: { ...p },
    inputs,
    lines,
    totalCosts,
    totalBenefits,
    net: round2(totalBenefits - totalCosts),
    benefitCostRatio: totalCosts > 0 ? Math.round((totalBenefits / totalCosts) * 1000) / 1000 : null,
  };
}
