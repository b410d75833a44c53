/**
 * `mlops registry list|show|resolve|lineage|pull|rollback`: the model registry on GitHub. The implementations live in
 * cli/registry/registry-actions.ts and load only when a registry command runs.
 */
import { addFormatOptions } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';
import type { Options } from '../registry/registry-actions.js';

type Action = 'list' | 'show' | 'resolveCmd' | 'lineage' | 'pull' | 'rollbackCmd';

const lazy =
  (name: Action) =>
  async (options: Options, ctx: CommandContext, ...args: string[]): Promise<number> => {
    const actions = await import('../registry/registry-actions.js');
    return (actions[name] as (o: Options, c: CommandContext, ...a: string[]) => Promise<number>)(options, ctx, ...args);
  };

/** `mlops registry`: read and operate the model registry on GitHub. */
export const registryCommand: CommandModule = {
  register(program, run) {
    const reg = program.command('registry').description('the model registry on GitHub: Releases <model>/v<semver>, Deployments to <model>-<stage>');
    const repoOption = (cmd: ReturnType<typeof reg.command>) => cmd.option('--repo <owner/name>', 'repository (default: GITHUB_REPOSITORY)');
    addFormatOptions(repoOption(reg.command('list').description('models, versions and stage champions').argument('[model]', 'only this model')), ['text', 'json']).action(run(lazy('list')));
    addFormatOptions(repoOption(reg.command('show').description('one version and its assets').argument('<spec>', 'churn@production, churn@1.3.0, churn/v1.3.0 or churn@latest')), ['text', 'json']).action(run(lazy('show')));
    addFormatOptions(repoOption(reg.command('resolve').description('print the tag a spec resolves to').argument('<spec>', 'e.g. churn@production')), ['text', 'json']).action(run(lazy('resolveCmd')));
    addFormatOptions(repoOption(reg.command('lineage').description("print a version's lineage.json").argument('<spec>', 'e.g. churn/v1.3.0')), ['text', 'json']).action(run(lazy('lineage')));
    addFormatOptions(repoOption(reg.command('pull').description("download a version's assets and verify their sha256").argument('<spec>', 'e.g. churn@production').option('--dir <dir>', 'where to write (default models/<model>/v<version>)')), ['text', 'json']).action(run(lazy('pull')));
    addFormatOptions(repoOption(reg.command('rollback').description('deploy the previous successful version to a stage again').argument('<model>').argument('<stage>')), ['text', 'json']).action(run(lazy('rollbackCmd')));
  },
};
