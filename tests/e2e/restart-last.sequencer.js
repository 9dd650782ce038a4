const Sequencer = require('@jest/test-sequencer').default;

/**
 * The sovereignty scan reads what every other suite wrote: it runs after them. The restart
 * suite stops and starts again the federation the other suites share: it runs last.
 */
const LAST = ['sovereignty.spec.ts', 'restart.spec.ts'];

class RestartLast extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const rank = (test) => LAST.findIndex((name) => test.path.endsWith(name));
    return [...sorted.filter((test) => rank(test) === -1), ...LAST.flatMap((_, index) => sorted.filter((test) => rank(test) === index))];
  }
}

module.exports = RestartLast;
