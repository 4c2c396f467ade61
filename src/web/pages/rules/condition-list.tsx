import type { CompiledCondition } from '../../../domain/rules/rule-book.ts';
import { ListItem, UnorderedList } from '../../components/index.ts';
import type { Locale } from '../../i18n/locale.ts';
import { CitationLink } from '../creditor/parts.tsx';
import { conditionText } from './condition-text.ts';

/** A designation's conditions in words, each with its article (and, for senders, the refusal code it gives). */
export function ConditionList({ conditions, none, locale, codeText }: { conditions: readonly CompiledCondition[]; none: string; locale: Locale; codeText?: (code: string) => string }) {
  if (conditions.length === 0) return <>{none}</>;
  return (
    <UnorderedList>
      {conditions.map((c, i) => (
        <ListItem key={i}>
          {conditionText(c, locale)} (<CitationLink c={c.citation} locale={locale} />
          {codeText ? `; ${codeText(c.code)}` : ''})
        </ListItem>
      ))}
    </UnorderedList>
  );
}
