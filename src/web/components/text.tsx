import type { ReactNode } from 'react';

type HeadingLevel = 1 | 2 | 3 | 4;

/** NL Design System heading; the visual level follows the document level. */
export function Heading({ level, children, id }: { level: HeadingLevel; children: ReactNode; id?: string }) {
  const Tag = `h${level}` as const;
  return (
    <Tag className={`utrecht-heading-${level}`} id={id}>
      {children}
    </Tag>
  );
}

export function Paragraph({ children, lead, small }: { children: ReactNode; lead?: boolean; small?: boolean }) {
  const cls = ['utrecht-paragraph', lead ? 'utrecht-paragraph--lead' : '', small ? 'utrecht-paragraph--small' : ''].filter(Boolean).join(' ');
  return <p className={cls}>{children}</p>;
}

export function Link({ href, children, current, external }: { href: string; children: ReactNode; current?: boolean; external?: boolean }) {
  return (
    <a className={`utrecht-link utrecht-link--html-a${current ? ' utrecht-link--current' : ''}`} href={href} aria-current={current ? 'page' : undefined} rel={external ? 'noopener noreferrer' : undefined}>
      {children}
    </a>
  );
}

export function SkipLink({ href, children, lang }: { href: string; children: ReactNode; lang?: string | undefined }) {
  return (
    <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href={href} lang={lang}>
      {children}
    </a>
  );
}

/** A list of definitions (key → value), e.g. the facts of a case. */
export function DataList({ items }: { items: Array<{ key: ReactNode; value: ReactNode }> }) {
  return (
    <dl className="utrecht-data-list utrecht-data-list--rows">
      {items.map((it, i) => (
        <div className="utrecht-data-list__item" key={i}>
          <dt className="utrecht-data-list__item-key">{it.key}</dt>
          <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{it.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function UnorderedList({ children }: { children: ReactNode }) {
  return <ul className="utrecht-unordered-list">{children}</ul>;
}
export function ListItem({ children }: { children: ReactNode }) {
  return <li className="utrecht-unordered-list__item">{children}</li>;
}
