// Finds and starts the system's Chromium for the browser tests. No browser is downloaded: the tests drive Debian's
// `chromium` package (or CHROMIUM_PATH) through playwright-core, and fail with the install command when there is none.
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where a Chromium may be: CHROMIUM_PATH first, then Debian's and other distributions' usual paths. */
export const browserCandidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => Boolean(p));

/** The first executable candidate; throws (so the test fails, never skips) when none exists. */
export function findChromium(): string {
  for (const path of browserCandidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // try the next one
    }
  }
  throw new Error(`no Chromium found (looked at ${browserCandidates.join(', ')}): install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
}

/** Launches headless Chromium. --no-sandbox because CI runs as root in a container, where the sandbox cannot start. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}
