import { batchOutcomes } from '../../../connectors/hubspot/batch-outcomes';
import type { BatchResult, SimpleObject } from '../../../connectors/hubspot/hubspot-responses.schema';
import { hubSpotContactId } from '../../../src/shared/ids';

const stamp = '2025-01-01T00:00:00.000Z';
const result = (id: string, extra: Partial<SimpleObject> = {}): SimpleObject => ({
  id: hubSpotContactId(id),
  properties: {},
  createdAt: stamp,
  updatedAt: stamp,
  archived: false,
  ...extra,
});
const inputs = ['101', '102', '103', '104'].map((key, i) => ({ traceId: String(i), key }));

describe('batchOutcomes', () => {
  it('maps results and per-input errors back to the inputs, in order', () => {
    const answer: BatchResult = {
      results: [result('104', { objectWriteTraceId: '3' }), result('101')],
      errors: [
        {
          category: 'OBJECT_NOT_FOUND',
          message: 'Could not get some CONTACT objects',
          context: { ids: ['102'] },
          errors: [],
        },
        {
          category: 'VALIDATION_ERROR',
          message: 'Property values were not valid',
          context: { objectWriteTraceId: ['2'] },
          errors: [
            {
              code: 'INVALID_OPTION',
              message: 'x was not one of the allowed options',
              context: { propertyName: ['lifecyclestage'] },
            },
          ],
        },
      ],
    };
    expect(batchOutcomes(inputs, answer, () => false)).toEqual([
      { ok: true, id: '101', created: false },
      {
        ok: false,
        code: 'OBJECT_NOT_FOUND',
        message: 'Could not get some CONTACT objects',
        fields: [],
        retryable: false,
      },
      {
        ok: false,
        code: 'INVALID_OPTION',
        message: 'x was not one of the allowed options',
        fields: ['lifecyclestage'],
        retryable: false,
      },
      { ok: true, id: '104', created: false },
    ]);
  });

  it('gives a result under a new id (a merge) to the one input left unmatched', () => {
    const answer: BatchResult = { results: [result('101'), result('999'), result('103'), result('104')], errors: [] };
    expect(batchOutcomes(inputs, answer, () => false)[1]).toEqual({ ok: true, id: '999', created: false });
  });

  it('marks an input HubSpot said nothing about as unconfirmed and retryable', () => {
    const answer: BatchResult = { results: [result('101')], errors: [] };
    expect(batchOutcomes(inputs.slice(0, 3), answer, () => false).slice(1)).toEqual([
      expect.objectContaining({ ok: false, code: 'UNCONFIRMED', retryable: true }),
      expect.objectContaining({ ok: false, code: 'UNCONFIRMED', retryable: true }),
    ]);
  });

  it('says which upserted records were created', () => {
    const answer: BatchResult = {
      results: [result('201', { _new: true, properties: { email: 'a@x.test' } })],
      errors: [],
    };
    expect(batchOutcomes([{ traceId: '0', key: 'A@x.test' }], answer, (r) => r._new === true)).toEqual([
      { ok: true, id: '201', created: true },
    ]);
  });
});
