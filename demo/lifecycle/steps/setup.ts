/**
 * Step 0: the team adopts gh-mlops — alice commits the config, CODEOWNERS, the workflows, the training scripts, the
 * data schema, the test set and the legacy baseline model (the champion before any registered version) to main, and
 * `mlops config check` accepts the committed config.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { assetPath } from '../../../lib/package-root.js';
import { commitFiles } from '../people.js';
import { CODEOWNERS, COMMIT_STATUS_MJS, MLOPS_YML, MONITOR_YML, RETRAIN_YML, TRAIN_SH, TRAIN_YML, TRAINING_DATA_SH, PROPOSE_BRANCH_MJS, VALIDATE_YML } from '../repo-files.js';
import { check, type LifecycleStep } from '../step.js';

export const setupStep: LifecycleStep = {
  name: 'setup: gh-mlops config, workflows and training scripts committed to acme/churn-model',
  async run(demo) {
    const files: Record<string, string | Buffer> = {
      '.github/mlops.yml': MLOPS_YML,
      '.github/CODEOWNERS': CODEOWNERS,
      '.github/workflows/validate.yml': VALIDATE_YML,
      '.github/workflows/train.yml': TRAIN_YML,
      '.github/workflows/monitor.yml': MONITOR_YML,
      '.github/workflows/retrain.yml': RETRAIN_YML,
      '.github/scripts/commit-status.mjs': COMMIT_STATUS_MJS,
      '.github/scripts/propose-branch.mjs': PROPOSE_BRANCH_MJS,
      'models/churn/train.sh': TRAIN_SH,
      'models/churn/training-data.sh': TRAINING_DATA_SH,
      'models/churn/baseline.onnx': await readFile(assetPath('fixtures', 'models', 'churn-v1.onnx')),
      'data/churn/schema.yml': await readFile(assetPath('examples', 'data', 'churn.schema.yml'), 'utf8'),
      'data/churn/test.csv': await readFile(assetPath('fixtures', 'datasets', 'churn-test.csv'), 'utf8'),
    };
    const sha = await commitFiles(demo.gh('alice'), 'main', files, 'Adopt gh-mlops: config, workflows, training scripts, legacy baseline model');
    demo.record(`alice committed ${Object.keys(files).length} files to main (${sha.slice(0, 7)}): .github/mlops.yml, 4 workflows and their scripts, models/churn/*, data/churn/{schema.yml,test.csv}`);
    // Read back through the contents API (what the app's context.config and the actions see) and check it.
    const got = (await demo.gh('dave').rest.repos.getContent({ owner: 'acme', repo: 'churn-model', path: '.github/mlops.yml' })).data as { content: string };
    const dir = join(demo.workDir, 'config', '.github');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'mlops.yml'), Buffer.from(got.content, 'base64'));
    const checked = await demo.mlops(['config', 'check', '--config', join(dir, 'mlops.yml')]);
    check(checked.stdout.includes('valid'), `mlops config check: ${checked.stdout}`);
    demo.record(`mlops config check .github/mlops.yml (read back through the contents API): ${checked.stdout.trim().split('\n').map((l) => l.replace(/^.*mlops\.yml: /, '').trim()).join(' · ')}`);
  },
};
