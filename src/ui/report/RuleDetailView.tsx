import type { RuleDetail } from '../../model';
import { Clipped } from './Clipped';

/** Values of an exception row, as written (strings or lists of strings). */
const rowText = (row: unknown): string => (Array.isArray(row) ? `[${row.map(rowText).join(', ')}]` : String(row));

/**
 * A rule as the user's rules files load it: where it comes from, what they changed, its
 * description, condition (as written and with macros expanded), the lists and macros it consults,
 * its exceptions and output template. Shared by the report and the rule view.
 */
export function RuleDetailView({ detail }: { detail: RuleDetail }) {
  const rule = detail.rule;
  const origin = rule.stockOnly ? `Falco's stock rules (${rule.origin.file}, not loaded here)` : `${rule.origin.file}, line ${rule.origin.line}`;
  return (
    <div className="rule-detail">
      <dl className="rule-facts">
        <dt>Defined in</dt>
        <dd>
          <Clipped text={origin} />
          {detail.stock ? ' · a stock Falco rule' : ' · a rule of your own'}
        </dd>
        <dt>Priority</dt>
        <dd>{rule.priority || '—'}</dd>
        <dt>Source</dt>
        <dd>{rule.source}</dd>
        <dt>Enabled</dt>
        <dd>{rule.enabled ? 'yes' : 'no: Falco does not run it with these files'}</dd>
        {rule.tags.length ? (
          <>
            <dt>Tags</dt>
            <dd>
              <Clipped text={rule.tags.join(', ')} />
            </dd>
          </>
        ) : null}
      </dl>
      {rule.changes.length ? (
        <>
          <h3>What your files changed</h3>
          <ul className="rule-changes">
            {rule.changes.map((c, i) => (
              <li key={i}>
                <code>
                  <Clipped text={`${c.origin.file}:${c.origin.line}`} />
                </code>{' '}
                <Clipped text={c.text} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {rule.desc ? (
        <>
          <h3>Description</h3>
          <p>
            <Clipped text={rule.desc} />
          </p>
        </>
      ) : null}
      <h3>Condition</h3>
      {rule.stockOnly ? (
        <p>The stock definition is not loaded (add {rule.origin.file} to the drop to see it); your files append:</p>
      ) : null}
      <pre className="rule-condition" aria-label="Condition">
        <code>
          <Clipped text={rule.stockOnly ? (rule.appendedCondition ?? '') : rule.condition} limit={20_000} />
        </code>
      </pre>
      {detail.macros.length ? (
        <>
          <h3>Condition with macros expanded</h3>
          <pre className="rule-condition" aria-label="Expanded condition">
            <code>
              <Clipped text={detail.expandedCondition} limit={20_000} />
            </code>
          </pre>
        </>
      ) : null}
      {detail.undefinedNames.length ? <p>Uses stock macros or lists no loaded file defines: {detail.undefinedNames.join(', ')}.</p> : null}
      {detail.lists.length ? (
        <>
          <h3>Lists it consults</h3>
          <ul className="rule-lists" aria-label="Lists">
            {detail.lists.map((l) => (
              <li key={l.name}>
                <code>{l.name}</code> ({l.origin.file}:{l.origin.line}
                {l.changedBy.length ? `, changed by ${l.changedBy.map((o) => `${o.file}:${o.line}`).join(', ')}` : ''}):{' '}
                <Clipped text={l.items.join(', ') || '(empty)'} limit={4000} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {detail.macros.length ? (
        <>
          <h3>Macros</h3>
          <ul className="rule-macros" aria-label="Macros">
            {detail.macros.map((m) => (
              <li key={m.name}>
                <code>{m.name}</code> ({m.origin.file}:{m.origin.line}): <code><Clipped text={m.condition} limit={4000} /></code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Exceptions</h3>
      {rule.exceptions.length ? (
        <ul className="rule-exceptions" aria-label="Exceptions">
          {rule.exceptions.map((e) => (
            <li key={e.name}>
              <code>{e.name}</code> on <code>{[e.fields ?? []].flat().join(', ')}</code>
              {e.comps ? <> with <code>{[e.comps].flat().join(', ')}</code></> : null}:{' '}
              <Clipped text={(e.values ?? []).map(rowText).join('; ') || 'no values yet'} limit={4000} />
            </li>
          ))}
        </ul>
      ) : (
        <p>None.</p>
      )}
      {rule.output ? (
        <>
          <h3>Output template</h3>
          <pre className="rule-condition" aria-label="Output template">
            <code>
              <Clipped text={rule.output} limit={4000} />
            </code>
          </pre>
        </>
      ) : null}
    </div>
  );
}
