import type { WhatIfView } from '../../../app/capacity/what-if-capacity.ts';
import type { WhatIfRow } from '../../../domain/capacity/what-if.ts';
import { Button, Checkbox, Fieldset, Form, FormField, Heading, Link, ListItem, Paragraph, ProblemsAlert, Select, Table, Textbox, UnorderedList } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { whatIfMessages } from './messages.ts';
import { WhatIfChart } from './what-if-chart.tsx';
import { scenarioLabel, selectionText, whatIfColumns, whatIfNotes } from './what-if-columns.ts';
import { textIn } from '../../../domain/i18n/index.ts';

export interface WhatIfFormValues {
  signal: string[];
  add: string[];
  experiment: string;
  municipality: string[];
  minAmount: string;
  compareMinAmount: string;
  minAge: string;
  compareMinAge: string;
  months: string;
}

export interface WhatIfPageProps {
  form: WhatIfFormValues;
  choices: { signalTypes: string[]; experiments: WhatIfView['experiments']; municipalities: WhatIfView['municipalities']; ownMunicipality: string | null };
  view: WhatIfView | null;
  problems: string[];
  /** A signal type's name from the rule book in the page's language (the form still submits the code). */
  typeName: (type: string) => string;
}

function Checkboxes({ name, legend, options, checked }: { name: string; legend: string; options: Array<{ value: string; label: string }>; checked: string[] }) {
  return (
    <Fieldset legend={legend}>
      {options.map((o) => (
        <FormField key={o.value} id={`${name}-${o.value}`} label={o.label} kind="checkbox">
          <Checkbox id={`${name}-${o.value}`} name={name} value={o.value} checked={checked.includes(o.value)} />
        </FormField>
      ))}
    </Fieldset>
  );
}

/** The capacity what-if: a GET form (the question is in the URL, so a result can be shared), a chart and the table. */
export function WhatIfPage({ form, choices, view, problems, typeName }: WhatIfPageProps) {
  const { locale } = useWeb();
  const t = whatIfMessages(locale);
  const types = choices.signalTypes.map((s) => ({ value: s, label: typeName(s) }));
  return (
    <>
      <Heading level={1}>{t('title')}</Heading>
      <Paragraph>{t('intro')}</Paragraph>
      <ProblemsAlert lead={`${t('badInput')}:`} problems={problems} />
      <section className="vs-section" aria-labelledby="vraag">
        <Heading level={2} id="vraag">
          {t('question')}
        </Heading>
        <Form action="/wat-als" method="get" label={t('question')}>
          <div className="vs-columns">
            <Checkboxes name="signal" legend={t('signalTypes')} options={types} checked={form.signal} />
            <Checkboxes name="add" legend={t('addSignalTypes')} options={types} checked={form.add} />
            <div>
              <FormField id="experiment" label={t('experiment')}>
                <Select id="experiment" name="experiment" value={form.experiment} options={[{ value: '', label: t('anyExperiment') }, ...choices.experiments.map((e) => ({ value: e.id, label: `${textIn(e.name, locale)} (${typeName(e.signalType)})` }))]} />
              </FormField>
              <FormField id="minAmount" label={t('currentMinAmount')}>
                <Textbox id="minAmount" name="minAmount" value={form.minAmount} inputMode="decimal" size={8} />
              </FormField>
              <FormField id="compareMinAmount" label={t('proposedMinAmount')}>
                <Textbox id="compareMinAmount" name="compareMinAmount" value={form.compareMinAmount} inputMode="decimal" size={8} />
              </FormField>
              <FormField id="minAge" label={t('currentMinAge')}>
                <Textbox id="minAge" name="minAge" value={form.minAge} inputMode="numeric" size={4} />
              </FormField>
              <FormField id="compareMinAge" label={t('proposedMinAge')}>
                <Textbox id="compareMinAge" name="compareMinAge" value={form.compareMinAge} inputMode="numeric" size={4} />
              </FormField>
              <FormField id="months" label={t('months')}>
                <Textbox id="months" name="months" value={form.months} inputMode="numeric" size={4} />
              </FormField>
            </div>
            {choices.ownMunicipality === null ? (
              <Fieldset legend={t('municipalities')} description={t('municipalitiesHelp')}>
                {choices.municipalities.map((m) => (
                  <FormField key={m.code} id={`municipality-${m.code}`} label={`${m.name} (${m.code})`} kind="checkbox">
                    <Checkbox id={`municipality-${m.code}`} name="municipality" value={m.code} checked={form.municipality.includes(m.code)} />
                  </FormField>
                ))}
              </Fieldset>
            ) : null}
          </div>
          <Button type="submit">{t('submit')}</Button>
        </Form>
      </section>
      {view ? (
        <section className="vs-section" aria-labelledby="uitkomst">
          <Heading level={2} id="uitkomst">
            {t('result')}
          </Heading>
          <UnorderedList>
            {view.question.signalTypes.length > 0
              ? [
                  { key: 'huidig', types: view.question.signalTypes, selection: view.question.current },
                  { key: 'voorstel', types: [...new Set([...view.question.signalTypes, ...(view.question.addSignalTypes ?? [])])], selection: { ...view.question.current, ...view.question.proposed } },
                ].map((s) => <ListItem key={s.key}>{t('scenarioLine', { label: scenarioLabel(locale, s.key), types: s.types.map(typeName).join(', '), selection: selectionText(locale, s.selection) })}</ListItem>)
              : null}
          </UnorderedList>
          <WhatIfChart result={view.result} locale={locale} />
          <Table<WhatIfRow>
            caption={t('tableCaption', { from: view.forecast.months[0] ?? '', to: view.forecast.months[view.forecast.months.length - 1] ?? '' })}
            rows={view.result.rows}
            rowKey={(r) => r.municipalityCode}
            columns={whatIfColumns(locale, view.result).map((c) => ({ key: c.key, header: c.header, numeric: c.numeric, cell: (r) => c.value(r) }))}
          />
          <UnorderedList>
            {whatIfNotes(locale, view.result, typeName).map((n) => (
              <ListItem key={n}>{n}</ListItem>
            ))}
          </UnorderedList>
          {view.result.seeds.length > 1 ? <Paragraph>{t('uncertainty', { runs: view.result.seeds.length, seeds: view.result.seeds.join(', ') })}</Paragraph> : null}
          <Paragraph>
            {t('calibrationStatus', { within: view.calibration.withinOnEverySeed, figures: view.calibration.figures, band: view.calibration.band * 100, seeds: view.calibration.seeds.join(', ') })}{' '}
            <Link href="/wat-als/kalibratie">{t('calibrationLink')}</Link>
          </Paragraph>
          <Paragraph small>{t('source', { seed: view.result.seeds.join(', '), scale: view.forecast.scale, capacity: t('sourceExperiments') })}</Paragraph>
        </section>
      ) : null}
    </>
  );
}
