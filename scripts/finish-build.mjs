// Writes the `mlops` bin shim: tsc keeps the folder layout (dist/cli/main.js), while the
// package's bin and the composite actions call one stable path, dist/cli.js.
import { chmodSync, writeFileSync } from 'node:fs';

const shim = "#!/usr/bin/env node\nimport { main } from './cli/main.js';\nmain(process.argv).then((code) => { process.exitCode = code; });\n";
writeFileSync(new URL('../dist/cli.js', import.meta.url), shim);
chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
