import { useSession } from '../state/session';
import { missingFiles } from '../state/savedInputs';

/**
 * A link (or a reload) whose view names files that are not open in this browser says which files
 * to open, instead of an empty app with no hint.
 */
export function MissingDataBanner() {
  const restoring = useSession((s) => s.restoring);
  const linked = useSession((s) => s.linkedFiles);
  const inputs = useSession((s) => s.inputs);
  const incident = useSession((s) => s.selectedId);
  const selectionAuto = useSession((s) => s.selectionAuto);
  if (restoring) return null;
  const missing = missingFiles(linked, inputs.map((i) => i.name));
  if (missing.length === 0 && (inputs.length > 0 || !incident || selectionAuto)) return null;
  return (
    <div className="banner warning missing-data" role="status" aria-label="Files to open">
      {missing.length ? (
        <p>
          This link shows a view of {missing.length === 1 ? 'a file that is' : `${missing.length} files that are`} not open in this browser. Open{' '}
          {missing.map((name, i) => (
            <span key={name}>
              {i ? ', ' : ''}
              <code>{name}</code>
            </span>
          ))}{' '}
          to see it (drop {missing.length === 1 ? 'it' : 'them'} here, or use Open alert files).
        </p>
      ) : (
        <p>This link points at an incident, but no alert file is open in this browser: open the files the link was made from.</p>
      )}
    </div>
  );
}
