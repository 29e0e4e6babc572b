import { z } from 'zod';
import type { SalesforceRecord, SObjectName } from '../../src/shared/field-specs';
import { isSalesforceId, type SalesforceId } from '../../src/shared/ids';
import { chunk, queryAllPages, toRecord } from './record-reads';
import { apiName } from './record-writes';
import { queryResultSchema } from './salesforce.schema';
import type { SalesforceHttp } from './salesforce-http';
import { soqlList } from './soql-text';

/**
 * The sObject Get Updated and Get Deleted resources (REST API Developer Guide, "sObject Get
 * Updated", "sObject Get Deleted"): the ids of an object's records changed, or deleted, in a
 * timespan. Both ends are UTC and the API ignores their seconds; start must precede end. Get
 * Updated looks back at most 30 days, Get Deleted as far as the delete log keeps (15 days at most,
 * earliestDateAvailable); more than 600,000 ids fail with EXCEEDED_ID_LIMIT. latestDateCovered is
 * where the next window must start: changes that began before it but had not committed are not in
 * this answer.
 */

export interface UpdatedRecords {
  readonly ids: readonly SalesforceId[];
  /** Epoch ms: the next window starts here. */
  readonly latestDateCovered: number;
}

export interface DeletedRecord {
  readonly id: SalesforceId;
  /** Epoch ms (the record's SystemModstamp when it was deleted). */
  readonly deletedAt: number;
}

export interface DeletedRecords {
  readonly records: readonly DeletedRecord[];
  /** Epoch ms: the oldest deletion the org still reports; a start before it is refused. */
  readonly earliestDateAvailable: number;
  /** Epoch ms: the next window starts here. */
  readonly latestDateCovered: number;
}

/** Salesforce writes "2026-03-02T09:05:00.000+0000"; Date.parse wants the offset's colon. */
function instant(text: string): number {
  return Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

const instantSchema = z.string().refine((text) => !Number.isNaN(instant(text)), 'a date and time');
const idSchema = z.string().refine(isSalesforceId, 'a Salesforce id');

const updatedSchema = z.looseObject({ ids: z.array(idSchema), latestDateCovered: instantSchema });
const deletedSchema = z.looseObject({
  deletedRecords: z.array(z.looseObject({ id: idSchema, deletedDate: instantSchema })),
  earliestDateAvailable: instantSchema,
  latestDateCovered: instantSchema,
});

/** The form the guide shows, 2013-05-05T00:00:00+00:00 (seconds are ignored anyway). */
function utc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function windowUrl(object: SObjectName, resource: 'updated' | 'deleted', start: number, end: number): string {
  return `/sobjects/${apiName(object)}/${resource}/?start=${encodeURIComponent(utc(start))}&end=${encodeURIComponent(utc(end))}`;
}

export async function getUpdated(
  http: SalesforceHttp,
  object: SObjectName,
  start: number,
  end: number,
): Promise<UpdatedRecords> {
  const answer = await http.send('getUpdated', updatedSchema, {
    method: 'GET',
    url: windowUrl(object, 'updated', start, end),
  });
  return { ids: answer.ids, latestDateCovered: instant(answer.latestDateCovered) };
}

export async function getDeleted(
  http: SalesforceHttp,
  object: SObjectName,
  start: number,
  end: number,
): Promise<DeletedRecords> {
  const answer = await http.send('getDeleted', deletedSchema, {
    method: 'GET',
    url: windowUrl(object, 'deleted', start, end),
  });
  return {
    records: answer.deletedRecords.map((row) => ({ id: row.id, deletedAt: instant(row.deletedDate) })),
    earliestDateAvailable: instant(answer.earliestDateAvailable),
    latestDateCovered: instant(answer.latestDateCovered),
  };
}

/** 200 18-character ids keep a query's URI near 5,000 characters. */
const ID_CHUNK = 200;

/**
 * Records by id through queryAll, so deleted and merged-away ones (IsDeleted, MasterRecordId) are
 * read too, while the Recycle Bin holds them; a record gone from it is absent.
 */
export async function readIncludingDeleted(
  http: SalesforceHttp,
  object: SObjectName,
  ids: readonly SalesforceId[],
  fields: readonly string[],
): Promise<SalesforceRecord[]> {
  const system = ['Id', 'SystemModstamp', 'IsDeleted'];
  const select = [
    ...system,
    ...fields.map(apiName).filter((f) => !system.some((s) => s.toLowerCase() === f.toLowerCase())),
  ];
  const records: SalesforceRecord[] = [];
  for (const part of chunk([...new Set(ids)], ID_CHUNK)) {
    const soql = `SELECT ${select.join(', ')} FROM ${apiName(object)} WHERE Id IN ${soqlList(part)}`;
    const first = await http.send('readIncludingDeleted', queryResultSchema, {
      method: 'GET',
      url: `/queryAll?q=${encodeURIComponent(soql)}`,
    });
    for (const raw of await queryAllPages(http, 'readIncludingDeleted', first)) {
      const record = toRecord(object, raw);
      if (record !== undefined) records.push(record);
    }
  }
  return records;
}
