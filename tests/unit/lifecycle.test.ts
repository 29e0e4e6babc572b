import { Lifecycle } from '../../src/service/lifecycle';
import { silentLogger } from '../../src/shared/logger';

describe('the shutdown lifecycle', () => {
  it('closes HTTP first, then workers, then connections, even when one closer fails', async () => {
    const order: string[] = [];
    const lifecycle = new Lifecycle(silentLogger());
    lifecycle.add('connections', 'db', async () => void order.push('db'));
    lifecycle.add('workers', 'worker', async () => {
      order.push('worker');
      throw new Error('already closed');
    });
    lifecycle.add('http', 'http', async () => void order.push('http'));
    expect(await lifecycle.shutdown(1_000)).toBe('clean');
    expect(order).toEqual(['http', 'worker', 'db']);
  });

  it('gives up after the timeout when a closer hangs, and is idempotent', async () => {
    const lifecycle = new Lifecycle(silentLogger());
    lifecycle.add('workers', 'stuck', () => new Promise(() => undefined));
    const first = lifecycle.shutdown(50);
    expect(lifecycle.shutdown(50)).toBe(first);
    expect(await first).toBe('timeout');
  });
});
