import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createMetrics } from '../../../src/observability/metrics';
import { watchApiUsage, watchSyncFigures } from '../../../src/observability/sync-gauges';

const DEPLOY = join(__dirname, '..', '..', '..', 'deploy');
const RULES = join(DEPLOY, 'prometheus', 'leadpact-alerts.yml');
const PROMTOOL = '/usr/bin/promtool';

/** Every leadpact_ metric name leadpact registers, as Prometheus exposes it (histograms with their series). */
function exportedNames(): Set<string> {
  const metrics = createMetrics({ defaultMetrics: false });
  watchApiUsage(metrics.registry, []);
  watchSyncFigures(metrics.registry, () => Promise.resolve({ outbox: [], deadLetters: [], slaClocks: [] }));
  const names = new Set<string>();
  for (const metric of metrics.registry.getMetricsAsArray()) {
    names.add(metric.name);
    for (const suffix of ['_bucket', '_count', '_sum']) names.add(`${metric.name}${suffix}`);
  }
  return names;
}

const referenced = (text: string) => [...new Set(text.match(/leadpact_[a-z_]+/g) ?? [])];

describe('the monitoring files in deploy/', () => {
  const rules = readFileSync(RULES, 'utf8');

  it('has the alert rules the issue asks for, each with words for the person paged', () => {
    const parsed = parse(rules) as {
      groups: { rules: { alert: string; expr: string; annotations: Record<string, string> }[] }[];
    };
    const alerts = parsed.groups.flatMap((group) => group.rules);
    expect(alerts.map((rule) => rule.alert)).toEqual([
      'LeadpactApiAllocationHigh',
      'LeadpactSyncLagHigh',
      'LeadpactOutboxGrowing',
      'LeadpactDeadLetters',
      'LeadpactWebhookSilence',
      'LeadpactWebhookSilenceAll',
    ]);
    for (const rule of alerts) expect(rule.annotations.description?.length ?? 0).toBeGreaterThan(60);
    expect(alerts[0]?.expr).toContain('> 0.8');
    expect(alerts[1]?.expr).toMatch(/histogram_quantile\(0\.99,[\s\S]*> 60/);
  });

  it('names only metrics leadpact exports, in the rules and the dashboard', () => {
    const names = exportedNames();
    const dashboard = readFileSync(join(DEPLOY, 'grafana', 'dashboards', 'leadpact-sync-health.json'), 'utf8');
    const panels = (JSON.parse(dashboard) as { panels: { targets: { expr: string }[] }[] }).panels;
    expect(panels.length).toBeGreaterThanOrEqual(10);
    const used = [...referenced(rules), ...referenced(dashboard)];
    expect(used.filter((name) => !names.has(name))).toEqual([]);
  });

  // Debian's prometheus package ships promtool; .ci/run installs it.
  it('loads in Prometheus (promtool check rules)', () => {
    if (!existsSync(PROMTOOL))
      throw new Error(`${PROMTOOL} is missing: apt-get install prometheus (Debian's package ships it)`);
    const out = execFileSync(PROMTOOL, ['check', 'rules', RULES], { encoding: 'utf8' });
    expect(out).toContain('SUCCESS: 6 rules found');
  });
});
