import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { loadedRules, ruleView } from '../data/requests';
import { EPHEMERAL } from '../data/hooks';
import { useSession } from '../state/session';
import { useRuleView } from '../state/ruleView';
import { RuleDetailView } from './report/RuleDetailView';
import { Clipped, clipLabel } from './report/Clipped';

/** Rules listed at most at once: a search narrows the rest. */
const LIST_LIMIT = 300;

/** The rules loaded, in a searchable list; the chosen one as loaded, with the incidents it matched. */
export function RuleViewDialog() {
  const { open, name, select, close } = useRuleView();
  const version = useSession((s) => s.status?.version ?? 0);
  const selectIncident = useSession((s) => s.select);
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  const rules = useQuery({ queryKey: ['rules', version], queryFn: loadedRules, enabled: open, ...EPHEMERAL });
  const view = useQuery({ queryKey: ['rule', name, version], queryFn: () => ruleView(name!), enabled: open && name !== null, ...EPHEMERAL });
  const matches = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const all = rules.data ?? [];
    const hit = needle ? all.filter((r) => [r.name, r.file, r.output, r.condition, r.source].some((t) => t.toLowerCase().includes(needle))) : all;
    return { shown: hit.slice(0, LIST_LIMIT), total: hit.length };
  }, [rules.data, query]);
  return (
    <dialog ref={dialog} className="rule-view" aria-labelledby="rule-view-title" onClose={close}>
      <h2 id="rule-view-title">Rules loaded</h2>
      <div className="rule-view-body">
        <div className="rule-view-list">
          <label>
            Search rules <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name, file, condition, output" />
          </label>
          <p className="rule-view-count">
            {rules.data?.length ? `${matches.total} of ${rules.data.length} rules` : 'No rules file loaded: drop falco_rules.yaml, rules.d/ files or your own rules with the alerts.'}
          </p>
          <ul aria-label="Loaded rules">
            {matches.shown.map((r) => (
              <li key={r.name}>
                <button type="button" aria-pressed={r.name === name} onClick={() => select(r.name)}>
                  <Clipped text={r.name} limit={200} />
                  <span className="rule-view-file">
                    {' '}
                    · <Clipped text={r.line ? `${r.file}:${r.line}` : r.file} limit={200} />
                    {r.enabled ? '' : ' · disabled'}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
        <section className="rule-view-detail" aria-label={name ? `Rule ${clipLabel(name)}` : 'Rule'}>
          {name === null ? <p>Choose a rule.</p> : null}
          {name !== null && view.data ? (
            <>
              <h3 className="rule-view-name">
                <Clipped text={name} limit={500} />
              </h3>
              <p aria-label="Matched in this session">
                Matched in this session: {view.data.alerts} alert{view.data.alerts === 1 ? '' : 's'} in {view.data.incidents.length} incident{view.data.incidents.length === 1 ? '' : 's'}
              </p>
              {view.data.incidents.length ? (
                <ul aria-label="Incidents of this rule">
                  {view.data.incidents.slice(0, LIST_LIMIT).map((i) => (
                    <li key={i.id}>
                      <button
                        type="button"
                        onClick={() => {
                          selectIncident(i.id);
                          close();
                        }}
                      >
                        <Clipped text={i.label} limit={200} /> ({i.count} alert{i.count === 1 ? '' : 's'})
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
              {view.data.detail ? <RuleDetailView detail={view.data.detail} /> : <p>No rules file you loaded defines this rule.</p>}
            </>
          ) : null}
        </section>
      </div>
      <form method="dialog" className="dialog-actions">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}

/** The header's way into the rule view. */
export function RulesButton() {
  const show = useRuleView((s) => s.show);
  return (
    <button type="button" onClick={() => show(null)}>
      Rules
    </button>
  );
}
