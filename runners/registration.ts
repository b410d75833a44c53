/**
 * Registers the runner before its instance exists: a just-in-time config (one ephemeral runner, one job, only usable
 * once) when the API offers it, a registration token (valid one hour) when it does not. Either way nothing in the user
 * data outlives the job by more than an hour; the JIT config is handed to `onSecret` so the caller masks it.
 */
import type { Octokit } from '@octokit/rest';
import type { RunnerRegistration } from '../lib/runners/user-data.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface Registration {
  registration: RunnerRegistration;
  /** The runner's id (JIT registers it now); undefined for a registration token (it registers when it boots). */
  runnerId: number | undefined;
}

const status = (error: unknown) => (error as { status?: number }).status;

/** Removes a runner of ours that exists under `name` but is not running a job (a leftover of a crashed launch). */
async function removeStale(octokit: Octokit, repo: RepoRef, name: string): Promise<void> {
  const { data } = await octokit.rest.actions.listSelfHostedRunnersForRepo({ ...repo, name, per_page: 100 });
  for (const runner of data.runners.filter((r) => r.name === name && !r.busy)) {
    await octokit.rest.actions.deleteSelfHostedRunnerFromRepo({ ...repo, runner_id: runner.id });
  }
}

/** Creates the runner's registration (JIT first); `onSecret` sees every credential before anything else can log it. */
export async function registerRunner(octokit: Octokit, repo: RepoRef, name: string, label: string, onSecret: (value: string) => void): Promise<Registration> {
  const jit = () => octokit.rest.actions.generateRunnerJitconfigForRepo({ ...repo, name, labels: [label], runner_group_id: 1, work_folder: '_work' });
  try {
    let response;
    try {
      response = await jit();
    } catch (error) {
      // 409: a retried launch step already registered this name but has no instance (we looked): start over.
      if (status(error) !== 409) throw error;
      await removeStale(octokit, repo, name);
      response = await jit();
    }
    onSecret(response.data.encoded_jit_config);
    return { registration: { kind: 'jit', encodedJitConfig: response.data.encoded_jit_config }, runnerId: response.data.runner.id };
  } catch (error) {
    // 404 where the endpoint does not exist (older GitHub Enterprise Server): fall back to a registration token.
    if (status(error) !== 404) throw error;
  }
  const { data } = await octokit.rest.actions.createRegistrationTokenForRepo({ owner: repo.owner, repo: repo.repo });
  onSecret(data.token);
  const serverUrl = (octokit.request.endpoint.DEFAULTS.baseUrl ?? 'https://api.github.com').replace(/\/api\/v3\/?$/, '').replace('://api.github.com', '://github.com');
  return { registration: { kind: 'registration-token', token: data.token, url: `${serverUrl}/${repo.owner}/${repo.repo}`, name }, runnerId: undefined };
}

/** Deletes a registered runner by id, ignoring one that is already gone. */
export async function deregister(octokit: Octokit, repo: RepoRef, runnerId: number): Promise<boolean> {
  try {
    await octokit.rest.actions.deleteSelfHostedRunnerFromRepo({ ...repo, runner_id: runnerId });
    return true;
  } catch (error) {
    if (status(error) === 404) return false;
    throw error;
  }
}
