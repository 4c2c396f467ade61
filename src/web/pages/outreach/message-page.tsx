import type { CaseMessage } from '../../../app/outreach/case-message.ts';
import type { Channel, Language } from '../../../domain/outreach/templates.ts';
import { Alert, Button, Form, Heading, Link, Paragraph, RadioGroup } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { outreachMessages, type OutreachT } from './messages.ts';

/** The merged text as the resident reads it: subject, then the paragraphs. */
export function MessagePreview({ t, subject, body, headingId }: { t: OutreachT; subject: string; body: string; headingId: string }) {
  return (
    <section aria-labelledby={headingId} className="vs-section">
      <Heading level={2} id={headingId}>
        {t('preview')}
      </Heading>
      {subject ? (
        <Paragraph>
          <strong>{t('subject')}:</strong> {subject}
        </Paragraph>
      ) : null}
      {body.split(/\n{2,}/).map((p, i) => (
        <Paragraph key={i}>
          {p.split('\n').map((line, j) => (
            <span key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </Paragraph>
      ))}
    </section>
  );
}

/**
 * One case's message to its resident: choose the channel and language, see the merged text, then
 * download the letter or send the e-mail. Channels the allowed contact details don't support are
 * not offered.
 */
export function CaseMessagePage({ caseId, message, channels, smsConfigured, notice, error }: { caseId: string; message: CaseMessage; channels: Channel[]; smsConfigured: boolean; notice?: string | undefined; error?: string | undefined }) {
  const { locale } = useWeb();
  const t = outreachMessages(locale);
  const base = `/zaken/${caseId}/bericht`;
  const language: Language = message.language;
  return (
    <>
      <Heading level={1}>{t('messageTitle', { id: caseId })}</Heading>
      <Paragraph>{t('messageIntro')}</Paragraph>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      {error ? <Alert type="error">{error}</Alert> : null}
      {!message.recipient ? (
        <Alert type="warning">{t('noRecipient')}</Alert>
      ) : (
        <>
          <Form action={base} method="get" label={t('channel')} id="channel-form">
            <RadioGroup name="kanaal" legend={t('channel')} value={message.channel} options={channels.map((c) => ({ value: c, label: t(`ch_${c}`) }))} />
            <RadioGroup name="taal" legend={t('language')} value={language} options={(['nl', 'en'] as const).map((l) => ({ value: l, label: t(`lang_${l}`) }))} />
            <Button appearance="secondary-action">{t('show')}</Button>
          </Form>
          {!message.recipient.email ? <Paragraph>{t('noEmail')}</Paragraph> : null}
          {!smsConfigured ? <Paragraph>{t('noSms')}</Paragraph> : !channels.includes('sms') ? <Paragraph>{t('noPhone')}</Paragraph> : null}
          <MessagePreview t={t} subject={message.channel === 'sms' ? '' : message.subject} body={message.body} headingId="preview-heading" />
          {message.channel === 'letter' ? (
            <Form action={`${base}/brief.pdf`} label={t('downloadLetter')} id="letter-form">
              <input type="hidden" name="taal" value={language} />
              <Button>{t('downloadLetter')}</Button>
            </Form>
          ) : null}
          {message.channel === 'email' ? (
            <Form action={`${base}/email`} label={t('sendEmail')} id="email-form">
              <input type="hidden" name="taal" value={language} />
              <Button>{t('sendEmail')}</Button>
            </Form>
          ) : null}
          {message.channel === 'sms' && channels.includes('sms') ? (
            <Form action={`${base}/sms`} label={t('sendSms')} id="sms-form">
              <input type="hidden" name="taal" value={language} />
              <Button>{t('sendSms')}</Button>
            </Form>
          ) : null}
        </>
      )}
      <Paragraph>
        <Link href={`/zaken/${caseId}`}>{t('backToCase')}</Link>
      </Paragraph>
    </>
  );
}
