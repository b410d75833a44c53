/**
 * Step 5: promotion. The app published churn/v1.0.0 as a pre-release, which requested staging (release-based
 * promotion). Production goes through ChatOps: dave (write) is refused by the permission ladder; bob (maintain) is
 * refused by the policy's 24 h staging soak — a failed deployment with the rule's reason; a (virtual) day later bob's
 * request is allowed.
 */
import type { Demo } from '../context.js';
import { champion, command, stageHistory } from '../people.js';
import { check, type LifecycleStep } from '../step.js';

/** Comments a ChatOps command as `user` and checks the app's verdict; returns the reply's first line. */
export async function chat(demo: Demo, user: string, number: number, body: string, expectOk: boolean, mentions?: RegExp): Promise<string> {
  const { ok, reply } = await command(demo, user, number, body);
  check(ok === expectOk, `"${body}" by ${user}: expected ${expectOk ? 'success' : 'a refusal'}, the app replied: ${reply}`);
  if (mentions) check(mentions.test(reply), `"${body}" by ${user}: the reply does not match ${mentions}: ${reply}`);
  const lines = reply.split('\n').filter((l) => l.trim() && !l.startsWith('>'));
  return lines.slice(0, expectOk ? 1 : 3).join(' ').replace(/\s+/g, ' ').slice(0, 400);
}

export const promotionStep: LifecycleStep = {
  name: '5 promotion: staging by pre-release; production via /mlops promote (refused twice, then allowed)',
  async run(demo) {
    const pr = demo.state.trainPr!.number;
    const staging = await stageHistory(demo, 'churn-staging');
    check(staging.length === 1 && staging[0]!.version === '1.0.0' && staging[0]!.state === 'success', `churn-staging: ${JSON.stringify(staging)}`);
    demo.record(`the pre-release requested staging: deployment ${staging[0]!.id} of churn/v1.0.0 to churn-staging — success (${staging[0]!.description})`);

    const byWriter = await chat(demo, 'dave', pr, '/mlops promote churn v1.0.0 to production', false, /maintain/);
    demo.record(`dave (write): /mlops promote churn v1.0.0 to production → refused: ${byWriter}`);
    const tooSoon = await chat(demo, 'bob', pr, '/mlops promote churn v1.0.0 to production', false, /soak/);
    const refused = await stageHistory(demo, 'churn-production');
    check(refused.length === 1 && refused[0]!.state === 'failure', `a refused promotion leaves a failed deployment: ${JSON.stringify(refused)}`);
    demo.record(`bob (maintain), minutes after staging: refused by the policy — deployment ${refused[0]!.id} failure: ${refused[0]!.description}`, { reply: tooSoon });

    await demo.world.passTime(25 * 3600);
    demo.record('a day passes with churn/v1.0.0 in staging (sandbox clock +25 h; the stateless app is restarted)');
    const allowed = await chat(demo, 'bob', pr, '/mlops promote churn v1.0.0 to production', true);
    check((await champion(demo, 'churn-production')) === '1.0.0', 'churn/v1.0.0 is not the production champion');
    demo.record(`bob: /mlops promote churn v1.0.0 to production → ${allowed}`);
  },
};
