import type { LocalizedText } from '../rules/judgement.ts';
import type { PartnerOf } from '../ddas/vocabulary.ts';
import { suppressRows, type SuppressedRow } from '../statistics/suppress.ts';
import type { CaseCell, CaseKey, EvaluationCells, RefusalReasonCell, SignalCell } from './cells.ts';
import { FIGURES, type FigureKey } from './definitions.ts';

export const DIMENSIONS = ['total', 'month', 'municipality', 'creditorType', 'arm', 'district', 'queue'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type ColumnType = 'dimension' | 'count' | 'share' | 'amount' | 'number';
export interface Column {
  key: string;
  label: LocalizedText;
  type: ColumnType;
}

export type TableRow = SuppressedRow<Record<string, string | number | null>>;

export interface EvaluationTable {
  key: string;
  title: LocalizedText;
  dimension: Dimension;
  columns: Column[];
  rows: TableRow[];
  notes: LocalizedText[];
}

const col = (key: string, nl: string, en: string, type: ColumnType): Column => ({ key, label: { nl, en }, type });
const DIM_LABEL: Record<Dimension, LocalizedText> = {
  total: { nl: 'Totaal', en: 'Total' },
  municipality: { nl: 'Gemeente', en: 'Municipality' },
  creditorType: { nl: 'Type signaalpartner', en: 'Signal-partner type' },
  arm: { nl: 'Experimentgroep', en: 'Experiment arm' },
  month: { nl: 'Maand', en: 'Month' },
  district: { nl: 'Wijk (of postcodegebied)', en: 'District (or postcode area)' },
  queue: { nl: 'Werkbakje', en: 'Queue' },
};

/** The dimensions that are a property of the case (signals take their case's): the cell queries' caseKey. */
export function caseKeyOfDimension(d: Dimension): CaseKey | undefined {
  return d === 'arm' || d === 'district' || d === 'queue' ? d : undefined;
}
const NO_CASE: Record<CaseKey, string> = { arm: 'geen groep', district: 'onbekend', queue: 'geen' };
const TOTAL_KEY = 'totaal';

function signalKeys(c: { municipality: string; signalType: string; month: string; caseKey?: string | undefined }, d: Dimension, partnerOf: PartnerOf): string[] {
  switch (d) {
    case 'arm':
    case 'district':
    case 'queue':
      return [c.caseKey || NO_CASE[d]];
    case 'municipality':
      return [c.municipality || 'onbekend'];
    case 'creditorType':
      return [c.signalType ? partnerOf(c.signalType) : 'onbekend'];
    case 'month':
      return [c.month];
    default:
      return [TOTAL_KEY];
  }
}

function caseKeys(c: CaseCell, d: Dimension, partnerOf: PartnerOf): string[] {
  switch (d) {
    case 'municipality':
      return [c.municipality];
    // a household with signals of several partner types counts under each of them
    case 'creditorType':
      return [...new Set(c.signalTypes.map(partnerOf))];
    case 'arm':
      return [c.arm || NO_CASE.arm];
    case 'district':
    case 'queue':
      return [c.caseKey || NO_CASE[d]];
    case 'month':
      return [c.month];
    default:
      return [TOTAL_KEY];
  }
}

/** Sums the numeric fields of cells per key (cells are additive by construction). */
function rollup<C extends object>(cells: readonly C[], keysOf: (c: C) => string[], fields: ReadonlyArray<keyof C & string>): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const c of cells)
    for (const k of keysOf(c)) {
      let acc = out.get(k);
      if (!acc) out.set(k, (acc = Object.fromEntries(fields.map((f) => [f, 0]))));
      for (const f of fields) acc[f]! += Number(c[f] ?? 0);
    }
  return out;
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const mean = (sum: number, n: number, digits = 2) => (n > 0 ? Math.round((sum / n) * 10 ** digits) / 10 ** digits : null);
const sorted = (m: Map<string, Record<string, number>>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b, 'nl'));

function table(
  key: string,
  title: LocalizedText,
  d: Dimension,
  columns: Column[],
  rows: Array<Record<string, string | number | null>>,
  counts: string[],
  derived: Record<string, string[]>,
  notes: LocalizedText[] = [],
): EvaluationTable {
  return {
    key,
    title,
    dimension: d,
    columns: [{ key: 'group', label: DIM_LABEL[d], type: 'dimension' }, ...columns],
    rows: suppressRows(rows, { counts, derived, complementary: d !== 'total' }),
    notes,
  };
}

function intakeTable(cells: EvaluationCells, dimension: Dimension, p: PartnerOf): EvaluationTable {
  const d = caseKeyOfDimension(dimension) ? 'total' : dimension;
  const sig = rollup(cells.signals, (c) => signalKeys(c, d, p), ['signals']);
  const ref = rollup(cells.refused, (c) => signalKeys(c, d, p), ['refusedRows']);
  const keys = [...new Set([...sig.keys(), ...ref.keys()])].sort((a, b) => a.localeCompare(b, 'nl'));
  const rows = keys.map((k) => {
    const accepted = sig.get(k)?.signals ?? 0;
    const refused = ref.get(k)?.refusedRows ?? 0;
    return { group: k, received: accepted + refused, accepted, refused, refusedShare: share(refused, accepted + refused) };
  });
  const notes: LocalizedText[] = [
    {
      nl: 'Geweigerd telt de rijen van aangeleverde bestanden die de regels weigerden; losse API-aanleveringen die geweigerd werden, worden niet bewaard en tellen niet mee.',
      en: 'Refused counts the rows of delivered files that the rules refused; single API deliveries that were refused are not stored and are not counted.',
    },
  ];
  if (caseKeyOfDimension(dimension)) notes.push({ nl: 'Geweigerde signalen horen bij geen zaak: deze tabel staat daarom als totaal. Zie de trechter voor de geaccepteerde signalen per groep.', en: 'Refused signals belong to no case, so this table shows the total. See the funnel for accepted signals per group.' });
  return table(
    'intake',
    { nl: 'Ontvangen en geweigerde signalen', en: 'Signals received and refused' },
    d,
    [col('received', 'Ontvangen', 'Received', 'count'), col('accepted', 'Geaccepteerd', 'Accepted', 'count'), col('refused', 'Geweigerd', 'Refused', 'count'), col('refusedShare', 'Aandeel geweigerd', 'Share refused', 'share')],
    rows,
    ['received', 'accepted', 'refused'],
    { refusedShare: ['refused', 'received'] },
    notes,
  );
}

function refusalsTable(cells: EvaluationCells, d: Dimension, p: PartnerOf): EvaluationTable {
  const dim = caseKeyOfDimension(d) ? 'total' : d;
  const keyOf = (c: RefusalReasonCell) => signalKeys(c, dim, p).map((g) => JSON.stringify([g, c.code, c.article]));
  const m = rollup(cells.reasons, keyOf, ['count']);
  const rows = sorted(m).map(([k, v]) => {
    const [group, code, article] = JSON.parse(k) as [string, string, string];
    return { group, code, article: article || '—', count: v.count! };
  });
  return table(
    'refusals',
    { nl: 'Weigeringen naar reden en artikel', en: 'Refusals by reason and article' },
    dim,
    [col('code', 'Reden (code)', 'Reason (code)', 'dimension'), col('article', 'Artikel', 'Article', 'dimension'), col('count', 'Aantal', 'Count', 'count')],
    rows,
    ['count'],
    {},
    [{ nl: 'Eén geweigerde rij kan meer redenen hebben.', en: 'One refused row can have several reasons.' }],
  );
}

const CASE_FIELDS = [
  'cases', 'signalsInCases', 'multiple', 'consecutive', 'crisis', 'known', 'experimental', 'experimentalNew', 'households1', 'households2', 'households3',
  'households4Plus', 'pickedUp', 'contactAttempted', 'reached', 'helpAccepted', 'withOutcome', 'notPickedUp', 'firstContact', 'onTime', 'late', 'overdueOpen', 'daysToFirstContactSum',
] as const satisfies ReadonlyArray<keyof CaseCell>;

/** A column named and defined in definitions.ts. */
const fig = (key: FigureKey, type: ColumnType = 'count'): Column => ({ key, label: FIGURES[key].label, type });

/**
 * The funnel: the nested stages of definitions.ts (FUNNEL_STAGES) for one selection, signals by
 * their signal date and cases by their first signal's; then, outside the chain, the cases closed
 * with an end result and those closed without being picked up.
 */
function funnelTable(cells: EvaluationCells, d: Dimension, p: PartnerOf, attemptsKnown: boolean): EvaluationTable {
  const sig = rollup(cells.signals, (c) => signalKeys(c, d, p), ['signals', 'inCase']);
  const m = rollup(cells.cases, (c) => caseKeys(c, d, p), CASE_FIELDS);
  const keys = [...new Set([...sig.keys(), ...m.keys()])].sort((a, b) => a.localeCompare(b, 'nl'));
  const zero = Object.fromEntries(CASE_FIELDS.map((f) => [f, 0])) as Record<string, number>;
  const rows = keys.map((group) => {
    const s = sig.get(group) ?? { signals: 0, inCase: 0 };
    const v = m.get(group) ?? zero;
    return {
      group,
      accepted: s.signals!,
      matched: s.inCase!,
      cases: v.cases!,
      pickedUp: v.pickedUp!,
      contactAttempted: attemptsKnown ? v.contactAttempted! : null,
      reached: v.reached!,
      helpAccepted: v.helpAccepted!,
      withOutcome: v.withOutcome!,
      notPickedUp: v.notPickedUp!,
      reachedShare: share(v.reached!, v.cases!),
      helpAcceptedShare: share(v.helpAccepted!, v.cases!),
    };
  });
  const notes: LocalizedText[] = [
    {
      nl: 'Signalen tellen op hun signaaldatum, zaken op de datum van hun eerste signaal; elke trap is een deel van de vorige. Met eindresultaat staat buiten de trechter: ook een zaak die niet is opgepakt, kan een eindresultaat hebben. Begrippen: zie de begrippenlijst.',
      en: 'Signals count by their signal date, cases by the date of their first signal; each stage is part of the one before. With end result is outside the funnel: a case that was not picked up can have an end result too. Terms: see the glossary.',
    },
  ];
  if (d === 'creditorType')
    notes.push({
      nl: 'Per type signaalpartner telt een zaak mee bij elk type waarvan ze een signaal bevat; de zaken tellen daarom niet op tot het totaal.',
      en: 'Per signal-partner type a case counts under every type it holds a signal of; so the cases do not add up to the total.',
    });
  if (!attemptsKnown)
    notes.push({
      nl: 'Contactpogingen worden (nog) niet vastgelegd: "bereikt" volgt uit het eindresultaat van de zaak.',
      en: 'Contact attempts are not recorded (yet): "reached" follows from the case’s end result.',
    });
  return table(
    'funnel',
    { nl: 'Trechter: signaal → zaak → opgepakt → contact → bereikt → hulp', en: 'Funnel: signal → case → picked up → contact → reached → help' },
    d,
    [
      fig('accepted'),
      fig('matched'),
      fig('cases'),
      fig('pickedUp'),
      fig('contactAttempted'),
      fig('reached'),
      fig('helpAccepted'),
      fig('withOutcome'),
      fig('notPickedUp'),
      col('reachedShare', 'Aandeel bereikt', 'Share reached', 'share'),
      col('helpAcceptedShare', 'Aandeel hulp', 'Share help accepted', 'share'),
    ],
    rows,
    ['accepted', 'matched', 'cases', 'pickedUp', 'contactAttempted', 'reached', 'helpAccepted', 'withOutcome', 'notPickedUp'],
    { reachedShare: ['reached', 'cases'], helpAcceptedShare: ['helpAccepted', 'cases'] },
    notes,
  );
}

function timelinessTable(cells: EvaluationCells, d: Dimension, p: PartnerOf): EvaluationTable {
  const m = rollup(cells.cases, (c) => caseKeys(c, d, p), CASE_FIELDS);
  const rows = sorted(m).map(([group, v]) => ({
    group,
    cases: v.cases!,
    firstContact: v.firstContact!,
    onTime: v.onTime!,
    late: v.late!,
    overdueOpen: v.overdueOpen!,
    onTimeShare: share(v.onTime!, v.firstContact!),
    meanDays: mean(v.daysToFirstContactSum!, v.firstContact!, 1),
  }));
  const basis =
    cells.firstContactBasis === 'contact_attempts'
      ? { nl: 'Eerste contact = de eerste contactpoging.', en: 'First contact = the first contact attempt.' }
      : { nl: 'Eerste contact = de datum waarop de zaak is opgepakt (contactpogingen worden nog niet vastgelegd).', en: 'First contact = the date the case was picked up (contact attempts are not recorded yet).' };
  return table(
    'timeliness',
    { nl: 'Tijd tot eerste contact tegenover de termijn', en: 'Time to first contact against the deadline' },
    d,
    [
      col('cases', 'Zaken', 'Cases', 'count'),
      col('firstContact', 'Met eerste contact', 'With first contact', 'count'),
      col('onTime', 'Binnen termijn', 'Within deadline', 'count'),
      col('late', 'Te laat', 'Late', 'count'),
      col('overdueOpen', 'Open, termijn verstreken', 'Open, deadline passed', 'count'),
      col('onTimeShare', 'Aandeel binnen termijn', 'Share within deadline', 'share'),
      col('meanDays', 'Gemiddeld dagen', 'Mean days', 'number'),
    ],
    rows,
    ['cases', 'firstContact', 'onTime', 'late', 'overdueOpen'],
    { onTimeShare: ['onTime', 'firstContact'], meanDays: ['firstContact'] },
    [basis, { nl: 'Termijn: 4 weken, 3 werkdagen bij een crisissignaal (art. 4 Wgs).', en: 'Deadline: 4 weeks, 3 working days for a crisis signal (art. 4 Wgs).' }],
  );
}

function amountsTable(cells: EvaluationCells, d: Dimension, p: PartnerOf): EvaluationTable {
  const dim = d;
  const fields = ['signals', 'withAmount', 'amountSumCents', 'bandUnder300', 'band300To1000', 'band1000To2500', 'band2500Plus', 'crisis', 'repeats'] as const satisfies ReadonlyArray<keyof SignalCell>;
  const m = rollup(cells.signals, (c) => signalKeys(c, dim, p), fields);
  const rows = sorted(m).map(([group, v]) => ({
    group,
    signals: v.signals!,
    withAmount: v.withAmount!,
    meanAmount: mean(v.amountSumCents! / 100, v.withAmount!),
    bandUnder300: v.bandUnder300!,
    band300To1000: v.band300To1000!,
    band1000To2500: v.band1000To2500!,
    band2500Plus: v.band2500Plus!,
    crisis: v.crisis!,
    repeats: v.repeats!,
  }));
  return table(
    'amounts',
    { nl: 'Ernst: hoogte van de achterstanden', en: 'Severity: amounts of the arrears' },
    dim,
    [
      col('signals', 'Signalen', 'Signals', 'count'),
      col('withAmount', 'Met bedrag', 'With amount', 'count'),
      col('meanAmount', 'Gemiddeld bedrag (€)', 'Mean amount (€)', 'amount'),
      col('bandUnder300', '< € 300', '< € 300', 'count'),
      col('band300To1000', '€ 300–1.000', '€ 300–1,000', 'count'),
      col('band1000To2500', '€ 1.000–2.500', '€ 1,000–2,500', 'count'),
      col('band2500Plus', '≥ € 2.500', '≥ € 2,500', 'count'),
      col('crisis', 'Crisissignaal', 'Crisis signal', 'count'),
      col('repeats', 'Herhaalde melding', 'Repeat report', 'count'),
    ],
    rows,
    ['signals', 'withAmount', 'bandUnder300', 'band300To1000', 'band1000To2500', 'band2500Plus', 'crisis', 'repeats'],
    { meanAmount: ['withAmount'] },
  );
}

function householdsTable(cells: EvaluationCells, d: Dimension, p: PartnerOf): EvaluationTable {
  const m = rollup(cells.cases, (c) => caseKeys(c, d, p), CASE_FIELDS);
  const rows = sorted(m).map(([group, v]) => ({
    group,
    cases: v.cases!,
    households1: v.households1!,
    households2: v.households2!,
    households3: v.households3!,
    households4Plus: v.households4Plus!,
    meanSignals: mean(v.signalsInCases!, v.cases!),
    multiple: v.multiple!,
    consecutive: v.consecutive!,
    multipleShare: share(v.multiple!, v.cases!),
    consecutiveShare: share(v.consecutive!, v.cases!),
  }));
  return table(
    'households',
    { nl: 'Signalen per huishouden; meervoudig en opeenvolgend', en: 'Signals per household; multiple and consecutive' },
    d,
    [
      col('cases', 'Huishoudens', 'Households', 'count'),
      col('households1', '1 signaal', '1 signal', 'count'),
      col('households2', '2 signalen', '2 signals', 'count'),
      col('households3', '3 signalen', '3 signals', 'count'),
      col('households4Plus', '4 of meer', '4 or more', 'count'),
      col('meanSignals', 'Gemiddeld signalen', 'Mean signals', 'number'),
      col('multiple', 'Meervoudig', 'Multiple', 'count'),
      col('consecutive', 'Opeenvolgend', 'Consecutive', 'count'),
      col('multipleShare', 'Aandeel meervoudig', 'Share multiple', 'share'),
      col('consecutiveShare', 'Aandeel opeenvolgend', 'Share consecutive', 'share'),
    ],
    rows,
    ['cases', 'households1', 'households2', 'households3', 'households4Plus', 'multiple', 'consecutive'],
    { meanSignals: ['cases'], multipleShare: ['multiple', 'cases'], consecutiveShare: ['consecutive', 'cases'] },
    [{ nl: 'Meervoudig: ≥ 2 signalen op het adres in één kalendermaand (Divosa-monitor). Opeenvolgend: een signaal op het adres in de maanden vóór een matchingsperiode van de zaak.', en: 'Multiple: ≥ 2 signals at the address in one calendar month (Divosa monitor). Consecutive: a signal at the address in the months before a matching period of the case.' }],
  );
}

function overlapTable(cells: EvaluationCells, d: Dimension, p: PartnerOf): EvaluationTable {
  const m = rollup(cells.cases, (c) => caseKeys(c, d, p), CASE_FIELDS);
  const rows = sorted(m).map(([group, v]) => ({
    group,
    cases: v.cases!,
    known: v.known!,
    newHouseholds: v.cases! - v.known!,
    newShare: share(v.cases! - v.known!, v.cases!),
    experimental: v.experimental!,
    experimentalNew: v.experimentalNew!,
    experimentalNewShare: share(v.experimentalNew!, v.experimental!),
  }));
  return table(
    'overlap',
    { nl: 'Overlap: nieuw bereikte huishoudens', en: 'Overlap: newly reached households' },
    d,
    [
      col('cases', 'Huishoudens', 'Households', 'count'),
      col('known', 'Al bekend via standaardsignalen', 'Known via standard signals', 'count'),
      col('newHouseholds', 'Nieuw', 'New', 'count'),
      col('newShare', 'Aandeel nieuw', 'Share new', 'share'),
      col('experimental', 'Met nieuw signaal', 'With new signal', 'count'),
      col('experimentalNew', 'Met nieuw signaal, nieuw', 'With new signal, new', 'count'),
      col('experimentalNewShare', 'Aandeel nieuw (nieuw signaal)', 'Share new (new signal)', 'share'),
    ],
    rows,
    ['cases', 'known', 'newHouseholds', 'experimental', 'experimentalNew'],
    { newShare: ['newHouseholds', 'cases'], experimentalNewShare: ['experimentalNew', 'experimental'] },
    [
      {
        nl: 'Nieuw: geen standaardsignaal (huur, energie, water, zorgverzekering) bij het huishouden in de terugkijkperiode. De kernvraag van art. 1.3: bereikt het signaal nieuwe inwoners?',
        en: 'New: no standard signal (rent, energy, water, health insurance) at the household in the look-back window. The core question of art. 1.3: does the signal reach new residents?',
      },
    ],
  );
}

export const TABLE_KEYS = ['intake', 'refusals', 'funnel', 'timeliness', 'amounts', 'households', 'overlap'] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

/** Every evaluation table, grouped by one dimension, suppressed. */
/** `partnerOf`: a signal type's DDAS signal-partner type, from the rule data (RuleBook.ddasPartnerOf). */
export function buildEvaluationTables(cells: EvaluationCells, d: Dimension, partnerOf: PartnerOf): EvaluationTable[] {
  const p = partnerOf;
  const attemptsKnown = cells.cases.some((c) => c.contactAttempted !== null) || cells.firstContactBasis === 'contact_attempts';
  return [intakeTable(cells, d, p), refusalsTable(cells, d, p), funnelTable(cells, d, p, attemptsKnown), timelinessTable(cells, d, p), amountsTable(cells, d, p), householdsTable(cells, d, p), overlapTable(cells, d, p)];
}
