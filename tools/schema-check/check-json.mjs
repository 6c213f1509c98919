#!/usr/bin/env node
// Validates JSON files (e.g. `strata recommend -o json` output) against a JSON Schema in schemas/.
//
//   node check-json.mjs SCHEMA FILE...
//
// SCHEMA is a schema of the repository's schemas/ directory, by file name (decision.schema.json)
// or by path. Every schemas/*.schema.json is loaded, so relative $refs such as
// common.schema.json#/$defs/stack resolve by $id. A FILE that is a directory is searched
// recursively for .json files. Prints `path: ok` or one line per error, then `N passed, M failed`.
// Exits 1 when any file fails, 2 on a usage error or a broken schema.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSchemaDir, collect, describe, report } from './schemas.mjs';

const SCHEMAS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas');

function usage(message) {
  if (message) console.error(`check-json: ${message}`);
  console.error('usage: node check-json.mjs SCHEMA FILE...   (SCHEMA: a file name or path in schemas/, e.g. decision.schema.json)');
  process.exit(2);
}

function validatorFor(arg) {
  const { ajv, idByFile } = loadSchemaDir(SCHEMAS);
  const name = path.basename(arg);
  if (arg.includes(path.sep) || arg.includes('/')) {
    const full = path.resolve(arg);
    if (path.dirname(full) !== SCHEMAS) throw new Error(`schema '${arg}' is not in ${SCHEMAS}`);
  }
  const id = idByFile.get(name);
  if (!id) throw new Error(`no schema '${name}' in ${SCHEMAS} (have: ${[...idByFile.keys()].join(', ')})`);
  const v = ajv.getSchema(id);
  if (!v) throw new Error(`schema ${name} did not compile`);
  return v;
}

function check(validate, file) {
  let data;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return [`not JSON: ${e.message}`];
  }
  if (validate(data)) return [];
  const lines = [...new Set(validate.errors.filter((e) => e.keyword !== 'if').map((e) => describe(e)))];
  return lines.length > 0 ? lines : ['does not match its schema'];
}

const args = process.argv.slice(2);
if (args.includes('-h') || args.includes('--help')) usage();
if (args.length < 2) usage('give a schema and at least one file');

let validate;
try {
  validate = validatorFor(args[0]);
} catch (e) {
  console.error(`check-json: ${e.message}`);
  process.exit(2);
}

const files = [];
for (const a of args.slice(1)) collect(a, files, (name) => name.endsWith('.json'));
report(files, (file) => check(validate, file));
