import type { ExperimentView } from '../../../app/experiments/experiment-view.ts';
import { formatCitation } from '../../../domain/rules/format-citation.ts';
import type { HistoryEntry } from '../../../app/experiments/get-experiment-history.ts';
import type { CapacityCheck } from '../../../domain/experiments/capacity.ts';
import type { PreselectionRule } from '../../../domain/experiments/preselection.ts';
import { isStage, STAGE_LABELS, type Stage } from '../../../domain/experiments/stages.ts';
import type { GateProblem } from '../../../domain/experiments/gate.ts';
import { formMessages } from './form-messages.ts';
import { GateChecklist } from './gate-checklist.tsx';
import { Alert, Button, ButtonLink, Checkbox, DataList, Form, FormField, Heading, Link, ListItem, Paragraph, ProblemsAlert, Select, StatusBadge, Table, Textarea, Textbox, UnorderedList } from '../../components/index.ts';
import { formatDate, formatDateTime, formatMoneyCents, formatNumber, type Locale } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { experimentMessages } from './messages.ts';
import { StageBadge } from './stage-badge.tsx';
import { textIn } from '../../../domain/i18n/index.ts';
import { rulesMessages } from '../rules/messages.ts';
import type { DataCategory } from '../../../domain/signals/signal.ts';

type T = ReturnType<typeof experimentMessages>;

export interface ExperimentPageProps {
  /** A signal type's name from the rule book in the page's language. */
  typeName: (type: string) => string;
  view: ExperimentView;
  history: HistoryEntry[];
  capacity: CapacityCheck;
  canManage: boolean;
  notice?: string;
  problems?: string[];
  /** Per next stage, what the gate still misses (gate.ts gateChecklist). */
  checklist?: Array<{ to: Stage; problems: GateProblem[] }>;
}

function ruleText(r: PreselectionRule, t: T, locale: Locale): string {
  const what =
    r.kind === 'min_amount'
      ? t('minAmount', { amount: formatMoneyCents(locale, Math.round((r.amount ?? 0) * 100)) })
      : r.kind === 'min_arrear_age_months'
        ? t('minAge', { months: r.months ?? 0 })
        : t('declared');
  const mode = r.mode === 'enforce' ? t('modeEnforce') : r.mode === 'flag' ? t('modeFlag') : t('modeDeclared');
  return `${what} — ${mode}${r.selectedBy ? ` (${r.selectedBy})` : ''}${r.description ? `: ${r.description}` : ''}`;
}

const ROLE_KEY = { municipality: 'roleMunicipality', creditor: 'roleCreditor', processor: 'roleProcessor', other: 'roleOther' } as const;

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="vs-section" aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** One experiment: stage, designation from the rule book, ground rules, participants, design, history, and the stage form. */
export function ExperimentPage({ view: v, history, capacity, canManage, notice, problems, checklist = [], typeName }: ExperimentPageProps) {
  const { locale } = useWeb();
  const t = experimentMessages(locale);
  const base = `/experimenten/${v.id}`;
  // An experiment that is over keeps its checklist as it was.
  const open = v.nextStages.length > 0;
  return (
    <>
      <Heading level={1}>{textIn(v.name, locale)}</Heading>
      <Paragraph>
        <StageBadge stage={v.stage} />
      </Paragraph>
      {canManage && open ? (
        <Paragraph>
          <ButtonLink href={`${base}/bewerken`}>{formMessages(locale)('edit')}</ButtonLink>
        </Paragraph>
      ) : null}
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      <ProblemsAlert lead={t('refused')} problems={problems ?? []} id="problems" />

      <Section id="overview" title={t('overview')}>
        <DataList
          items={[
            { key: t('summary'), value: v.summary || '—' },
            { key: t('signal'), value: v.signalType ? typeName(v.signalType) : '—' },
            { key: t('targetGroup'), value: v.targetGroup || '—' },
            { key: t('researchQuestions'), value: v.researchQuestions.length ? v.researchQuestions.map((q) => textIn(q, locale)).join(' · ') : '—' },
            { key: t('ruleIds'), value: v.ruleIds.join(', ') || '—' },
            ...(v.stopReason ? [{ key: t('stopReason'), value: v.stopReason }] : []),
            ...(v.stage === 'approved' || v.approvedWithChanges ? [{ key: t('approvedWithChanges'), value: v.approvedWithChanges ? t('yes') : t('no') }] : []),
          ]}
        />
      </Section>

      <Section id="planning" title={t('dates')}>
        <DataList
          items={[
            { key: t('plan80On'), value: formatDate(locale, v.dates.plan80On) },
            { key: t('earliestStart'), value: formatDate(locale, v.planning.earliestStart) },
            { key: t('plannedStart'), value: formatDate(locale, v.dates.plannedStart) },
            { key: t('plannedEnd'), value: formatDate(locale, v.dates.plannedEnd) },
            { key: t('latestEnd'), value: formatDate(locale, v.planning.latestEnd) },
            { key: t('startedOn'), value: formatDate(locale, v.dates.startedOn) },
            { key: t('apAdviceOn'), value: formatDate(locale, v.dates.apAdviceOn) },
            { key: t('publishedOn'), value: formatDate(locale, v.dates.publishedOn) },
            { key: t('evaluationDue'), value: formatDate(locale, v.planning.evaluationDue) },
          ]}
        />
        {v.planning.warnings.map((w) => (
          <Alert type="warning" key={w.en}>
            {textIn(w, locale)}
          </Alert>
        ))}
      </Section>

      <Section id="designation" title={t('designation')}>
        {v.designation.missingRuleIds.length ? <Alert type="warning">{t('designationMissing', { ids: v.designation.missingRuleIds.join(', ') })}</Alert> : null}
        {v.ruleIds.length === 0 ? (
          <Paragraph>{t('designationNone')}</Paragraph>
        ) : (
          <Table
            caption={t('designation')}
            rows={v.designation.versions}
            rowKey={(d) => `${d.ruleId}|${d.regulationVersion}`}
            columns={[
              { key: 'rule', header: t('signal'), cell: (d) => `${textIn(d.label, locale)} (${d.ruleId})` },
              { key: 'version', header: t('version'), cell: (d) => d.regulationVersion },
              { key: 'valid', header: t('validity'), cell: (d) => `${formatDate(locale, d.from)} – ${formatDate(locale, d.until)}` },
              { key: 'senders', header: t('senders'), cell: (d) => d.senders.join(', ') },
              { key: 'municipalities', header: t('municipalities'), cell: (d) => (d.municipalities === 'all' ? t('allMunicipalities') : d.municipalities.map((m) => m.name).join(', ')) },
              { key: 'data', header: t('data'), cell: (d) => d.dataCategories.map((c) => rulesMessages(locale)(`category_${c as DataCategory}`)).join(', ') },
              { key: 'article', header: t('article'), cell: (d) => <Link href={d.citation.url} external>{formatCitation(d.citation, locale)}</Link> },
            ]}
          />
        )}
      </Section>

      <Section id="ground-rules" title={t('groundRules')}>
        <Table
          caption={t('groundRules')}
          rows={v.groundRules}
          rowKey={(g) => g.code}
          columns={[
            { key: 'rule', header: t('groundRule'), cell: (g) => textIn(g.label, locale) },
            { key: 'met', header: t('met'), cell: (g) => <StatusBadge status={g.met ? 'safe' : 'danger'}>{g.met ? t('met') : t('notMet')}</StatusBadge> },
            { key: 'note', header: t('note'), cell: (g) => (g.computed ? `${textIn(g.finding, locale) ?? ''} (${t('computed')})` : g.note || '—') },
            {
              key: 'tick',
              header: <span className="vs-visually-hidden">{t('tick')}</span>,
              cell: (g) =>
                canManage && open && !g.computed ? (
                  <Form action={`${base}/randvoorwaarden/${g.code}`} label={`${t('tick')}: ${textIn(g.label, locale)}`}>
                    <FormField id={`met-${g.code}`} label={t('metCheckbox')} kind="checkbox">
                      <Checkbox id={`met-${g.code}`} name="met" checked={g.met} />
                    </FormField>
                    <FormField id={`note-${g.code}`} label={t('note')}>
                      <Textbox id={`note-${g.code}`} name="note" value={g.note} />
                    </FormField>
                    <FormField id={`reason-${g.code}`} label={t('reason')}>
                      <Textbox id={`reason-${g.code}`} name="reason" required />
                    </FormField>
                    <Button type="submit" appearance="secondary-action">
                      {t('tick')}
                    </Button>
                  </Form>
                ) : null,
            },
          ]}
        />
      </Section>

      <Section id="participants" title={t('participants')}>
        <Table
          caption={t('participants')}
          rows={v.participants}
          rowKey={(p) => `${p.role}|${p.name}`}
          columns={[
            { key: 'name', header: t('name'), cell: (p) => p.name },
            { key: 'role', header: t('role'), cell: (p) => t(ROLE_KEY[p.role]) },
            { key: 'contacts', header: t('contacts'), cell: (p) => (p.contacts.length ? p.contacts.map((c) => [c.name, c.function, c.email, c.phone].filter(Boolean).join(', ')).join('; ') : t('noContacts')) },
          ]}
        />
      </Section>

      <Section id="preselection" title={t('preselection')}>
        {v.preselectionRules.length ? (
          <UnorderedList>
            {v.preselectionRules.map((r, i) => (
              <ListItem key={i}>{ruleText(r, t, locale)}</ListItem>
            ))}
          </UnorderedList>
        ) : (
          <Paragraph>{t('preselectionNone')}</Paragraph>
        )}
        {v.flaggedSignals.length ? <Paragraph>{t('flagged', { list: v.flaggedSignals.map((f) => `${f.code}: ${formatNumber(locale, f.signals)}`).join(', ') })}</Paragraph> : null}
      </Section>

      <Section id="capacity" title={t('capacity')}>
        <Table
          caption={t('capacity')}
          rows={capacity.lines}
          rowKey={(l) => l.municipalityCode}
          empty={t('capacityNone')}
          columns={[
            { key: 'm', header: t('municipality'), cell: (l) => v.participants.find((p) => p.municipalityCode === l.municipalityCode)?.name ?? l.municipalityCode },
            { key: 'cap', header: t('capacityPerMonth'), numeric: true, cell: (l) => (l.capacityPerMonth === null ? '—' : formatNumber(locale, l.capacityPerMonth)) },
            { key: 'exp', header: t('expectedPerMonth'), numeric: true, cell: (l) => (l.expectedPerMonth === null ? '—' : formatNumber(locale, l.expectedPerMonth)) },
            { key: 'obs', header: t('observed'), numeric: true, cell: (l) => (l.observedMaxPerMonth === null ? '—' : `${formatNumber(locale, l.observedMaxPerMonth)} (${l.observedMaxMonth})`) },
            { key: 'verdict', header: t('verdict'), cell: (l) => <StatusBadge status={l.verdict === 'fits' ? 'safe' : l.verdict === 'over_capacity' ? 'danger' : 'warning'}>{t(l.verdict)}</StatusBadge> },
          ]}
        />
      </Section>

      <Section id="arms" title={t('arms')}>
        {v.arms.length ? (
          <>
            <Paragraph>{t('method', { method: t(`method_${v.assignment.method}`), seed: v.assignment.seed ?? '—' })}</Paragraph>
            <Table
              caption={t('arms')}
              rows={v.arms}
              rowKey={(a) => a.code}
              columns={[
                { key: 'arm', header: t('arm'), cell: (a) => `${textIn(a.name, locale)} (${a.code})` },
                { key: 'combined', header: t('combined'), cell: (a) => (a.combineWithOtherSignals ? t('yes') : t('no')) },
                { key: 'consent', header: t('withoutConsent'), cell: (a) => (a.withoutPriorConsent === null ? '—' : a.withoutPriorConsent ? t('yes') : t('no')) },
                { key: 'households', header: t('households'), numeric: true, cell: (a) => formatNumber(locale, a.households) },
              ]}
            />
          </>
        ) : (
          <Paragraph>{t('armsNone')}</Paragraph>
        )}
      </Section>

      {canManage ? (
        <Section id="move" title={t('move')}>
          {v.nextStages.length === 0 ? (
            <Paragraph>{t('finalStage')}</Paragraph>
          ) : (
            <>
            <GateChecklist base={base} checklist={checklist} />
            <Form action={`${base}/fase`} label={t('move')}>
              <FormField id="to" label={t('moveTo')}>
                <Select id="to" name="to" required options={v.nextStages.map((s) => ({ value: s.stage, label: `${textIn(s.label, locale)}${s.by === 'ministry' ? ` ${t('byMinistry')}` : ''}` }))} />
              </FormField>
              <FormField id="reason" label={t('reason')} description={t('reasonHint')}>
                <Textarea id="reason" name="reason" required rows={3} />
              </FormField>
              {v.nextStages.some((s) => s.stage === 'approved') ? (
                <FormField id="approvedWithChanges" label={t('approvedWithChangesBox')} kind="checkbox">
                  <Checkbox id="approvedWithChanges" name="approvedWithChanges" />
                </FormField>
              ) : null}
              <Button type="submit">{t('moveButton')}</Button>
            </Form>
            </>
          )}
        </Section>
      ) : null}

      <Section id="history" title={t('history')}>
        <Table
          caption={t('history')}
          rows={history.slice().reverse()}
          rowKey={(h) => `${h.occurredAt}|${h.kind}|${h.reason}`}
          columns={[
            { key: 'when', header: t('when'), cell: (h) => formatDateTime(locale, h.occurredAt) },
            { key: 'who', header: t('who'), cell: (h) => `${h.actor.label}${h.actor.organisationId ? ` (${h.actor.organisationId})` : ''}` },
            {
              key: 'what',
              header: t('what'),
              cell: (h) => {
                const kind = `kind_${h.kind}` as const;
                const label = ['kind_created', 'kind_stage', 'kind_updated', 'kind_participants', 'kind_ground_rule', 'kind_preselection', 'kind_capacity', 'kind_arms'].includes(kind)
                  ? t(kind as 'kind_stage')
                  : h.kind === 'analysis_plan'
                    ? formMessages(locale)('planTitle')
                    : h.kind === 'document'
                      ? formMessages(locale)('documentsTitle')
                      : h.kind;
                const from = h.fromStage && isStage(h.fromStage) ? textIn(STAGE_LABELS[h.fromStage], locale) : null;
                const to = h.toStage && isStage(h.toStage) ? textIn(STAGE_LABELS[h.toStage], locale) : null;
                return to ? `${label}: ${from ? `${from} → ` : ''}${to}` : label;
              },
            },
            { key: 'why', header: t('why'), cell: (h) => h.reason },
          ]}
        />
      </Section>
    </>
  );
}
