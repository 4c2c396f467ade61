import { defineMessages } from '../../../domain/i18n/index.ts';

/** Texts only the PDF rendering of the art. 1.3 report needs (page furniture, chart descriptions). */
export const pdfMessages = defineMessages({
  nl: {
    measure: 'Kengetal',
    part: '{title} (deel {n} van {of})',
    page: 'Pagina {n} van {of}',
    chartAlt: 'Staafdiagram, {title}: {values}.',
    chartValue: '{label} {value}',
    suppressed: '{label} weggelaten (minder dan 10)',
    chartNoData: 'Staafdiagram, {title}: geen gegevens in deze periode.',
  },
  en: {
    measure: 'Measure',
    part: '{title} (part {n} of {of})',
    page: 'Page {n} of {of}',
    chartAlt: 'Bar chart, {title}: {values}.',
    chartValue: '{label} {value}',
    suppressed: '{label} left out (fewer than 10)',
    chartNoData: 'Bar chart, {title}: no data in this period.',
  },
});
