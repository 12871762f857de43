import samples from '../samples/falco-samples.ndjson?raw';
import { useSession } from '../state/session';

/** The name the sample alerts are listed under. */
export const SAMPLES_NAME = 'falco-samples.ndjson';

/**
 * Built into the bundle (no fetch), so it works offline and from the single HTML file. Offered
 * only in an empty session (the Welcome screen): demo alerts never mix silently into real ones.
 */
export function LoadSamplesButton({ primary = false }: { primary?: boolean }) {
  const addText = useSession((s) => s.addText);
  const empty = useSession((s) => s.inputs.length === 0);
  if (!empty) return null;
  return (
    <button type="button" className={primary ? 'primary' : undefined} onClick={() => addText(SAMPLES_NAME, samples, { sample: true })}>
      Load sample alerts
    </button>
  );
}
