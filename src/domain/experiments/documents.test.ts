import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanFileName, detectMediaType, documentProblem, MAX_DOCUMENT_BYTES, MEDIA_TYPES } from './documents.ts';

const zip = (first: string, rest = '') => Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(26), Buffer.from(first + rest, 'latin1')]);

test('PDF, ODT and DOCX are recognised by their bytes; anything else is refused', () => {
  assert.equal(detectMediaType(Buffer.from('%PDF-1.7\n...')), MEDIA_TYPES.pdf);
  assert.equal(detectMediaType(zip(`mimetype${MEDIA_TYPES.odt}`)), MEDIA_TYPES.odt);
  assert.equal(detectMediaType(zip('[Content_Types].xml', '....word/document.xml')), MEDIA_TYPES.docx);
  assert.equal(detectMediaType(zip('[Content_Types].xml', '....xl/workbook.xml')), undefined, 'a spreadsheet is not a document');
  assert.equal(detectMediaType(Buffer.from('<html>')), undefined);
  assert.deepEqual(documentProblem(Buffer.from('GIF89a')), { problem: { nl: 'Alleen PDF, ODT of DOCX.', en: 'PDF, ODT or DOCX only.' } });
});

test('empty and too large files are refused', () => {
  assert.ok('problem' in documentProblem(undefined));
  assert.ok('problem' in documentProblem(Buffer.alloc(0)));
  const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(MAX_DOCUMENT_BYTES)]);
  const r = documentProblem(big);
  assert.match('problem' in r ? r.problem.en : '', /larger than 10 MB/);
});

test('a file name keeps no path or control characters', () => {
  assert.equal(cleanFileName('C:\\docs\\advies AP.pdf'), 'advies AP.pdf');
  assert.equal(cleanFileName('../../etc/"x\r\n.pdf'), 'x.pdf');
  assert.equal(cleanFileName(''), 'document');
});
