import { describe, expect, it } from 'vitest';
import { unquotedExpansions } from './shellExpansions';

describe('unquotedExpansions', () => {
  it('reports $(...), backticks and $VAR left unquoted', () => {
    expect(unquotedExpansions("kubectl auth can-i --list --as=system:serviceaccount:'ns':$(kubectl get pod 'p')")).toEqual(["$(kubectl get pod 'p')"]);
    expect(unquotedExpansions('ls `cat x`')).toEqual(['`cat x`']);
    expect(unquotedExpansions('ls -l $HOME ${DIR:?where}')).toEqual(['$HOME', '${DIR:?where}']);
    // inside a substitution the shell starts afresh: `$(b)` there is split as a's argument
    expect(unquotedExpansions('echo "$(a $(b))"; echo $(c "$(d)")')).toEqual(['$(b)', '$(c "$(d)")']);
  });

  it('accepts the quoted forms, assignments, single-quoted tool syntax and numeric specials', () => {
    for (const ok of [
      `kubectl auth can-i --list --as=system:serviceaccount:'ns':"$(kubectl get pod 'p')"`,
      'SA=$(kubectl get sa) && echo "$SA"',
      `jq -r '.[] | $n' "\${AUDIT_LOG:?path}"`,
      "awk '{print $1}' file",
      'echo "a \\"$(b)\\" c"',
      'echo $? $# $$',
      'echo $((1 + 2))',
    ]) expect(unquotedExpansions(ok), ok).toEqual([]);
  });
});
