import type { Alert } from '../model';

/** A complete Alert with sensible defaults, for table-driven tests. */
export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 0,
    file: 'test.ndjson',
    line: 1,
    rule: 'Terminal shell in container',
    priority: 'Notice',
    time: '2024-08-07T13:49:51.703321833Z',
    timeMs: Date.parse('2024-08-07T13:49:51.703Z'),
    output: '13:49:51.703321833: Notice A shell was spawned in a container',
    outputFields: {},
    source: 'syscall',
    sourceInferred: false,
    tags: [],
    ...overrides,
  };
}
