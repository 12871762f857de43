import { describe, expect, it } from 'vitest';
import { csvCell, incidentsToCsv, INCIDENT_CSV_COLUMNS, toCsv } from './csv';
import type { IncidentSummary } from '../model';

/** A small RFC 4180 reader: enough to prove the writer's output parses back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  return rows;
}

describe('csvCell', () => {
  it.each(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=1', '\r=1', '=HYPERLINK("http://x","y")'])('neutralises formula start %j with a leading quote', (value) => {
    const cell = csvCell(value);
    const parsed = parseCsv(`${cell}\r\n`)[0]![0]!;
    expect(parsed).toBe(`'${value}`);
  });

  it('leaves ordinary text alone and quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('Terminal shell in container')).toBe('Terminal shell in container');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell('a=b')).toBe('a=b'); // only a leading sign starts a formula
  });

  it('round-trips any row through an RFC 4180 reader', () => {
    const rows = [['a', 'b,c', '"q"', 'x\r\ny', ''], ['1', '2', '3', '4', '5']];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe('incidentsToCsv', () => {
  const incident: IncidentSummary = {
    id: 'abc123',
    rule: '=cmd|" /C calc"!A0',
    source: 'syscall',
    priority: 'Critical',
    count: 12345,
    firstSeenMs: 0,
    lastSeenMs: 0,
    firstSeen: '2024-08-07T13:49:51Z',
    lastSeen: '2024-08-07T13:50:00Z',
    entity: { kind: 'container', field: 'container.id', value: '2ae6a7f15b6e', label: 'container 2ae6a7f15b6e (@evil)' },
    hostnames: ['node-1', 'node-2'],
    containerImage: '+image',
    tags: ['container', 'shell'],
    tactics: ['execution'],
    riskScore: 88,
    riskLevel: 'critical',
    sampleAlertId: 0,
    playbookId: null,
  };

  it('has a header and one row per incident, with its triage, every hostile value neutralised', () => {
    const rows = parseCsv(incidentsToCsv([incident], { abc123: { status: 'malicious', notes: '-rm -rf' } }));
    expect(rows[0]).toEqual([...INCIDENT_CSV_COLUMNS]);
    const row = Object.fromEntries(INCIDENT_CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    expect(row.rule).toBe(`'=cmd|" /C calc"!A0`);
    expect(row.container_image).toBe("'+image");
    expect(row.entity).toBe('container 2ae6a7f15b6e (@evil)');
    expect(row.alerts).toBe('12345');
    expect(row.hostnames).toBe('node-1 node-2');
    expect(row.status).toBe('malicious');
    expect(row.notes).toBe("'-rm -rf");
    expect(rows).toHaveLength(2);
  });

  it("calls an incident with no note 'new'", () => {
    const rows = parseCsv(incidentsToCsv([incident], {}));
    expect(rows[1]![INCIDENT_CSV_COLUMNS.indexOf('status')]).toBe('new');
  });
});
