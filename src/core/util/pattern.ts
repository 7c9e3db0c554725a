// Running a server's regular expression without letting it freeze us. JSON Schema `pattern`s come from
// servers and run on every keystroke in VS Code's extension host; a pattern like ^(a+)+$ backtracks for
// seconds to years on some inputs. Each test runs under V8's execution timeout, which interrupts a
// backtracking regex (vm's timeout applies to whatever the script runs, regex execution included).
import * as vm from 'node:vm';

/** How long one test of a server's pattern may run. */
export const PATTERN_BUDGET_MS = 50;

let sandbox: vm.Context | undefined;
const check = new vm.Script('re.test(s)');

/** `re.test(value)`, or 'slow' when it ran out of time. */
export function testRegExp(re: RegExp, value: string): boolean | 'slow' {
  sandbox ??= vm.createContext(Object.create(null) as object);
  const box = sandbox as { re?: RegExp; s?: string };
  box.re = re;
  box.s = value;
  re.lastIndex = 0;
  try {
    return check.runInContext(sandbox, { timeout: PATTERN_BUDGET_MS }) === true;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'slow';
    throw e;
  } finally {
    box.re = undefined;
    box.s = undefined;
  }
}
