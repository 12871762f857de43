import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EngineHost } from './engineHost';
import { EMPTY_FILTER, type ViewFilter } from '../model';
import { filterIncidents } from '../analyze/view';
import { buildOverview } from '../analyze/context/overview';
import { relatedIncidents, relatedKeys } from '../analyze/context/related';

/**
 * The context views answer from indexes the session keeps as alerts arrive (overview sums,
 * prevalence's incidents per value): on random sessions, the same answers as the plain scans.
 */
const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

const RULES = ['Terminal shell in container', 'Read sensitive file untrusted', 'Write below etc'];
const PRIORITIES = ['Critical', 'Warning', 'Notice'];

/** A random alert line: syscall alerts in a few containers and hosts, or Kubernetes audit alerts keyed on their user. */
const alertLine = fc
  .record({
    audit: fc.boolean(),
    rule: fc.constantFrom(...RULES),
    priority: fc.constantFrom(...PRIORITIES),
    minute: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
    container: fc.constantFrom('c1', 'c2', 'c3', 'host'),
    host: fc.constantFrom('node-a', 'node-b', 'node-c'),
    user: fc.option(fc.constantFrom('root', 'www', 'alice'), { nil: undefined }),
    image: fc.option(fc.constantFrom('nginx', 'redis'), { nil: undefined }),
    namespace: fc.option(fc.constantFrom('prod', 'dev'), { nil: undefined }),
    ip: fc.option(fc.constantFrom('10.0.0.1', '10.0.0.2'), { nil: undefined }),
  })
  .map((a) => {
    // Containers' alerts cluster in time, so a time filter leaves whole incidents out (before and after the span shown).
    const minute = a.minute === undefined ? undefined : a.audit || a.container === 'host' ? 150 + (a.minute % 100) : { c1: 0, c2: 200, c3: 400 }[a.container]! + (a.minute % 30);
    const time = minute === undefined ? undefined : new Date(Date.UTC(2024, 9, 5, 12, minute)).toISOString();
    const fields: Record<string, unknown> = a.audit
      ? { 'ka.user.name': a.user ?? 'system:anonymous', 'ka.verb': 'get' }
      : { 'container.id': a.container, 'proc.name': 'bash', 'user.name': a.user, 'container.image.repository': a.image, 'k8s.ns.name': a.namespace, 'fd.cip': a.ip };
    const tags = a.audit ? ['k8s', 'T1552'] : a.rule === RULES[0] ? ['container', 'mitre_execution', 'T1059'] : ['filesystem'];
    return JSON.stringify({ rule: a.audit ? `Audit ${a.rule}` : a.rule, priority: a.priority, time, output: a.rule, source: a.audit ? 'k8s_audit' : 'syscall', hostname: a.host, tags, output_fields: fields });
  });

/** Files read one after another; a line may repeat (a duplicate, counted once). */
const files = fc.array(fc.array(alertLine, { minLength: 1, maxLength: 25 }), { minLength: 1, maxLength: 3 }).chain((fs) =>
  fc.tuple(fc.constant(fs), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 })).map(([fs, repeats]) => {
    const all = fs.flat();
    return fs.map((f, i) => [...f, ...repeats.filter(([at]) => at % fs.length === i).map(([, which]) => all[which % all.length]!)]);
  }),
);

const filters: fc.Arbitrary<ViewFilter> = fc
  .record({
    include: fc.option(fc.constantFrom(...RULES), { nil: undefined }),
    exclude: fc.option(fc.constantFrom('Write below etc', 'node-b'), { nil: undefined }),
    from: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
    to: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
    sort: fc.constantFrom('risk' as const, 'count' as const, 'time' as const),
  })
  .map(({ include, exclude, from, to, sort }) => ({
    ...EMPTY_FILTER,
    include: include ? { rule: [include] } : {},
    exclude: exclude === 'node-b' ? { hostname: [exclude] } : exclude ? { rule: [exclude] } : {},
    from: from === null ? null : Date.UTC(2024, 9, 5, 12, from),
    to: to === null ? null : Date.UTC(2024, 9, 5, 12, to),
    sort,
  }));

async function loaded(texts: string[][]): Promise<EngineHost> {
  const host = new EngineHost();
  // Files go through the parser's batches (parseBatch, its value tally) as a dropped file does.
  for (const [i, lines] of texts.entries()) await host.handle({ type: 'ingestFile', file: new File([lines.join('\n')], `f${i}.ndjson`) }, ctx());
  return host;
}

describe('context indexes', () => {
  it('overview: the session sums (whole, or less the incidents left out) give the plain answer', async () => {
    await fc.assert(
      fc.asyncProperty(files, fc.array(filters, { minLength: 1, maxLength: 3 }), async (texts, asked) => {
        const host = await loaded(texts);
        const session = host.analysis();
        const source = { timelineOf: (id: string) => session.timelineOf(id), timelineEpoch: () => session.timelineEpoch(), userOf: (i: { id: string }) => session.userAt(session.incidentIndex(i.id)) };
        for (const filter of [EMPTY_FILTER, ...asked]) {
          const plain = buildOverview(filterIncidents(session, filter), session.stats().incidents, source);
          expect(await host.handle({ type: 'overview', filter }, ctx())).toEqual(plain);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('related incidents: the index gives what the plain scan of every incident gives', async () => {
    await fc.assert(
      fc.asyncProperty(files, fc.nat(), async (texts, pick) => {
        const host = await loaded(texts);
        const session = host.analysis();
        const all = session.summaries();
        const self = all[pick % all.length]!;
        const keys = relatedKeys(session.alertAt(self.sampleAlertId));
        // The plain scan: every alert of every incident read for the values.
        const shared = keys.map(({ field, value }) => ({
          field,
          value,
          incidents: all.filter((i) => [...session.alertsOfIncident(i.id)].some((a) => relatedKeys(a).some((k) => k.field === field && k.value === value))),
        }));
        expect(await host.handle({ type: 'related', incidentId: self.id }, ctx())).toEqual(relatedIncidents(self, shared));
      }),
      { numRuns: 40 },
    );
  });

  it('prevalence: counts equal those of the alerts kept, each once', async () => {
    await fc.assert(
      fc.asyncProperty(files, async (texts) => {
        const host = await loaded(texts);
        const session = host.analysis();
        const alerts = [...session.allAlerts()];
        for (const field of ['user.name', 'container.id', 'fd.cip', 'hostname']) {
          for (const value of new Set(alerts.map((a) => (field === 'hostname' ? a.hostname : (a.outputFields[field] as string | undefined))))) {
            if (value === undefined) continue;
            const having = alerts.filter((a) => (field === 'hostname' ? a.hostname : a.outputFields[field]) === value);
            const incidents = new Set(having.map((a) => session.incidentIndex(session.summaries().find((s) => [...session.alertsOfIncident(s.id)].some((b) => b.id === a.id))!.id)));
            expect(session.prevalence.lookup(field, value)).toMatchObject({ alerts: having.length, incidents: incidents.size });
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
