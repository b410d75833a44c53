/**
 * Opens an ONNX model for evaluation: size cap first (model files from pull requests are untrusted), sha256 and bytes,
 * the ModelProto decoded with onnx-proto for what ONNX Runtime does not expose (custom metadata such as
 * `feature_names`, the operator counts of the graph and its subgraphs), then an ONNX Runtime session. Anything that is
 * not a loadable ONNX model is a BadInputError (exit 2) naming the file.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import type { TensorInfo } from '../../lib/contracts/index.js';
import { BadInputError } from '../../lib/errors.js';

const { onnx } = onnxProto;

/** Default cap on a model file: 512 MB (`--max-model-mb`). */
export const defaultMaxModelBytes = 512 * 1_000_000;

/** A model ready to run, with what the report says about it. */
export interface LoadedModel {
  file: string;
  bytes: number;
  sha256: string;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  operators: Array<{ type: string; domain?: string; count: number }>;
  metadata: Record<string, string>;
  session: ort.InferenceSession;
}

const elementNames: Record<number, string> = { 1: 'float', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool', 10: 'float16', 11: 'double', 12: 'uint32', 13: 'uint64' };

/** ONNX's own spelling of a type: `tensor(float)`, `seq(map(int64,tensor(float)))`. */
export function typeName(type: onnxProto.onnx.ITypeProto | null | undefined): string {
  if (!type) return 'unknown';
  if (type.tensorType) return `tensor(${elementNames[type.tensorType.elemType ?? 0] ?? 'unknown'})`;
  if (type.sequenceType) return `seq(${typeName(type.sequenceType.elemType)})`;
  if (type.mapType) return `map(${elementNames[type.mapType.keyType ?? 0] ?? 'unknown'},${typeName(type.mapType.valueType)})`;
  if (type.optionalType) return `optional(${typeName(type.optionalType.elemType)})`;
  return 'unknown';
}

function tensorInfo(value: onnxProto.onnx.IValueInfoProto): TensorInfo {
  const dims = value.type?.tensorType?.shape?.dim ?? [];
  const shape = dims.map((d) => (d.dimParam ? d.dimParam : d.dimValue !== undefined && d.dimValue !== null ? Number(d.dimValue) : null));
  return { name: value.name ?? '', type: typeName(value.type), shape };
}

/** Operator counts of a graph and every subgraph (If/Loop/Scan bodies), sorted by count then name. */
export function countOperators(graph: onnxProto.onnx.IGraphProto): Array<{ type: string; domain?: string; count: number }> {
  const counts = new Map<string, { type: string; domain?: string; count: number }>();
  const visit = (g: onnxProto.onnx.IGraphProto) => {
    for (const node of g.node ?? []) {
      const domain = node.domain ?? '';
      const key = `${domain}\u0000${node.opType}`;
      const entry = counts.get(key) ?? { type: node.opType ?? '?', ...(domain ? { domain } : {}), count: 0 };
      entry.count++;
      counts.set(key, entry);
      for (const attribute of node.attribute ?? []) {
        if (attribute.g) visit(attribute.g);
        for (const sub of attribute.graphs ?? []) visit(sub);
      }
    }
  };
  visit(graph);
  return [...counts.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

/** What the ModelProto says: inputs (initializers excluded), outputs, operators, metadata. Throws BadInputError when it is not ONNX. */
export function describeModel(file: string, bytes: Uint8Array): Omit<LoadedModel, 'session' | 'bytes' | 'sha256' | 'file'> {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw notOnnx(file, error instanceof Error ? error.message : String(error), error);
  }
  const graph = model.graph;
  if (!graph || (graph.output ?? []).length === 0 || !model.irVersion) throw notOnnx(file, 'no graph with outputs (not an ONNX ModelProto)');
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  return {
    inputs: (graph.input ?? []).filter((i) => !initializers.has(i.name ?? '')).map(tensorInfo),
    outputs: (graph.output ?? []).map(tensorInfo),
    operators: countOperators(graph),
    metadata: Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? ''])),
  };
}

function notOnnx(file: string, why: string, cause?: unknown): BadInputError {
  return new BadInputError('not-onnx', `${file}: not a readable ONNX model: ${why}`, {
    location: { file },
    hint: 'pass the .onnx file the exporter wrote (a Git LFS pointer or a truncated download is not one)',
    ...(cause !== undefined ? { cause } : {}),
  });
}

const megabytes = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes)} bytes`);

/** Opens `path` (shown as `file`) within the size cap; see the module comment. */
export async function loadModel(path: string, file: string, options: { maxBytes?: number; threads?: number } = {}): Promise<LoadedModel> {
  const maxBytes = options.maxBytes ?? defaultMaxModelBytes;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BadInputError('unreadable-model', `${file}: cannot read the model: ${code === 'ENOENT' ? 'no such file' : String(code)}`, { location: { file }, hint: 'check the --model/--champion path', cause: error });
  }
  if (size > maxBytes) {
    throw new BadInputError('model-too-large', `${file}: the model is ${megabytes(size)}, over the cap of ${megabytes(maxBytes)}`, {
      location: { file },
      hint: 'model files from pull requests are untrusted: raise the cap with --max-model-mb only for models you expect to be this large',
    });
  }
  const bytes = new Uint8Array(await readFile(path));
  const described = describeModel(file, bytes);
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      graphOptimizationLevel: 'all',
      ...(options.threads ? { intraOpNumThreads: options.threads } : {}),
    });
  } catch (error) {
    throw notOnnx(file, `ONNX Runtime cannot load it: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  return { file, bytes: size, sha256: createHash('sha256').update(bytes).digest('hex'), ...described, session };
}
