/** Which model a PR command is about: `--model`, else the one model whose paths the PR touches. */
import { modelsTouched } from '../../lib/governance/index.js';
import type { ResolvedModel } from '../../lib/config/types.js';
import { findModel, refuse, type ChatRequest, type ChatResult } from './chat-request.js';

/** The model of a pull request command, or a refusal saying how to pick one. */
export async function pullModel(req: ChatRequest, explicit: string | undefined): Promise<ResolvedModel | ChatResult> {
  if (explicit) return findModel(req, explicit);
  if (!req.config || !req.pull) return refuse('this repository has no `.github/mlops.yml`');
  const { gh, where } = req.deps;
  const files = (await gh.paginate(gh.rest.pulls.listFiles, { ...where, pull_number: req.pull.number, per_page: 100 })).map((f) => f.filename);
  const touched = modelsTouched(req.config.models, files);
  if (touched.length === 1) return findModel(req, touched[0]!);
  if (touched.length === 0 && req.config.models.length === 1) return req.config.models[0]!;
  return refuse(touched.length === 0 ? 'this pull request changes no model\'s files: add `--model <name>`' : `this pull request changes ${touched.map((t) => `\`${t}\``).join(', ')}: add \`--model <name>\``);
}
