import type { ReactNode } from 'react';

export type ButtonAppearance = 'primary-action' | 'secondary-action' | 'subtle';

export function Button({
  children,
  appearance = 'primary-action',
  type = 'submit',
  name,
  value,
  formAction,
  id,
}: {
  children: ReactNode;
  appearance?: ButtonAppearance;
  type?: 'submit' | 'button' | 'reset';
  name?: string;
  value?: string;
  formAction?: string;
  id?: string;
}) {
  return (
    <button className={`utrecht-button utrecht-button--${appearance}`} type={type} name={name} value={value} formAction={formAction} id={id}>
      {children}
    </button>
  );
}

/** A link that looks like a button (navigation, not an action). */
export function ButtonLink({ href, children, appearance = 'secondary-action' }: { href: string; children: ReactNode; appearance?: ButtonAppearance }) {
  return (
    <a className={`utrecht-button-link utrecht-button-link--html-a utrecht-button-link--${appearance}`} href={href}>
      {children}
    </a>
  );
}
