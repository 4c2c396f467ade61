import type { getOwnProvider } from '../../../app/identity/configure-provider.ts';
import { CLIENT_AUTH_METHODS, type FieldProblem, type ProviderForm } from '../../../domain/identity/provider-form.ts';
import { Alert, Button, Checkbox, Form, FormField, Heading, Paragraph, Select, Textarea, Textbox } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { identityMessages } from './messages.ts';

type Stored = Awaited<ReturnType<typeof getOwnProvider>>;

export function formOfStored(p: Stored): ProviderForm {
  return {
    displayName: p?.display_name ?? '',
    issuer: p?.issuer ?? '',
    clientId: p?.client_id ?? '',
    clientAuth: p?.client_auth ?? 'client_secret_basic',
    credential: '',
    scopes: p?.scopes ?? 'openid email profile',
    roleClaim: p?.role_claim ?? 'groups',
    roleMap: Object.entries(p?.role_map ?? {})
      .map(([group, role]) => `${group} = ${role}`)
      .join('\n'),
    allowedEmailDomains: (p?.allowed_email_domains ?? []).join(', '),
    enabled: p?.enabled ?? true,
  };
}

/** The own organisation's identity provider: a plain form; the secret is write-only. */
export function ProviderPage({
  stored,
  form,
  problems = [],
  notice,
  redirectUri,
  logoutUri,
  roles,
}: {
  stored: Stored;
  form: ProviderForm;
  problems?: FieldProblem[];
  notice?: string | undefined;
  redirectUri: string;
  logoutUri: string;
  roles: readonly string[];
}) {
  const t = identityMessages(useWeb().locale);
  const errorOf = (field: keyof ProviderForm) => {
    const list = problems.filter((p) => p.field === field).map((p) => t(`p_${p.problem}` as 'p_required', p.values ?? {}));
    return list.length ? list.join(' ') : undefined;
  };
  const text = (field: 'displayName' | 'issuer' | 'clientId' | 'scopes' | 'roleClaim', help?: string) => (
    <FormField id={field} label={t(field)} error={errorOf(field)} description={help}>
      <Textbox id={field} name={field} value={form[field]} error={errorOf(field)} hasDescription={!!help} required />
    </FormField>
  );
  return (
    <div className="vs-narrow">
      <Heading level={1}>{t('ssoTitle')}</Heading>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      {problems.length ? <Alert type="error">{`${t('fixErrors')} ${problems.map((p) => t(`p_${p.problem}` as 'p_required', p.values ?? {})).join(' ')}`}</Alert> : null}
      <Paragraph>{t('ssoIntro')}</Paragraph>
      <Paragraph>{t('ssoRedirect', { url: redirectUri, logout: logoutUri })}</Paragraph>
      <Paragraph>{stored ? t(stored.enabled ? 'ssoActive' : 'ssoInactive', { name: stored.display_name }) : t('ssoNone')}</Paragraph>
      <Form action="/eenmalig-inloggen" label={t('ssoTitle')}>
        {text('displayName', t('displayNameHelp'))}
        {text('issuer', t('issuerHelp'))}
        {text('clientId')}
        <FormField id="clientAuth" label={t('clientAuth')} error={errorOf('clientAuth')}>
          <Select id="clientAuth" name="clientAuth" value={form.clientAuth} options={CLIENT_AUTH_METHODS.map((m) => ({ value: m, label: t(`auth_${m}`) }))} />
        </FormField>
        <FormField id="credential" label={t('credential')} error={errorOf('credential')} description={t('credentialHelp')}>
          <Textarea id="credential" name="credential" rows={3} error={errorOf('credential')} />
        </FormField>
        {text('scopes')}
        {text('roleClaim')}
        <FormField id="roleMap" label={t('roleMap')} error={errorOf('roleMap')} description={t('roleMapHelp', { roles: roles.join(', ') })}>
          <Textarea id="roleMap" name="roleMap" rows={4} value={form.roleMap} error={errorOf('roleMap')} />
        </FormField>
        <FormField id="allowedEmailDomains" label={t('domains')} error={errorOf('allowedEmailDomains')} description={t('domainsHelp')}>
          <Textbox id="allowedEmailDomains" name="allowedEmailDomains" value={form.allowedEmailDomains} error={errorOf('allowedEmailDomains')} hasDescription required />
        </FormField>
        <FormField id="enabled" label={t('enabled')} kind="checkbox">
          <Checkbox id="enabled" name="enabled" value="1" checked={form.enabled} />
        </FormField>
        <Paragraph>
          <Button>{t('save')}</Button>
        </Paragraph>
      </Form>
      {stored ? (
        <Form action="/eenmalig-inloggen/verwijderen" label={t('remove')}>
          <Button appearance="secondary-action">{t('remove')}</Button>
        </Form>
      ) : null}
    </div>
  );
}
