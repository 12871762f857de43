import { useId, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { BaselineSummary, DiffRow, DiffStatus } from '../../model';
import { clearBaseline, compareMarkdown, compareWithBaseline, openBaseline } from '../../data/requests';
import { EPHEMERAL } from '../../data/hooks';
import { downloadText } from '../../data/download';
import { useSession } from '../../state/session';
import { Clipped } from '../report/Clipped';
import '../context/context.css';

const WORD: Record<DiffStatus, string> = { new: 'New', gone: 'Gone', up: 'Up', down: 'Down', same: 'Same' };
/** Rows shown per table at first (a session can have thousands of entities). */
const ROWS = 50;

function DiffTable({ caption, what, rows }: { caption: string; what: string; rows: DiffRow[] }) {
  const [all, setAll] = useState(false);
  const [showSame, setShowSame] = useState(false);
  const listed = showSame ? rows : rows.filter((r) => r.status !== 'same');
  const shown = all ? listed : listed.slice(0, ROWS);
  const same = rows.length - rows.filter((r) => r.status !== 'same').length;
  return (
    <div className="diff-block">
      <table className="diff-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Change</th>
            <th scope="col">{what}</th>
            <th scope="col">Baseline</th>
            <th scope="col">Now</th>
            <th scope="col">Δ</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.key} className={`diff-${r.status}`}>
              <td>
                <span className={`diff-mark diff-${r.status}`}>{WORD[r.status]}</span>
              </td>
              <td>
                <bdi>
                  <Clipped text={r.key} limit={200} />
                </bdi>
              </td>
              <td className="num">{r.baseline.toLocaleString('en')}</td>
              <td className="num">{r.current.toLocaleString('en')}</td>
              <td className="num">{r.current - r.baseline > 0 ? '+' : ''}{(r.current - r.baseline).toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {listed.length === 0 ? <p>Nothing changed.</p> : null}
      <p className="cap-note">
        {shown.length < listed.length ? (
          <button type="button" onClick={() => setAll(true)}>
            Show all {listed.length.toLocaleString('en')}
          </button>
        ) : null}{' '}
        {same ? (
          <button type="button" aria-pressed={showSame} onClick={() => setShowSame(!showSame)}>
            {showSame ? 'Hide' : 'Show'} {same.toLocaleString('en')} unchanged
          </button>
        ) : null}
      </p>
    </div>
  );
}

/**
 * Compare this session with a baseline (yesterday's saved session, or alert files): what is new,
 * gone, and up or down in volume per rule and per entity; exported as Markdown.
 */
export function ComparePanel() {
  const id = useId();
  const version = useSession((s) => s.status?.version ?? 0);
  // The engine keeps the baseline (the panel can be closed and opened again); `opened` says what
  // the last read gave, `epoch` refetches the comparison after a baseline is opened or closed.
  const [opened, setOpened] = useState<BaselineSummary | null>(null);
  const [epoch, setEpoch] = useState(0);
  const open = useMutation({
    mutationFn: openBaseline,
    onSuccess: (summary) => {
      setOpened(summary);
      setEpoch((e) => e + 1);
    },
  });
  const diff = useQuery({
    queryKey: ['compare', version, epoch],
    queryFn: compareWithBaseline,
    ...EPHEMERAL,
  });
  const d = diff.data ?? null;
  const exportMarkdown = async () => {
    const md = await compareMarkdown();
    if (md !== null) downloadText('falcoscope-diff.md', md);
  };
  return (
    <div className="compare">
      <p>
        Open a baseline, for instance yesterday's saved session (<code>.falcoscope.json</code>) or its alert files, to see what is new, gone or
        changed in volume since.
      </p>
      <span className="open-files">
        <label htmlFor={id} className="button">
          Open a baseline
        </label>
        <input
          id={id}
          className="visually-hidden"
          type="file"
          multiple
          aria-label="Open a baseline session or alert files"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            if (files.length) open.mutate(files);
            event.target.value = '';
          }}
        />
      </span>
      {d ? (
        <>
          {' '}
          <button type="button" onClick={() => void exportMarkdown()}>
            Export the diff as Markdown
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              void clearBaseline().then(() => {
                setOpened(null);
                setEpoch((e) => e + 1);
              });
            }}
          >
            Close the baseline
          </button>
        </>
      ) : null}
      {open.isPending ? <p role="status">Reading the baseline…</p> : null}
      {open.isError ? <p role="alert">Could not read the baseline: {open.error.message}</p> : null}
      {d ? (
        <p role="status">
          Baseline <Clipped text={d.baselineName} limit={300} />: {d.baseline.alerts.toLocaleString('en')} alerts, {d.baseline.incidents.toLocaleString('en')} incidents
          {opened?.problems ? ` (${opened.problems.toLocaleString('en')} records could not be read: see the problems of the files themselves)` : ''}. Now:{' '}
          {d.current.alerts.toLocaleString('en')} alerts, {d.current.incidents.toLocaleString('en')} incidents.
        </p>
      ) : null}
      {d ? (
        <div className="diff-grid">
          <DiffTable caption="By rule" what="Rule" rows={d.rules} />
          <DiffTable caption="By entity" what="Entity" rows={d.entities} />
        </div>
      ) : null}
    </div>
  );
}
