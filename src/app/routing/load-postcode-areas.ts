import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { PostcodeAreaRouter, type PostcodeArea } from '../../domain/routing/postcode-areas.ts';

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../reference-data/postcode-areas.yaml');

export async function loadPostcodeAreaRouter(file = FILE): Promise<PostcodeAreaRouter> {
  const doc = parse(await readFile(file, 'utf8')) as { areas: PostcodeArea[] };
  return new PostcodeAreaRouter(doc.areas);
}
