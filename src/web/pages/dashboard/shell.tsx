import type { ReactNode } from 'react';
import type { LocalizedText } from '../../../domain/rules/judgement.ts';
import { SIGNAL_PARTNER_TYPES } from '../../../domain/ddas/vocabulary.ts';
import { Alert, Button, Form, FormField, Heading, ListItem, Paragraph, Select, Textbox, UnorderedList, type SelectOption } from '../../components/index.ts';
import { formatDate } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { dashboardMessages } from './messages.ts';
import { searchOf, type DashboardForm } from './query.ts';
import { textIn } from '../../../domain/i18n/index.ts';

export type Tab = 'overview' | 'arms' | 'costs';
const TAB_PATHS: Record<Tab, string> = { overview: '/dashboard', arms: '/dashboard/groepen', costs: '/dashboard/kosten' };
const TAB_LABEL = { overview: 'tabOverview', arms: 'tabArms', costs: 'tabCosts' } as const;

/** What every part of the dashboard shows above its figures: the selection and its choices. */
export interface DashboardFrame {
  form: DashboardForm;
  experiments: Array<{ id: string; name: LocalizedText }>;
  /** The municipalities to choose from; null for a municipality's own staff (their own only). */
  municipalities: SelectOption[] | null;
  ownMunicipality: string | null;
  problems: string[];
}

function FilterForm({ tab, frame, references }: { tab: Tab; frame: DashboardFrame; references?: SelectOption[] | undefined }) {
  const { locale } = useWeb();
  const t = dashboardMessages(locale);
  const f = frame.form;
  const dims = [
    { value: 'month', label: t('dimMonth') },
    { value: 'total', label: t('dimTotal') },
    { value: 'municipality', label: t('dimMunicipality') },
    { value: 'creditorType', label: t('dimCreditorType') },
    { value: 'arm', label: t('dimArm') },
    { value: 'district', label: t('dimDistrict') },
    { value: 'queue', label: t('dimQueue') },
  ];
  return (
    <Form action={TAB_PATHS[tab]} method="get" label={t('selection')}>
      <div className="vs-filters">
        <FormField id="experiment" label={t('experiment')}>
          <Select id="experiment" name="experiment" value={f.experiment} options={[{ value: '', label: t('allExperiments') }, ...frame.experiments.map((e) => ({ value: e.id, label: textIn(e.name, locale) }))]} />
        </FormField>
        {frame.municipalities ? (
          <FormField id="municipality" label={t('municipality')}>
            <Select id="municipality" name="municipality" value={f.municipality} options={[{ value: '', label: t('allMunicipalities') }, ...frame.municipalities]} />
          </FormField>
        ) : null}
        <FormField id="creditorType" label={t('creditorType')}>
          <Select id="creditorType" name="creditorType" value={f.creditorType} options={[{ value: '', label: t('allCreditorTypes') }, ...SIGNAL_PARTNER_TYPES.map((c) => ({ value: c, label: c }))]} />
        </FormField>
        <FormField id="from" label={t('from')}>
          <Textbox id="from" name="from" type="date" value={f.from} />
        </FormField>
        <FormField id="to" label={t('to')}>
          <Textbox id="to" name="to" type="date" value={f.to} />
        </FormField>
        {tab === 'overview' ? (
          <FormField id="groupBy" label={t('groupBy')}>
            <Select id="groupBy" name="groupBy" value={f.groupBy} options={dims} />
          </FormField>
        ) : f.groupBy ? (
          <input type="hidden" name="groupBy" value={f.groupBy} />
        ) : null}
        {tab === 'arms' && references && references.length > 0 ? (
          <FormField id="reference" label={t('reference')}>
            <Select id="reference" name="reference" value={f.reference} options={[{ value: '', label: t('firstArm') }, ...references]} />
          </FormField>
        ) : f.reference ? (
          <input type="hidden" name="reference" value={f.reference} />
        ) : null}
        <Button type="submit">{t('apply')}</Button>
      </div>
    </Form>
  );
}

/**
 * The frame of every dashboard part: the one h1, the parts as tabs (links that keep the
 * selection), the selection form (GET: a selection can be bookmarked and shared), the privacy note
 * and what was wrong with the selection, if anything.
 */
export function DashboardShell({ tab, frame, references, children }: { tab: Tab; frame: DashboardFrame; references?: SelectOption[]; children: ReactNode }) {
  const { locale } = useWeb();
  const t = dashboardMessages(locale);
  const f = frame.form;
  const scope = frame.ownMunicipality ?? (f.municipality ? (frame.municipalities?.find((m) => m.value === f.municipality)?.label ?? f.municipality) : t('scopeAll'));
  return (
    <>
      <Heading level={1}>{t('title')}</Heading>
      <Paragraph>{t('intro')}</Paragraph>
      <Paragraph>
        <a className="utrecht-link utrecht-link--html-a" href="/dashboard/begrippen">
          {t('glossaryLink')}
        </a>
      </Paragraph>
      <nav className="vs-tabs" aria-label={t('tabs')}>
        <ul>
          {(Object.keys(TAB_PATHS) as Tab[]).map((k) => (
            <li key={k}>
              <a className="utrecht-link utrecht-link--html-a" href={`${TAB_PATHS[k]}${searchOf(f)}`} aria-current={k === tab ? 'page' : undefined}>
                {t(TAB_LABEL[k])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {frame.ownMunicipality ? <Paragraph>{t('ownMunicipality', { name: frame.ownMunicipality })}</Paragraph> : null}
      <FilterForm tab={tab} frame={frame} references={references} />
      {frame.problems.length > 0 ? (
        <Alert type="error">
          <Paragraph>{t('badInput')}:</Paragraph>
          <UnorderedList>
            {frame.problems.map((p) => (
              <ListItem key={p}>{p}</ListItem>
            ))}
          </UnorderedList>
        </Alert>
      ) : (
        <>
          <Paragraph small>{t('scopeLine', { from: formatDate(locale, f.from), to: formatDate(locale, f.to), scope })}</Paragraph>
          <Paragraph small>{t('privacy')}</Paragraph>
          {children}
        </>
      )}
    </>
  );
}
