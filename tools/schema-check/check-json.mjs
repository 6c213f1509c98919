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
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const SCHEMAS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas');

function usage(message) {
  if (message) console.error(`check-json: ${message}`);
  console.error('usage: node check-json.mjs SCHEMA FILE...   (SCHEMA: a file name or path in schemas/, e.g. decision.schema.json)');
  process.exit(2);
}

// One Ajv holding every schema of schemas/, keyed by $id (or file name when a schema has none).
function loadSchemas() {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  const idByFile = new Map();
  for (const name of fs.readdirSync(SCHEMAS).filter((n) => n.endsWith('.schema.json')).sort()) {
    const full = path.join(SCHEMAS, name);
    let schema;
    try {
      schema = JSON.parse(fs.readFileSync(full, 'utf8'));
      ajv.addSchema(schema, schema.$id ? undefined : name);
    } catch (e) {
      throw new Error(`schema ${full} is broken: ${e.message}`);
    }
    idByFile.set(name, schema.$id ?? name);
  }
  return { ajv, idByFile };
}

function validatorFor(arg) {
  const { ajv, idByFile } = loadSchemas();
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

function collect(arg, out) {
  let st;
  try {
    st = fs.statSync(arg);
  } catch {
    out.push({ file: arg, missing: true });
    return;
  }
  if (st.isDirectory()) {
    for (const e of fs.readdirSync(arg, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(arg, e.name);
      if (e.isDirectory()) collect(p, out);
      else if (e.name.endsWith('.json')) out.push({ file: p });
    }
  } else {
    out.push({ file: arg });
  }
}

function show(value) {
  const s = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return s === undefined ? 'undefined' : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function describe(err) {
  const where = err.instancePath || '/';
  let msg = err.message ?? err.keyword;
  const p = err.params ?? {};
  switch (err.keyword) {
    case 'additionalProperties':
      msg = `has unknown field '${p.additionalProperty}'`;
      break;
    case 'required':
      msg = `is missing '${p.missingProperty}'`;
      break;
    case 'enum':
      msg = `${show(err.data)} is not one of: ${p.allowedValues.join(', ')}`;
      break;
    case 'const':
      msg += `: ${JSON.stringify(p.allowedValue)}`;
      break;
    case 'type':
      msg = `must be ${[].concat(p.type).join(' or ')}, not ${err.data === null ? 'null' : Array.isArray(err.data) ? 'an array' : typeof err.data}`;
      break;
    case 'pattern':
    case 'format':
      msg = `${show(err.data)} ${msg}`;
      break;
    case 'false schema':
      msg = 'is not allowed here';
      break;
    case 'dependentRequired':
      msg = `'${p.property}' needs '${p.missingProperty}'`;
      break;
  }
  return `${where} ${msg}`;
}

function check(validate, file) {
  let data;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return [`not JSON: ${e.message}`];
  }
  if (validate(data)) return [];
  const lines = [...new Set(validate.errors.filter((e) => e.keyword !== 'if').map(describe))];
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
for (const a of args.slice(1)) collect(a, files);
let passed = 0;
let failed = 0;
for (const { file, missing } of files) {
  const problems = missing ? ['no such file or directory'] : check(validate, file);
  if (problems.length === 0) {
    passed++;
    console.log(`${file}: ok`);
  } else {
    failed++;
    for (const p of problems) console.log(`${file}: ${p}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
