import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import type { ApplyDeps } from '../../app/apply-events/apply-events';
import { leadSchema } from '../../protocol';
import { applyManualAction, type ActionProblem } from '../../app/lead-actions';
import { InputError, LeadpactError } from '../../shared/errors';
import { repositories, type LeadRecord } from '../../store';
import {
  idempotencyKeySchema,
  leadActionSchema,
  leadListQuerySchema,
  leadParamsSchema,
  parseInput,
  timelineQuerySchema,
} from './admin.schema';
import { leadSummary, timelineEntry } from './lead-view';

/** GET /leads, GET /leads/:id, GET /leads/:id/timeline, POST /leads/:id/actions. */
export function leadRoutes(apply: ApplyDeps): Router {
  const router = Router();
  const leads = () => repositories(apply.db).leads;

  router.get('/leads', async (req, res) => {
    const query = parseInput(leadListQuerySchema, req.query, 'query');
    const found = await find(apply, query);
    const last = found.at(-1);
    const paged = query.email === undefined && query.hubspotId === undefined && query.salesforceId === undefined;
    res.json({
      leads: found.map(leadSummary),
      next: paged && last !== undefined && found.length === query.limit ? last.id : null,
    });
  });

  router.get('/leads/:id', async (req, res) => {
    const { id } = parseInput(leadParamsSchema, req.params, 'path');
    const record = await leads().findById(id);
    if (record === null) throw new LeadpactError('NOT_FOUND', `no lead ${id}`);
    const state = leadSchema.safeParse(record.state);
    res.json({ lead: leadSummary(record), state: state.success ? state.data : null });
  });

  router.get('/leads/:id/timeline', async (req, res) => {
    const { id } = parseInput(leadParamsSchema, req.params, 'path');
    const { limit } = parseInput(timelineQuerySchema, req.query, 'query');
    if ((await leads().findById(id)) === null) throw new LeadpactError('NOT_FOUND', `no lead ${id}`);
    const entries = await repositories(apply.db).audit.forLead(id, limit);
    res.json({ leadId: id, timeline: entries.map(timelineEntry) });
  });

  router.post('/leads/:id/actions', express.json({ limit: '16kb' }), async (req, res) => {
    const { id } = parseInput(leadParamsSchema, req.params, 'path');
    const action = parseInput(leadActionSchema, req.body, 'body');
    const key = parseInput(idempotencyKeySchema, req.get('idempotency-key'), 'header');
    const result = await applyManualAction(apply, id, action, `admin:${key ?? randomUUID()}`);
    if (!result.ok) throw actionError(id, result.error);
    const { before, after, changed, lead } = result.value;
    res.json({ applied: changed, stage: { before, after }, lead: leadSummary(lead) });
  });

  return router;
}

async function find(apply: ApplyDeps, query: ReturnType<typeof leadListQuerySchema.parse>): Promise<LeadRecord[]> {
  const leads = repositories(apply.db).leads;
  if (query.email !== undefined) return leads.findByEmail(query.email);
  const one =
    query.hubspotId !== undefined
      ? await leads.findByHubSpotId(query.hubspotId)
      : query.salesforceId !== undefined
        ? await leads.findBySalesforceId(query.salesforceId)
        : undefined;
  if (one !== undefined) return one === null ? [] : [one];
  return leads.page(query.after ?? null, query.limit);
}

function actionError(id: string, problem: ActionProblem): LeadpactError {
  switch (problem.kind) {
    case 'not_found':
      return new LeadpactError('NOT_FOUND', `no lead ${id}`);
    case 'unknown_code':
      return new InputError(
        'PAYLOAD_INVALID',
        `body: code: not an agreed rejection code; the protocol lists ${problem.codes.join(', ')}`,
      );
    case 'refused':
      return new LeadpactError('TRANSITION_REFUSED', problem.reason);
  }
}
