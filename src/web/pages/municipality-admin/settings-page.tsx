import type { getMunicipalitySettings } from '../../../app/worklist/municipality-settings.ts';
import { Alert, Button, Fieldset, Form, FormField, Heading, Paragraph, RadioGroup, Textbox } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { worklistMessages } from '../worklist/messages.ts';

type Settings = Awaited<ReturnType<typeof getMunicipalitySettings>>;

export function SettingsPage({ s, values, errors = {}, notice, warnings = [] }: { s: Settings; values?: Record<string, string>; errors?: Record<string, string>; notice?: string; warnings?: string[] }) {
  const { locale } = useWeb();
  const t = worklistMessages(locale);
  const v = (k: string, fallback: string | number | null) => values?.[k] ?? (fallback === null ? '' : String(fallback));
  const num = (id: 'contactTargetDays' | 'dueSoonDays' | 'unpickedSignalMonths' | 'pickedUpSignalMonths' | 'caseMonthsAfterClosing', value: string, description?: string) => (
    <FormField id={id} label={t(id)} error={errors[id]} description={description}>
      <Textbox id={id} name={id} type="number" inputMode="numeric" min={0} value={value} error={errors[id]} hasDescription={!!description} />
    </FormField>
  );
  return (
    <div className="vs-narrow">
      <Heading level={1}>{t('settingsTitle')}</Heading>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      {Object.keys(errors).length ? (
        <Alert type="error">
          {t('fixErrors')} {Object.values(errors).join(' ')}
        </Alert>
      ) : null}
      {warnings.map((w, i) => (
        <Alert type="warning" key={i}>
          {w}
        </Alert>
      ))}
      <Form action="/instellingen" label={t('settingsTitle')}>
        <Fieldset legend={t('targetsTitle')}>
          {num('contactTargetDays', v('contactTargetDays', s.worklist.contactTargetDays), t('contactTargetHelp'))}
          {num('dueSoonDays', v('dueSoonDays', s.worklist.dueSoonDays))}
        </Fieldset>
        <Fieldset legend={t('matchingTitle')} description={t('matchingIntro')}>
          {errors.matchingMode ? <Alert type="error">{errors.matchingMode}</Alert> : null}
          <RadioGroup
            name="matchingMode"
            legend={t('matchingMode')}
            value={v('matchingMode', s.matchingMode)}
            options={[
              { value: 'continuous', label: t('matchingContinuous') },
              { value: 'weekly', label: t('matchingWeekly') },
              { value: 'monthly', label: t('matchingMonthly') },
            ]}
          />
        </Fieldset>
        <Fieldset legend={t('retentionTitle')} description={`${t('retentionIntro')}${s.retentionIsDefault ? ` ${t('retentionDefault')}` : ''}`}>
          {num('unpickedSignalMonths', v('unpickedSignalMonths', s.retention.unpickedSignalMonths))}
          {num('pickedUpSignalMonths', v('pickedUpSignalMonths', s.retention.pickedUpSignalMonths))}
          {num('caseMonthsAfterClosing', v('caseMonthsAfterClosing', s.retention.caseMonthsAfterClosing))}
        </Fieldset>
        <Paragraph>
          <Button>{t('saveSettings')}</Button>
        </Paragraph>
      </Form>
    </div>
  );
}
