import type { Report } from '../../model';
import { Clipped } from './Clipped';
import { CopyButton } from './CopyButton';
import { RiskBar } from './RiskBar';

const signed = (delta: number) => (delta > 0 ? `+${delta}` : String(delta));

/**
 * The top of the report, the part that must fit the first screen: the verdict and why, who did
 * what where and when, the risk as a bar of its factors, and the first action with its command.
 */
export function VerdictBlock({ report }: { report: Report }) {
  const { headline, risk } = report;
  const action = headline.firstAction;
  return (
    <section className={`verdict verdict-${headline.verdict.kind}`} aria-label="Verdict">
      <p className="verdict-line">
        <strong className="verdict-label">{headline.verdict.label}.</strong> <Clipped text={headline.verdict.reason} limit={400} />
      </p>
      <p className="what-happened">
        <Clipped text={headline.line} limit={600} />
      </p>
      <div className={`verdict-risk level-${risk.level}`}>
        <span className="score" aria-label={`Risk ${risk.score} of 100`}>
          {risk.score}
        </span>
        <RiskBar risk={risk} />
        <ul className="top-factors" aria-label="Top risk factors">
          {headline.topFactors.map((f) => (
            <li key={f.id} className={f.delta < 0 ? 'lowers' : 'raises'}>
              {f.label} <span className="delta">{signed(f.delta)}</span>
            </li>
          ))}
        </ul>
      </div>
      <div className="first-action">
        {action ? (
          <>
            <p>
              <strong>First action:</strong> {action.title}
            </p>
            <div className="code-block">
              <pre aria-label="First action command">
                <code>
                  <Clipped text={action.command} />
                </code>
              </pre>
              <CopyButton text={action.command} />
            </div>
          </>
        ) : (
          <p>
            <strong>First action:</strong> no command applies to this alert&apos;s fields; see Mitigation.
          </p>
        )}
      </div>
    </section>
  );
}
