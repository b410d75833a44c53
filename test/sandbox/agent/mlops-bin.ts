/** `mlops` from sources for jobs the agent runs in tests (a PATH shim execs this through tsx). */
import { main } from '../../../cli/main.js';

process.exitCode = await main(process.argv);
