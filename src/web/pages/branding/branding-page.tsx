import { PREVIEW_CLASS } from '../../../app/branding/served-theme.ts';
import type { getOwnTheme } from '../../../app/branding/own-theme.ts';

type StoredTheme = NonNullable<Awaited<ReturnType<typeof getOwnTheme>>['stored']>;
import { CONTRAST_PAIRS } from '../../../domain/branding/contrast.ts';
import { PAGE_BACKGROUND, THEME_COLOUR_FIELDS, type ThemeColourField } from '../../../domain/branding/theme.ts';
import { tokensByField } from '../../../domain/branding/tokens.ts';
import { Alert, Button, Fieldset, FormField, Heading, Paragraph, Textbox } from '../../components/index.ts';
import { Form } from '../../components/form.tsx';
import { useWeb } from '../../web-context.ts';
import { brandingMessages } from './messages.ts';

export interface BrandingPageProps {
  organisationName: string;
  stored: StoredTheme | null;
  /** What the form shows: the stored values, or what was just submitted. */
  values: { displayName: string; colours: Record<ThemeColourField, string> };
  notice?: string | undefined;
  /** Reasons a save was refused (or a preview would be), in the page's language. */
  problems?: Partial<Record<ThemeColourField | 'displayName' | 'logo', string[]>>;
  preview?: boolean;
  /**
   * The colours the preview box is painted in: the chosen ones when they pass the contrast checks,
   * else the ones in use now (a sample in colours that fail would itself fail WCAG on this page).
   */
  previewColours?: Record<ThemeColourField, string>;
}

/** The preview's stylesheet: the colours as query parameters (hex only; anything else reads as neutral). */
function previewHref(colours: Record<ThemeColourField, string>): string {
  return `/thema/voorbeeld.css?${new URLSearchParams(THEME_COLOUR_FIELDS.map((f): [string, string] => [f, colours[f]])).toString()}`;
}

/**
 * "Huisstijl": the own organisation's name, logo and colours with a preview. The form is
 * multipart (the logo); the preview box is painted by a stylesheet of its own, and repainted by
 * branding-preview.js as colours are typed (the page works without it: "Voorbeeld bekijken").
 */
export function BrandingPage({ organisationName, stored, values, notice, problems = {}, preview, previewColours = values.colours }: BrandingPageProps) {
  const { locale, csrfToken, user } = useWeb();
  const t = brandingMessages(locale);
  const all = Object.values(problems).flat();
  const err = (f: ThemeColourField | 'displayName' | 'logo') => (problems[f]?.length ? problems[f].join(' ') : undefined);
  const shownName = values.displayName.trim() || organisationName;
  return (
    <div>
      <Heading level={1}>{t('title')}</Heading>
      <Paragraph>{t('intro')}</Paragraph>
      <Paragraph>{stored ? t('usingOwn') : t('usingNeutral')}</Paragraph>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      {all.length ? (
        <Alert type="error" id="huisstijl-fouten">
          {preview ? null : `${t('refused')} `}
          {all.join(' ')}
        </Alert>
      ) : null}
      <div className="vs-columns">
        <section aria-labelledby="huisstijl-formulier">
          <Heading level={2} id="huisstijl-formulier">
            {t('formTitle')}
          </Heading>
          <form className="utrecht-form" action="/huisstijl" method="post" encType="multipart/form-data" aria-labelledby="huisstijl-formulier">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <FormField id="displayName" label={t('displayName')} description={t('displayNameHelp', { name: organisationName })} error={err('displayName')}>
              <Textbox id="displayName" name="displayName" value={values.displayName} hasDescription error={err('displayName')} autoComplete="organization" />
            </FormField>
            <Fieldset legend={t('coloursTitle')} description={t('coloursHelp')}>
              {THEME_COLOUR_FIELDS.map((f) => (
                <FormField key={f} id={f} label={t(f)} error={err(f)}>
                  <Textbox id={f} name={f} value={values.colours[f]} error={err(f)} size={9} autoComplete="off" />
                </FormField>
              ))}
            </Fieldset>
            <FormField id="logo" label={t('logo')} description={`${t('logoHelp')}${stored?.logo ? ` ${t('currentLogo', { type: stored.logo.type === 'image/png' ? 'PNG' : 'JPEG', w: String(stored.logo.width), h: String(stored.logo.height) })}` : ''}`} error={err('logo')}>
              <input className="utrecht-textbox utrecht-textbox--html-input" type="file" id="logo" name="logo" accept="image/png,image/jpeg" aria-describedby={err('logo') ? 'logo-description logo-error' : 'logo-description'} aria-invalid={err('logo') ? 'true' : undefined} />
            </FormField>
            {stored?.logo ? (
              <FormField id="removeLogo" label={t('removeLogo')} kind="checkbox">
                <input className="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="removeLogo" name="removeLogo" value="1" />
              </FormField>
            ) : null}
            <div className="vs-actions">
              <Button appearance="secondary-action" name="intent" value="preview">
                {t('previewButton')}
              </Button>
              <Button name="intent" value="save">
                {t('saveButton')}
              </Button>
            </div>
          </form>
        </section>
        <section aria-labelledby="huisstijl-voorbeeld">
          <Heading level={2} id="huisstijl-voorbeeld">
            {t('previewTitle')}
          </Heading>
          <Paragraph>{previewColours !== values.colours ? t('previewHeld') : preview ? `${t('previewIntro')} ${t('previewNotSaved')}` : t('previewIntro')}</Paragraph>
          <p className="utrecht-paragraph" data-preview-held="" aria-live="polite" hidden>
            {t('previewHeld')}
          </p>
          <link rel="stylesheet" href={previewHref(previewColours)} />
          <div className={`${PREVIEW_CLASS} vs-preview`} data-theme-preview={JSON.stringify(tokensByField())} data-contrast-pairs={JSON.stringify(CONTRAST_PAIRS.map((p) => [p.foreground, p.background === 'page' ? PAGE_BACKGROUND : p.background, p.needed]))}>
            <div className="utrecht-page-header vs-header vs-preview__header">
              <div className="vs-header__content">
                {stored?.logo ? <img className="vs-header__logo" src={`/thema/${encodeURIComponent(user?.organisationId ?? '')}/logo?v=${stored.logo.sha256.slice(0, 16)}`} alt="" width={stored.logo.width} height={stored.logo.height} /> : null}
                <span className="vs-header__org" data-preview-name>
                  {shownName}
                </span>
                <span className="vs-preview__link">{t('sampleLink')}</span>
              </div>
            </div>
            <div className="vs-preview__body">
              <button type="button" className="utrecht-button utrecht-button--primary-action">
                {t('sampleButton')}
              </button>
            </div>
            <div className="utrecht-page-footer vs-footer">
              <p className="utrecht-paragraph utrecht-paragraph--small">{t('sampleFooter')}</p>
            </div>
          </div>
        </section>
      </div>
      <section aria-labelledby="huisstijl-standaard" className="vs-section">
        <Heading level={2} id="huisstijl-standaard">
          {t('resetTitle')}
        </Heading>
        <Paragraph>{t('resetIntro')}</Paragraph>
        <Form action="/huisstijl/standaard" label={t('resetTitle')}>
          <Button appearance="secondary-action">{t('resetButton')}</Button>
        </Form>
      </section>
    </div>
  );
}
