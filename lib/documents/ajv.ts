import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a `default` export; under NodeNext the namespace object is what a default import gives.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** Annotation keywords our schemas carry for people and editors; ajv must accept them, not validate them. */
export const annotationKeywords = ['x-hint', 'x-example', 'markdownDescription'];

/** An Ajv instance configured the way every gh-mlops schema expects: all errors, verbose (for hints), formats. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary(annotationKeywords);
  return ajv;
}

/** Compiles a JSON Schema once; callers keep the function (compiling is the slow part). */
export function compileSchema<T = unknown>(schema: object): ValidateFunction<T> {
  return createAjv().compile<T>(schema);
}
