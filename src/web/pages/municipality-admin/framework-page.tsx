import type { getFramework, RuleDeletionPreview, RulePreview } from '../../../app/worklist/framework.ts';
import { AGE_GROUPS, isEmptyRule, type RuleConditions } from '../../../domain/worklist/queue-rules.ts';
import type { RuleForm } from '../../../domain/worklist/rule-input.ts';
import { APPROACHES } from '../../../domain/worklist/ddas.ts';
import { Alert, Button, ButtonLink, Checkbox, Fieldset, Form, FormField, Heading, Link, Paragraph, Select, Table, Textbox } from '../../components/index.ts';
import { formatMoneyCents, formatNumber, type Locale } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { worklistMessages, type WorklistT } from '../worklist/messages.ts';
import type { RuleData } from '../worklist/rule-data.ts';

type Framework = Awaited<ReturnType<typeof getFramework>>;

/** A rule's conditions in words. */
function describeConditions(c: RuleConditions, t: WorklistT, locale: Locale, rules: RuleData): string {
  if (isEmptyRule(c)) return t('anyCase');
  const yn = (b: boolean) => (b ? t('yesOpt') : t('noOpt')).toLowerCase();
  const parts: string[] = [];
  if (c.signalTypes?.length) parts.push(t('cond_types', { v: c.signalTypes.map((s) => rules.label(s, locale)).join(' / ') }));
  if (c.minAmountCents !== undefined) parts.push(t('cond_min', { v: formatMoneyCents(locale, c.minAmountCents) }));
  if (c.maxAmountCents !== undefined) parts.push(t('cond_max', { v: formatMoneyCents(locale, c.maxAmountCents) }));
  if (c.multiple !== undefined) parts.push(t('cond_multiple', { v: yn(c.multiple) }));
  if (c.consecutive !== undefined) parts.push(t('cond_consecutive', { v: yn(c.consecutive) }));
  if (c.crisis !== undefined) parts.push(t('cond_crisis', { v: yn(c.crisis) }));
  if (c.ageGroups?.length) parts.push(t('cond_age', { v: c.ageGroups.join(' / ') }));
  if (c.districts?.length) parts.push(t('cond_district', { v: c.districts.join(' / ') }));
  return parts.join('; ');
}

export function FrameworkPage({ fw, rules, notice, error }: { fw: Framework; rules: RuleData; notice?: string | undefined; error?: string | undefined }) {
  const { locale } = useWeb();
  const t = worklistMessages(locale);
  const queueName = new Map(fw.queues.map((q) => [q.id, q.name]));
  return (
    <>
      <Heading level={1}>{t('frameworkTitle')}</Heading>
      <Paragraph>{t('frameworkIntro')}</Paragraph>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      {error ? <Alert type="error">{error}</Alert> : null}
      <section className="vs-section" aria-labelledby="rules-heading">
        <Heading level={2} id="rules-heading">
          {t('rulesTitle')}
        </Heading>
        <Table
          caption={t('rulesCaption', { open: formatNumber(locale, fw.openCases) })}
          rows={fw.rules.map((r, i) => ({ ...r, n: i + 1 }))}
          rowKey={(r) => r.id}
          columns={[
            { key: 'n', header: t('colOrder'), cell: (r) => r.n },
            { key: 'cond', header: t('colConditions'), cell: (r) => describeConditions(r.conditions, t, locale, rules) },
            { key: 'queue', header: t('queue'), cell: (r) => queueName.get(r.queueId) ?? '—' },
            { key: 'caught', header: t('colCaught'), numeric: true, cell: (r) => formatNumber(locale, fw.counts.byRule.get(r.id) ?? 0) },
            {
              key: 'actions',
              header: t('colActions'),
              cell: (r) => (
                <div className="vs-actions">
                  <Link href={`/afwegingskader/regels/${r.id}`}>
                    <span aria-hidden="true">{t('edit')}</span>
                    <span className="vs-visually-hidden">{t('editRuleLabel', { n: r.n })}</span>
                  </Link>
                  <Form action={`/afwegingskader/regels/${r.id}/verplaatsen`}>
                    <button className="utrecht-button utrecht-button--subtle" type="submit" name="direction" value="up" aria-label={t('moveUpLabel', { n: r.n })}>
                      {t('moveUp')}
                    </button>
                    <button className="utrecht-button utrecht-button--subtle" type="submit" name="direction" value="down" aria-label={t('moveDownLabel', { n: r.n })}>
                      {t('moveDown')}
                    </button>
                  </Form>
                  <Link href={`/afwegingskader/regels/${r.id}/verwijderen`}>
                    <span aria-hidden="true">{t('delete')}</span>
                    <span className="vs-visually-hidden">{t('deleteRuleLabel', { n: r.n })}</span>
                  </Link>
                </div>
              ),
            },
          ]}
        />
        <Paragraph>{t('notCaught', { n: formatNumber(locale, fw.counts.unmatched) })}</Paragraph>
        <ButtonLink href="/afwegingskader/regels/nieuw">{t('newRule')}</ButtonLink>
      </section>
      <section className="vs-section" aria-labelledby="queues-heading">
        <Heading level={2} id="queues-heading">
          {t('queuesTitle')}
        </Heading>
        <Table
          caption={t('queuesCaption')}
          rows={fw.queues}
          rowKey={(q) => q.id}
          columns={[
            { key: 'name', header: t('queueName'), cell: (q) => q.name },
            { key: 'approach', header: t('approach'), cell: (q) => t(`approach_${q.approach}`) },
            {
              key: 'actions',
              header: t('colActions'),
              cell: (q) => (
                <div className="vs-actions">
                  <Link href={`/afwegingskader/werkbakjes/${q.id}`}>
                    <span aria-hidden="true">{t('edit')}</span>
                    <span className="vs-visually-hidden">{t('editQueueLabel', { name: q.name })}</span>
                  </Link>
                  <Form action={`/afwegingskader/werkbakjes/${q.id}/verwijderen`}>
                    <button className="utrecht-button utrecht-button--subtle" type="submit" aria-label={t('deleteQueueLabel', { name: q.name })}>
                      {t('delete')}
                    </button>
                  </Form>
                </div>
              ),
            },
          ]}
        />
        <Form action="/afwegingskader/werkbakjes" label={t('newQueue')}>
          <Heading level={3}>{t('newQueue')}</Heading>
          <QueueFields t={t} />
          <Button>{t('addQueue')}</Button>
        </Form>
      </section>
    </>
  );
}

function QueueFields({ t, name, approach, errors = {} }: { t: WorklistT; name?: string; approach?: string; errors?: Record<string, string> }) {
  return (
    <>
      <FormField id="queue-name" label={t('queueName')} error={errors.name}>
        <Textbox id="queue-name" name="name" required value={name} error={errors.name} />
      </FormField>
      <FormField id="queue-approach" label={t('approach')} error={errors.approach}>
        <Select id="queue-approach" name="approach" value={approach ?? 'letter'} options={APPROACHES.map((a) => ({ value: a, label: t(`approach_${a}`) }))} />
      </FormField>
    </>
  );
}

export function QueuePage({ queue, errors }: { queue: { id: string; name: string; approach: string }; errors?: Record<string, string> }) {
  const { locale } = useWeb();
  const t = worklistMessages(locale);
  return (
    <div className="vs-narrow">
      <Paragraph>
        <Link href="/afwegingskader">{t('frameworkTitle')}</Link>
      </Paragraph>
      <Heading level={1}>{t('editQueueTitle')}</Heading>
      {errors && Object.keys(errors).length ? <Alert type="error">{Object.values(errors).join(' ')}</Alert> : null}
      <Form action={`/afwegingskader/werkbakjes/${queue.id}`}>
        <QueueFields t={t} name={queue.name} approach={queue.approach} errors={errors ?? {}} />
        <Button>{t('saveQueue')}</Button>
      </Form>
    </div>
  );
}

export function RulePage({
  ruleId,
  form,
  queueId,
  queues,
  districts,
  rules,
  errors = {},
  preview,
}: {
  ruleId?: string;
  form: RuleForm;
  queueId: string;
  queues: Array<{ id: string; name: string }>;
  districts: string[];
  rules: RuleData;
  errors?: Record<string, string>;
  preview?: RulePreview;
}) {
  const { locale } = useWeb();
  const t = worklistMessages(locale);
  const action = ruleId ? `/afwegingskader/regels/${ruleId}` : '/afwegingskader/regels';
  const tri = (name: 'multiple' | 'consecutive' | 'crisis', label: string) => (
    <FormField id={`cond-${name}`} label={label} error={errors[name]}>
      <Select id={`cond-${name}`} name={name} value={form[name]} options={[{ value: '', label: t('either') }, { value: 'yes', label: t('yesOpt') }, { value: 'no', label: t('noOpt') }]} />
    </FormField>
  );
  const checks = (name: 'signalTypes' | 'ageGroups' | 'districts', legend: string, options: Array<{ value: string; label: string }>) => (
    <Fieldset legend={legend}>
      {errors[name] ? <p className="utrecht-form-field-error-message">{errors[name]}</p> : null}
      {options.map((o) => (
        <FormField key={o.value} id={`${name}-${o.value}`} label={o.label} kind="checkbox">
          <Checkbox id={`${name}-${o.value}`} name={name} value={o.value} checked={form[name].includes(o.value)} />
        </FormField>
      ))}
    </Fieldset>
  );
  return (
    <div>
      <Paragraph>
        <Link href="/afwegingskader">{t('frameworkTitle')}</Link>
      </Paragraph>
      <Heading level={1}>{ruleId ? t('ruleTitleEdit') : t('ruleTitleNew')}</Heading>
      {Object.keys(errors).length ? <Alert type="error">{t('fixErrors')}</Alert> : null}
      {preview && !Object.keys(errors).length ? <Alert type="info">{t('previewResult', { matching: formatNumber(locale, preview.matching), caught: formatNumber(locale, preview.caught), moved: formatNumber(locale, preview.moved) })}</Alert> : null}
      <Form action={action} label={ruleId ? t('ruleTitleEdit') : t('ruleTitleNew')}>
        <FormField id="rule-queue" label={t('ruleQueue')} error={errors.queueId}>
          <Select id="rule-queue" name="queueId" value={queueId} options={queues.map((q) => ({ value: q.id, label: q.name }))} />
        </FormField>
        {checks('signalTypes', t('condSignalTypes'), rules.signalTypes.map((s) => ({ value: s, label: rules.label(s, locale) })))}
        <FormField id="cond-min" label={t('condMinAmount')} error={errors.minAmount}>
          <Textbox id="cond-min" name="minAmount" value={form.minAmount} inputMode="decimal" error={errors.minAmount} />
        </FormField>
        <FormField id="cond-max" label={t('condMaxAmount')} error={errors.maxAmount}>
          <Textbox id="cond-max" name="maxAmount" value={form.maxAmount} inputMode="decimal" error={errors.maxAmount} />
        </FormField>
        {tri('multiple', t('condMultiple'))}
        {tri('consecutive', t('condConsecutive'))}
        {tri('crisis', t('condCrisis'))}
        {checks('ageGroups', t('condAgeGroups'), AGE_GROUPS.map((a) => ({ value: a, label: a })))}
        {districts.length ? checks('districts', t('condDistricts'), districts.map((d) => ({ value: d, label: d }))) : null}
        <div className="utrecht-button-group">
          <Button appearance="secondary-action" name="intent" value="preview">
            {t('previewButton')}
          </Button>
          <Button name="intent" value="save">
            {t('saveRule')}
          </Button>
        </div>
      </Form>
    </div>
  );
}

/**
 * Deleting a rule, confirmed on its own step: what the rule says, how many open cases it catches now
 * and to which queue they would move. Only the form on this page deletes.
 */
export function RuleDeletePage({ ruleId, preview, queues, rules }: { ruleId: string; preview: RuleDeletionPreview; queues: Array<{ id: string; name: string }>; rules: RuleData }) {
  const { locale } = useWeb();
  const t = worklistMessages(locale);
  const name = (id: string | null) => (id === null ? t('unqueued') : (queues.find((q) => q.id === id)?.name ?? '—'));
  return (
    <div className="vs-narrow">
      <Paragraph>
        <Link href="/afwegingskader">{t('frameworkTitle')}</Link>
      </Paragraph>
      <Heading level={1}>{t('deleteRuleTitle', { n: preview.number })}</Heading>
      <Paragraph>{t('deleteRuleSays', { conditions: describeConditions(preview.conditions, t, locale, rules), queue: name(preview.queueId) })}</Paragraph>
      {preview.caught === 0 ? (
        <Paragraph>{t('deleteRuleNoCases')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('deleteRuleMoves', { n: formatNumber(locale, preview.caught) })}</Paragraph>
          <ul className="utrecht-unordered-list">
            {preview.moves.map((m) => (
              <li key={m.queueId ?? ''} className="utrecht-unordered-list__item">
                {t('deleteRuleMoveTo', { n: formatNumber(locale, m.count), queue: name(m.queueId) })}
              </li>
            ))}
          </ul>
        </>
      )}
      <Form action={`/afwegingskader/regels/${encodeURIComponent(ruleId)}/verwijderen`} label={t('deleteRuleTitle', { n: preview.number })}>
        <input type="hidden" name="bevestigd" value="1" />
        <div className="vs-actions">
          <Button>{t('deleteRuleConfirm')}</Button>
          <Link href="/afwegingskader">{t('deleteRuleCancel')}</Link>
        </div>
      </Form>
    </div>
  );
}
