import { defineMessages, type LocalizedText, type Vars } from '../../../domain/i18n/index.ts';

/** A problem with a batch file as a whole; rows before it were still processed. */
export class FileRefused extends Error implements FileRefusal {
  constructor(
    public readonly code: string,
    public readonly nl: string,
    public readonly en: string,
    public readonly status = 422,
  ) {
    super(en);
  }

  /** As plain data, to cross a worker-thread boundary. */
  toJSON(): FileRefusal {
    return { code: this.code, nl: this.nl, en: this.en, status: this.status };
  }

  static from(r: FileRefusal): FileRefused {
    return new FileRefused(r.code, r.nl, r.en, r.status);
  }
}

/**
 * A file's refusal as data: stored with its batch (batches.error) and read back in whichever
 * language is asked, so it carries its text in every language itself (a LocalizedText, picked with textIn).
 */
export interface FileRefusal extends LocalizedText {
  code: string;
  status: number;
}

/**
 * The wording of a file's refusals; a refusal keeps every language of it (FileRefusal).
 * @public Exported for the catalog test (src/domain/i18n/catalogs.test.ts), which checks every catalog.
 */
export const fileRefusalMessages = defineMessages({
  nl: {
    tooLarge: 'Het bestand is groter dan de toegestane {maxBytes} bytes; splits het op in kleinere bestanden.',
    notUtf8: 'Het bestand is geen geldige UTF-8-tekst (rond byte {aroundByte}). Sla het op als "CSV UTF-8".',
    binary: 'Het bestand bevat een NUL-teken: het is geen tekstbestand.',
    empty: 'Het bestand is leeg: er is geen kopregel.',
    notCsv: 'Het bestand is geen geldige CSV (regel {line}: {code}).',
    wrongDelimiter: "De kopregel lijkt '{sep}' als scheidingsteken te gebruiken; gebruik een komma of puntkomma (zie de sjabloon).",
    unknownColumns: 'Onbekende kolom(men): {columns}. Toegestaan zijn alleen de kolommen van de sjabloon.',
    duplicateColumns: 'Dubbele kolom(men): {columns}.',
    missingColumns: 'Verplichte kolom(men) ontbreken: {columns}.',
  },
  en: {
    tooLarge: 'The file is larger than the allowed {maxBytes} bytes; split it into smaller files.',
    notUtf8: 'The file is not valid UTF-8 text (around byte {aroundByte}). Save it as "CSV UTF-8".',
    binary: 'The file contains a NUL character: it is not a text file.',
    empty: 'The file is empty: there is no header row.',
    notCsv: 'The file is not valid CSV (line {line}: {code}).',
    wrongDelimiter: "The header row seems to use '{sep}' as separator; use a comma or semicolon (see the template).",
    unknownColumns: "Unknown column(s): {columns}. Only the template's columns are accepted.",
    duplicateColumns: 'Duplicate column(s): {columns}.',
    missingColumns: 'Required column(s) missing: {columns}.',
  },
});

const refused = (code: string, key: Parameters<ReturnType<typeof fileRefusalMessages>>[0], vars?: Vars, status?: number) => {
  const text = fileRefusalMessages.inAll(key, vars);
  return new FileRefused(code, text.nl, text.en, status);
};

export const fileRefusals = {
  tooLarge: (maxBytes: number) => refused('FILE_TOO_LARGE', 'tooLarge', { maxBytes }, 413),
  notUtf8: (aroundByte: number) => refused('FILE_NOT_UTF8', 'notUtf8', { aroundByte }),
  // A NUL character never occurs in a text file, and PostgreSQL cannot store one: refuse the file, not fail the write.
  binary: () => refused('FILE_BINARY', 'binary'),
  empty: () => refused('FILE_EMPTY', 'empty'),
  notCsv: (line: number, code: string) => refused('FILE_NOT_CSV', 'notCsv', { line, code }),
  wrongDelimiter: (sep: string) => refused('FILE_WRONG_DELIMITER', 'wrongDelimiter', { sep }),
  unknownColumns: (columns: readonly string[]) => refused('FILE_UNKNOWN_COLUMNS', 'unknownColumns', { columns: columns.join(', ') }),
  duplicateColumns: (columns: readonly string[]) => refused('FILE_DUPLICATE_COLUMNS', 'duplicateColumns', { columns: columns.join(', ') }),
  missingColumns: (columns: readonly string[]) => refused('FILE_MISSING_COLUMNS', 'missingColumns', { columns: columns.join(', ') }),
};
