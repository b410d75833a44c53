import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from '../../../lib/config/index.js';
import { policySchema } from '../../../lib/policies/index.js';

type Node = Record<string, unknown>;

function walk(schema: Node, visit: (node: Node, path: string) => void): void {
  const seen = (node: Node, path: string) => {
    visit(node, path);
    for (const [k, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) seen(child, `${path}.${k}`);
    if (node.items && typeof node.items === 'object') seen(node.items as Node, `${path}[]`);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') seen(node.additionalProperties as Node, `${path}.*`);
  };
  seen(schema, '$');
  for (const [k, def] of Object.entries((schema.definitions ?? {}) as Record<string, Node>)) seen(def, `#${k}`);
}

for (const [name, schema] of [['config', configSchema()], ['policy', policySchema()]] as const) {
  test(`${name} schema: every object closes its keys, every property is described`, () => {
    const open: string[] = [];
    const undocumented: string[] = [];
    walk(schema, (node, path) => {
      if (node.type === 'object' && node.additionalProperties === undefined) open.push(path);
      for (const [k, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
        if (typeof child.description !== 'string' || child.description.length < 10) undocumented.push(`${path}.${k}`);
      }
    });
    assert.deepEqual(open, []);
    assert.deepEqual(undocumented, []);
  });
}

test('config schema: draft-07 with an $id', () => {
  const schema = configSchema();
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.$id, 'gh-mlops://schema/mlops.schema.json');
});
