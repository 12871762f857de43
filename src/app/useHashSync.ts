import { useEffect } from 'react';
import { useSession } from '../state/session';
import { decodeHash, encodeHash } from '../state/urlHash';

/** Mirror filters and selection into the URL hash, and follow the hash when the user edits it. */
export function useHashSync(): void {
  const filter = useSession((s) => s.filter);
  const selectedId = useSession((s) => s.selectedId);
  const inputs = useSession((s) => s.inputs);
  const linkedFiles = useSession((s) => s.linkedFiles);
  // The link names the files it was made from; until some are open, it keeps naming the link's.
  const names = inputs.length ? inputs.map((i) => i.name).join('\u0000') : linkedFiles.join('\u0000');
  useEffect(() => {
    const hash = encodeHash({ filter, incident: selectedId, files: names ? names.split('\u0000') : [] });
    if (hash !== location.hash && !(hash === '' && location.hash === '')) {
      history.replaceState(null, '', hash || location.pathname + location.search);
    }
  }, [filter, selectedId, names]);
  useEffect(() => {
    const onHash = () => {
      const state = decodeHash(location.hash);
      useSession.setState({ filter: state.filter, selectedId: state.incident, selectionAuto: state.incident === null, linkedFiles: state.files ?? [] });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
}
