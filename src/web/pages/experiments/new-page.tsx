import { STAGE_LABELS } from '../../../domain/experiments/stages.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import { Alert, Button, Form, FormField, Heading, Link, ListItem, Paragraph, RadioGroup, Textarea, Textbox, UnorderedList } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import type { FieldErrors, Form as FormValues } from './edit-forms.ts';
import { formMessages } from './form-messages.ts';
import { experimentMessages } from './messages.ts';

const str = (v: FormValues[string]) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** Registers a new experiment: its id and title; everything else on the edit page after. */
export function NewPage({ values = {}, errors = {}, problems = [] }: { values?: FormValues; errors?: FieldErrors; problems?: string[] }) {
  const { locale } = useWeb();
  const t = formMessages(locale);
  const m = experimentMessages(locale);
  const all = Object.entries(errors);
  return (
    <>
      <Heading level={1}>{t('newTitle')}</Heading>
      <Paragraph lead>{t('newIntro')}</Paragraph>
      {all.length || problems.length ? (
        <Alert type="error" id="new-problems">
          <Paragraph>{t('fixErrors')}</Paragraph>
          <UnorderedList>
            {all.map(([k, msg]) => (
              <ListItem key={k}>
                <Link href={`#${k}`}>{msg}</Link>
              </ListItem>
            ))}
            {problems.map((p) => (
              <ListItem key={p}>{p}</ListItem>
            ))}
          </UnorderedList>
        </Alert>
      ) : null}
      <Form action="/experimenten/nieuw" label={t('newTitle')}>
        <FormField id="id" label={t('id')} description={t('idHelp')} error={errors.id}>
          <Textbox id="id" name="id" value={str(values.id)} required hasDescription error={errors.id} autoComplete="off" />
        </FormField>
        <FormField id="nameNl" label={t('nameNl')} error={errors.nameNl}>
          <Textbox id="nameNl" name="nameNl" value={str(values.nameNl)} required error={errors.nameNl} />
        </FormField>
        <FormField id="nameEn" label={t('nameEn')} description={t('nameEnHelp')}>
          <Textbox id="nameEn" name="nameEn" value={str(values.nameEn)} hasDescription />
        </FormField>
        <FormField id="summary" label={m('summary')}>
          <Textarea id="summary" name="summary" value={str(values.summary)} rows={3} />
        </FormField>
        <RadioGroup
          name="stage"
          legend={t('startAs')}
          value={str(values.stage) || 'initiative'}
          options={[
            { value: 'initiative', label: textIn(STAGE_LABELS.initiative, locale) },
            { value: 'idea', label: textIn(STAGE_LABELS.idea, locale) },
          ]}
        />
        <FormField id="reason" label={t('reason')} description={t('reasonHelp')} error={errors.reason}>
          <Textbox id="reason" name="reason" value={str(values.reason)} required hasDescription error={errors.reason} />
        </FormField>
        <Button type="submit">{t('create')}</Button>
      </Form>
    </>
  );
}
