#!/usr/bin/env node
// Validates Strata YAML files against the JSON Schema their modeline names.
//
//   node check.mjs FILE_OR_DIR...
//
// For every .yaml/.yml file found (directories are searched recursively), reads the modeline
//   # yaml-language-server: $schema=<path relative to the file>
// loads that schema together with the other *.schema.json files of its directory (so that
// common.schema.json resolves by its $id), parses the YAML with the `yaml` package (YAML 1.2
// core schema, no custom tags) and validates. Prints `path: ok` or one line per error, then
// `N passed, M failed`. Exits 1 when any file fails or has no modeline, 2 on a usage error.

import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { loadSchemaDir, collect, describe, report } from './schemas.mjs';

const MODELINE = /^\s*#\s*yaml-language-server:\s*\$schema=(\S+)/m;

function usage() {
  console.error('usage: node check.mjs FILE_OR_DIR...');
  process.exit(2);
}

// One Ajv instance per schema directory, holding every *.schema.json of that directory.
const ajvByDir = new Map();

function validatorFor(schemaPath) {
  const dir = path.dirname(schemaPath);
  let entry = ajvByDir.get(dir);
  if (!entry) {
    entry = { ...loadSchemaDir(dir), compiled: new Map() };
    ajvByDir.set(dir, entry);
  }
  const name = path.basename(schemaPath);
  const id = entry.idByFile.get(name);
  if (!id) throw new Error(`schema ${schemaPath} not found`);
  let v = entry.compiled.get(id);
  if (!v) {
    v = entry.ajv.getSchema(id);
    if (!v) throw new Error(`schema ${schemaPath} did not compile`);
    entry.compiled.set(id, v);
  }
  return v;
}

const PROVENANCE = /\/\$defs\/provenance\/oneOf(\/|$)/;

// The provenance rule's oneOf, said in the catalogue's words.
function provenance(err) {
  if (err.keyword !== 'oneOf' || !PROVENANCE.test(err.schemaPath)) return undefined;
  return Array.isArray(err.params?.passingSchemas)
    ? "gives more than one of 'seed', 'source', 'measured'; a fact has one provenance (write two facts)"
    : "has no provenance: give 'seed', 'source' or 'measured'";
}

// Errors that only repeat others: if/then wrappers, and the per-branch 'required' of the provenance rule.
function redundant(err) {
  return err.keyword === 'if' || (err.keyword === 'required' && PROVENANCE.test(err.schemaPath));
}

// The Strata loader refuses explicit YAML tags (only the non-specific '!' passes); so does this checker.
// The `yaml` package sets `tag` on a node only when its source has one.
function tagErrors(doc) {
  const errs = [];
  YAML.visit(doc, {
    Node(_, node) {
      if (node.tag && node.tag !== '!') errs.push(`YAML tags such as '${node.tag}' are not allowed`);
    },
  });
  return errs;
}

function check(file) {
  const text = fs.readFileSync(file, 'utf8');
  const m = MODELINE.exec(text);
  if (!m) return [`no modeline: start the file with '# yaml-language-server: $schema=<path to schema>'`];
  const ref = m[1];
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return [`modeline schema '${ref}' is not a relative path; only local schemas are checked`];
  const schemaPath = path.resolve(path.dirname(file), ref);
  if (!fs.existsSync(schemaPath)) return [`modeline schema '${ref}' does not exist (${schemaPath})`];
  const validate = validatorFor(schemaPath);

  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) return doc.errors.map((e) => `YAML: ${e.message.split('\n')[0].replace(/:$/, '')}`);
  const tags = tagErrors(doc);
  if (tags.length > 0) return tags;
  const data = doc.toJS({ maxAliasCount: 1000 });
  if (validate(data)) return [];
  const errs = validate.errors.filter((e) => !redundant(e));
  const lines = [...new Set(errs.map((e) => describe(e, { arrayWord: 'a list', special: provenance })))];
  return lines.length > 0 ? lines : ['does not match its schema'];
}

const args = process.argv.slice(2);
if (args.length === 0 || args.includes('-h') || args.includes('--help')) usage();

const files = [];
for (const a of args) collect(a, files, (name) => /\.ya?ml$/.test(name));
report(files, check);
