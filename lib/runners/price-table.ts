/**
 * The price table shipped with gh-mlops: USD per instance-hour, Linux, us-east-1, for the GPU types runners launch.
 * On-demand prices are AWS's published list prices on `asOf`; Spot prices are typical observed prices on that date
 * (they move hourly and per zone: pass a newer table with `--price-table`, or let the launcher read the Spot price
 * history, for exact figures). GPUs per instance turn instance-hours into GPU-hours.
 */
import { readFile } from 'node:fs/promises';
import { BadInputError } from '../errors.js';

export interface PriceEntry {
  onDemand: number;
  spot?: number;
  gpus: number;
}

export interface PriceTable {
  /** ISO date the prices were taken. */
  asOf: string;
  region: string;
  currency: 'USD';
  types: Record<string, PriceEntry>;
}

/** The table shipped in the package. */
export const shippedPriceTable: PriceTable = {
  asOf: '2026-11-01',
  region: 'us-east-1',
  currency: 'USD',
  types: {
    'g4dn.xlarge': { onDemand: 0.526, spot: 0.2104, gpus: 1 },
    'g4dn.2xlarge': { onDemand: 0.752, spot: 0.3008, gpus: 1 },
    'g4dn.12xlarge': { onDemand: 3.912, spot: 1.5648, gpus: 4 },
    'g5.xlarge': { onDemand: 1.006, spot: 0.4024, gpus: 1 },
    'g5.2xlarge': { onDemand: 1.212, spot: 0.4848, gpus: 1 },
    'g5.12xlarge': { onDemand: 5.672, spot: 2.2688, gpus: 4 },
    'g6.xlarge': { onDemand: 0.8048, spot: 0.3219, gpus: 1 },
    'g6.2xlarge': { onDemand: 0.9776, spot: 0.391, gpus: 1 },
    'p3.2xlarge': { onDemand: 3.06, spot: 1.224, gpus: 1 },
    'p4d.24xlarge': { onDemand: 32.7726, spot: 13.109, gpus: 8 },
    't3.micro': { onDemand: 0.0104, spot: 0.0031, gpus: 0 },
  },
};

/** The hourly price of one instance, and where it came from. */
export interface HourlyPrice {
  pricePerHour: number;
  source: string;
  gpus: number;
}

/**
 * The price of an instance type in a market from a table: Spot falls back to the on-demand price (an upper bound,
 * said so in `source`) when the table has no Spot figure. Undefined for a type the table does not know.
 */
export function lookupPrice(table: PriceTable, instanceType: string, market: 'spot' | 'on-demand'): HourlyPrice | undefined {
  const entry = table.types[instanceType];
  if (!entry) return undefined;
  if (market === 'spot' && entry.spot !== undefined) return { pricePerHour: entry.spot, source: `price-table:${table.asOf}:spot`, gpus: entry.gpus };
  const source = market === 'spot' ? `price-table:${table.asOf}:on-demand-upper-bound` : `price-table:${table.asOf}:on-demand`;
  return { pricePerHour: entry.onDemand, source, gpus: entry.gpus };
}

/** Dollars and GPU-hours for `seconds` of one instance at `price`, rounded to cents and 1/10,000 GPU-hour. */
export function runCost(seconds: number, price: HourlyPrice): { usd: number; gpuHours: number } {
  const hours = seconds / 3600;
  return { usd: Math.round(hours * price.pricePerHour * 100) / 100, gpuHours: Math.round(hours * price.gpus * 10_000) / 10_000 };
}

/** Reads a price table override (JSON, same shape as the shipped one), checking every entry. */
export async function readPriceTable(file: string): Promise<PriceTable> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new BadInputError('bad-price-table', `cannot read price table ${file}: ${(error as Error).message}`, { location: { file }, hint: 'a JSON object like {"asOf":"2026-11-01","region":"us-east-1","currency":"USD","types":{"g5.xlarge":{"onDemand":1.006,"spot":0.4,"gpus":1}}}' });
  }
  const table = value as Partial<PriceTable>;
  const fail = (path: string, expected: string) =>
    new BadInputError('bad-price-table', `${file}: ${path} must be ${expected}`, { location: { file, path }, hint: 'see the shipped table in lib/runners/price-table.ts' });
  if (typeof table !== 'object' || table === null) throw fail('(document root)', 'an object');
  if (typeof table.asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(table.asOf)) throw fail('asOf', 'a date YYYY-MM-DD');
  if (typeof table.region !== 'string') throw fail('region', 'a region name');
  if (typeof table.types !== 'object' || table.types === null) throw fail('types', 'an object of instance types');
  for (const [type, entry] of Object.entries(table.types)) {
    const e = entry as Partial<PriceEntry>;
    if (typeof e.onDemand !== 'number' || !(e.onDemand >= 0)) throw fail(`types.${type}.onDemand`, 'a price ≥ 0');
    if (e.spot !== undefined && (typeof e.spot !== 'number' || !(e.spot >= 0))) throw fail(`types.${type}.spot`, 'a price ≥ 0');
    if (typeof e.gpus !== 'number' || !Number.isInteger(e.gpus) || e.gpus < 0) throw fail(`types.${type}.gpus`, 'a whole number ≥ 0');
  }
  return { asOf: table.asOf, region: table.region, currency: 'USD', types: table.types as Record<string, PriceEntry> };
}
