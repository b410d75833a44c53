/**
 * XML for EC2 Query responses. Hand-written rather than a library because the output is the product here: EC2's
 * fixed dialect (lists as `<item>`, booleans as `true`/`false`, ISO timestamps, `<Response><Errors>` for errors) fits
 * in a 30-line escaping serializer, and the emulator must not import the AWS SDK's own XML builder.
 */
import type { ServerResponse } from 'node:http';
import type { Ec2Error } from './errors.js';

/** A response tree: objects become elements, arrays become `<item>` lists, undefined/null are left out. */
export type XmlValue = string | number | boolean | Date | null | undefined | XmlValue[] | { [name: string]: XmlValue };

const NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** Escapes text for element content. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as const)[c as '&']};`);
}

/** Serializes one named element and its children. */
export function element(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((item) => element('item', item)).join('')}</${name}>`;
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === 'object') return `<${name}>${children(value)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function children(value: { [name: string]: XmlValue }): string {
  return Object.entries(value).map(([name, child]) => element(name, child)).join('');
}

/** A successful `<ActionResponse>` document with its `requestId`. */
export function responseDocument(action: string, requestId: string, body: Record<string, XmlValue>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NAMESPACE}">${children({ requestId, ...body })}</${action}Response>`;
}

/** The error document EC2 sends (note `RequestID`, unlike the success body's `requestId`). */
export function errorDocument(error: Ec2Error, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`
  );
}

/** Writes an XML answer with EC2's headers; `Date` comes from the virtual clock, as product code reads it as "now". */
export function sendXml(res: ServerResponse, status: number, xml: string, requestId: string, now: Date): void {
  res.writeHead(status, {
    'content-type': 'text/xml;charset=UTF-8',
    'x-amzn-requestid': requestId,
    date: now.toUTCString(),
    server: 'AmazonEC2',
  });
  res.end(xml);
}
