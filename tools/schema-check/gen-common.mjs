// Generates schemas/common.schema.json from catalog/vocabulary.yaml (fact kinds, word lists,
// measures) and the quantity syntax of QuantityParser, so the schemas cannot drift from the
// vocabulary. `node gen-common.mjs` writes the file; `node gen-common.mjs --check` exits 1 if the
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
  description: 'A seed reference: the seed id (first three digits of its file name, see vocabulary.yaml seeds) and a section, e.g. "003 §17.3.2".',
  type: 'string',
  pattern: '^[0-9]{3} +§\\s*\\S.*$',
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

// Word lists of vocabulary.yaml (keep in sync with it).
const wordLists = ['architectures', 'device_kinds', 'kernel_features', 'network_policy_levels', 'policy_languages',
  'workload_formats', 'guest_os', 'host_requirements', 'cncf_levels', 'release_cadences', 'levels', 'gpu_isolation'];
const wordDef = (list) => `words-${list.replace(/_/g, '-')}`;
for (const l of wordLists) defs[wordDef(l)] = { description: `A word of vocabulary.yaml ${l}.`, enum: vocab[l] };
defs['words-isolation'] = { description: 'An isolation class, weakest first: vocabulary.yaml isolation.order.', enum: vocab.isolation.order };
const wordSet = (ref, what) => ({
  description: `${what}: one word or a list of words.`,
  anyOf: [{ $ref: C(ref) }, { type: 'array', items: { $ref: C(ref) } }],
});

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

// Profile constraints (ProfileFields.ConstraintFields).
const cprops = {
  arch: { $ref: C('words-architectures'), description: 'CPU architecture of the nodes (vocabulary.yaml architectures).' },
  node_memory: { $ref: C('quantity-size'), description: 'Memory per node (size), e.g. "512MiB..2GiB".' },
  node_cpus: { $ref: C('quantity-cpu'), description: 'CPUs per node (a plain number means cores), e.g. 4 or 500m.' },
  nodes: { $ref: C('quantity-count'), description: 'Cluster size in nodes, e.g. "> 1000".' },
  cold_start: { $ref: C('quantity-duration'), description: 'Time to start a workload, e.g. "< 100ms".' },
  runtime_memory: { $ref: C('quantity-size'), description: 'Per-workload memory overhead of the runtime, e.g. "< 50MB".' },
  latency: { $ref: C('quantity-duration'), description: 'Latency the runtime adds to a request, e.g. "< 10ms".' },
  density: { $ref: C('quantity-count'), description: 'Workloads per node.' },
  services: { $ref: C('quantity-count'), description: 'Number of services, e.g. "> 50".' },
  offline: { type: 'boolean', description: 'Must keep running with the uplink down.' },
  ha: { type: 'boolean', description: 'Needs a highly available control plane.' },
  untrusted_code: { type: 'boolean', description: 'Runs code its operators did not write.' },
  multi_tenant: { type: 'boolean', description: 'Mutually distrusting tenants share nodes.' },
  multi_os: { type: 'boolean', description: 'Guests other than Linux.' },
  gpu_sharing: { type: 'boolean', description: 'Several tenants on one GPU.' },
  existing_database: { type: 'boolean', description: 'A database the cluster state may live in already exists.' },
  isolation: {
    description: `Isolation class, optionally with a comparison: "${vocab.isolation.order.join('", "')}", ">= microvm", "< vm". Compared by strength (vocabulary.yaml isolation.order).`,
    type: 'string',
    pattern: `^\\s*(?:(?:>=|<=|>|<|==)\\s*)?(?:${vocab.isolation.order.join('|')})\\s*$`,
  },
  workload_format: {
    description: 'Workload artefact format (vocabulary.yaml workload_formats), or any.',
    enum: [...vocab.workload_formats, 'any'],
  },
  device_access: { ...wordSet('words-device-kinds', 'Devices workloads must reach (vocabulary.yaml device_kinds)') },
  kernel_features: { ...wordSet('words-kernel-features', 'Kernel features workloads need (vocabulary.yaml kernel_features)') },
  network_policy: { $ref: C('words-network-policy-levels'), description: 'Network-policy level needed (vocabulary.yaml network_policy_levels).' },
  policy_complexity: { enum: ['simple', 'complex'], description: 'Policy complexity: simple or complex.' },
};
defs.constraints = {
  description: 'Constraints in the profile syntax (ProfileFields.ConstraintFields): quantities, booleans and words a stack must satisfy.',
  type: 'object',
  properties: cprops,
  additionalProperties: false,
};

// Facts.
const factNames = Object.keys(vocab.facts);
defs['fact-name'] = { description: 'A fact kind of vocabulary.yaml facts.', enum: factNames };
defs.measures = { description: 'What a quantity measures (vocabulary.yaml measures).', enum: Object.keys(vocab.measures) };

function valueFor(kind) {
  switch (kind.type) {
    case 'quantity': return { $ref: C(`quantity-${kind.dimension}`) };
    case 'enum': return { $ref: C(kind.of === 'isolation' ? 'words-isolation' : wordDef(kind.of)) };
    case 'set': return wordSet(kind.of === 'isolation' ? 'words-isolation' : wordDef(kind.of), `Words of vocabulary.yaml ${kind.of}`);
    case 'bool': return { type: 'boolean' };
    case 'stars': return { type: 'integer', minimum: 0, maximum: 5 };
    case 'date': return { $ref: C('date') };
    case 'version': return { type: ['string', 'number'] };
    default: return { $ref: C('text') };
  }
}
const perKind = factNames.map((name) => {
  const kind = vocab.facts[name];
  const then = { properties: { value: valueFor(kind) } };
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
    value: { description: 'The value, of the fact kind\'s type: a quantity, a word, a list of words, true/false, stars 0..5, text, a version or a date.', not: { type: 'null', description: 'null (empty)' } },
    measures: { $ref: C('measures'), description: 'Quantities only: what exactly was measured (vocabulary.yaml measures; "unspecified" when the source does not say).' },
    as_of: { $ref: C('date'), description: 'When the fact held: YYYY, YYYY-MM or YYYY-MM-DD.' },
    ...claimProps,
  },
  required: ['name', 'value'],
  additionalProperties: false,
  allOf: [{ $ref: C('provenance') }, { $ref: C('seed-status') }, ...perKind],
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

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'common.schema.json',
  title: 'Strata catalogue: shared definitions',
  description: 'Definitions the catalogue and profile schemas share. The word lists and fact kinds mirror catalog/vocabulary.yaml and the constraint keys mirror src/Strata.Model/Conditions/ProfileFields.cs; keep them in sync.',
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
