import { QueryClient } from '@tanstack/react-query';

/**
 * Everything here is local computation in a worker: never pause for "offline", never refetch
 * on focus, never retry (a parse error will not fix itself).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { networkMode: 'always', retry: false, refetchOnWindowFocus: false, staleTime: Infinity },
    mutations: { networkMode: 'always', retry: false },
  },
});
