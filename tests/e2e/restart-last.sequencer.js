const Sequencer = require('@jest/test-sequencer').default;

/** The restart suite stops and starts again the federation the other suites share: it runs last. */
class RestartLast extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const isRestart = (test) => test.path.endsWith('restart.spec.ts');
    return [...sorted.filter((test) => !isRestart(test)), ...sorted.filter(isRestart)];
  }
}

module.exports = RestartLast;
