import { addMonths } from '../matching/dates.ts';
import type { LocalizedText } from '../rules/judgement.ts';

/** TR art. 1.3: the joint report to the Minister is due within three years of entry into force. */
const REPORT_DUE_YEARS = 3;
/** From this many days before the due date the register and the report warn. */
const DUE_SOON_DAYS = 180;

export interface ReportDue {
  inForceFrom: string;
  due: string;
  daysLeft: number;
  status: 'on-track' | 'due-soon' | 'overdue';
  warning: LocalizedText | null;
}

const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The due date of the art. 1.3 report and how close it is, as of `today`. */
export function reportDue(inForceFrom: string, today: string): ReportDue {
  // "binnen drie jaar na inwerkingtreding": the last day is the day before the third anniversary.
  const anniversary = addMonths(inForceFrom, REPORT_DUE_YEARS * 12);
  const due = new Date(Date.parse(`${anniversary}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const daysLeft = days(today, due);
  if (daysLeft < 0)
    return { inForceFrom, due, daysLeft, status: 'overdue', warning: { nl: `Het rapport aan de Minister was uiterlijk ${due} verschuldigd (${-daysLeft} dagen geleden).`, en: `The report to the Minister was due by ${due} (${-daysLeft} days ago).` } };
  if (daysLeft <= DUE_SOON_DAYS)
    return { inForceFrom, due, daysLeft, status: 'due-soon', warning: { nl: `Het rapport aan de Minister moet uiterlijk ${due} klaar zijn: nog ${daysLeft} dagen.`, en: `The report to the Minister is due by ${due}: ${daysLeft} days left.` } };
  return { inForceFrom, due, daysLeft, status: 'on-track', warning: null };
}
