import type { LoginChoices } from '../../../app/identity/login-choices.ts';
import { Button, FormField, Heading, Paragraph, Select } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { identityMessages } from './messages.ts';

/** The login page's other ways in: the own organisation's provider, and eHerkenning for creditors. Plain GET forms. */
export function SsoChoices({ choices, next }: { choices: LoginChoices; next: string }) {
  const t = identityMessages(useWeb().locale);
  if (choices.providers.length === 0 && !choices.eherkenning) return null;
  return (
    <>
      {choices.providers.length > 0 ? (
        <section aria-labelledby="sso-title">
          <Heading level={2} id="sso-title">
            {t('ssoLoginTitle')}
          </Heading>
          <Paragraph>{t('ssoLoginIntro')}</Paragraph>
          <form className="utrecht-form" action="/sso/start" method="get">
            <input type="hidden" name="next" value={next} />
            <FormField id="aanbieder" label={t('ssoOrganisation')}>
              <Select id="aanbieder" name="aanbieder" options={choices.providers.map((p) => ({ value: p.id, label: p.name }))} />
            </FormField>
            <Button>{t('ssoLoginButton')}</Button>
          </form>
        </section>
      ) : null}
      {choices.eherkenning ? (
        <section aria-labelledby="eh-title">
          <Heading level={2} id="eh-title">
            {t('eherkenningTitle')}
          </Heading>
          <Paragraph>{t('eherkenningIntro')}</Paragraph>
          <form className="utrecht-form" action="/sso/start" method="get">
            <input type="hidden" name="aanbieder" value="eherkenning" />
            <input type="hidden" name="next" value={next} />
            <Button>{t('eherkenningButton')}</Button>
          </form>
        </section>
      ) : null}
      <Heading level={2}>{t('orPassword')}</Heading>
    </>
  );
}
