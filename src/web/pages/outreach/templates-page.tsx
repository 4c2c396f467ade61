import { CHANNELS, LANGUAGES, type Channel, type ComposedText, type Language, type Template } from '../../../domain/outreach/templates.ts';
import { Alert, Button, Form, FormField, Heading, Link, Paragraph, Textarea, Textbox } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { MessagePreview } from './message-page.tsx';
import { outreachMessages } from './messages.ts';

const MERGE_FIELD_LIST = ['naam', 'adres', 'gemeente', 'datum', 'contactpersoon', 'telefoon'];

/** The template editor for one channel and language: the text, the merge fields, preview and save. */
export function TemplatesPage({
  template,
  own,
  preview,
  errors,
  notice,
}: {
  template: Template;
  own: boolean;
  preview?: ComposedText | undefined;
  errors: Record<string, string>;
  notice?: string | undefined;
}) {
  const { locale } = useWeb();
  const t = outreachMessages(locale);
  const here = (c: Channel, l: Language) => `/instellingen/berichten?kanaal=${c}&taal=${l}`;
  const { channel, language } = template;
  return (
    <>
      <Heading level={1}>{t('templatesTitle')}</Heading>
      <Paragraph>{t('templatesIntro')}</Paragraph>
      <nav aria-label={t('templatesTitle')}>
        <ul>
          {CHANNELS.flatMap((c) =>
            LANGUAGES.map((l) => (
              <li key={`${c}-${l}`}>
                {c === channel && l === language ? (
                  <strong aria-current="page">
                    {t(`ch_${c}`)} – {t(`lang_${l}`)}
                  </strong>
                ) : (
                  <Link href={here(c, l)}>
                    {t(`ch_${c}`)} – {t(`lang_${l}`)}
                  </Link>
                )}
              </li>
            )),
          )}
        </ul>
      </nav>
      <Heading level={2}>
        {t(`ch_${channel}`)} – {t(`lang_${language}`)}
      </Heading>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      {Object.keys(errors).length ? <Alert type="error">{t('errors')}</Alert> : null}
      <Paragraph>{own ? t('own') : t('standard')}</Paragraph>
      <Paragraph>{t('mergeFields', { fields: MERGE_FIELD_LIST.map((f) => `{{${f}}}`).join(', '), example: '{{naam}}' })}</Paragraph>
      <Form action="/instellingen/berichten" label={t('templatesTitle')} id="template-form">
        <input type="hidden" name="kanaal" value={channel} />
        <input type="hidden" name="taal" value={language} />
        {channel !== 'sms' ? (
          <FormField id="subject" label={t('subject')} error={errors.subject}>
            <Textbox id="subject" name="subject" value={template.subject} error={errors.subject} />
          </FormField>
        ) : null}
        <FormField id="body" label={t('body')} error={errors.body}>
          <Textarea id="body" name="body" value={template.body} rows={channel === 'sms' ? 4 : 14} error={errors.body} />
        </FormField>
        <FormField id="contactPerson" label={t('contactPerson')} error={errors.contactPerson}>
          <Textbox id="contactPerson" name="contactPerson" value={template.contactPerson} error={errors.contactPerson} />
        </FormField>
        <FormField id="contactPhone" label={t('contactPhone')} error={errors.contactPhone}>
          <Textbox id="contactPhone" name="contactPhone" value={template.contactPhone} error={errors.contactPhone} />
        </FormField>
        <Button name="actie" value="opslaan">
          {t('save')}
        </Button>{' '}
        <Button name="actie" value="voorbeeld" appearance="secondary-action">
          {t('showPreview')}
        </Button>
      </Form>
      {preview ? (
        <>
          <Paragraph>{t('previewNote')}</Paragraph>
          <MessagePreview t={t} subject={channel === 'sms' ? '' : preview.subject} body={preview.body} headingId="template-preview" />
        </>
      ) : null}
    </>
  );
}
