import type { Report } from '../../model';
import { useRuleView } from '../../state/ruleView';
import { RuleDetailView } from './RuleDetailView';
import { Section } from './Section';

/** The incident's rule as the user's rules files load it, with a way into the rule view. */
export function RuleSection({ report }: { report: Report }) {
  const show = useRuleView((s) => s.show);
  const rule = report.rule;
  return (
    <Section id="rule" title="The rule as loaded">
      {rule ? (
        <RuleDetailView detail={rule} />
      ) : (
        <p>No rules file you loaded defines this rule. Drop your rules files (falco_rules.yaml, rules.d/, local overrides) with the alerts to see its definition here.</p>
      )}
      <button type="button" onClick={() => show(report.incident.rule)}>
        Open in rule view
      </button>
    </Section>
  );
}
