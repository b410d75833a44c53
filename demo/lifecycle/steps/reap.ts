/** Step 7: the scheduled reaper (`mlops runner reap`, the real CLI) finds nothing left running. */
import type { ReapResult } from '../../../runners/reap.js';
import { gpuRunners } from '../gpu-runner.js';
import { check, type LifecycleStep } from '../step.js';
import { leftovers } from './training-pr.js';

export const reapStep: LifecycleStep = {
  name: '7 mlops runner reap: nothing left running',
  async run(demo) {
    const runners = gpuRunners(demo);
    runners.close();
    const out = await demo.mlops(['runner', 'reap', '--repo', 'acme/churn-model', '--json'], { env: runners.env });
    const result = JSON.parse(out.stdout) as ReapResult;
    const { terminate, mark, removeRunners, keep } = result.plan;
    check(terminate.length + mark.length + removeRunners.length + keep.length === 0, `the reaper found something: ${JSON.stringify(result.plan)}`);
    const left = await leftovers(demo);
    check(left.instances === 0 && left.runners === 0, `left: ${JSON.stringify(left)}`);
    demo.record(`mlops runner reap: scanned ${result.scanned} gh-mlops instance(s) at ${result.now}, nothing to terminate or remove; 0 live instances, 0 runners`);
  },
};
