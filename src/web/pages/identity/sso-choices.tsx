import type { LoginChoices } from '../../../app/identity/login-choices.ts';
import { ButtonLink, Heading, ListItem, Paragraph, UnorderedList } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { identityMessages } from './messages.ts';

const startUrl = (provider: string, next: string) => `/sso/start?${new URLSearchParams({ aanbieder: provider, next }).toString()}`;

/**
 * The login page's other ways in: each organisation's provider, and eHerkenning for creditors.
 * Links, not forms: the CSP's form-action 'self' also covers where a form's answer redirects to,
 * and these redirect to the provider.
 */
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
          <UnorderedList>
            {choices.providers.map((p) => (
              <ListItem key={p.id}>
                <ButtonLink href={startUrl(p.id, next)}>{t('ssoLoginVia', { name: p.name })}</ButtonLink>
              </ListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}
      {choices.eherkenning ? (
        <section aria-labelledby="eh-title">
          <Heading level={2} id="eh-title">
            {t('eherkenningTitle')}
          </Heading>
          <Paragraph>{t('eherkenningIntro')}</Paragraph>
          <Paragraph>
            <ButtonLink href={startUrl('eherkenning', next)}>{t('eherkenningButton')}</ButtonLink>
          </Paragraph>
        </section>
      ) : null}
      <Heading level={2}>{t('orPassword')}</Heading>
    </>
  );
}
