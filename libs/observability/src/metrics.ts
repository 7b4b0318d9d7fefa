import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process. One registry per process (tests may create several). */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const mk = {
    attempts: new Counter({ name: 'cpb_delivery_attempts_total', help: 'Delivery attempts by partner and class (success, transport, contract, business)', labelNames: ['partner', 'class'], registers: [registry] }),
    parked: new Counter({ name: 'cpb_notifications_parked_total', help: 'Notifications parked, by partner and code', labelNames: ['partner', 'code'], registers: [registry] }),
    escalations: new Counter({ name: 'cpb_escalations_total', help: 'Deadline and hold escalations recorded, one per notification and level, by partner and level', labelNames: ['partner', 'level'], registers: [registry] }),
    escalationAlerts: new Counter({ name: 'cpb_escalation_alerts_total', help: 'Grouped escalation alerts raised (one per partner, level and cause per interval)', labelNames: ['partner', 'level', 'cause'], registers: [registry] }),
    escalatedOwed: new Gauge({ name: 'cpb_escalated_owed_notifications', help: 'Owed notifications by partner, highest deadline level reached, cause and parking code', labelNames: ['partner', 'level', 'cause', 'code'], registers: [registry] }),
    escalatedOldestOverdue: new Gauge({ name: 'cpb_escalated_oldest_overdue_seconds', help: 'Seconds past its deadline of the most overdue notification per escalation group (negative: time left)', labelNames: ['partner', 'level', 'cause', 'code'], registers: [registry] }),
    breakerState: new Gauge({ name: 'cpb_breaker_state', help: 'Circuit breaker state per partner: 0 closed, 1 half-open, 2 open', labelNames: ['partner'], registers: [registry] }),
    queueDepth: new Gauge({ name: 'cpb_queue_depth', help: 'Jobs in a partner queue by state', labelNames: ['partner', 'state'], registers: [registry] }),
    owed: new Gauge({ name: 'cpb_owed_notifications', help: 'Notifications owed to a partner (not acknowledged, not needs-review)', labelNames: ['partner'], registers: [registry] }),
    oldestOwedAge: new Gauge({ name: 'cpb_oldest_owed_age_seconds', help: 'Age of the oldest owed notification per partner', labelNames: ['partner'], registers: [registry] }),
    accepted: new Counter({ name: 'cpb_events_accepted_total', help: 'Hearing results accepted (created or duplicate)', labelNames: ['created'], registers: [registry] }),
    acceptSeconds: new Histogram({ name: 'cpb_accept_seconds', help: 'Time to accept an event (read, route, commit)', buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1], registers: [registry] }),
    deliverySeconds: new Histogram({ name: 'cpb_delivery_seconds', help: 'Time from acceptance to acknowledgement', labelNames: ['partner'], buckets: [0.1, 0.5, 1, 5, 30, 60, 300, 3600], registers: [registry] }),
  };
  return { registry, ...mk };
}

export type Metrics = ReturnType<typeof createMetrics>;
