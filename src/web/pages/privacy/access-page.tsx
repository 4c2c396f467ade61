import type { AccessRequestAnswer } from '../../../app/privacy/answer-access-request.ts';
import { maskBsn } from '../../../domain/privacy/access-answer.ts';
import type { AccessSignal } from '../../../domain/privacy/access-document.ts';
import { Alert, Button, ButtonLink, Form, FormField, Heading, Link, Paragraph, Select, Table } from '../../components/index.ts';
import { formatDateTime } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { AnswerView } from './answer-view.tsx';
import { counted, privacyMessages } from './messages.ts';
import { SubjectFields, SubjectHidden } from './subject-fields.tsx';
import type { SubjectForm } from './subject-form.ts';

export type AccessResult = AccessRequestAnswer;

/** /privacy/inzage: the search form, and after a search what the municipality holds and the answer to the resident. */
export function AccessPage({ form, errors, result }: { form: SubjectForm; errors: Partial<Record<keyof SubjectForm, string>>; result?: AccessResult | undefined }) {
  const { locale } = useWeb();
  const t = privacyMessages(locale);
  if (!result)
    return (
      <>
        <Heading level={1}>{t('accessTitle')}</Heading>
        <Paragraph>{t('accessIntro')}</Paragraph>
        <Form action="/privacy/inzage" label={t('accessTitle')}>
          <SubjectFields form={form} errors={errors} />
          <Button>{t('search')}</Button>
        </Form>
      </>
    );
  const { doc, answer, organisationNames, signalTypeNames } = result;
  const address = [form.postcode, form.huisnummer, form.toevoeging].filter(Boolean).join(' ');
  const attempts = (doc.records.contact_attempts ?? []).length;
  return (
    <>
      <Heading level={1}>{t('accessTitle')}</Heading>
      <Alert type="info">
        <Paragraph>{form.zoekop === 'bsn' ? t('foundBsn', { bsn: maskBsn(form.bsn) }) : t('foundAddress', { address })}</Paragraph>
        <Paragraph>{t('summary', { s: counted(t, 'signals', doc.signals.length), c: counted(t, 'cases', doc.cases.length), a: counted(t, 'attempts', attempts), o: counted(t, 'objections', doc.objections.length), p: counted(t, 'records', doc.processing.length) })}</Paragraph>
      </Alert>
      {doc.signals.length === 0 && doc.cases.length === 0 ? <Paragraph>{t('nothing')}</Paragraph> : null}
      <Heading level={2}>{t('holds')}</Heading>
      <Table<AccessSignal>
        caption={t('signalsCaption')}
        rows={doc.signals}
        rowKey={(s) => s.id}
        columns={[
          { key: 'id', header: t('colSignal'), cell: (s) => s.id },
          { key: 'sender', header: t('colSender'), cell: (s) => organisationNames.get(s.sender) ?? s.sender },
          { key: 'type', header: t('colType'), cell: (s) => signalTypeNames.get(s.signalType) ?? s.signalType },
          { key: 'received', header: t('colReceived'), cell: (s) => formatDateTime(locale, s.receivedAt) },
          { key: 'status', header: t('colStatus'), cell: (s) => s.status },
          { key: 'case', header: t('colCase'), cell: (s) => s.caseId ?? '—' },
          {
            key: 'correct',
            header: t('colCorrect'),
            cell: (s) => <Link href={`/privacy/correctie?signaal=${encodeURIComponent(s.id)}`}>{t('correctSignal', { id: s.id })}</Link>,
          },
        ]}
      />
      <Heading level={2}>{t('download')}</Heading>
      <Paragraph>{t('downloadIntro')}</Paragraph>
      <Form action="/privacy/inzage/antwoord.pdf" label={t('download')}>
        <SubjectHidden form={form} />
        <FormField id="taal" label={t('answerLanguage')}>
          <Select
            id="taal"
            name="taal"
            value={answer.lang}
            options={[
              { value: 'nl', label: t('lang_nl') },
              { value: 'en', label: t('lang_en') },
            ]}
          />
        </FormField>
        <Button>{t('downloadPdf')}</Button>
      </Form>
      <AnswerView answer={answer} />
      <Paragraph>
        <ButtonLink href="/privacy/inzage">{t('newSearch')}</ButtonLink>
      </Paragraph>
    </>
  );
}
