import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import { readReviewDecision, readReviewFilter } from '../reviews/review-decision.request.js';
import { type ConsoleKit, type Form, one } from './console-kit.js';

const PAGE_SIZE = 50;

/**
 * Notifications awaiting a person (ADR 0011): the list, and the decision — send or dismiss with a
 * reason — posted from the notification's page by an operator, then redirected back to it
 * (POST-redirect-GET). The decision is recorded as `console:<user>`.
 */
export function registerReviewPages({ fastify, deps, page, render, mayAct, log }: ConsoleKit): void {
  fastify.get('/console/reviews', page(async (req, reply) => {
    const f = req.query as Form;
    const { filter, problems } = readReviewFilter({ partner: one(f.partner), reason: one(f.reason), minAge: one(f.minAge), offset: one(f.offset), limit: String(PAGE_SIZE) });
    if (problems.length) return render(req, reply, 'error.njk', { title: 'Cannot show this list', message: problems.map((p) => p.message).join('; ') }, 400);
    const result = await deps.reviews.list(filter);
    const qs = (offset: number) => new URLSearchParams(Object.entries({ partner: filter.partner, reason: filter.reason, minAge: one(f.minAge), offset: offset ? String(offset) : undefined }).filter((e): e is [string, string] => !!e[1])).toString();
    const offset = filter.offset ?? 0;
    return render(req, reply, 'reviews.njk', {
      f: { partner: filter.partner, reason: filter.reason, minAge: one(f.minAge) },
      result,
      partners: [...deps.pins.partners.keys()],
      previous: offset > 0 ? qs(Math.max(0, offset - PAGE_SIZE)) : null,
      next: offset + result.items.length < result.total ? qs(offset + PAGE_SIZE) : null,
      now: Date.now(),
    });
  }));

  fastify.post('/console/notifications/:id/review', page(async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!mayAct(req, reply, 'decide notifications awaiting review')) return reply;
    const form = req.body as Form;
    const read = readReviewDecision({ decision: one(form.decision), reason: one(form.reason) });
    const back = `/console/notifications/${encodeURIComponent(id)}`;
    if (!read.ok) {
      return render(req, reply, 'error.njk', { title: 'Say why', message: `${read.problems.map((p) => p.message).join('; ')}. Go back to the notification and try again.`, back }, 400);
    }
    try {
      const result = await deps.reviews.decide(id, read.decision, { actor: `console:${req.consoleUser!.name}`, reason: read.reason });
      log.info({ actor: req.consoleUser!.name, notificationId: id, decision: read.decision, released: result.released.length, code: 'CONSOLE.REVIEW' }, 'review decided from the console');
      return reply.redirect(`${back}?decided=${read.decision}`, 303);
    } catch (e) {
      const code = (e as CodedError).code;
      if (e instanceof CodedError && code === 'REVIEW.NOT_PENDING') return render(req, reply, 'error.njk', { title: 'Already decided', message: `${e.message}. Someone may have decided it while you were looking.`, back }, 409);
      if (e instanceof CodedError && code.endsWith('.NOT_FOUND')) return render(req, reply, 'error.njk', { title: 'Notification not found', message: e.message }, 404);
      throw e;
    }
  }));
}
