import express, { Router } from 'express';
import type { Queues } from '../../queue/queues';
import { deadLetterJson, listDeadLetters, openDeadLetterIds, replayDeadLetters } from '../../app/dead-letters';
import { LeadpactError } from '../../shared/errors';
import { repositories, type Db } from '../../store';
import { deadLetterListQuerySchema, deadLetterParamsSchema, parseInput, replayBodySchema } from './admin.schema';

/** GET /dead-letters, GET /dead-letters/:id, POST /dead-letters/replay ({ ids } or { all: true }). */
export function deadLetterRoutes(db: Db, queues: Queues): Router {
  const router = Router();
  router.get('/dead-letters', async (req, res) => {
    const query = parseInput(deadLetterListQuerySchema, req.query, 'query');
    res.json({ deadLetters: (await listDeadLetters(db, query)).map(deadLetterJson) });
  });
  router.get('/dead-letters/:id', async (req, res) => {
    const { id } = parseInput(deadLetterParamsSchema, req.params, 'path');
    const letter = await repositories(db).deadLetters.get(id);
    if (letter === null) throw new LeadpactError('NOT_FOUND', `no dead letter ${id}`);
    res.json({ deadLetter: { ...deadLetterJson(letter), payload: letter.payload } });
  });
  router.post('/dead-letters/replay', express.json({ limit: '256kb' }), async (req, res) => {
    const body = parseInput(replayBodySchema, req.body, 'body');
    const ids = 'all' in body ? await openDeadLetterIds(db) : body.ids;
    const outcomes = await replayDeadLetters({ db, queues }, ids);
    res.json({ replayed: outcomes.filter((o) => o.result === 'replayed').length, outcomes });
  });
  return router;
}
