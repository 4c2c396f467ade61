import type { CaseView } from '../../../app/worklist/open-case.ts';
import { formatCitation } from '../../../domain/rules/format-citation.ts';
import { AGE_GROUPS } from '../../../domain/worklist/queue-rules.ts';
import { CONTACT_TYPES, END_RESULTS, PARTS_OF_DAY } from '../../../domain/worklist/ddas.ts';
import { Alert, Button, DataList, Form, FormField, Heading, Link, Paragraph, RadioGroup, Select, StatusBadge, Table, Textarea, Textbox } from '../../components/index.ts';
import { WarmTransferBadge } from '../resident/warm-transfer-badge.tsx';
import { formatDate, formatDateTime, formatMoneyCents } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { componentLabel, ddasLabel, worklistMessages, type WorklistT } from './messages.ts';
import { addressOfKey, DueCell, FlagBadges } from './parts.tsx';
import type { RuleData } from './rule-data.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import { BrpCheckSection } from './brp-check-section.tsx';
import { brpMessages, brpOutcomeText } from './brp-messages.ts';
import { archiveMessages } from '../archive/messages.ts';
import type { ReferralView } from '../../../app/referrals/referral-view.ts';
import { ReferralCaseSection } from '../referrals/case-section.tsx';
import { referralMessages } from '../referrals/messages.ts';
import { outreachMessages } from '../outreach/messages.ts';

export type CaseForm = 'contact' | 'outcome' | 'note' | 'assign' | 'age';

export interface CasePageProps {
  view: CaseView;
  rules: RuleData;
  canWork: boolean;
  notice?: string | undefined;
  /** The form that failed, its field errors and the values sent. */
  failed?: { form: CaseForm; errors: Record<string, string>; values: Record<string, string> } | undefined;
  /** The hand-off to debt help, for a case closed with a financial follow-up or referral. */
  referral?: ReferralView | undefined;
}

function timelineText(e: CaseView['timeline'][number], t: WorklistT, rules: RuleData, locale: 'nl' | 'en'): string {
  const d = e.detail ?? {};
  switch (e.kind) {
    case 'signal_received':
      return t('ev_signal_received', { signalType: rules.label(String(d.signalType ?? ''), locale) });
    case 'classified':
      return t('ev_classified', { queue: d.queue ? String(d.queue) : t('unqueued') });
    case 'assigned':
      return d.userId ? t('ev_assigned') : t('ev_unassigned');
    case 'contact_attempt':
      return t('ev_contact_attempt', { contactType: ddasLabel(String(d.contactType ?? ''), locale), reached: d.reached ? t('reachedYes') : t('reachedNo') });
    case 'outcome':
      return t('ev_outcome', { result: ddasLabel(String(d.result ?? ''), locale) });
    case 'brp_check': {
      const b = brpMessages(locale);
      return b('ev_brp_check', { outcome: brpOutcomeText(b, String(d.outcome ?? ''), d.movedTo ? String(d.movedTo) : null) });
    }
    case 'reopened':
      return archiveMessages(locale)('ev_reopened', { reason: String(d.reason ?? '') });
    case 'referral':
      return referralMessages(locale)('ev_referral');
    case 'case_opened':
    case 'picked_up':
    case 'note':
    case 'age_group':
      return t(`ev_${e.kind}`);
    default:
      return e.kind;
  }
}

export function CasePage({ view, rules, canWork, notice, failed, referral }: CasePageProps) {
  const { locale } = useWeb();
  const t = worklistMessages(locale);
  const c = view.case;
  const err = (form: CaseForm, field: string) => (failed?.form === form ? failed.errors[field] : undefined);
  const val = (form: CaseForm, field: string, fallback = '') => (failed?.form === form ? (failed.values[field] ?? fallback) : fallback);
  const base = `/zaken/${c.id}`;
  return (
    <>
      <Paragraph>
        <Link href="/werklijst">{t('backToWorklist')}</Link>
      </Paragraph>
      <Heading level={1}>{t('caseTitle', { id: c.id })}</Heading>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      {failed ? <Alert type="error">{t('fixErrors')}</Alert> : null}
      {/* Wide screens: what is known on the left, what to do and what was done on the right (web.css .vs-case). */}
      <div className="vs-case">
        <div className="vs-case__main">
          <section aria-labelledby="facts-heading" className="vs-section">
            <Heading level={2} id="facts-heading">
              {t('caseFacts')}
            </Heading>
            <DataList
              items={[
                { key: t('colAddress'), value: addressOfKey(c.address_key) },
                { key: t('status'), value: c.status === 'open' ? t('statusOpen') : c.status === 'picked_up' ? t('statusPickedUp') : t('statusClosed') },
                { key: t('colDue'), value: <DueCell due={view.deadline} t={t} locale={locale} /> },
                { key: t('legalDeadline'), value: formatDate(locale, c.deadline) },
                { key: t('ownTarget'), value: view.deadline.targetDate ? formatDate(locale, view.deadline.targetDate) : '—' },
                { key: t('queue'), value: c.queue_name ? `${c.queue_name} (${t(`approach_${c.queue_approach as 'letter'}`)})` : t('unqueued') },
                { key: t('colAssigned'), value: c.assigned_name ?? '—' },
                { key: t('colFlags'), value: <FlagBadges c={c} t={t} /> },
                { key: t('totalAmount'), value: formatMoneyCents(locale, c.amount_cents) },
                { key: t('matchingDate'), value: formatDate(locale, c.matching_date) },
                { key: t('matchingPeriod'), value: `${formatDate(locale, c.matching_period_start)} – ${formatDate(locale, c.matching_period_end)}` },
                { key: t('pickedUpOn'), value: formatDate(locale, c.picked_up_on) },
                { key: t('result'), value: c.result ? ddasLabel(c.result, locale) : '—' },
                { key: t('district'), value: c.district ?? t('unknown') },
                { key: t('cbsArea'), value: c.district_code ? `${c.district_code} / ${c.neighbourhood_code}` : t('unknown') },
                { key: t('ageGroup'), value: c.age_group ?? t('unknown') },
              ]}
            />
            {c.known_via_standard_signals ? <StatusBadge status="neutral">{t('knownViaStandard')}</StatusBadge> : null}
            {c.has_experimental_signal ? <StatusBadge status="active">{t('experimental')}</StatusBadge> : null}
            {view.warmTransfer ? <WarmTransferBadge /> : null}
          </section>

          <BrpCheckSection check={view.brpCheck} />

          <section aria-labelledby="signals-heading" className="vs-section">
            <Heading level={2} id="signals-heading">
              {t('signalsTitle')}
            </Heading>
            <Paragraph>{t('signalsIntro')}</Paragraph>
            {view.arm ? (
              <Alert type="info">
                {t('armNotice', { experiment: view.arm.experimentId, arm: textIn(view.arm.name, locale) })}{' '}
                {view.arm.showOtherSignals ? '' : t('armAlone', { hidden: String(view.arm.hiddenSignals) })}{' '}
                {view.arm.contactWithoutPriorConsent ? t('armWithoutConsent') : t('armWithConsent')}
              </Alert>
            ) : null}
            {view.signals.map((s) => {
              const cit = rules.dataCitation(s.regulationVersion, s.ruleId);
              const items = [
                { key: t('signalDate'), value: formatDate(locale, s.signalDate) },
                { key: t('signalStatus'), value: ddasLabel(s.status, locale) },
                ...(s.routing === 'given' ? [] : [{ key: t('routing'), value: t(`routing_${s.routing}`, { code: s.routedFrom ?? '' }) }]),
                ...(s.crisis ? [{ key: t('crisis'), value: <StatusBadge status="danger">{t('crisis')}</StatusBadge> }] : []),
                ...('bsn' in s ? [{ key: t('bsn'), value: s.bsn ?? '—' }] : []),
                ...('name' in s ? [{ key: t('name'), value: s.name || '—' }] : []),
                ...('address' in s ? [{ key: t('address'), value: s.address || '—' }] : []),
                ...('phone' in s ? [{ key: t('phone'), value: s.phone ?? '—' }] : []),
                ...('email' in s ? [{ key: t('email'), value: s.email ?? '—' }] : []),
                ...('amountCents' in s ? [{ key: t('amount'), value: formatMoneyCents(locale, s.amountCents) }] : []),
                ...(s.components ? [{ key: t('components'), value: Object.entries(s.components).map(([k, v]) => `${componentLabel(k, locale, rules.label)}: ${formatMoneyCents(locale, Math.round(v * 100))}`).join(', ') }] : []),
                ...('customerNumber' in s ? [{ key: t('customerNumber'), value: s.customerNumber ?? '—' }] : []),
                ...('arrearStartDate' in s ? [{ key: t('arrearStart'), value: formatDate(locale, s.arrearStartDate) }] : []),
                {
                  key: t('allowedBy'),
                  value: cit ? (
                    <Link href={cit.url} external>
                      {formatCitation(cit, locale)}
                    </Link>
                  ) : (
                    s.regulationVersion
                  ),
                },
              ];
              return (
                <article key={s.id} className="vs-section" aria-labelledby={`signal-${s.id}`}>
                  <Heading level={3} id={`signal-${s.id}`}>
                    {t('signalFrom', { type: rules.label(s.signalType, locale), creditor: s.creditorName })}
                  </Heading>
                  <DataList items={items} />
                </article>
              );
            })}
          </section>

          <section aria-labelledby="household-heading" className="vs-section">
            <Heading level={2} id="household-heading">
              {t('householdTitle')}
            </Heading>
            <Table
              caption={t('householdTitle')}
              captionHidden
              rows={view.household}
              rowKey={(h) => h.id}
              empty={t('householdNone')}
              columns={[
                { key: 'case', header: t('colCase'), cell: (h) => <Link href={`/zaken/${h.id}`}>{h.id}</Link> },
                { key: 'date', header: t('matchingDate'), cell: (h) => formatDate(locale, h.matching_date) },
                { key: 'types', header: t('colSignals'), cell: (h) => h.signal_types.map((x) => rules.label(x, locale)).join(', ') },
                { key: 'status', header: t('status'), cell: (h) => (h.status === 'closed' ? t('statusClosed') : h.status === 'open' ? t('statusOpen') : t('statusPickedUp')) },
                { key: 'result', header: t('result'), cell: (h) => (h.result ? ddasLabel(h.result, locale) : '—') },
              ]}
              scrollLabel={t('tableRegion', { name: t('householdTitle') })}
            />
          </section>
        </div>

        <div className="vs-case__side">
          <section aria-labelledby="contact-heading" className="vs-section">
            <Heading level={2} id="contact-heading">
              {t('contactTitle')}
            </Heading>
            <Table
              caption={t('contactTitle')}
              captionHidden
              rows={view.attempts}
              rowKey={(a) => String(a.id)}
              empty={t('contactNone')}
              columns={[
                { key: 'date', header: t('date'), cell: (a) => formatDate(locale, a.attempted_on) },
                { key: 'part', header: t('partOfDay'), cell: (a) => (a.part_of_day ? ddasLabel(a.part_of_day, locale) : '—') },
                { key: 'type', header: t('contactType'), cell: (a) => ddasLabel(a.contact_type, locale) },
                { key: 'reached', header: t('reached'), cell: (a) => (a.reached ? t('yesOpt') : t('noOpt')) },
                { key: 'by', header: t('by'), cell: (a) => a.by_name ?? '—' },
              ]}
              scrollLabel={t('tableRegion', { name: t('contactTitle') })}
            />
            {canWork && c.status !== 'closed' ? (
              <Paragraph>
                <Link href={`${base}/bericht`}>{outreachMessages(locale)('caseLink')}</Link>
              </Paragraph>
            ) : null}
            {canWork && c.status !== 'closed' ? (
              <Form action={`${base}/contactpogingen`} label={t('addContact')} id="contact-form">
                <Heading level={3}>{t('addContact')}</Heading>
                <FormField id="contactType" label={t('contactType')} error={err('contact', 'contactType')}>
                  <Select id="contactType" name="contactType" required value={val('contact', 'contactType', 'Telefoon')} error={err('contact', 'contactType')} options={CONTACT_TYPES.map((x) => ({ value: x, label: ddasLabel(x, locale) }))} />
                </FormField>
                <RadioGroup name="reached" legend={t('reached')} required value={val('contact', 'reached')} options={[{ value: 'yes', label: t('reachedYes') }, { value: 'no', label: t('reachedNo') }]} />
                {err('contact', 'reached') ? <p className="utrecht-form-field-error-message">{err('contact', 'reached')}</p> : null}
                <FormField id="date" label={t('date')} error={err('contact', 'date')}>
                  <Textbox id="date" name="date" type="date" required value={val('contact', 'date', view.today)} max={view.today} error={err('contact', 'date')} />
                </FormField>
                <FormField id="partOfDay" label={t('partOfDay')} error={err('contact', 'partOfDay')}>
                  <Select id="partOfDay" name="partOfDay" value={val('contact', 'partOfDay')} options={[{ value: '', label: t('partOfDayNone') }, ...PARTS_OF_DAY.map((x) => ({ value: x, label: ddasLabel(x, locale) }))]} />
                </FormField>
                <Button>{t('saveContact')}</Button>
              </Form>
            ) : null}
          </section>

          <section aria-labelledby="outcome-heading" className="vs-section">
            <Heading level={2} id="outcome-heading">
              {t('outcomeTitle')}
            </Heading>
            {c.status === 'closed' ? (
              <>
                <Paragraph>{t('closedWith', { result: ddasLabel(c.result ?? '', locale) })}</Paragraph>
                {canWork ? (
                  <Paragraph>
                    <Link href={`${base}/heropenen`}>{archiveMessages(locale)('reopenLink')}</Link>
                  </Paragraph>
                ) : null}
              </>
            ) : canWork ? (
              <Form action={`${base}/resultaat`} label={t('outcomeTitle')} id="outcome-form">
                <Paragraph>{t('outcomeIntro')}</Paragraph>
                <FormField id="result" label={t('result')} error={err('outcome', 'result')}>
                  <Select id="result" name="result" required value={val('outcome', 'result')} error={err('outcome', 'result')} options={[{ value: '', label: t('chooseResult') }, ...END_RESULTS.map((x) => ({ value: x, label: ddasLabel(x, locale) }))]} />
                </FormField>
                <Button>{t('saveOutcome')}</Button>
              </Form>
            ) : (
              <Paragraph>—</Paragraph>
            )}
          </section>
          {referral?.eligible ? <ReferralCaseSection view={referral} /> : null}

          {canWork ? (
            <section aria-labelledby="assign-heading" className="vs-section vs-columns">
              <div>
                <Heading level={2} id="assign-heading">
                  {t('assignTitle')}
                </Heading>
                <Form action={`${base}/toewijzen`} label={t('assignTitle')}>
                  <FormField id="assign-user" label={t('assignTo')} error={err('assign', 'userId')}>
                    <Select id="assign-user" name="userId" value={c.assigned_to ?? ''} options={[{ value: '', label: t('nobody') }, ...view.workers.map((w) => ({ value: w.id, label: w.name }))]} />
                  </FormField>
                  <Button appearance="secondary-action">{t('assignButton')}</Button>
                </Form>
              </div>
              <div>
                <Heading level={2}>{t('ageGroupTitle')}</Heading>
                <Form action={`${base}/leeftijdsgroep`} label={t('ageGroupTitle')}>
                  <FormField id="ageGroup" label={t('ageGroup')} description={t('ageGroupHelp')} error={err('age', 'ageGroup')}>
                    <Select id="ageGroup" name="ageGroup" hasDescription value={c.age_group ?? ''} options={[{ value: '', label: t('unknown') }, ...AGE_GROUPS.map((a) => ({ value: a, label: a }))]} />
                  </FormField>
                  <Button appearance="secondary-action">{t('saveAgeGroup')}</Button>
                </Form>
              </div>
            </section>
          ) : null}

          <section aria-labelledby="notes-heading" className="vs-section">
            <Heading level={2} id="notes-heading">
              {t('notesTitle')}
            </Heading>
            {view.notes.length === 0 ? <Paragraph>{t('notesNone')}</Paragraph> : null}
            {view.notes.map((n) => (
              <div key={String(n.id)} className="vs-section">
                <Paragraph small>
                  {formatDateTime(locale, n.created_at)} · {n.by_name ?? '—'}
                </Paragraph>
                <p className="utrecht-paragraph vs-pre">{n.body}</p>
              </div>
            ))}
            {canWork ? (
              <Form action={`${base}/notities`} label={t('addNote')}>
                <FormField id="note-body" label={t('note')} error={err('note', 'body')}>
                  <Textarea id="note-body" name="body" required value={val('note', 'body')} error={err('note', 'body')} />
                </FormField>
                <Button appearance="secondary-action">{t('addNote')}</Button>
              </Form>
            ) : null}
          </section>

          <section aria-labelledby="timeline-heading" className="vs-section">
            <Heading level={2} id="timeline-heading">
              {t('timelineTitle')}
            </Heading>
            <ol className="vs-timeline">
              {view.timeline.map((e, i) => (
                <li key={i}>
                  <strong>{formatDateTime(locale, e.at)}</strong> — {timelineText(e, t, rules, locale)} <span className="vs-muted">({e.actor})</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </>
  );
}
