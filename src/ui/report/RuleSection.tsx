import type { Report } from '../../model';
import { useRuleView } from '../../state/ruleView';
import { RuleDetailView } from './RuleDetailView';
import { PlainSection } from './Section';

/** The incident's rule as the user's rules files load it, with a way into the rule view. */
export function RuleSection({ report }: { report: Report }) {
  const show = useRuleView((s) => s.show);
  const rule = report.rule;
  const open = (
    <button type="button" onClick={() => show(report.incident.rule)}>
      Open in rule view
    </button>
  );
  // Without a rules file that defines the rule, no section (the report keeps its seven): the way in only.
  if (!rule) {
    return (
      <p className="rule-view-link">
        No rules file you loaded defines this rule (drop falco_rules.yaml, rules.d/ or local overrides with the alerts to see it). {open}
      </p>
    );
  }
  return (
    <PlainSection id="rule" title="The rule as loaded">
      <RuleDetailView detail={rule} />
      {open}
    </PlainSection>
  );
}
