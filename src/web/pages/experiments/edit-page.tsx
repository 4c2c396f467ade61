import type { ReactNode } from 'react';
import type { ExperimentView } from '../../../app/experiments/experiment-view.ts';
import { OUTCOME_LABELS, PLAN_OUTCOMES, QUESTION_LABELS } from '../../../domain/experiments/analysis-plan.ts';
import { DOCUMENT_KINDS, DOCUMENT_LABELS } from '../../../domain/experiments/documents.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import { Alert, Button, Checkbox, DataList, Fieldset, Form, FormField, Heading, Link, ListItem, Paragraph, Select, Table, Textarea, Textbox, UnorderedList } from '../../components/index.ts';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { EXTRA_ROWS, RESEARCH_QUESTION_ROWS, type FieldErrors, type Form as FormValues } from './edit-forms.ts';
import { formMessages } from './form-messages.ts';
import { experimentMessages } from './messages.ts';

export type EditSection = 'gegevens' | 'deelnemers' | 'groepen' | 'analyseplan' | 'documenten';

export interface EditPageProps {
  view: ExperimentView;
  values: FormValues;
  /** The section whose form was refused: its field errors and any problems not tied to a field. */
  failed?: { section: EditSection; errors: FieldErrors; problems: string[] };
  notice?: string;
}

type T = ReturnType<typeof formMessages>;
const str = (v: FormValues[string]) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

function Section({ id, title, intro, children }: { id: EditSection; title: string; intro: string; children: ReactNode }) {
  return (
    <section className="vs-section" aria-labelledby={`${id}-title`}>
      <Heading level={2} id={`${id}-title`}>
        {title}
      </Heading>
      <Paragraph>{intro}</Paragraph>
      {children}
    </section>
  );
}

/** The edit page: every field of an experiment, in one form per part, each saved with a reason. */
export function EditPage({ view: v, values, failed, notice }: EditPageProps) {
  const { locale } = useWeb();
  const t = formMessages(locale);
  const m = experimentMessages(locale);
  const base = `/experimenten/${v.id}`;
  const err = (section: EditSection, name: string) => (failed?.section === section ? failed.errors[name] : undefined);
  const field = (section: EditSection, name: string, label: string, o: { description?: string; type?: 'text' | 'date' | 'number'; required?: boolean; multiline?: boolean; step?: string } = {}) => {
    const e = err(section, name);
    return (
      <FormField id={name} label={label} description={o.description} error={e}>
        {o.multiline ? (
          <Textarea id={name} name={name} value={str(values[name])} error={e} rows={3} />
        ) : (
          <Textbox id={name} name={name} value={str(values[name])} type={o.type ?? 'text'} required={o.required} error={e} hasDescription={!!o.description} step={o.step} />
        )}
      </FormField>
    );
  };
  const reason = (section: EditSection) => {
    const e = err(section, 'reason');
    return (
      <FormField id={`reason-${section}`} label={t('reason')} description={t('reasonHelp')} error={e}>
        <Textbox id={`reason-${section}`} name="reason" required error={e} hasDescription value={failed?.section === section ? str(values.reason) : ''} />
      </FormField>
    );
  };
  const problems = (section: EditSection) =>
    failed?.section === section ? (
      <Alert type="error" id={`${section}-problems`}>
        <Paragraph>{Object.keys(failed.errors).length ? t('fixErrors') : t('groupProblems')}</Paragraph>
        <UnorderedList>
          {Object.entries(failed.errors).map(([k, m]) => (
            <ListItem key={k}>
              <Link href={`#${k === 'reason' ? `reason-${section}` : k}`}>{m}</Link>
            </ListItem>
          ))}
          {failed.problems.map((p) => (
            <ListItem key={p}>{p}</ListItem>
          ))}
        </UnorderedList>
      </Alert>
    ) : null;
  const participantRows = Math.max(v.participants.length, countRows(values, 'p', 'org', 'name')) + EXTRA_ROWS;
  const armRows = Math.max(v.arms.length, countRows(values, 'a', 'code')) + EXTRA_ROWS;
  const plan = v.analysisPlan;
  const frozen = plan?.frozenAt ?? null;
  return (
    <>
      <Heading level={1}>{t('editTitle', { name: textIn(v.name, locale) })}</Heading>
      <Paragraph>
        <Link href={base}>{t('backToExperiment')}</Link>
      </Paragraph>
      {notice ? <Alert type="ok">{notice}</Alert> : null}

      <Section id="gegevens" title={t('description')} intro={t('descriptionIntro')}>
        {problems('gegevens')}
        <Form action={`${base}/gegevens`} label={t('description')}>
          {field('gegevens', 'nameNl', t('nameNl'), { required: true })}
          {field('gegevens', 'nameEn', t('nameEn'), { description: t('nameEnHelp') })}
          {field('gegevens', 'summary', m('summary'), { multiline: true })}
          {field('gegevens', 'signalType', t('signalType'), { description: t('signalTypeHelp') })}
          {field('gegevens', 'ruleIds', t('ruleIds'), { description: t('ruleIdsHelp') })}
          {Array.from({ length: RESEARCH_QUESTION_ROWS }, (_, i) => (
            <Fieldset key={i} legend={t('researchQuestion', { n: i + 1 })} description={i === 0 ? t('rqHelp') : undefined}>
              {field('gegevens', `rq${i}nl`, t('rqNl'), { multiline: true })}
              {field('gegevens', `rq${i}en`, t('rqEn'), { multiline: true })}
            </Fieldset>
          ))}
          {field('gegevens', 'targetGroup', m('targetGroup'), { multiline: true })}
          {field('gegevens', 'plan80On', m('plan80On'), { type: 'date' })}
          {field('gegevens', 'plannedStart', m('plannedStart'), { type: 'date' })}
          {field('gegevens', 'plannedEnd', m('plannedEnd'), { type: 'date' })}
          {field('gegevens', 'apAdviceOn', m('apAdviceOn'), { type: 'date' })}
          {field('gegevens', 'publishedOn', m('publishedOn'), { type: 'date' })}
          {field('gegevens', 'publicationUrl', t('publicationUrl'))}
          {reason('gegevens')}
          <Button type="submit">{t('save')}</Button>
        </Form>
      </Section>

      <Section id="deelnemers" title={m('participants')} intro={t('participantsIntro')}>
        {problems('deelnemers')}
        <Form action={`${base}/deelnemers`} label={m('participants')}>
          {Array.from({ length: participantRows }, (_, i) => (
            <Fieldset key={i} legend={t('participant', { n: i + 1 })}>
              {field('deelnemers', `p${i}org`, t('organisationId'), { description: t('organisationIdHelp') })}
              {field('deelnemers', `p${i}name`, t('participantName'), { description: t('participantNameHelp') })}
              <FormField id={`p${i}role`} label={t('role')} error={err('deelnemers', `p${i}role`)}>
                <Select
                  id={`p${i}role`}
                  name={`p${i}role`}
                  value={str(values[`p${i}role`]) || 'municipality'}
                  error={err('deelnemers', `p${i}role`)}
                  options={[
                    { value: 'municipality', label: t('roleMunicipality') },
                    { value: 'creditor', label: t('roleCreditor') },
                    { value: 'processor', label: t('roleProcessor') },
                    { value: 'other', label: t('roleOther') },
                  ]}
                />
              </FormField>
              {field('deelnemers', `p${i}code`, t('municipalityCode'))}
              <FormField id={`p${i}contacts`} label={t('contacts')} description={t('contactsHelp')}>
                <Textarea id={`p${i}contacts`} name={`p${i}contacts`} value={str(values[`p${i}contacts`])} rows={3} />
              </FormField>
            </Fieldset>
          ))}
          {reason('deelnemers')}
          <Button type="submit">{t('save')}</Button>
        </Form>
      </Section>

      <Section id="groepen" title={t('armsTitle')} intro={t('armsIntro')}>
        {problems('groepen')}
        <Form action={`${base}/groepen`} label={t('armsTitle')}>
          <FormField id="method" label={t('method')}>
            <Select id="method" name="method" value={str(values.method) || 'none'} options={(['none', 'random', 'stratified', 'by_municipality'] as const).map((m) => ({ value: m, label: t(`method_${m}`) }))} />
          </FormField>
          {field('groepen', 'seed', t('seed'), { description: t('seedHelp') })}
          {Array.from({ length: armRows }, (_, i) => (
            <Fieldset key={i} legend={t('arm', { n: i + 1 })}>
              {field('groepen', `a${i}code`, t('armCode'))}
              {field('groepen', `a${i}nameNl`, t('armNameNl'))}
              {field('groepen', `a${i}nameEn`, t('armNameEn'))}
              <FormField id={`a${i}combine`} label={t('armCombine')} kind="checkbox">
                <Checkbox id={`a${i}combine`} name={`a${i}combine`} checked={str(values[`a${i}combine`]) === 'on'} />
              </FormField>
              <FormField id={`a${i}consent`} label={t('armConsent')}>
                <Select
                  id={`a${i}consent`}
                  name={`a${i}consent`}
                  value={str(values[`a${i}consent`])}
                  options={[
                    { value: '', label: t('consentNotVaried') },
                    { value: 'without', label: t('consentWithout') },
                    { value: 'with', label: t('consentWith') },
                  ]}
                />
              </FormField>
              {field('groepen', `a${i}weight`, t('armWeight'), { type: 'number' })}
              {field('groepen', `a${i}municipalities`, t('armMunicipalities'))}
            </Fieldset>
          ))}
          {reason('groepen')}
          <Button type="submit">{t('save')}</Button>
        </Form>
      </Section>

      <Section id="analyseplan" title={t('planTitle')} intro={t('planIntro')}>
        {problems('analyseplan')}
        {plan ? (
          <>
            {frozen ? <Alert type="info">{t('planFrozen', { date: formatDateTime(locale, frozen) })}</Alert> : null}
            <DataList
              items={[
                { key: t('primaryOutcome'), value: textIn(OUTCOME_LABELS[plan.plan.primaryOutcome], locale) },
                { key: t('secondaryOutcomes'), value: plan.plan.secondaryOutcomes.map((o) => textIn(OUTCOME_LABELS[o], locale)).join(', ') || '—' },
                { key: t('comparisons'), value: plan.plan.comparisons.map((c) => t('comparisonLine', { question: textIn(QUESTION_LABELS[c.question], locale), arm: c.arm, reference: c.reference })).join(' · ') },
                { key: t('inflow'), value: `${formatNumber(locale, plan.plan.inflowPerMonth)} (${t(`source_${plan.plan.inflowSource}`)})` },
                { key: t('needed'), value: formatNumber(locale, plan.plan.neededPerArm) },
                { key: t('expected', { months: plan.plan.months }), value: formatNumber(locale, plan.plan.expectedPerArm) },
              ]}
            />
            <Alert type={plan.plan.powered ? 'ok' : 'warning'}>{plan.plan.powered ? t('powered') : t('underpowered')}</Alert>
            <Paragraph>{t('planRecorded', { by: plan.recordedBy, at: formatDateTime(locale, plan.recordedAt) })}</Paragraph>
          </>
        ) : (
          <Paragraph>{t('planNone')}</Paragraph>
        )}
        {frozen ? null : (
          <Form action={`${base}/analyseplan`} label={t('planTitle')}>
            <FormField id="primaryOutcome" label={t('primaryOutcome')} error={err('analyseplan', 'primaryOutcome')}>
              <Select
                id="primaryOutcome"
                name="primaryOutcome"
                value={str(values.primaryOutcome)}
                error={err('analyseplan', 'primaryOutcome')}
                options={[{ value: '', label: '—' }, ...PLAN_OUTCOMES.map((o) => ({ value: o, label: textIn(OUTCOME_LABELS[o], locale) }))]}
              />
            </FormField>
            <Fieldset legend={t('secondaryOutcomes')}>
              {PLAN_OUTCOMES.map((o) => (
                <FormField key={o} id={`secondary-${o}`} label={textIn(OUTCOME_LABELS[o], locale)} kind="checkbox">
                  <Checkbox id={`secondary-${o}`} name="secondaryOutcomes" value={o} checked={([] as string[]).concat(values.secondaryOutcomes ?? []).includes(o)} />
                </FormField>
              ))}
            </Fieldset>
            {field('analyseplan', 'baselinePct', t('baselinePct'), { description: t('baselineHelp'), type: 'number', step: 'any' })}
            {field('analyseplan', 'minimalEffectPts', t('minimalEffectPts'), { type: 'number', step: 'any' })}
            {field('analyseplan', 'inflowPerMonth', t('inflowPerMonth'), { description: t('inflowHelp'), type: 'number', step: 'any' })}
            {err('analyseplan', 'arms') ? <Alert type="error">{err('analyseplan', 'arms')}</Alert> : null}
            {err('analyseplan', 'dates') ? <Alert type="error">{err('analyseplan', 'dates')}</Alert> : null}
            {reason('analyseplan')}
            <Button type="submit">{t('recordPlan')}</Button>
          </Form>
        )}
      </Section>

      <Section id="documenten" title={t('documentsTitle')} intro={t('documentsIntro')}>
        {problems('documenten')}
        <Table
          caption={t('documentsTitle')}
          rows={v.documents}
          rowKey={(d) => d.id}
          empty={t('documentsNone')}
          columns={[
            { key: 'kind', header: t('documentKind'), cell: (d) => textIn(DOCUMENT_LABELS[d.kind], locale) },
            { key: 'file', header: t('document'), cell: (d) => <Link href={`${base}/documenten/${d.id}`}>{`${t('download')}: ${d.fileName}`}</Link> },
            { key: 'size', header: t('size'), numeric: true, cell: (d) => `${formatNumber(locale, Math.ceil(d.sizeBytes / 1024))} kB` },
            { key: 'by', header: t('uploadedBy'), cell: (d) => `${d.uploadedBy}, ${formatDate(locale, d.uploadedAt.slice(0, 10))}` },
            { key: 'hash', header: 'SHA-256', cell: (d) => <code>{d.sha256.slice(0, 16)}…</code> },
          ]}
        />
        <UploadForm action={`${base}/documenten`} t={t} kindError={err('documenten', 'kind')} fileError={err('documenten', 'file')} reasonField={reason('documenten')} />
      </Section>
    </>
  );
}

function countRows(values: FormValues, prefix: string, ...keys: string[]): number {
  let n = 0;
  for (const k of Object.keys(values)) {
    const m = new RegExp(`^${prefix}(\\d+)(${keys.join('|')})$`).exec(k);
    if (m && str(values[k])) n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
}

function UploadForm({ action, t, kindError, fileError, reasonField }: { action: string; t: T; kindError: string | undefined; fileError: string | undefined; reasonField: ReactNode }) {
  const { locale, csrfToken } = useWeb();
  return (
    <form className="utrecht-form" action={action} method="post" encType="multipart/form-data" aria-label={t('documentsTitle')}>
      <input type="hidden" name="_csrf" value={csrfToken} />
      <FormField id="kind" label={t('documentKind')} error={kindError}>
        <Select id="kind" name="kind" error={kindError} options={DOCUMENT_KINDS.map((k) => ({ value: k, label: textIn(DOCUMENT_LABELS[k], locale) }))} />
      </FormField>
      <FormField id="file" label={t('file')} error={fileError}>
        <input
          className={`utrecht-textbox utrecht-textbox--html-input${fileError ? ' utrecht-textbox--invalid' : ''}`}
          type="file"
          id="file"
          name="file"
          accept=".pdf,.odt,.docx,application/pdf,application/vnd.oasis.opendocument.text,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          required
          aria-invalid={fileError ? 'true' : undefined}
          aria-describedby={fileError ? 'file-error' : undefined}
        />
      </FormField>
      {reasonField}
      <Button type="submit">{t('upload')}</Button>
    </form>
  );
}
