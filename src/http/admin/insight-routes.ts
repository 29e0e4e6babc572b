import express, { Router } from 'express';
import { summariseDiagnostic, type MetricThresholds } from '../../metrics';
import { reportCommandData } from '../../app/scorecard-data';
import { loadResponses, loadStatements, recordResponse } from '../../store/metrics/diagnostic-repository';
import { describeIssues, responseSchema } from '../../metrics/diagnostic.schema';
import { InputError, LeadpactError } from '../../shared/errors';
import { repositories, type Db } from '../../store';
import type { ProtocolVersionRecord } from '../../store/protocol-version-repository';
import { diagnosticQuerySchema, metricsQuerySchema, parseInput, protocolParamsSchema } from './admin.schema';

export interface InsightDeps {
  readonly db: Db;
  /** Protocol time: the demo accelerates it. */
  readonly now: () => number;
  readonly thresholds: MetricThresholds;
  readonly timeZone: string;
}

const DAY_MS = 86_400_000;

function versionView(record: ProtocolVersionRecord, active: boolean): Record<string, unknown> {
  return {
    version: record.version,
    active,
    checksum: record.checksum,
    marketingOwner: record.marketingOwner,
    salesOwner: record.salesOwner,
    activatedAt: new Date(record.activatedAt).toISOString(),
  };
}

/** GET /protocols, GET /protocols/:version (with its text), GET /diagnostic, POST /diagnostic/responses, GET /metrics. */
export function insightRoutes(deps: InsightDeps): Router {
  const router = Router();
  const protocols = () => repositories(deps.db).protocols;

  router.get('/protocols', async (_req, res) => {
    const versions = await protocols().list();
    res.json({ versions: versions.map((record, index) => versionView(record, index === 0)) });
  });
  router.get('/protocols/:version', async (req, res) => {
    const { version } = parseInput(protocolParamsSchema, req.params, 'path');
    const [record, newest] = [await protocols().get(version), (await protocols().list())[0]];
    if (record === null)
      throw new LeadpactError('NOT_FOUND', `no protocol version ${JSON.stringify(version)} ever went live`);
    res.json({ ...versionView(record, newest?.version === record.version), content: record.content });
  });

  router.get('/diagnostic', async (req, res) => {
    const { days } = parseInput(diagnosticQuerySchema, req.query, 'query');
    const now = deps.now();
    const bank = await loadStatements(deps.db);
    const responses = await loadResponses(deps.db, now - days * DAY_MS, now);
    res.json({
      statements: bank.statements,
      bankEdited: bank.edited,
      summary: summariseDiagnostic(responses, bank.statements),
      responses: responses.map((r) => ({ ...r, submittedAt: new Date(r.submittedAt).toISOString() })),
    });
  });
  router.post('/diagnostic/responses', express.json({ limit: '64kb' }), async (req, res) => {
    const parsed = responseSchema.safeParse(req.body);
    if (!parsed.success) throw new InputError('PAYLOAD_INVALID', `body: ${describeIssues(parsed.error)}`);
    const saved = await recordResponse(deps.db, parsed.data, deps.now());
    if (!saved.ok) {
      const what =
        saved.error.kind === 'unanswered' ? 'every statement needs an answer; missing' : 'not in the statement bank';
      throw new InputError('PAYLOAD_INVALID', `body: answers: ${what}: ${saved.error.ids.join(', ')}`);
    }
    res.status(201).json({ id: saved.value.id });
  });

  router.get('/metrics', async (req, res) => {
    const query = parseInput(metricsQuerySchema, req.query, 'query');
    const data = await reportCommandData(
      deps.db,
      { period: query.period, thresholds: deps.thresholds, timeZone: query.timeZone ?? deps.timeZone },
      deps.now(),
    );
    if (!data.ok) throw new InputError('PAYLOAD_INVALID', `query: ${data.error}`);
    res.json(data.value);
  });
  return router;
}
