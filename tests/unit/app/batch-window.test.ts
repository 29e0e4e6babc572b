import type { HubSpotContact, HubSpotPort } from '../../../connectors/hubspot/hubspot-port';
import { moreWaitMs } from '../../../src/app/inbound/batch-window';
import { createContactReader } from '../../../src/app/inbound/contact-reader';
import { hubSpotContactId, type HubSpotContactId } from '../../../src/shared/ids';

describe('moreWaitMs (a partial batch at the end of its window)', () => {
  it.each([
    // size, full, open ms, max wait ms, more ms
    [60, 100, 250, 500, 167], // a burst: 40 more come in ~167 ms at the rate so far
    [50, 100, 250, 500, 250], // exactly fills by the max wait
    [12, 100, 250, 500, 0], // a trickle would need ~1.8 s more: goes now
    [100, 100, 250, 500, 0], // already full
    [0, 100, 250, 500, 0], // nothing to wait for
  ])('%i of %i after %i ms, at most %i ms: waits %i ms more', (size, full, openMs, maxWaitMs, expected) => {
    expect(moreWaitMs(size, full, openMs, maxWaitMs)).toBe(expected);
  });
});

describe('the contact reader under a burst and a trickle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function countingPort() {
    const reads: number[] = [];
    const port: Pick<HubSpotPort, 'readContacts'> = {
      readContacts: async (ids: readonly HubSpotContactId[]) => {
        reads.push(ids.length);
        const at = new Date(0).toISOString();
        return ids.map((id): HubSpotContact => ({ id, properties: {}, createdAt: at, updatedAt: at, archived: false }));
      },
    };
    return { reads, port };
  }
  const id = (n: number) => hubSpotContactId(String(1000 + n));

  it('waits past the window for a batch that ids are filling fast, and reads it once', async () => {
    const { reads, port } = countingPort();
    const reader = createContactReader({ port, properties: [], windowMs: 250 });
    const done: Promise<unknown>[] = [];
    // 12 contacts every 60 ms: 60 by the window's end, so 100 within ~170 ms more; the rest come 60 ms later.
    for (let wave = 0; wave < 5; wave++) {
      for (let n = 0; n < 12; n++) done.push(reader.read([{ id: id(wave * 12 + n), occurredAt: 0 }]));
      await jest.advanceTimersByTimeAsync(60);
    }
    for (let n = 60; n < 100; n++) done.push(reader.read([{ id: id(n), occurredAt: 0 }]));
    await jest.advanceTimersByTimeAsync(500);
    await Promise.all(done);
    expect(reads).toEqual([100]);
  });

  it('reads a trickle at the end of the window, without waiting longer', async () => {
    const { reads, port } = countingPort();
    const reader = createContactReader({ port, properties: [], windowMs: 250 });
    const done = [reader.read([{ id: id(1), occurredAt: 0 }]), reader.read([{ id: id(2), occurredAt: 0 }])];
    await jest.advanceTimersByTimeAsync(250);
    expect(reads).toEqual([2]);
    await Promise.all(done);
  });
});
