/** Runs a parsed, permitted, safe command: picks its executor. */
import { helpText } from '../../lib/chatops/index.js';
import type { ChatRequest, ChatResult } from './chat-request.js';
import { runCompare } from './compare-command.js';
import { runAck, runRetrain } from './other-commands.js';
import { runPromotion } from './promote-command.js';
import { runOnPull } from './run-on-pull.js';

/** The executor's reply for `req.command`. */
export async function runCommand(req: ChatRequest): Promise<ChatResult> {
  const cmd = req.command;
  switch (cmd.name) {
    case 'help':
      return { ok: true, text: helpText({ role: req.role, ...(cmd.topic ? { topic: cmd.topic } : {}) }) };
    case 'train':
    case 'evaluate':
      return runOnPull(req);
    case 'promote':
    case 'rollback':
      return runPromotion(req);
    case 'retrain':
      return runRetrain(req);
    case 'compare':
      return runCompare(req);
    case 'ack':
      return runAck(req);
  }
}
