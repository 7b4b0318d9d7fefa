// Chaos suite posting: hearing results posted in lanes, each case's hearings in order, every post
// retried with the same body until the gateway acknowledges it (5xx and refused connections while
// PostgreSQL restarts); what the gateway accepted is recorded in `state`.
import { say, sleep } from './support.mjs';

/**
 * First one case group of every template, serially (learns how many notifications each makes and
 * drops templates that need review), then `concurrency` lanes until `notifications` are planned
 * (counting what `state` holds already).
 */
export async function startPosting({ gw, authHeaders, state, templates, hearingBody, notifications, concurrency, steps, groupBase = 0 }) {
  const headers = { 'content-type': 'application/json', ...authHeaders };
  async function post(body) {
    const text = JSON.stringify(body);
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      let status;
      try {
        const res = await fetch(`${gw}/v1/hearing-results`, { method: 'POST', headers, body: text, signal: AbortSignal.timeout(30_000) });
        status = res.status;
        const json = await res.json().catch(() => undefined);
        if (status === 202 || status === 200 || status === 201) {
          state.posts++;
          return json;
        }
        if (status < 500 && status !== 429) throw Object.assign(new Error(`gateway answered ${status}: ${JSON.stringify(json).slice(0, 300)}`), { fatal: true });
      } catch (e) {
        if (e.fatal) throw e;
      }
      // Not acknowledged (5xx while PostgreSQL restarts, connection refused): send the SAME body again.
      state.postRetries++;
      if (Date.now() - started > 600_000) throw new Error(`gave up posting after 10 min (last status ${status})`);
      await sleep(Math.min(100 * 2 ** attempt, 3000));
    }
  }
  const tpl = templates();
  const perGroup = new Map(); // template name → notifications one hearing creates
  // First one group of every template, serially: learns the counts, drops any template that needs review.
  let nextGroup = groupBase + 1; // a later burst of the same run starts on new cases
  const usable = [];
  for (const t of tpl) {
    const g = nextGroup++;
    const r = await post(hearingBody(t, g, 0));
    const pending = r.notifications.filter((n) => n.status === 'pending');
    for (const n of pending) state.accepted.set(n.id, n.partner);
    state.reviewNotifications += r.notifications.length - pending.length;
    if (pending.length && pending.length === r.notifications.length) {
      usable.push(t);
      perGroup.set(t.name, pending.length);
      for (let s = 1; s < steps; s++) for (const n of (await post(hearingBody(t, g, s))).notifications) state.accepted.set(n.id, n.partner);
    }
  }
  if (!usable.length) throw new Error('no template produced deliverable notifications');
  say(`templates: ${usable.map((t) => `${t.name}×${perGroup.get(t.name)}`).join(', ')} (${tpl.length - usable.length} skipped: need review or route nowhere)`);
  const realCount = usable.filter((t) => t.real).length;

  let planned = state.accepted.size;
  let postingDone = false;
  const postingStarted = Date.now();
  let postingEnded;
  let templateIdx = 0;
  const BATCH = Math.max(1, Math.min(25, Math.ceil(notifications / (concurrency * 10 * steps * 3))));
  async function lane() {
    for (;;) {
      const groups = [];
      while (groups.length < BATCH && planned < notifications) {
        const t = usable[templateIdx++ % usable.length];
        groups.push({ t, g: nextGroup++ });
        planned += perGroup.get(t.name) * steps;
      }
      if (!groups.length) return;
      // Step by step across the batch: later hearings of a case are accepted after earlier ones.
      for (let s = 0; s < steps; s++) {
        for (const { t, g } of groups) {
          const r = await post(hearingBody(t, g, s));
          for (const n of r.notifications) {
            if (n.status !== 'pending') state.reviewNotifications++;
            state.accepted.set(n.id, n.partner);
          }
        }
      }
    }
  }
  const posting = Promise.all(Array.from({ length: concurrency }, lane)).then(() => {
    postingDone = true;
    postingEnded = Date.now();
    say(`posting done: ${state.accepted.size} notifications accepted from ${state.posts} posts (${state.postRetries} retried posts)`);
  });
  posting.catch(() => undefined);
  return { usable, perGroup, realCount, postingStarted, posting, postingDone: () => postingDone, postingEnded: () => postingEnded };
}
