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
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

const MODELINE = /^\s*#\s*yaml-language-server:\s*\$schema=(\S+)/m;

function usage() {
  console.error('usage: node check.mjs FILE_OR_DIR...');
  process.exit(2);
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
      else if (/\.ya?ml$/.test(e.name)) out.push({ file: p });
    }
  } else {
    out.push({ file: arg });
  }
}

// One Ajv instance per schema directory, holding every *.schema.json of that directory.
const ajvByDir = new Map();

function validatorFor(schemaPath) {
  const dir = path.dirname(schemaPath);
  let entry = ajvByDir.get(dir);
  if (!entry) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
    addFormats(ajv);
    const idByFile = new Map();
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.schema.json')).sort()) {
      const full = path.join(dir, name);
      let schema;
      try {
        schema = JSON.parse(fs.readFileSync(full, 'utf8'));
        ajv.addSchema(schema, schema.$id ? undefined : name);
      } catch (e) {
        throw new Error(`schema ${full} is broken: ${e.message}`);
      }
      const id = schema.$id ?? name;
      idByFile.set(name, id);
    }
    entry = { ajv, idByFile, compiled: new Map() };
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

function show(value) {
  const s = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

// The first sentence of a schema's description, to explain a failed pattern.
function explain(schema) {
  const d = schema?.description;
  if (typeof d !== 'string') return undefined;
  const m = /^(.*?[.!?])(?=\s+[A-Z]|$)/s.exec(d);
  return (m ? m[1] : d).replace(/\.$/, '');
}

function describe(err) {
  const where = err.instancePath || '/';
  let msg = err.message ?? err.keyword;
  const p = err.params ?? {};
  switch (err.keyword) {
    case 'additionalProperties':
      msg = `has unknown field '${p.additionalProperty}'`;
      break;
    case 'enum':
      msg = `${show(err.data)} is not one of: ${p.allowedValues.join(', ')}`;
      break;
    case 'const':
      msg += `: ${JSON.stringify(p.allowedValue)}`;
      break;
    case 'type':
      msg = `must be ${[].concat(p.type).join(' or ')}, not ${err.data === null ? 'null' : Array.isArray(err.data) ? 'a list' : typeof err.data}`;
      break;
    case 'pattern': {
      const why = explain(err.parentSchema);
      msg = why ? `${show(err.data)} is not valid: ${why}` : `${show(err.data)} ${msg}`;
      break;
    }
    case 'format':
      msg = `${show(err.data)} ${msg}`;
      break;
    case 'not':
      msg = err.schema?.description ? `must not be ${err.schema.description}` : msg;
      break;
    case 'false schema':
      msg = 'is not allowed here';
      break;
    case 'dependentRequired':
      msg = `'${p.property}' needs '${p.missingProperty}'`;
      break;
    case 'oneOf':
      if (PROVENANCE.test(err.schemaPath)) {
        msg = Array.isArray(p.passingSchemas)
          ? "gives more than one of 'seed', 'source', 'measured'; a fact has one provenance (write two facts)"
          : "has no provenance: give 'seed', 'source' or 'measured'";
      }
      break;
  }
  return `${where} ${msg}`;
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
  const lines = [...new Set(errs.map(describe))];
  return lines.length > 0 ? lines : ['does not match its schema'];
}

const args = process.argv.slice(2);
if (args.length === 0 || args.includes('-h') || args.includes('--help')) usage();

const files = [];
for (const a of args) collect(a, files);
let passed = 0;
let failed = 0;
for (const { file, missing } of files) {
  let problems;
  if (missing) problems = ['no such file or directory'];
  else {
    try {
      problems = check(file);
    } catch (e) {
      problems = [`${e.message}`];
    }
  }
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
