import { Button, Checkbox, Form, FormField, Heading, Paragraph, Table } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { outreachMessages } from './messages.ts';

export interface QueueForLetters {
  id: string;
  name: string;
  open: number;
  /** Active cases without a letter yet: what the run prints unless reprinting is ticked. */
  withoutLetter: number;
}

/** Print runs per queue: one POST form each, answered with the queue's letters as one PDF. */
export function LettersPage({ queues }: { queues: QueueForLetters[] }) {
  const { locale } = useWeb();
  const t = outreachMessages(locale);
  return (
    <>
      <Heading level={1}>{t('lettersTitle')}</Heading>
      <Paragraph>{t('lettersIntro')}</Paragraph>
      <Table
        caption={t('lettersTitle')}
        captionHidden
        rows={queues}
        rowKey={(q) => q.id}
        empty={t('noQueues')}
        columns={[
          { key: 'queue', header: t('colQueue'), cell: (q) => q.name },
          { key: 'open', header: t('colOpen'), cell: (q) => q.open, numeric: true },
          { key: 'withoutLetter', header: t('colWithoutLetter'), cell: (q) => q.withoutLetter, numeric: true },
          {
            key: 'action',
            header: t('colAction'),
            cell: (q) => (
              <Form action={`/werklijst/brieven/${q.id}/brieven.pdf`} label={t('printQueue', { queue: q.name })} id={`print-${q.id}`}>
                <input type="hidden" name="taal" value={locale} />
                <FormField id={`reprint-${q.id}`} label={t('reprint')} kind="checkbox">
                  <Checkbox id={`reprint-${q.id}`} name="opnieuw" value="ja" />
                </FormField>
                <Button appearance="secondary-action">{t('printQueue', { queue: q.name })}</Button>
              </Form>
            ),
          },
        ]}
      />
    </>
  );
}
