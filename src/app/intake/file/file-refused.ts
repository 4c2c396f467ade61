import type { LocalizedText } from '../../../domain/i18n/index.ts';

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

export const fileRefusals = {
  tooLarge: (maxBytes: number) =>
    new FileRefused(
      'FILE_TOO_LARGE',
      `Het bestand is groter dan de toegestane ${maxBytes} bytes; splits het op in kleinere bestanden.`,
      `The file is larger than the allowed ${maxBytes} bytes; split it into smaller files.`,
      413,
    ),
  notUtf8: (aroundByte: number) =>
    new FileRefused(
      'FILE_NOT_UTF8',
      `Het bestand is geen geldige UTF-8-tekst (rond byte ${aroundByte}). Sla het op als "CSV UTF-8".`,
      `The file is not valid UTF-8 text (around byte ${aroundByte}). Save it as "CSV UTF-8".`,
    ),
  // A NUL character never occurs in a text file, and PostgreSQL cannot store one: refuse the file, not fail the write.
  binary: () => new FileRefused('FILE_BINARY', 'Het bestand bevat een NUL-teken: het is geen tekstbestand.', 'The file contains a NUL character: it is not a text file.'),
  empty: () => new FileRefused('FILE_EMPTY', 'Het bestand is leeg: er is geen kopregel.', 'The file is empty: there is no header row.'),
  notCsv: (line: number, code: string) =>
    new FileRefused('FILE_NOT_CSV', `Het bestand is geen geldige CSV (regel ${line}: ${code}).`, `The file is not valid CSV (line ${line}: ${code}).`),
};
