import { FIGURES, FUNNEL_STAGES, type FigureKey } from '../../../domain/evaluation/definitions.ts';
import { Heading, Link, Paragraph } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { dashboardMessages } from './messages.ts';
import { textIn } from '../../../domain/i18n/index.ts';

/**
 * The glossary (issue 21): every figure the dashboard, its CSVs, the report and the DDAS delivery
 * show, with its one definition from src/domain/evaluation/definitions.ts — the same text the
 * README's glossary carries.
 */
export function GlossaryPage() {
  const { locale } = useWeb();
  const t = dashboardMessages(locale);
  const keys = Object.keys(FIGURES) as FigureKey[];
  return (
    <>
      <Heading level={1}>{t('glossaryTitle')}</Heading>
      <Paragraph>{t('glossaryIntro')}</Paragraph>
      <Heading level={2}>{t('glossaryFunnel')}</Heading>
      <ol className="utrecht-ordered-list">
        {FUNNEL_STAGES.map((k) => (
          <li className="utrecht-ordered-list__item" key={k}>
            <a className="utrecht-link utrecht-link--html-a" href={`#${k}`}>
              {textIn(FIGURES[k].label, locale)}
            </a>
          </li>
        ))}
      </ol>
      <div className="utrecht-table-container utrecht-table-container--overflow-inline vs-scroll" tabIndex={0} role="region" aria-label={t('glossaryTitle')}>
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="utrecht-table__caption">{t('glossaryTitle')}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">{t('glossaryFigure')}</th>
              <th scope="col" className="utrecht-table__header-cell">{t('glossaryDdas')}</th>
              <th scope="col" className="utrecht-table__header-cell">{t('glossaryPopulation')}</th>
              <th scope="col" className="utrecht-table__header-cell">{t('glossaryDefinition')}</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {keys.map((k) => (
              <tr className="utrecht-table__row" key={k} id={k}>
                <th scope="row" className="utrecht-table__header-cell">{textIn(FIGURES[k].label, locale)}</th>
                <td className="utrecht-table__cell">{FIGURES[k].ddas ?? '–'}</td>
                <td className="utrecht-table__cell">{t(FIGURES[k].population === 'signals' ? 'populationSignals' : 'populationCases')}</td>
                <td className="utrecht-table__cell">{textIn(FIGURES[k].definition, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Paragraph>
        <Link href="/dashboard">{t('backToDashboard')}</Link>
      </Paragraph>
    </>
  );
}
