import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { assetPath } from '../../../lib/package-root.js';
import { reportContracts, reportKinds, reportValidator, supportedVersions, type ReportKind } from '../../../lib/contracts/index.js';
import { samples } from './samples.js';

type Schema = Record<string, unknown>;
const schemaDir = assetPath('lib', 'contracts', 'schemas');
const schemas = new Map<string, Schema>(
  readdirSync(schemaDir).map((f) => [f, JSON.parse(readFileSync(`${schemaDir}/${f}`, 'utf8')) as Schema]),
);

test('the registry lists the seven kinds, each at version 1 with its own schema file', () => {
  assert.deepEqual([...reportKinds], ['mlops/validation', 'mlops/profile', 'mlops/drift', 'mlops/evaluation', 'mlops/gate', 'mlops/training', 'mlops/bundle']);
  for (const kind of reportKinds) {
    assert.deepEqual(supportedVersions(kind), [1]);
    assert.equal(reportContracts[kind].current, 1);
    const file = `${kind.slice(6)}.v1.schema.json`;
    assert.equal(reportContracts[kind].versions[1], file);
    assert.equal(schemas.get(file)?.$id, `gh-mlops://contracts/${file}`);
  }
  assert.deepEqual([...schemas.keys()].sort(), ['bundle', 'common', 'drift', 'evaluation', 'gate', 'profile', 'training', 'validation'].map((n) => `${n}.v1.schema.json`));
});

for (const kind of reportKinds) {
  test(`${kind}: the typed sample is valid against the schema`, () => {
    const validate = reportValidator(kind, 1);
    assert.equal(validate(samples[kind]), true, JSON.stringify(validate.errors, null, 2));
  });

  test(`${kind}: the typed sample uses every property the schema declares (interface and schema agree)`, () => {
    const file = reportContracts[kind].versions[1]!;
    const unused = unusedProperties(file, samples[kind]);
    assert.deepEqual(unused, []);
  });
}

test('the coverage check itself reports a property the sample leaves out', () => {
  const { windows: _windows, ...withoutWindows } = samples['mlops/drift'];
  assert.deepEqual(unusedProperties('drift.v1.schema.json', withoutWindows), ['drift.v1.schema.json#/properties/windows']);
});

test('each kind schema requires the envelope and pins kind and version', () => {
  for (const kind of reportKinds) {
    const schema = schemas.get(reportContracts[kind as ReportKind].versions[1]!)!;
    assert.deepEqual((schema.required as string[]).slice(0, 5), ['kind', 'version', 'createdAt', 'tool', 'subject']);
    const props = schema.properties as Record<string, Schema>;
    assert.deepEqual(props.kind, { const: kind });
    assert.deepEqual(props.version, { const: 1 });
    assert.equal(schema.additionalProperties, false);
  }
});

// Walks a value alongside its schema and lists every declared property (as `file#pointer`) that no instance uses;
// a property is used when any instance of it, anywhere in the value, has it.
function unusedProperties(file: string, value: unknown): string[] {
  const declared = new Set<string>();
  const used = new Set<string>();
  const visit = (schema: Schema, at: string, v: unknown): void => {
    if (typeof schema.$ref === 'string') {
      const [refFile, pointer] = schema.$ref.startsWith('#') ? [at.split('#')[0]!, schema.$ref.slice(1)] : (schema.$ref.split('#') as [string, string]);
      const target = pointer.split('/').filter(Boolean).reduce<Schema>((s, seg) => s[seg] as Schema, schemas.get(refFile)!);
      return visit(target, `${refFile}#${pointer}`, v);
    }
    if (v === null || v === undefined) return;
    if (Array.isArray(v) && schema.items) v.forEach((item) => visit(schema.items as Schema, `${at}/items`, item));
    if (typeof v === 'object' && !Array.isArray(v)) {
      const record = v as Record<string, unknown>;
      for (const [key, sub] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
        const id = `${at}/properties/${key}`;
        declared.add(id);
        if (key in record) {
          used.add(id);
          visit(sub, id, record[key]);
        }
      }
      if (typeof schema.additionalProperties === 'object') {
        for (const sub of Object.values(record)) visit(schema.additionalProperties as Schema, `${at}/additionalProperties`, sub);
      }
    }
  };
  visit(schemas.get(file)!, `${file}#`, value);
  // Definitions borrowed from another kind (evaluation.predictions uses profile's column) are covered by that kind's sample.
  const own = (d: string) => d.startsWith(`${file}#`) || d.startsWith('common.v1.schema.json#');
  return [...declared].filter((d) => !used.has(d) && own(d));
}
