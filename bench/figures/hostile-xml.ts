import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/http/app';
import { webhookRouter } from '../../src/http/webhooks';
import { createMetrics } from '../../src/observability/metrics';
import { silentLogger } from '../../src/shared/logger';
import { percentile } from '../support/bench-stack';
import { runLoad } from '../support/load';

const ORG_ID = '00D000000000001AAA';
const ELEMENTS = 200_000;
const ATTACKERS = 2;
const ATTACK_REQUESTS = 60;
const PROBES = 200;

export interface HostileXmlFigures {
  /** /healthz p99 while attackers post hostile outbound messages, minus its p99 on a quiet server. */
  readonly delayP99Ms: number;
  readonly quietP99Ms: number;
  readonly underAttackP99Ms: number;
  readonly bodyMb: number;
  readonly refused: number;
  readonly attacks: number;
}

/** An outbound message of 200,000 distinct empty elements (1.8 MB), naming the org given. */
function hostileBody(orgId: string): string {
  const junk = Array.from({ length: ELEMENTS }, (_, i) => `<f${i}/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound"><OrganizationId>${orgId}</OrganizationId>` +
    `<Notification><Id>04l000000000001AAA</Id><sObject>${junk}</sObject></Notification>` +
    '</notifications></soapenv:Body></soapenv:Envelope>'
  );
}

async function probe(url: string, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
  }
  return latencies;
}

/**
 * What hostile XML on the public outbound-message URL costs everyone else: /healthz latency with
 * attackers posting 1.8 MB bodies (one naming another org, one naming ours), against the same
 * server quiet. The goal: less than 100 ms of delay.
 */
export async function hostileXmlFigures(): Promise<HostileXmlFigures> {
  const metrics = createMetrics({ defaultMetrics: false });
  const app = createApp({
    logger: silentLogger(),
    registry: metrics.registry,
    readiness: {},
    routers: [
      webhookRouter({
        enqueue: async () => undefined,
        publicUrl: 'http://127.0.0.1',
        hubspotClientSecret: 'bench-secret',
        hubspotAppId: undefined,
        hubspotPortalId: () => Promise.resolve('62515'),
        salesforceOrgId: ORG_ID,
        // The hostile bodies are refused before any session is kept.
        sessions: {
          keep: () => Promise.reject(new Error('no session expected')),
          take: () => Promise.resolve(undefined),
        },
        metrics,
        now: Date.now,
      }),
    ],
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await probe(`${base}/healthz`, 20);
    const quiet = await probe(`${base}/healthz`, PROBES);
    const bodies = [hostileBody('00D999999999999AAA'), hostileBody(ORG_ID)];
    // Two attackers at once, as in the issue, from one load thread: the machine's other core.
    const attacks = [
      runLoad({
        url: `${base}/webhooks/salesforce`,
        requests: Array.from({ length: ATTACK_REQUESTS }, (_, i) => ({
          body: bodies[i % bodies.length] ?? '',
          headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
        })),
        concurrency: ATTACKERS,
      }),
    ];
    let settled = false;
    const all = Promise.all(attacks).finally(() => (settled = true));
    // Probe for as long as the attack lasts, so every latency measured is one an attacker could cause.
    const underAttack: number[] = [];
    while (!settled) underAttack.push(...(await probe(`${base}/healthz`, 10)));
    const results = await all;
    const quietP99 = percentile(quiet, 99);
    const attackP99 = percentile(underAttack, 99);
    return {
      delayP99Ms: Math.max(0, attackP99 - quietP99),
      quietP99Ms: quietP99,
      underAttackP99Ms: attackP99,
      bodyMb: Buffer.byteLength(bodies[0] ?? '') / 1_000_000,
      refused: results.reduce((sum, r) => sum + r.failed, 0),
      attacks: results.reduce((sum, r) => sum + r.ok + r.failed, 0),
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
