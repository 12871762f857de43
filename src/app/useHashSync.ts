import { useEffect } from 'react';
import { useSession } from '../state/session';
import { decodeHash, encodeHash } from '../state/urlHash';

/** Mirror filters and selection into the URL hash, and follow the hash when the user edits it. */
export function useHashSync(): void {
  const filter = useSession((s) => s.filter);
  const selectedId = useSession((s) => s.selectedId);
  useEffect(() => {
    const hash = encodeHash({ filter, incident: selectedId });
    if (hash !== location.hash && !(hash === '' && location.hash === '')) {
      history.replaceState(null, '', hash || location.pathname + location.search);
    }
  }, [filter, selectedId]);
  useEffect(() => {
    const onHash = () => {
      const state = decodeHash(location.hash);
      useSession.setState({ filter: state.filter, selectedId: state.incident });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
}
