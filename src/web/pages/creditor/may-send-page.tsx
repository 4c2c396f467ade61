import type { getSendingRights } from '../../../app/creditor/get-sending-rights.ts';
import type { Entitlement } from '../../../domain/rules/sending-rights.ts';
import { Alert, Button, DataList, Form, FormField, Heading, Link, ListItem, Paragraph, StatusBadge, Textbox, UnorderedList } from '../../components/index.ts';
import type { Locale } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { creditorMessages, type CreditorText } from './messages.ts';
import { CitationLink, periodText } from './parts.tsx';
import { ConditionList } from '../rules/condition-list.tsx';
import { rulesMessages } from '../rules/messages.ts';
import { textIn } from '../../../domain/i18n/index.ts';

type Rights = Awaited<ReturnType<typeof getSendingRights>>;

function basisText(e: Entitlement, locale: Locale, t: CreditorText): string {
  switch (e.basis.kind) {
    case 'organisation_kind':
      return t('basis_organisation_kind', { kind: textIn(e.basis.label, locale) });
    case 'group':
      return t('basis_group', { group: e.basis.name });
    case 'organisation':
      return t('basis_organisation');
    case 'collector':
      return t('basis_collector');
  }
}

function scopeText(e: Entitlement, t: CreditorText): string {
  const m = e.municipalities;
  if (m.scope === 'all') return t('scope_all');
  const list = m.municipalities.map((x) => `${x.name} (${x.code})`).join(', ');
  if (m.scope === 'list') return t('scope_list', { list });
  return m.municipalities.length === 0 ? t('scope_own_none') : t('scope_own', { list });
}

const TIMING_BADGE = { current: 'safe', future: 'active', past: 'inactive' } as const;

/** One designation this organisation holds, every point with its article. */
function EntitlementSection({ e, level, idPrefix }: { e: Entitlement; level: 2 | 3; idPrefix: string }) {
  const { locale } = useWeb();
  const t = creditorMessages(locale);
  const rulesText = rulesMessages(locale);
  const id = `${idPrefix}-${e.ruleId}-${e.versionKey.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <section className="vs-section vs-entitlement" aria-labelledby={id}>
      <Heading level={level} id={id}>
        {textIn(e.label, locale)} <StatusBadge status={TIMING_BADGE[e.timing]}>{t(`timing_${e.timing}`)}</StatusBadge>
      </Heading>
      <DataList
        items={[
          { key: t('signalTypeCode'), value: <code>{e.signalType}</code> },
          {
            key: t('designation'),
            value: <CitationLink c={e.designation} locale={locale} />,
          },
          {
            key: t('why'),
            value: (
              <>
                {basisText(e, locale, t)} — <CitationLink c={e.senderCitation} locale={locale} />
              </>
            ),
          },
          {
            key: t('municipalities'),
            value: (
              <>
                {scopeText(e, t)} — <CitationLink c={e.municipalityCitation} locale={locale} />
              </>
            ),
          },
          {
            key: t('period'),
            value: (
              <>
                {periodText(e.from, e.until, locale, t)}
                {e.transitional ? (
                  <>
                    {'. '}
                    {e.transitionalSignalsUntil ? t('transitionalUntil', { until: e.transitionalSignalsUntil }) : t('transitional')}{' '}
                    <CitationLink c={e.transitional} locale={locale} />
                  </>
                ) : null}
              </>
            ),
          },
          {
            key: t('data'),
            value: (
              <>
                {e.dataCategories.map((c) => t(`category_${c}`)).join(', ')} — <CitationLink c={e.dataCitation} locale={locale} />
              </>
            ),
          },
          {
            key: t('plausibilityLabel'),
            value: t('plausibility', { required: t(e.amountRequired ? 'amountRequired' : 'amountOptional'), max: `€ ${e.maxAmount.toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB')}` }),
          },
          { key: t('ddasPartner'), value: e.ddasPartner },
          {
            key: t('conditions'),
            value: <ConditionList conditions={e.conditions} none={t('noConditions')} locale={locale} codeText={(code) => t('refusalCode', { code })} />,
          },
          {
            key: t('social'),
            value:
              e.socialSteps.length === 0 ? (
                t('noSocial')
              ) : (
                <UnorderedList>
                  {e.socialSteps.map((s) => (
                    <ListItem key={s.step}>
                      {t(`step_${s.step}`)} <CitationLink c={s.citation} locale={locale} />
                    </ListItem>
                  ))}
                </UnorderedList>
              ),
          },
          ...(e.verify.length === 0
            ? []
            : [
                {
                  key: t('verifyLabel'),
                  value: (
                    <>
                      <UnorderedList>
                        {e.verify.map((n) => (
                          <ListItem key={`${n.part}|${n.note}`}>
                            {rulesText(`part_${n.part}`)}: {n.note}
                          </ListItem>
                        ))}
                      </UnorderedList>
                      <Link href={e.timing === 'current' || e.from === null ? '/regels' : `/regels?datum=${e.from}`}>{t('verifyMore')}</Link>
                    </>
                  ),
                },
              ]),
        ]}
      />
    </section>
  );
}

/** "Wat mag ik aanleveren?": the organisation's designations from the rule data, and the refusal-code explainer. */
export function MaySendPage({ rights, orgName }: { rights: Rights; orgName: string }) {
  const { locale } = useWeb();
  const t = creditorMessages(locale);
  const isProcessor = rights.organisation !== undefined && rights.organisation.kinds.includes('processor');
  return (
    <>
      <Heading level={1}>{t('maySendTitle')}</Heading>
      {rights.organisation === undefined ? (
        <Alert type="warning">{t('notInRegister')}</Alert>
      ) : (
        <>
          <Paragraph lead>{t('maySendIntro', { org: orgName })}</Paragraph>
          {isProcessor ? <Paragraph>{t('processorIntro')}</Paragraph> : null}
          {rights.own.map((e) => (
            <EntitlementSection key={`${e.ruleId}-${e.versionKey}`} e={e} level={2} idPrefix="own" />
          ))}
          {!isProcessor && rights.own.length === 0 ? <Alert type="info">{t('nothingOwn')}</Alert> : null}
          {isProcessor && rights.onBehalfOf.length === 0 ? <Alert type="info">{t('noMandates')}</Alert> : null}
          {rights.onBehalfOf.map((x) => (
            <section className="vs-section" key={x.creditor.id} aria-labelledby={`for-${x.creditor.id}`}>
              <Heading level={2} id={`for-${x.creditor.id}`}>
                {t('onBehalfOf', { creditor: x.creditor.name })}
              </Heading>
              <Paragraph>
                {t('mandatePeriod', { period: periodText(x.from, x.until, locale, t) })} — <code>on_behalf_of = {x.creditor.id}</code>
              </Paragraph>
              {x.entitlements.length === 0 ? <Paragraph>{t('nothingOwn')}</Paragraph> : null}
              {x.entitlements.map((e) => (
                <EntitlementSection key={`${e.ruleId}-${e.versionKey}`} e={e} level={3} idPrefix={`for-${x.creditor.id}`} />
              ))}
            </section>
          ))}
        </>
      )}
      <section className="vs-section" aria-labelledby="why-refused">
        <Heading level={2} id="why-refused">
          {t('whyRefusedHeading')}
        </Heading>
        <Paragraph>{t('whyRefusedIntro')}</Paragraph>
        <Form action="/wat-mag-ik-aanleveren/weigeringen" method="get" label={t('whyRefusedHeading')}>
          <div className="vs-filters">
            <FormField id="code" label={t('codeLabel')} description={t('codeHelp')}>
              <Textbox id="code" name="code" hasDescription />
            </FormField>
            <Button appearance="secondary-action">{t('explain')}</Button>
          </div>
        </Form>
      </section>
    </>
  );
}
