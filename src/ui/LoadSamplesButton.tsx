import samples from '../samples/falco-samples.ndjson?raw';
import { useSession } from '../state/session';

/** Built into the bundle (no fetch), so it works offline and from the single HTML file. */
export function LoadSamplesButton({ primary = false }: { primary?: boolean }) {
  const addText = useSession((s) => s.addText);
  const loaded = useSession((s) => s.inputs.some((i) => i.name === 'falco-samples.ndjson'));
  return (
    <button type="button" className={primary ? 'primary' : undefined} disabled={loaded} onClick={() => addText('falco-samples.ndjson', samples)}>
      Load sample alerts
    </button>
  );
}
