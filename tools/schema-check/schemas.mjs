// What check.mjs (YAML against its modeline's schema) and check-json.mjs (JSON against a named
// schema) share: loading a schema directory into one Ajv, finding the files to check, turning
// Ajv's errors into plain sentences, and the `path: ok` / `N passed, M failed` report.

import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// One Ajv holding every *.schema.json of a directory, so relative $refs such as
// common.schema.json#/$defs/stack resolve by $id; idByFile maps a file name to its $id.
export function loadSchemaDir(dir) {
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
    idByFile.set(name, schema.$id ?? name);
  }
  return { ajv, idByFile };
}

// The files named by arg: the file itself, or every file under a directory that `accept` takes
// (sorted, skipping node_modules and dot-entries). A missing path is reported, not thrown.
export function collect(arg, out, accept) {
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
      if (e.isDirectory()) collect(p, out, accept);
      else if (accept(e.name)) out.push({ file: p });
    }
  } else {
    out.push({ file: arg });
  }
}

export function show(value) {
  const s = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return s === undefined ? 'undefined' : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

// The first sentence of a schema's description, to explain a failed pattern.
function explain(schema) {
  const d = schema?.description;
  if (typeof d !== 'string') return undefined;
  const m = /^(.*?[.!?])(?=\s+[A-Z]|$)/s.exec(d);
  return (m ? m[1] : d).replace(/\.$/, '');
}

// One Ajv error as "<JSON pointer> <plain sentence>". `options.arrayWord` names an array in the
// input's own language ('a list' for YAML, 'an array' for JSON); `options.special(err)` may give a
// message of its own for errors only one checker knows about.
export function describe(err, options = {}) {
  const where = err.instancePath || '/';
  const special = options.special?.(err);
  if (special) return `${where} ${special}`;
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
      msg = `must be ${[].concat(p.type).join(' or ')}, not ${err.data === null ? 'null' : Array.isArray(err.data) ? options.arrayWord ?? 'an array' : typeof err.data}`;
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
  }
  return `${where} ${msg}`;
}

// Checks every file, prints `path: ok` or one line per problem, then `N passed, M failed`, and
// exits 1 when any file failed. `check(file)` returns the problems (an empty list when it passes).
export function report(files, check) {
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
}
