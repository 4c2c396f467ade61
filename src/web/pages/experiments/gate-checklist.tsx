import type { GateProblem } from '../../../domain/experiments/gate.ts';
import { GROUND_RULES } from '../../../domain/experiments/ground-rules.ts';
import { STAGE_LABELS, type Stage } from '../../../domain/experiments/stages.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import { Heading, Link, ListItem, Paragraph, UnorderedList } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { formMessages } from './form-messages.ts';

/** Where each gate problem is put right: a field of the edit page, or the ground-rule checklist on this page. */
const FIX: Record<string, string> = {
  SIGNAL_TYPE_MISSING: 'bewerken#signalType',
  RESEARCH_QUESTION_MISSING: 'bewerken#rq0nl',
  NO_MUNICIPALITY: 'bewerken#deelnemers-title',
  NO_CREDITOR: 'bewerken#deelnemers-title',
  DESIGNATION_MISSING: 'bewerken#ruleIds',
  DESIGNATION_OTHER_SIGNAL: 'bewerken#ruleIds',
  AP_ADVICE_MISSING: 'bewerken#apAdviceOn',
  PUBLICATION_MISSING: 'bewerken#publishedOn',
  ASSIGNMENT_UNDEFINED: 'bewerken#groepen-title',
  ANALYSIS_PLAN_MISSING: 'bewerken#analyseplan-title',
  AP_ADVICE_DOCUMENT_MISSING: 'bewerken#documenten-title',
  PUBLICATION_DOCUMENT_MISSING: 'bewerken#documenten-title',
};

/** The stage gate's checklist: per next stage what is still missing, each item a link to where it is filled in. */
export function GateChecklist({ base, checklist }: { base: string; checklist: Array<{ to: Stage; problems: GateProblem[] }> }) {
  const { locale } = useWeb();
  const t = formMessages(locale);
  if (checklist.length === 0) return null;
  return (
    <div className="vs-gate-checklist" id="checklist">
      <Heading level={3}>{t('checklistTitle')}</Heading>
      {checklist.map((c) => {
        const stage = textIn(STAGE_LABELS[c.to], locale);
        const items = c.problems.filter((p) => p.code !== 'REASON_REQUIRED');
        return items.length === 0 ? (
          <Paragraph key={c.to}>{t('checklistReady', { stage })}</Paragraph>
        ) : (
          <div key={c.to}>
            <Paragraph>{t('checklistMissing', { stage })}</Paragraph>
            <UnorderedList>
              {items.flatMap((p) =>
                p.code === 'GROUND_RULES_UNMET' && p.groundRules
                  ? p.groundRules.map((g) => (
                      <ListItem key={`${p.code}-${g}`}>
                        <Link href={g === 'max_duration_5_years' ? `${base}/bewerken#plannedEnd` : `#met-${g}`}>{groundRuleLabel(g, locale)}</Link>
                      </ListItem>
                    ))
                  : [
                      <ListItem key={p.code}>
                        {FIX[p.code] ? <Link href={`${base}/${FIX[p.code]}`}>{textIn(p.message, locale)}</Link> : textIn(p.message, locale)}
                      </ListItem>,
                    ],
              )}
            </UnorderedList>
          </div>
        );
      })}
    </div>
  );
}

function groundRuleLabel(code: string, locale: 'nl' | 'en'): string {
  const rule = GROUND_RULES.find((g) => g.code === code);
  return `${locale === 'nl' ? 'Randvoorwaarde niet voldaan' : 'Ground rule not met'}: ${rule ? textIn(rule.label, locale) : code}`;
}
