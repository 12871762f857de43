import type { ProcessNode, ProcessTree as Tree, ProcessTreeIncident } from '../../model';
import { useProcessTree } from '../../data/contextHooks';
import { useSession } from '../../state/session';
import { filterFor } from '../../state/contextFilter';
import { PlainSection } from './Section';
import { Clipped, clipLabel } from './Clipped';
import '../context/context.css';

/** Characters of a command line shown in a node (the whole one is in the alert fields). */
const CMDLINE_LIMIT = 160;

function IncidentChips({ incidents, current }: { incidents: ProcessTreeIncident[]; current: string }) {
  const select = useSession((s) => s.select);
  if (!incidents.length) return null;
  return (
    <span className="tree-incidents">
      {incidents.map((i) => (
        <button
          key={i.id}
          type="button"
          className={`chip priority-${i.priority.toLowerCase()}${i.id === current ? ' current' : ''}`}
          aria-current={i.id === current ? 'true' : undefined}
          aria-label={`${i.id === current ? 'This incident' : 'Open incident'}: ${clipLabel(i.rule)}, ${i.count} alert${i.count === 1 ? '' : 's'}`}
          onClick={() => select(i.id)}
        >
          <Clipped text={i.rule} limit={80} /> ×{i.count}
        </button>
      ))}
    </span>
  );
}

function Node({ node, current }: { node: ProcessNode; current: string }) {
  const setFilter = useSession((s) => s.setFilter);
  const filter = useSession((s) => s.filter);
  const alerting = node.incidents.length > 0;
  const field = node.exepath ? 'proc.exepath' : 'proc.name';
  const value = node.exepath ?? node.name;
  return (
    <li className={alerting ? 'tree-node alerting' : 'tree-node'}>
      <div className="tree-row">
        {node.elided ? (
          <span className="tree-elided">{node.name}</span>
        ) : (
          <button type="button" className="tree-process" title={`Show incidents whose alerts contain ${clipLabel(value)}`} onClick={() => setFilter(filterFor(filter, field, value))}>
            <code>
              <Clipped text={node.name} limit={120} />
            </code>
            {node.pid !== undefined ? <span className="tree-pid"> pid {node.pid}</span> : null}
          </button>
        )}
        {node.cmdline !== undefined ? (
          <code className="tree-cmdline">
            <Clipped text={node.cmdline} limit={CMDLINE_LIMIT} />
          </code>
        ) : null}
        {node.sid !== undefined ? <span className="tree-meta">session {node.sid}</span> : null}
        {node.vpgid !== undefined ? <span className="tree-meta">group {node.vpgid}</span> : null}
        <IncidentChips incidents={node.incidents} current={current} />
      </div>
      {node.children.length ? (
        <ul>
          {node.children.map((c) => (
            <Node key={c.key} node={c} current={current} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function ProcessTreeView({ tree, current }: { tree: Tree; current: string }) {
  return (
    <>
      <p>
        Processes of <Clipped text={tree.scope.label} limit={200} />, merged from {tree.incidents} incident{tree.incidents === 1 ? '' : 's'}
        {tree.more ? ` (${tree.more} more left out: the riskiest are shown)` : ''}. Click a process to list the incidents whose alerts mention it.
      </p>
      <ul className="process-tree" aria-label={`Process tree of ${clipLabel(tree.scope.label)}`}>
        {tree.roots.map((n) => (
          <Node key={n.key} node={n} current={current} />
        ))}
      </ul>
      {tree.sameSession.length ? (
        <p>
          Same process session elsewhere on the host: <IncidentChips incidents={tree.sameSession} current={current} />
        </p>
      ) : null}
    </>
  );
}

/** The incident's process ancestry, as a tree shared with the incidents of its container or host. */
export function ProcessTreeSection({ incidentId }: { incidentId: string }) {
  const tree = useProcessTree(incidentId);
  if (tree.data === null) return null;
  return (
    <PlainSection id="process-tree" title="Process tree">
      {tree.data ? <ProcessTreeView tree={tree.data} current={incidentId} /> : <p>{tree.isError ? `Could not build the tree: ${tree.error.message}` : 'Building the tree…'}</p>}
    </PlainSection>
  );
}
