import type { ReactNode } from 'react';
import { ListItem, Paragraph, UnorderedList } from './text.tsx';

export type AlertType = 'info' | 'ok' | 'warning' | 'error';

/** NL Design System alert. Errors and confirmations are announced to screen readers. */
export function Alert({ type, children, id }: { type: AlertType; children: ReactNode; id?: string }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${type}`} role={type === 'error' ? 'alert' : 'status'} id={id}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

/** A refused form's or selection's problems: a lead sentence and one list item per problem. */
export function ProblemsAlert({ lead, problems, id }: { lead: string; problems: readonly string[]; id?: string }) {
  if (problems.length === 0) return null;
  return (
    <Alert type="error" id={id}>
      <Paragraph>{lead}</Paragraph>
      <UnorderedList>
        {problems.map((p) => (
          <ListItem key={p}>{p}</ListItem>
        ))}
      </UnorderedList>
    </Alert>
  );
}

export type BadgeStatus = 'neutral' | 'safe' | 'warning' | 'danger' | 'active' | 'inactive';

/** A short status word (overdue, crisis, …); the text itself carries the meaning, colour only supports it. */
export function StatusBadge({ status, children }: { status: BadgeStatus; children: ReactNode }) {
  return <span className={`utrecht-status-badge utrecht-status-badge--${status} vs-badge`}>{children}</span>;
}
