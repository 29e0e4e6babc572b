import express, { Router } from 'express';
import { followUpAction, meetings, recordMeeting } from '../../app/meetings';
import { InputError, LeadpactError } from '../../shared/errors';
import type { Db } from '../../store';

/** GET /meetings, POST /meetings (a joint meeting), POST /meetings/actions/:id ({ status: done|dropped|open }). */
export function meetingRoutes(deps: { readonly db: Db; readonly now: () => number }): Router {
  const router = Router();
  const json = express.json({ limit: '64kb' });
  router.get('/meetings', async (_req, res) => {
    res.json({ meetings: await meetings(deps.db) });
  });
  router.post('/meetings', json, async (req, res) => {
    const saved = await recordMeeting(deps.db, req.body, deps.now());
    if (!saved.ok) throw new InputError('PAYLOAD_INVALID', saved.error);
    res.status(201).json(saved.value);
  });
  router.post('/meetings/actions/:id', json, async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id < 1) throw new LeadpactError('NOT_FOUND', 'an action id is a whole number');
    const updated = await followUpAction(deps.db, id, req.body, deps.now());
    if (!updated.ok)
      throw updated.error.notFound
        ? new LeadpactError('NOT_FOUND', updated.error.message)
        : new InputError('PAYLOAD_INVALID', updated.error.message);
    res.json(updated.value);
  });
  return router;
}
