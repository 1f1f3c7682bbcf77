// The DCAT-US 1.1 non-federal JSON Schemas (draft-04), kept beside the repository in ../shared.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

// CommonJS packages: under NodeNext their classes sit on `.default`.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;

/** ../shared/dcat-us-1.1 from the repository root (or from a folder above it, for git worktrees). */
function findDcatFolder(): string {
  for (let dir = fileURLToPath(new URL('../..', import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dirname(dir), 'shared', 'dcat-us-1.1');
    if (existsSync(candidate)) return `${candidate}/`;
  }
  throw new Error('shared/dcat-us-1.1 (the DCAT-US JSON Schemas) not found beside the repository');
}

export const dcatFolder = findDcatFolder();

const schemaFiles = ['catalog.json', 'dataset-non-federal.json', 'vcard-non-federal.json', 'distribution.json', 'organization.json'];

/** A validator for a whole data.json; `errors` lists what is wrong. */
export function dcatCatalogValidator() {
  // The schemas' regular expressions use escapes that the `u` flag rejects.
  const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  for (const file of schemaFiles) ajv.addSchema(JSON.parse(readFileSync(`${dcatFolder}non-federal/${file}`, 'utf8')), file);
  return ajv.getSchema('catalog.json')!;
}

export const dcatExample = (name: string) => JSON.parse(readFileSync(`${dcatFolder}examples/${name}`, 'utf8'));
