import { Simulator } from './simulator';
import type { SalesforceSimulator, SalesforceSimulatorOptions } from './types';

export type {
  CallCounts,
  ChangeEventOptions,
  CommittedChange,
  ConvertLeadOptions,
  ConvertLeadResult,
  OutboundConfig,
  OutboundStats,
  PubSubEndpoint,
  SalesforceSimulator,
  SalesforceSimulatorOptions,
  SeedOptions,
  SimFaults,
  SimulatorCredentials,
} from './types';
export { SimulatorError } from './behaviours';
export { idChecksum, normalizeId, KEY_PREFIXES } from './schema/ids';

/**
 * Starts the Salesforce simulator on 127.0.0.1 (a free port unless `port` is given): OAuth, the
 * REST API under /services/data, the Tooling API, outbound messages, and the /__sim control surface.
 */
export async function startSalesforceSimulator(options: SalesforceSimulatorOptions = {}): Promise<SalesforceSimulator> {
  const simulator = new Simulator(options);
  await simulator.listen();
  return simulator;
}
