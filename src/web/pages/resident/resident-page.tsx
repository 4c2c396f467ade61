import { createElement, type ReactElement, type ReactNode } from 'react';
import type { Locale } from '../../../domain/i18n/index.ts';
import type { PageContent } from '../../render.ts';
import { Alert, Button, ButtonLink, FormField, Heading, Link, ListItem, Paragraph, RadioGroup, Textbox, UnorderedList } from '../../components/index.ts';
import type { ReminderExplanation } from '../../../app/resident/explain-reminder.ts';
import type { ResidentSignal } from '../../../app/resident/digid-signals.ts';
import { dirOf, LANG_NAMES, RESIDENT_LANGS, residentDate, residentMessages, residentMoney, type ResidentLang } from './messages.ts';

export const PAGE = '/mijn-signaal';

/** The page's content in its own language: `lang` (and `dir` for Arabic) on the wrapper too, so screen readers switch. */
function Frame({ lang, children }: { lang: ResidentLang; children: ReactNode }) {
  return (
    <div lang={lang} dir={dirOf(lang)} className="vs-narrow vs-resident">
      {children}
    </div>
  );
}

/**
 * The page's languages, in the page header (every language the page is in, not only the interface's
 * Dutch and English): links on the start page and the DigiD overview (`base`); on a page about a
 * reminder buttons that keep it open (its token never goes into a URL).
 */
function LanguageSwitch({ lang, token, formToken, base = PAGE }: { lang: ResidentLang; token?: string; formToken: string; base?: string }) {
  const t = residentMessages(lang);
  if (!token)
    return (
      <nav aria-label={t('language')} className="vs-resident-langs">
        <ul>
          {RESIDENT_LANGS.map((l) => (
            <li key={l}>
              {l === lang ? (
                <span lang={l} aria-current="true">
                  <strong>{LANG_NAMES[l]}</strong>
                </span>
              ) : (
                <a className="utrecht-link utrecht-link--html-a" href={`${base}?taal=${l}`} lang={l} hrefLang={l}>
                  {LANG_NAMES[l]}
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
    );
  return (
    <form method="post" action={`${PAGE}/keuze`} aria-label={t('language')} className="vs-resident-langs">
      <input type="hidden" name="_form" value={formToken} />
      <input type="hidden" name="t" value={token} />
      <ul>
        {RESIDENT_LANGS.map((l) => (
          <li key={l}>
            {l === lang ? (
              <span lang={l} aria-current="true">
                <strong>{LANG_NAMES[l]}</strong>
              </span>
            ) : (
              <button className="utrecht-button utrecht-button--subtle" type="submit" name="taal" value={l} lang={l}>
                {LANG_NAMES[l]}
              </button>
            )}
          </li>
        ))}
      </ul>
    </form>
  );
}

/** A page of /mijn-signaal as a document: in its language and direction, its languages in the header, the interface in Dutch or English. */
function residentDocument(lang: ResidentLang, fallback: Locale, body: ReactElement, languages: ReactElement): PageContent {
  return { title: residentMessages(lang)('title'), body, lang: { code: lang, dir: dirOf(lang) }, languages, interfaceLocale: lang === 'nl' || lang === 'en' ? lang : fallback };
}

/** The start page (code and address, or DigiD). `fallback`: the interface's language when the page's is neither Dutch nor English. */
export function startDocument(p: StartProps, fallback: Locale): PageContent {
  return residentDocument(p.lang, fallback, createElement(ResidentStartPage, p), createElement(LanguageSwitch, { lang: p.lang, formToken: p.formToken }));
}

export function reminderDocument(p: ReminderProps, fallback: Locale): PageContent {
  return residentDocument(p.lang, fallback, createElement(ResidentReminderPage, p), createElement(LanguageSwitch, { lang: p.lang, token: p.token, formToken: p.formToken }));
}

export function digidDocument(p: DigidProps, fallback: Locale): PageContent {
  return residentDocument(p.lang, fallback, createElement(ResidentDigidPage, p), createElement(LanguageSwitch, { lang: p.lang, formToken: p.formToken, base: `${PAGE}/digid/overzicht` }));
}

export interface StartProps {
  lang: ResidentLang;
  formToken: string;
  digid: boolean;
  error?: string | undefined;
  values?: { code: string; postcode: string; houseNumber: string };
}

function ResidentStartPage({ lang, formToken, digid, error, values }: StartProps) {
  const t = residentMessages(lang);
  return (
    <Frame lang={lang}>
      <Heading level={1}>{t('title')}</Heading>
      <Paragraph lead>{t('intro')}</Paragraph>
      {error ? (
        <Alert type="error" id="resident-error">
          {error}
        </Alert>
      ) : null}
      <Heading level={2}>{t('codeTitle')}</Heading>
      <form className="utrecht-form" method="post" action={PAGE}>
        <input type="hidden" name="_form" value={formToken} />
        <input type="hidden" name="taal" value={lang} />
        <FormField id="code" label={t('code')} description={t('codeHelp')}>
          <Textbox id="code" name="code" required autoComplete="off" value={values?.code} hasDescription size={16} />
        </FormField>
        <FormField id="postcode" label={t('postcode')}>
          <Textbox id="postcode" name="postcode" required autoComplete="postal-code" value={values?.postcode} size={8} />
        </FormField>
        <FormField id="houseNumber" label={t('houseNumber')}>
          <Textbox id="houseNumber" name="houseNumber" required inputMode="numeric" value={values?.houseNumber} size={6} />
        </FormField>
        <Button>{t('open')}</Button>
      </form>
      {digid ? (
        <>
          <Heading level={2}>{t('digidTitle')}</Heading>
          <Paragraph>{t('digidIntro')}</Paragraph>
          <Paragraph>
            <ButtonLink href={`${PAGE}/digid?taal=${lang}`}>{t('digid')}</ButtonLink>
          </Paragraph>
        </>
      ) : null}
    </Frame>
  );
}

export interface ReminderProps {
  lang: ResidentLang;
  formToken: string;
  token: string;
  e: ReminderExplanation;
  notices?: Array<{ type: 'ok' | 'error' | 'info'; text: string }>;
}

function Explanation({ lang, e }: { lang: ResidentLang; e: ReminderExplanation }) {
  const t = residentMessages(lang);
  const municipality = e.municipality?.name ?? '—';
  const langOfRules = lang === 'en' ? 'en' : 'nl';
  return (
    <>
      <Heading level={2}>{t('whatTitle', { creditor: e.creditor })}</Heading>
      <Paragraph>{t('whatIntro', { creditor: e.creditor, municipality, date: residentDate(lang, e.from) })}</Paragraph>
      {e.signals.length === 0 ? <Paragraph>{t('noRules', { creditor: e.creditor })}</Paragraph> : null}
      {e.signals.map((s) => (
        <section key={`${s.designation.regulation}-${s.designation.article}-${s.label.nl}`} aria-label={s.label[langOfRules]}>
          <Heading level={3}>
            <span lang={langOfRules}>{s.label[langOfRules]}</span>
          </Heading>
          <Paragraph>{t('whatData')}</Paragraph>
          <UnorderedList>
            {s.dataCategories.map((c) => (
              <ListItem key={c}>{t(`cat_${c}`)}</ListItem>
            ))}
          </UnorderedList>
          <Paragraph small>
            <RuleLine lang={lang} article={`${s.designation.article}${s.designation.paragraph ? ` lid ${s.designation.paragraph}` : ''}${s.designation.item ? ` onder ${s.designation.item}` : ''}`} title={s.designation.title} url={s.designation.url} />
          </Paragraph>
        </section>
      ))}
      <Heading level={2}>{t('municipalityTitle')}</Heading>
      <Paragraph>{t('municipalityText')}</Paragraph>
    </>
  );
}

/** "This is laid down in article X of <the regulation, linked>": the regulation's name stays Dutch (lang="nl"). */
function RuleLine({ lang, article, title, url }: { lang: ResidentLang; article: string; title: string; url: string }) {
  const [before, after] = residentMessages(lang)('rule', { article }).split('{regulation}');
  return (
    <>
      {before}
      <Link href={url} external>
        <span lang="nl">{title}</span>
      </Link>
      {after}
    </>
  );
}

const CHOICE_VALUES = ['objected', 'consented', 'help', 'none'] as const;

function ResidentReminderPage({ lang, formToken, token, e, notices }: ReminderProps) {
  const t = residentMessages(lang);
  const current = t(`short_${e.choice ?? 'none'}`);
  return (
    <Frame lang={lang}>
      <Heading level={1}>{t('title')}</Heading>
      {(notices ?? []).map((n, i) => (
        <Alert key={i} type={n.type}>
          {n.text}
        </Alert>
      ))}
      <Explanation lang={lang} e={e} />
      <Heading level={2}>{t('choiceTitle')}</Heading>
      <Paragraph>{t('current', { choice: current })}</Paragraph>
      {e.changeable ? (
        <form className="utrecht-form" method="post" action={`${PAGE}/keuze`}>
          <input type="hidden" name="_form" value={formToken} />
          <input type="hidden" name="t" value={token} />
          <input type="hidden" name="taal" value={lang} />
          {/* The heading above says it already: the legend stays the group's name for screen readers only. */}
          <RadioGroup name="keuze" legend={t('choiceTitle')} legendHidden value={e.choice ?? 'none'} required options={CHOICE_VALUES.map((c) => ({ value: c, label: t(`choice_${c}`, { creditor: e.creditor }) }))} />
          <FormField id="email" label={t('email')} description={t('emailHelp')}>
            <Textbox id="email" name="email" type="email" autoComplete="email" hasDescription />
          </FormField>
          <Button>{t('save')}</Button>
        </form>
      ) : (
        <Alert type="info">{t('closed')}</Alert>
      )}
      <Paragraph>
        <Link href={`${PAGE}?taal=${lang}`}>{t('otherCode')}</Link>
      </Paragraph>
    </Frame>
  );
}

interface DigidProps {
  lang: ResidentLang;
  formToken: string;
  signals: ResidentSignal[];
}

function ResidentDigidPage({ lang, formToken, signals }: DigidProps) {
  const t = residentMessages(lang);
  return (
    <Frame lang={lang}>
      <Heading level={1}>{t('title')}</Heading>
      <Heading level={2}>{t('digidSignalsTitle')}</Heading>
      {signals.length === 0 ? <Paragraph>{t('digidNone')}</Paragraph> : null}
      {signals.map((s) => (
        <section key={s.id} aria-label={s.creditor} className="vs-resident-signal">
          <Heading level={3}>{s.creditor}</Heading>
          <Paragraph>{t('signalFrom', { creditor: s.creditor, date: residentDate(lang, s.receivedOn), municipality: s.municipality })}</Paragraph>
          {s.amountCents !== null ? <Paragraph>{t('amount', { amount: residentMoney(lang, s.amountCents) })}</Paragraph> : null}
          <Paragraph small>
            {t('whatData')} {s.dataCategories.map((c) => t(`cat_${c}`)).join('; ')}
          </Paragraph>
        </section>
      ))}
      <form method="post" action={`${PAGE}/digid/uitloggen`}>
        <input type="hidden" name="_form" value={formToken} />
        <input type="hidden" name="taal" value={lang} />
        <Button appearance="secondary-action">{t('logout')}</Button>
      </form>
    </Frame>
  );
}
