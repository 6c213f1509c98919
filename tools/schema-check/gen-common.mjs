// Generates schemas/common.schema.json from catalog/vocabulary.yaml (fact kinds, word lists,
// measures, capabilities, isolation boundaries, scopes, seeds), src/Strata.Model/Conditions/ProfileFields.cs
// (constraint keys with their kinds, host keys) and the quantity syntax of QuantityParser, so the
// schemas cannot drift from the vocabulary or the loader. `node gen-common.mjs` writes the file; `node gen-common.mjs --check` exits 1 if the
// committed file differs from what it would write (the tests run that).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const vocab = YAML.parse(fs.readFileSync(path.join(root, 'catalog', 'vocabulary.yaml'), 'utf8'));
const C = (name) => `#/$defs/${name}`;

const NUM = '[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?';
const UNITS = {
  duration: ['ns', 'us', 'µs', 'ms', 's', 'min', 'h'],
  size: ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'Ki', 'Mi', 'Gi', 'Ti', 'KB', 'MB', 'GB', 'TB'],
  count: [],
  rate: ['/s', '/min'],
  ratio: ['%'],
  cpu: ['m', 'cores', 'core'],
};
const esc = (u) => u.replace(/[/]/g, '\\/');
// One quantity of a dimension, as QuantityParser.ParseQuantity reads it.
function q(dim, cpuUnitOptional = true) {
  const units = UNITS[dim];
  if (units.length === 0) return NUM;
  const alt = [...units].sort((a, b) => b.length - a.length).map(esc).join('|');
  return `${NUM}\\s*(?:${alt})${dim === 'cpu' && cpuUnitOptional ? '?' : ''}`;
}
// point | ~point | a..b | bound, as QuantityParser.ParseEstimate reads it.
const body = (Q, Qhigh = Q) => `(?:<=|>=|≤|≥|<|>|~)\\s*${Q}|${Q}\\s*\\.\\.\\s*${Qhigh}|${Q}`;
const estimate = (dim) => `^\\s*(?:${body(q(dim))})\\s*$`;
const point = (dim) => `^\\s*${q(dim)}\\s*$`;
const dims = Object.keys(UNITS);
// Without an expected dimension a bare number is a count, so cpu needs its unit there.
// A range's high end is read with the low end's dimension, so '1core..2' is CPU.
const genericBodies = dims.map((d) => `(?:${body(q(d, false), q(d))})`).join('|');
const genericEstimate = `^\\s*(?:${genericBodies})\\s*$`;
const genericPoint = `^\\s*(?:${dims.map((d) => q(d, false)).join('|')})\\s*$`;

const dimHelp = {
  duration: ['A duration (units ns, us or µs, ms, s, min, h)', '12ms', '~12ms', '6ms..10ms', '"< 125ms"'],
  size: ['A size (units B, KiB, MiB, GiB, TiB, Ki, Mi, Gi, Ti, KB, MB, GB, TB)', '512MiB', '~250MB', '1GiB..2GiB', '"<= 5MiB"'],
  count: ['A count (a plain number, no unit)', '110', '~100', '1..1000', '">= 110000"'],
  rate: ['A rate (units /s, /min)', '150/s', '~150/s', '100/s..200/s', '"> 30000/s"'],
  ratio: ['A ratio (unit %)', '98%', '~98%', '90%..95%', '">= 90%"'],
  cpu: ['CPU (units m = millicores, cores, core; a plain number means cores)', '250m', '~2cores', '1..2cores', '"<= 500m"'],
};
const helpText = (dim) => {
  const [what, p, a, r, b] = dimHelp[dim];
  return `${what}: a point (${p}), approximate (${a}), range (${r}), bound (${b}), or percentiles { min, mean, median, max, p1..p99 }. A space between number and unit is allowed; thousands separators are not.`;
};
const numberAllowed = (dim) => dim === 'count' || dim === 'cpu';

function percentiles(valuePattern, numbers, what) {
  const v = (label) => ({
    type: numbers ? ['string', 'number'] : 'string',
    pattern: valuePattern,
    ...(numbers ? { minimum: 0 } : {}),
    description: `${label}: ${/^[A-Z](?![A-Z])/.test(what) ? what[0].toLowerCase() + what.slice(1) : what}, one value (no ~, range or bound).`,
  });
  return {
    minProperties: 1,
    properties: {
      min: v('Smallest observed value'),
      mean: v('Mean'),
      median: v('Median (same as p50)'),
      max: v('Largest observed value'),
    },
    patternProperties: { '^p([1-9][0-9]?)(\\.[0-9]+)?$': v('A percentile, p1..p99 (p99.9 allowed)') },
    additionalProperties: false,
  };
}

function quantityDef(dim) {
  const numbers = numberAllowed(dim);
  return {
    description: helpText(dim),
    type: numbers ? ['string', 'number', 'object'] : ['string', 'object'],
    pattern: estimate(dim),
    ...(numbers ? { minimum: 0 } : {}),
    ...percentiles(point(dim), numbers, dimHelp[dim][0]),
  };
}

const defs = {};
defs.id = {
  description: 'A kebab-case id: lower-case letters and digits joined by "-". An entity id must equal its file name without .yaml.',
  type: 'string',
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
};
defs.text = { description: 'Text.', type: 'string' };
defs['local-id'] = {
  description: 'An id local to this file (a tree node, a migration step, a table column); a plain number is read as text.',
  type: ['string', 'number'],
};
defs.url = {
  description: 'An absolute http(s) URL.',
  type: 'string',
  pattern: '^https?://[^\\s/?#]+\\S*$',
};
defs.date = {
  description: 'A date: YYYY, YYYY-MM or YYYY-MM-DD.',
  type: ['string', 'integer'],
  pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$',
  minimum: 1000,
  maximum: 9999,
};
defs.condition = {
  description: 'A condition over a profile, e.g. "nodes > 1000 and not ha", "scenario in [edge, 5g-mec]", "device_access contains usb"; a bare identifier is a boolean profile field or a predicate id.',
  type: 'string',
  minLength: 1,
};
defs.seed = {
  description: `A seed reference: a seed id of vocabulary.yaml seeds (${vocab.seeds.map((x) => x.id).join(', ')}), a space and a section, e.g. "003 §17.3.2".`,
  type: 'string',
  pattern: `^(?:${vocab.seeds.map((x) => x.id).join('|')}) +§\\s*\\S.*$`,
};
defs.grade = {
  description: 'How strong the source is: primary (measurement or spec by the project), paper, docs, or vendor (a claim without a benchmark). Default: docs.',
  enum: ['primary', 'paper', 'docs', 'vendor'],
};
defs.source = {
  description: 'A primary source: a URL alone (grade docs) or { url, conditions, grade, title }.',
  type: ['string', 'object'],
  pattern: '^https?://[^\\s/?#]+\\S*$',
  properties: {
    url: { $ref: C('url'), description: 'Where the source is: an absolute http(s) URL.' },
    conditions: { $ref: C('text'), description: 'Under what conditions the figure holds (hardware, configuration, version).' },
    grade: { $ref: C('grade') },
    title: { $ref: C('text'), description: 'Title of the source (informational).' },
  },
  required: ['url'],
  additionalProperties: false,
};
defs.measured = {
  description: 'Measured on a host (written by `strata measure --save`).',
  type: 'object',
  properties: {
    host: { $ref: C('text'), description: 'The host the measurement ran on.' },
    tool: { $ref: C('text'), description: 'The tool that measured.' },
    date: { $ref: C('date'), description: 'When it was measured (YYYY, YYYY-MM or YYYY-MM-DD).' },
    runs: { type: 'integer', minimum: 1, description: 'How many runs the figure summarises.' },
  },
  required: ['host', 'tool'],
  additionalProperties: false,
};
defs.provenance = {
  description: 'Exactly one of seed, source or measured. Entity schemas list the keys they accept themselves (so that additionalProperties: false sees them) and refer to this for the "exactly one" rule.',
  oneOf: [
    { required: ['seed'], description: 'from a seed document' },
    { required: ['source'], description: 'from a primary source' },
    { required: ['measured'], description: 'measured on a host' },
  ],
};
defs['seed-status'] = {
  description: 'Only a seed claim carries a status.',
  dependentRequired: { status: ['seed'] },
};
defs.status = {
  description: 'How research/facts.md judged a seed claim (only on seed claims).',
  enum: ['supported', 'plausible', 'unsupported', 'overstated', 'contradicted'],
};
defs.note = { $ref: C('text'), description: 'A note: why, caveats, context.' };

for (const d of dims) defs[`quantity-${d}`] = quantityDef(d);
defs.quantity = {
  description: 'A quantity estimate of any dimension (duration, size, count, rate, ratio, cpu): a point (12ms), ~approximate (~250MB), range (6ms..10ms, 1..1000), bound ("< 125ms", ">= 110000"), or percentiles { min, mean, median, max, p1..p99 }. Units: ns us µs ms s min h | B KiB MiB GiB TiB Ki Mi Gi Ti KB MB GB TB | /s /min | % | m cores core; none for counts.',
  type: ['string', 'number', 'object'],
  pattern: genericEstimate,
  minimum: 0,
  ...percentiles(genericPoint, true, 'A quantity of any unit, the same dimension throughout'),
};

// Word lists of vocabulary.yaml: every top-level list of words (VocabularyReader.WordListKeys).
const wordLists = Object.keys(vocab).filter((k) => Array.isArray(vocab[k]) && vocab[k].every((w) => typeof w === 'string'));
const wordDef = (list) => `words-${list.replace(/_/g, '-')}`;
for (const l of wordLists) defs[wordDef(l)] = { description: `A word of vocabulary.yaml ${l}: ${vocab[l].join(', ')}.`, enum: vocab[l] };
defs['words-isolation'] = { description: `An isolation class, weakest first (vocabulary.yaml isolation.order): ${vocab.isolation.order.join(' < ')}.`, enum: vocab.isolation.order };
const capabilities = Object.entries(vocab.capabilities ?? {}).flatMap(([layer, caps]) => Object.keys(caps ?? {}).map((id) => ({ id, layer, ...caps[id] })));
defs['words-capabilities'] = {
  description: 'A capability id of vocabulary.yaml capabilities (`strata catalog capabilities` lists them with their layer and meaning); synonyms are not accepted.',
  enum: capabilities.map((c) => c.id),
};
const boundaries = vocab.isolation_boundaries ?? {};
defs['words-isolation-boundaries'] = {
  description: `An isolation boundary of vocabulary.yaml isolation_boundaries: ${Object.keys(boundaries).join(', ')}.`,
  enum: Object.keys(boundaries),
};
// The word list a fact kind's `of` names.
const listDef = (of) => ({ isolation: 'words-isolation', capabilities: 'words-capabilities', isolation_boundaries: 'words-isolation-boundaries' })[of] ?? wordDef(of);
const wordSet = (ref, what) => ({
  description: `${what}: one word or a list of words.`,
  anyOf: [{ $ref: C(ref) }, { type: 'array', items: { $ref: C(ref) } }],
});

// Scopes (vocabulary.yaml scopes): one quantity at one integration level.
const scopes = vocab.scopes ?? {};
const scopeIds = Object.keys(scopes);
const aliases = scopeIds.map((id) => scopes[id].alias).filter(Boolean);
defs['scope-id'] = {
  description: `A scope id of vocabulary.yaml scopes (one quantity at one integration level): ${scopeIds.join(', ')}.`,
  enum: scopeIds,
};
const scopedConstraints = Object.keys(vocab.constraints ?? {}).filter((f) => (vocab.constraints[f].scopes ?? []).length > 0);
defs['term-scope'] = {
  description: `The scope a criterion term reads the stack's composed figure at: a scope id, or "@<constraint>" for the scope that constraint is compared at for the profile (${scopedConstraints.map((f) => '@' + f).join(', ')}).`,
  enum: [...scopeIds, ...scopedConstraints.map((f) => '@' + f)],
};

defs.stack = {
  description: 'A stack: layer id -> technology id, or layer id -> list of technology ids.',
  type: 'object',
  propertyNames: { $ref: C('id') },
  additionalProperties: {
    description: 'A technology id, or a list of technology ids, of this layer.',
    anyOf: [{ $ref: C('id') }, { type: 'array', items: { $ref: C('id') } }],
  },
};
defs.ids = { description: 'A list of ids.', type: 'array', items: { $ref: C('id') } };
defs.weights = {
  description: 'Weights: criterion id -> weight (>= 0, normalised later); at least one must be positive.',
  type: 'object',
  propertyNames: { $ref: C('id') },
  additionalProperties: { type: 'number', minimum: 0, description: 'Weight of this criterion (>= 0).' },
  not: { minProperties: 1, additionalProperties: { const: 0 }, description: 'all zero (at least one weight must be positive)' },
};

// Profile fields (src/Strata.Model/Conditions/ProfileFields.cs), read from the C# source so the constraint keys,
// their kinds and the host keys cannot drift from the loader's.
const fieldsSource = fs.readFileSync(path.join(root, 'src', 'Strata.Model', 'Conditions', 'ProfileFields.cs'), 'utf8');
const allBlock = /All\s*=\s*\[([\s\S]*?)\];/.exec(fieldsSource)?.[1] ?? '';
const FIELD = /new\("([^"]+)",\s*FieldKind\.(\w+)(?:,\s*Dimension\.(\w+))?(?:,\s*Vocabulary:\s*"([^"]*)")?(?:,\s*Summary:\s*"((?:[^"\\]|\\.)*)")?\s*\)/g;
const fields = [...allBlock.matchAll(FIELD)].map(([, name, kind, dim, vocabulary, summary]) => ({ name, kind, dim: dim?.toLowerCase(), vocabulary, summary: summary ?? '' }));
const constraintExclusions = [...(/ConstraintFields\s*=>([^;]*);/.exec(fieldsSource)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
const builtInWords = Object.fromEntries([...(/BuiltInWords\s*=([\s\S]*?)\.ToFrozenDictionary/.exec(fieldsSource)?.[1] ?? '').matchAll(/\["(\w+)"\]\s*=\s*\[([^\]]*)\]/g)]
  .map(([, k, v]) => [k, [...v.matchAll(/"([^"]+)"/g)].map((m) => m[1])]));
if (fields.length < 20 || constraintExclusions.length === 0 || Object.keys(builtInWords).length === 0) {
  throw new Error('could not read the profile fields from src/Strata.Model/Conditions/ProfileFields.cs; update the patterns in gen-common.mjs');
}
const excluded = (name) => constraintExclusions.some((x) => (x.endsWith('.') ? name.startsWith(x) : name === x));
const constraintFields = fields.filter((f) => !excluded(f.name));
const hostFields = fields.filter((f) => f.name.startsWith('host.'));
for (const f of fields) {
  if (!['Bool', 'Word', 'WordSet', 'Quantity', 'Isolation'].includes(f.kind)) throw new Error(`profile field ${f.name}: unknown kind ${f.kind}`);
  if (f.kind === 'Quantity' && !dims.includes(f.dim)) throw new Error(`profile field ${f.name}: unknown dimension ${f.dim}`);
}
const sentence = (s) => (s[0].toUpperCase() + s.slice(1)).replace(/\.?$/, '.');

defs.host = {
  description: 'Facts about the hosts the stack runs on (conditions read them as host.<key>); each true or false.',
  type: 'object',
  properties: Object.fromEntries(hostFields.map((f) => [f.name.slice('host.'.length), { type: 'boolean', description: sentence(f.summary) }])),
  additionalProperties: false,
};

// What each constraint means and an example, for editors; a field without an entry is described by its C# summary.
const constraintHelp = {
  arch: ['CPU architecture of the nodes', 'arm64'],
  node_memory: ['Memory of each node; what the stack needs there must fit it', '"512MiB..2GiB"'],
  node_cpus: ['CPUs of each node', '4'],
  nodes: ['Cluster size in nodes', '"> 1000"'],
  cold_start: ['Time from asking for a workload to its code running', '"< 100ms"'],
  runtime_memory: ['Memory each running workload costs on the node beyond its own', '"< 50MiB"'],
  latency: ['Latency the runtime adds to one request', '"< 10ms"'],
  density: ['Workloads per node', '">= 110"'],
  services: ['Number of services', '"> 50"'],
  clusters: ['Number of separate clusters of this shape (one per site at the edge)', '"> 1"'],
  server_memory: ['Memory of each control-plane (server) node, when the control plane runs on nodes of its own', '4GiB'],
  offline: ['Workloads must keep running with the uplink down'],
  ha: ['The control plane must be highly available'],
  untrusted_code: ['Workloads run code their operators did not write'],
  multi_tenant: ['Mutually distrusting tenants share nodes'],
  multi_os: ['Workloads need guests other than Linux'],
  gpu_sharing: ['Several tenants share one GPU'],
  existing_database: ['A database the cluster state may live in already exists'],
  workload_format: ['Workload artefact format; any accepts every runtime', 'oci'],
  device_access: ['Devices workloads must reach', '[usb, pci]'],
  kernel_features: ['Kernel features workloads need natively', '[io_uring]'],
  network_policy: ['NetworkPolicy level the CNI must enforce at least (none < basic < full < l7)', 'full'],
  policy_complexity: ['How complex admission policies are', 'complex'],
  control_plane: ['Where the control plane runs: local (on these nodes or their site) or remote (in a data centre, over the uplink)', 'remote'],
  needs: ['Capabilities the stack must have, each from some component of it', '[network-policy, automatic-mtls]'],
  prefers: ['Capabilities the stack should have, scored by the preferences criterion', '[sidecar-less]'],
  isolation: ['Isolation a runtime must give'],
};
for (const k of Object.keys(constraintHelp)) {
  if (!constraintFields.some((f) => f.name === k)) throw new Error(`gen-common.mjs describes constraint '${k}', which ProfileFields.ConstraintFields does not have`);
}
const helpOf = (f) => constraintHelp[f.name] ?? [sentence(f.summary).replace(/\.$/, '')];
const wordsOf = (f) => builtInWords[f.vocabulary] ?? [...(vocab[f.vocabulary] ?? []), ...(f.name === 'workload_format' ? ['any'] : [])];

// A quantity constraint: a scalar estimate, or { max|min|value, of } (ConstraintReader.ScopedQuantity).
function quantityConstraint(f) {
  const [what, example] = helpOf(f);
  const numbers = numberAllowed(f.dim);
  const fact = vocab.constraints?.[f.name]?.fact;
  const own = scopeIds.filter((id) => fact && scopes[id].fact === fact);
  const names = own.flatMap((id) => (scopes[id].alias ? [id, scopes[id].alias] : [id]));
  const scalarTypes = numbers ? ['string', 'number'] : ['string'];
  // The example names the constraint's default scope (the last of its scopes in vocabulary.yaml).
  const exampleScope = (vocab.constraints?.[f.name]?.scopes ?? []).at(-1)?.scope ?? own[0];
  const ex = example ?? dimHelp[f.dim][1];
  // The example as one figure: "< 100ms" -> 100ms, "512MiB..2GiB" -> 512MiB.
  const onePoint = ex.replace(/^"?[<>=~ ]*/, '').replace(/"$/, '').split('..')[0];
  const pointOf = (label) => ({
    type: scalarTypes,
    pattern: point(f.dim),
    ...(numbers ? { minimum: 0 } : {}),
    description: `${label}: one ${f.dim} figure (no ~, range or bound), e.g. ${onePoint}.`,
  });
  const scoped = names.length > 0
    ? `, or a bound at a scope such as { max: ${onePoint}, of: ${scopes[exampleScope].alias ?? exampleScope} } (scopes: ${names.join(', ')})`
    : `, or { max: ${onePoint} }, { min: ${onePoint} } or { value: ${ex} }`;
  const props = {
    max: pointOf('At most this figure'),
    min: pointOf('At least this figure'),
    value: { $ref: C(`quantity-${f.dim}`), description: `The figure in any form (point, ~approximate, range, bound), e.g. "< 1s".` },
  };
  if (names.length > 0) {
    props.of = {
      enum: names,
      description: `The scope the stack's figure is composed at (a scope id or alias of vocabulary.yaml scopes that composes ${fact}); default: the constraint's own scope in vocabulary.yaml.`,
    };
  }
  return {
    description: `${what} (a ${f.dim === 'cpu' ? 'CPU quantity in m, cores or a plain number of cores' : f.dim}), e.g. ${ex}${scoped}.`,
    type: [...scalarTypes, 'object'],
    pattern: estimate(f.dim),
    ...(numbers ? { minimum: 0 } : {}),
    properties: props,
    additionalProperties: false,
    anyOf: [
      { type: scalarTypes },
      { required: ['max'] },
      { required: ['min'] },
      { required: ['value'] },
    ],
    dependentSchemas: {
      max: { properties: { min: false, value: false }, description: 'one of max, min or value' },
      min: { properties: { value: false }, description: 'one of max, min or value' },
    },
  };
}

const isolationClass = `^\\s*(?:(?:>=|<=|>|<|==)\\s*)?(?:${vocab.isolation.order.join('|')})\\s*$`;
function isolationConstraint(f) {
  return {
    description: `${helpOf(f)[0]}: a class, compared by strength (${vocab.isolation.order.join(' < ')}; a bare class means at least it), e.g. ">= microvm", or { class, any_of: [boundaries] }.`,
    type: ['string', 'object'],
    pattern: isolationClass,
    properties: {
      class: {
        type: 'string',
        pattern: isolationClass,
        description: `An isolation class with an optional comparison (>=, <=, >, <, ==), e.g. ">= sandbox"; classes: ${vocab.isolation.order.join(', ')}.`,
      },
      any_of: {
        type: 'array',
        minItems: 1,
        items: { $ref: C('words-isolation-boundaries') },
        description: 'Isolation boundaries (vocabulary.yaml isolation_boundaries) one of which some runtime component of the stack must put around the workload.',
      },
    },
    additionalProperties: false,
    anyOf: [{ type: 'string' }, { required: ['class'] }, { required: ['any_of'] }],
  };
}

function constraintDef(f) {
  const [what, example] = helpOf(f);
  switch (f.kind) {
    case 'Bool':
      return { type: 'boolean', description: `${what} (true or false).` };
    case 'Quantity':
      return quantityConstraint(f);
    case 'Isolation':
      return isolationConstraint(f);
    case 'WordSet':
      if (f.vocabulary === 'capabilities') {
        return { ...wordSet('words-capabilities', ''), description: `${what}: one capability id of vocabulary.yaml capabilities or a list of them, e.g. ${example}.` };
      }
      return { ...wordSet(wordDef(f.vocabulary), ''), description: `${what}: one word of vocabulary.yaml ${f.vocabulary} or a list of them, e.g. ${example}.` };
    default: {
      const words = wordsOf(f);
      return { enum: words, description: `${what}: one of ${words.join(', ')}.` };
    }
  }
}
defs.constraints = {
  description: 'Constraints in the profile syntax (ProfileFields.ConstraintFields): quantities, booleans, words and capabilities a stack must satisfy.',
  type: 'object',
  properties: Object.fromEntries(constraintFields.map((f) => [f.name, constraintDef(f)])),
  additionalProperties: false,
};

// Facts.
const factNames = Object.keys(vocab.facts);
defs['fact-name'] = { description: 'A fact kind of vocabulary.yaml facts; it fixes the value type.', enum: factNames };
defs.measures = { description: 'What a quantity measures (vocabulary.yaml measures).', enum: Object.keys(vocab.measures) };

function valueFor(kind) {
  switch (kind.type) {
    case 'quantity': return { $ref: C(`quantity-${kind.dimension}`) };
    case 'enum': return { $ref: C(listDef(kind.of)) };
    case 'set': return wordSet(listDef(kind.of), `Words of vocabulary.yaml ${kind.of}`);
    case 'bool': return { type: 'boolean' };
    case 'stars': return { type: 'integer', minimum: 0, maximum: 5 };
    case 'date': return { $ref: C('date') };
    case 'version': return { type: ['string', 'number'] };
    default: return { $ref: C('text') };
  }
}
const perKind = factNames.map((name) => {
  const kind = vocab.facts[name];
  // "unknown" is an explicit "no published figure" for any kind of fact (FactReader.Fact).
  const then = { properties: { value: { if: { const: 'unknown' }, else: valueFor(kind) } } };
  if (kind.type === 'quantity') {
    then.properties.measures = { enum: kind.measures };
    then.required = ['measures'];
  } else {
    then.properties.measures = false;
  }
  return { if: { properties: { name: { const: name } }, required: ['name'] }, then };
});
const claimProps = {
  note: { $ref: C('note') },
  status: { $ref: C('status') },
  seed: { $ref: C('seed') },
  source: { $ref: C('source') },
  measured: { $ref: C('measured') },
};
defs.fact = {
  description: 'A fact: a named, typed value with exactly one provenance (seed, source or measured).',
  type: 'object',
  properties: {
    name: { $ref: C('fact-name'), description: 'The fact kind (vocabulary.yaml facts); it fixes the value type.' },
    value: {
      description: 'The value, of the fact kind\'s type (a quantity, a word, a list of words, true/false, stars 0..5, text, a version or a date), or unknown for "no published figure" (then a note says where you looked).',
      not: { type: 'null', description: 'null (empty)' },
    },
    measures: { $ref: C('measures'), description: 'Quantities only: what exactly was measured (vocabulary.yaml measures; "unspecified" when the source does not say).' },
    as_of: { $ref: C('date'), description: 'When the fact held: YYYY, YYYY-MM or YYYY-MM-DD.' },
    since: { $ref: C('date'), description: 'When what the fact states became true (the release that brought it): YYYY, YYYY-MM or YYYY-MM-DD. A reference decision replayed as of an earlier year does not see the fact.' },
    via: { $ref: C('id'), description: 'A technology id: the figure holds for this technology reached through that one (Firecracker under Kubernetes through Kata) and counts only when it is in the stack.' },
    holds_when: { $ref: C('condition'), description: 'A condition the figure holds under only (a QEMU boot under TCG: "not host.kvm"); elsewhere it never decides.' },
    representative: { type: 'boolean', description: 'false for a figure kept for the record whose conditions are not representative (it never decides; a note says why); default true.' },
    ...claimProps,
  },
  required: ['name', 'value'],
  additionalProperties: false,
  allOf: [
    { $ref: C('provenance') },
    { $ref: C('seed-status') },
    { if: { properties: { value: { const: 'unknown' } }, required: ['value'] }, then: { required: ['note'] } },
    { if: { properties: { representative: { const: false } }, required: ['representative'] }, then: { required: ['note'] } },
    ...perKind,
  ],
};
defs.facts = { description: 'A list of facts.', type: 'array', items: { $ref: C('fact') } };
defs.statement = {
  description: 'A statement (a pro, a con, a note) with exactly one provenance.',
  type: 'object',
  properties: { text: { $ref: C('text'), description: 'The statement.' }, ...claimProps },
  required: ['text'],
  additionalProperties: false,
  allOf: [{ $ref: C('provenance') }, { $ref: C('seed-status') }],
};
defs.statements = { description: 'A list of statements, each with its provenance.', type: 'array', items: { $ref: C('statement') } };

// What a criterion term may say given the fact or scope it reads (EntityReaders.ValueTerms): the fact kind's
// measures, best/worst of its dimension, and ordinal values of its word list.
function termRules(kind) {
  const then = { properties: {} };
  if (kind.type === 'quantity') {
    then.properties.measures = { items: { enum: kind.measures } };
    const numbers = numberAllowed(kind.dimension);
    const pt = {
      type: numbers ? ['string', 'number'] : 'string',
      pattern: point(kind.dimension),
      ...(numbers ? { minimum: 0 } : {}),
      description: `One figure of the fact's dimension (${dimHelp[kind.dimension][0].replace(/^A /, 'a ')}), such as ${dimHelp[kind.dimension][1]}; no ~, range or bound.`,
    };
    then.properties.best = pt;
    then.properties.worst = pt;
  } else {
    then.properties.measures = { maxItems: 0 };
  }
  if ((kind.type === 'enum' || kind.type === 'set') && listDef(kind.of) !== 'words-capabilities') {
    then.properties.values = { propertyNames: { $ref: C(listDef(kind.of)) } };
  }
  return then;
}
defs['term-by-fact'] = {
  description: 'What a criterion term may say given the fact (or scope) it reads: that fact kind\'s measures, best/worst of its dimension, ordinal values of its words.',
  allOf: [
    ...factNames.map((name) => ({
      if: { properties: { fact: { const: name } }, required: ['fact'], not: { required: ['scope'] } },
      then: termRules(vocab.facts[name]),
    })),
    ...[...scopeIds, ...scopedConstraints.map((f) => '@' + f)].map((s) => {
      const fact = s.startsWith('@') ? vocab.constraints[s.slice(1)].fact : scopes[s].fact;
      return { if: { properties: { scope: { const: s } }, required: ['scope'] }, then: termRules(vocab.facts[fact]) };
    }),
  ],
};

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'common.schema.json',
  title: 'Strata catalogue: shared definitions',
  description: 'Definitions the catalogue and profile schemas share, GENERATED by tools/schema-check/gen-common.mjs from catalog/vocabulary.yaml (word lists, fact kinds, measures, capabilities, scopes) and src/Strata.Model/Conditions/ProfileFields.cs (constraint and host keys); do not edit it, run the generator.',
  $defs: defs,
};
const target = path.join(root, 'schemas', 'common.schema.json');
const text = JSON.stringify(schema, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (fs.readFileSync(target, 'utf8') !== text) {
    console.error('schemas/common.schema.json is out of date with catalog/vocabulary.yaml; run: node tools/schema-check/gen-common.mjs');
    process.exit(1);
  }
  console.log('schemas/common.schema.json is up to date');
} else {
  fs.writeFileSync(target, text);
}
if (!process.argv.includes('--check')) console.log('written', Object.keys(defs).length, 'defs');
