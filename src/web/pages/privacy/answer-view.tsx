import type { AccessAnswer } from '../../../domain/privacy/access-answer.ts';
import { DataList, Heading, Paragraph, Table } from '../../components/index.ts';

/** The answer to an access request as it appears on screen: the same text the PDF holds. */
export function AnswerView({ answer }: { answer: AccessAnswer }) {
  return (
    <section lang={answer.lang} aria-labelledby="antwoord-titel" className="vs-access-answer">
      <Heading level={2} id="antwoord-titel">
        {answer.title}
      </Heading>
      {answer.intro.map((p, i) => (
        <Paragraph key={i}>{p}</Paragraph>
      ))}
      {answer.sections.map((s, i) => (
        <section key={i}>
          <Heading level={3}>{s.heading}</Heading>
          {s.paragraphs.map((p, j) => (
            <Paragraph key={j}>{p}</Paragraph>
          ))}
          {(s.facts ?? []).map((f, j) => (
            <div key={j}>
              <Heading level={4}>{f.title}</Heading>
              <DataList items={f.items.map(([key, value]) => ({ key, value }))} />
            </div>
          ))}
          {(s.tables ?? []).map((t, j) => (
            <Table<string[]>
              key={j}
              caption={t.caption}
              rows={t.rows}
              rowKey={(r) => `${t.rows.indexOf(r)}`}
              columns={t.head.map((h, k) => ({ key: String(k), header: h, cell: (r: string[]) => r[k] ?? '' }))}
            />
          ))}
        </section>
      ))}
    </section>
  );
}
