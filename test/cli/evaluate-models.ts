/** Small ONNX models written with onnx-proto for the evaluate tests: shapes the fixture trainer does not produce. */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const attr = onnx.AttributeProto.AttributeType;

function tensorValue(name: string, elemType: number, dims: Array<number | string>): onnxProto.onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

/** A two-feature logistic classifier (ai.onnx.ml LinearClassifier) whose probabilities go through ZipMap, as skl2onnx exports by default. */
export function zipMapModel(): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }, { domain: 'ai.onnx.ml', version: 1 }],
    producerName: 'gh-mlops-test',
    graph: {
      name: 'zipmap',
      node: [
        {
          opType: 'LinearClassifier',
          domain: 'ai.onnx.ml',
          input: ['input'],
          output: ['label', 'probability_tensor'],
          name: 'linear',
          attribute: [
            { name: 'coefficients', type: attr.FLOATS, floats: [-0.5, 0.25, 0.5, -0.25] },
            { name: 'intercepts', type: attr.FLOATS, floats: [0.1, -0.1] },
            { name: 'classlabels_ints', type: attr.INTS, ints: [0, 1] },
            { name: 'post_transform', type: attr.STRING, s: new TextEncoder().encode('SOFTMAX') },
          ],
        },
        { opType: 'ZipMap', domain: 'ai.onnx.ml', input: ['probability_tensor'], output: ['output_probability'], name: 'zipmap', attribute: [{ name: 'classlabels_int64s', type: attr.INTS, ints: [0, 1] }] },
      ],
      input: [tensorValue('input', FLOAT, ['N', 2])],
      output: [
        tensorValue('label', INT64, ['N']),
        { name: 'output_probability', type: { sequenceType: { elemType: { mapType: { keyType: INT64, valueType: { tensorType: { elemType: FLOAT } } } } } } },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** A regression model: value = 2·x + 1 over one input per column (`x` [N, 1]), output `variable` [N, 1]. */
export function perColumnRegressionModel(): Uint8Array {
  const floats = (name: string, values: number[], dims: number[]) => ({ name, dims, dataType: FLOAT, floatData: values });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'gh-mlops-test',
    graph: {
      name: 'affine',
      node: [
        { opType: 'Mul', input: ['x', 'two'], output: ['scaled'], name: 'mul' },
        { opType: 'Add', input: ['scaled', 'one'], output: ['variable'], name: 'add' },
      ],
      initializer: [floats('two', [2], [1]), floats('one', [1], [1])],
      input: [tensorValue('x', FLOAT, ['N', 1])],
      output: [tensorValue('variable', FLOAT, ['N', 1])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
