import express, { Router } from 'express';
import { followUpAction, recordMeeting } from '../../app/meetings';
import { meetingFromForm } from '../../metrics/meeting.schema';
import { htmlDocument } from '../../metrics/render-scorecard';
import type { Db } from '../../store/db';
import { pageGuard, type SignedInPage } from '../page-session';
import { sendProblem } from '../scorecard/scorecard-router';

export interface MeetingsPageDeps {
  readonly db: Db;
  readonly adminToken: string;
  /** Protocol time: the demo accelerates it. */
  readonly now: () => number;
  readonly realNow?: () => number;
}

// Only forms post here, from the signed-in scorecard; a browser without the session is sent to sign in there.
const SIGN_IN: SignedInPage = {
  landing: '/scorecard',
  loginPage: (base) =>
    htmlDocument('Sign in', `<main><p><a href="${base}/scorecard">Sign in on the scorecard</a> first.</p></main>`),
};

/**
 * The scorecard page's meeting forms, for the signed-in operator (never a shared link):
 * POST /meetings records a joint meeting, POST /meetings/actions/:id marks an action done or dropped.
 * Both go back to the scorecard's meetings card.
 */
export function meetingsPageRouter(deps: MeetingsPageDeps): Router {
  const router = Router();
  const guard = pageGuard(deps.adminToken, deps.realNow ?? Date.now, SIGN_IN, true);
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  router.post('/meetings', guard, form, async (req, res) => {
    const saved = await recordMeeting(deps.db, meetingFromForm(req.body), deps.now());
    if (!saved.ok) return sendProblem(res, req.baseUrl, 'The meeting was not recorded', saved.error);
    res.redirect(303, `${req.baseUrl}/scorecard#meetings`);
  });
  router.post('/meetings/actions/:id', guard, form, async (req, res) => {
    const updated = await followUpAction(deps.db, Number(req.params.id), req.body, deps.now());
    if (!updated.ok) return sendProblem(res, req.baseUrl, 'The action was not updated', updated.error.message);
    res.redirect(303, `${req.baseUrl}/scorecard#meetings`);
  });
  return router;
}
