import type { Report } from '../../model';
import { CopyButton } from './CopyButton';
import { Section } from './Section';
import { Clipped } from './Clipped';

export function TuningSection({ report }: { report: Report }) {
  const { tuning } = report;
  return (
    <Section id="tuning" report={report}>
      <p>{tuning.explanation}</p>
      {tuning.yaml ? (
        <div className="code-block">
          <pre aria-label="Falco tuning YAML">
            <code>
              <Clipped text={tuning.yaml} />
            </code>
          </pre>
          <CopyButton text={tuning.yaml} label="Copy YAML" />
        </div>
      ) : null}
      {tuning.alternative ? (
        <>
          <p>{tuning.alternative.explanation}</p>
          <div className="code-block">
            <pre>
              <code>
                <Clipped text={tuning.alternative.yaml} />
              </code>
            </pre>
            <CopyButton text={tuning.alternative.yaml} label="Copy YAML" />
          </div>
        </>
      ) : null}
    </Section>
  );
}
