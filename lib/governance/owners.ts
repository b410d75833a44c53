/**
 * The required owners of a model PR: CODEOWNERS owners of the changed model files when CODEOWNERS covers them, else
 * the model's `owner` from `.github/mlops.yml`. Teams expand to their members when the caller could list them; a team
 * it could not list satisfies nobody (and says so), rather than silently passing.
 */

/** Who can satisfy "the owner approved", and how to say it. */
export interface RequiredOwners {
  /** Logins (lower case). */
  logins: string[];
  /** The owners as written, e.g. `@acme/ml-team, @alice`. */
  label: string;
  /** Where the owners came from. */
  source: 'codeowners' | 'config';
  /** Teams whose members could not be listed. */
  unresolvedTeams: string[];
}

/** Resolves owners to logins; `teamMembers` maps `org/team` to its members (undefined = could not list). */
export function requiredOwners(input: { modelOwner: string; codeowners: string[]; teamMembers: Record<string, string[] | undefined> }): RequiredOwners {
  const source = input.codeowners.length > 0 ? 'codeowners' : 'config';
  const owners = source === 'codeowners' ? input.codeowners : [input.modelOwner];
  const logins: string[] = [];
  const unresolvedTeams: string[] = [];
  for (const owner of owners) {
    const name = owner.replace(/^@/, '');
    if (name.includes('/')) {
      const members = input.teamMembers[name.toLowerCase()];
      if (members === undefined) unresolvedTeams.push(owner);
      else logins.push(...members.map((m) => m.toLowerCase()));
    } else if (!name.includes('@')) logins.push(name.toLowerCase());
  }
  return { logins: [...new Set(logins)].sort(), label: owners.join(', '), source, unresolvedTeams };
}

/** Teams (`org/team`, lower case) named among `owners`. */
export function teamsIn(owners: string[]): string[] {
  return owners.map((o) => o.replace(/^@/, '')).filter((o) => o.includes('/') && !o.includes('@')).map((o) => o.toLowerCase());
}
