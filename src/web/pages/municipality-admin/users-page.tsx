import { Alert, Button, Checkbox, Fieldset, Form, FormField, Heading, Link, Paragraph, Select, Table, Textbox } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { worklistMessages, type WorklistT } from '../worklist/messages.ts';
import { invitationMessages } from './invitation-messages.ts';

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  disabled: boolean;
  /** Invited, no password chosen yet: whether the invitation still works. */
  invitation?: 'open' | 'expired';
}

const roleLabel = (t: WorklistT, r: string) => t(`role_${r}` as Parameters<WorklistT>[0]) ?? r;

function RoleChecks({ t, allowed, selected, error }: { t: WorklistT; allowed: readonly string[]; selected: string[]; error?: string | undefined }) {
  return (
    <Fieldset legend={t('roles')}>
      {error ? <p className="utrecht-form-field-error-message">{error}</p> : null}
      {allowed.map((r) => (
        <FormField key={r} id={`role-${r}`} label={roleLabel(t, r)} kind="checkbox">
          <Checkbox id={`role-${r}`} name="roles" value={r} checked={selected.includes(r)} />
        </FormField>
      ))}
    </Fieldset>
  );
}

export function UsersPage({ users, allowed, notice, error, values }: { users: UserRow[]; allowed: readonly string[]; notice?: string | undefined; error?: string | undefined; values?: Record<string, string | string[]> }) {
  const { locale, user } = useWeb();
  const t = worklistMessages(locale);
  const it = invitationMessages(locale);
  const str = (k: string) => (typeof values?.[k] === 'string' ? (values[k] as string) : '');
  return (
    <>
      <Heading level={1}>{t('usersTitle')}</Heading>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      {error ? <Alert type="error">{error}</Alert> : null}
      <Table
        caption={t('usersCaption', { org: user?.organisationName ?? '' })}
        rows={users}
        rowKey={(u) => u.id}
        columns={[
          { key: 'name', header: t('colName'), cell: (u) => <Link href={`/gebruikers/${u.id}`}>{u.displayName}</Link> },
          { key: 'email', header: t('colEmail'), cell: (u) => u.email },
          { key: 'roles', header: t('colRoles'), cell: (u) => u.roles.map((r) => roleLabel(t, r)).join(', ') },
          { key: 'state', header: t('colState'), cell: (u) => (u.disabled ? t('disabled') : u.invitation === 'open' ? it('invited') : u.invitation === 'expired' ? it('invitationExpired') : t('active')) },
        ]}
      />
      <section className="vs-section vs-narrow" aria-labelledby="add-user">
        <Heading level={2} id="add-user">
          {t('addUser')}
        </Heading>
        <Paragraph>{it('addHelp')}</Paragraph>
        <Form action="/gebruikers" label={t('addUser')}>
          <FormField id="user-name" label={t('displayName')}>
            <Textbox id="user-name" name="displayName" required value={str('displayName')} />
          </FormField>
          <FormField id="user-email" label={t('colEmail')}>
            <Textbox id="user-email" name="email" type="email" required autoComplete="off" value={str('email')} />
          </FormField>
          <FormField id="user-locale" label={it('language')}>
            <Select id="user-locale" name="locale" value={str('locale') || locale} options={[{ value: 'nl', label: it('dutch') }, { value: 'en', label: it('english') }]} />
          </FormField>
          <RoleChecks t={t} allowed={allowed} selected={Array.isArray(values?.roles) ? values.roles : typeof values?.roles === 'string' ? [values.roles] : []} />
          <FormField id="user-password" label={it('initialPassword')}>
            <Textbox id="user-password" name="password" type="password" autoComplete="new-password" />
          </FormField>
          <div className="vs-actions">
            <Button name="intent" value="invite">
              {it('invite')}
            </Button>
            <Button name="intent" value="password" appearance="secondary-action">
              {it('addWithPassword')}
            </Button>
          </div>
        </Form>
      </section>
    </>
  );
}

export function UserPage({ u, allowed, error }: { u: UserRow; allowed: readonly string[]; error?: string | undefined }) {
  const { locale } = useWeb();
  const t = worklistMessages(locale);
  return (
    <div className="vs-narrow">
      <Paragraph>
        <Link href="/gebruikers">{t('usersTitle')}</Link>
      </Paragraph>
      <Heading level={1}>{t('editUserTitle', { name: u.displayName })}</Heading>
      {error ? <Alert type="error">{error}</Alert> : null}
      <Paragraph>{u.email}</Paragraph>
      <Form action={`/gebruikers/${u.id}`}>
        <RoleChecks t={t} allowed={allowed} selected={u.roles} />
        <FormField id="user-disabled" label={t('disableUser')} kind="checkbox">
          <Checkbox id="user-disabled" name="disabled" value="1" checked={u.disabled} />
        </FormField>
        <Button>{t('saveUser')}</Button>
      </Form>
      {u.invitation && !u.disabled ? <Reinvite u={u} /> : null}
    </div>
  );
}

/** A user who was invited and has no password yet: send a new invitation (the old link stops working). */
function Reinvite({ u }: { u: UserRow }) {
  const { locale } = useWeb();
  const it = invitationMessages(locale);
  return (
    <section className="vs-section" aria-labelledby="reinvite">
      <Heading level={2} id="reinvite">
        {it('reinviteTitle')}
      </Heading>
      <Paragraph>{u.invitation === 'expired' ? it('reinviteExpired') : it('reinviteOpen')}</Paragraph>
      <Paragraph>{it('reinviteHelp')}</Paragraph>
      <Form action={`/gebruikers/${u.id}/uitnodigen`}>
        <Button appearance="secondary-action">{it('reinvite')}</Button>
      </Form>
    </section>
  );
}
