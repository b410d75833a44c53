/**
 * The `--max-malformed` budget shared by every file of a dataset: each malformed record is reported, and the one that
 * exceeds the budget stops the read with a BadInputError pointing at it (never a partial result presented as complete).
 */
import { BadInputError } from '../errors.js';
import type { MalformedRecord } from './batch.js';

/** Counts malformed records across a dataset and fails once there are more than `max`. */
export class MalformedBudget {
  count = 0;

  constructor(
    readonly max: number,
    private readonly onMalformed: ((record: MalformedRecord) => void) | undefined,
  ) {}

  /** Reports one record; throws BadInputError when the budget is spent. */
  report(record: MalformedRecord): void {
    this.count++;
    this.onMalformed?.(record);
    if (this.count > this.max) {
      const more = this.max === 0 ? '' : ` (${this.count} malformed records, more than --max-malformed ${this.max})`;
      throw new BadInputError('malformed-record', `${record.file}:${record.line}: ${record.reason} (byte offset ${record.offset})${more}`, {
        location: { file: record.file, line: record.line, offset: record.offset },
        hint: this.max === 0 ? 'fix the record, or pass --max-malformed N to skip up to N malformed records (each is reported)' : 'fix the records, or raise --max-malformed',
      });
    }
  }
}
