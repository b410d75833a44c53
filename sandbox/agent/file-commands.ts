/**
 * The runner's file commands: what a step appended to `$GITHUB_OUTPUT` / `$GITHUB_ENV` (`name=value` lines or
 * `name<<DELIMITER` … `DELIMITER` blocks) and `$GITHUB_PATH` (one folder a line). Parsed as actions/runner does.
 */

/** `name=value` and heredoc entries of a GITHUB_OUTPUT / GITHUB_ENV file, later entries winning. */
export function parseKeyValueFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq < 0 || eq > line.indexOf('<<'))) {
      const delimiter = heredoc[2]!;
      const body: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true;
          break;
        }
        body.push(lines[i]!);
      }
      if (!closed) throw new Error(`Matching delimiter not found '${delimiter}'`);
      out[heredoc[1]!] = body.join('\n');
    } else if (eq > 0) {
      out[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(`Invalid format '${line}'`);
    }
  }
  return out;
}

/** Folders of a GITHUB_PATH file, in order. */
export function parsePathFile(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}
