/** Release asset names of a version, by bundle role: fixed names so `mlops registry pull` and people find them. */
import type { BundleRole } from '../contracts/index.js';

/** Role → the asset's name on the release. */
export const assetNameByRole: Readonly<Record<BundleRole, string>> = {
  model: 'model.onnx',
  'model-card': 'model-card.md',
  lineage: 'lineage.json',
  validation: 'validation.json',
  training: 'training.json',
  evaluation: 'evaluation.json',
  'training-profile': 'training-profile.json',
  'predictions-profile': 'predictions-profile.json',
};

/** Roles the app writes itself (rendered from the reports), whatever the bundle carries. */
export const generatedRoles: readonly BundleRole[] = ['model-card', 'lineage'];
