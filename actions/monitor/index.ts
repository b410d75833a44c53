// The script step's entry: calls main() and nothing else.
import { main } from './main.js';

process.exitCode = await main(process.argv);
