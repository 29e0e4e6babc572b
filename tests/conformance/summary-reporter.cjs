/**
 * Prints one line per simulator after a run that included conformance tests: how many of the
 * requests third-party clients made against it passed. Each conformance test is one request (or
 * one documented exchange), so the figure is requests passed over requests driven.
 */
class ConformanceSummaryReporter {
  onRunComplete(_contexts, results) {
    const tally = new Map();
    for (const file of results.testResults) {
      const match = /tests[\\/]conformance[\\/]([^\\/]+)[\\/]/.exec(file.testFilePath);
      if (match === null) continue;
      const counts = tally.get(match[1]) ?? { passed: 0, total: 0 };
      for (const test of file.testResults) {
        if (test.status === 'pending' || test.status === 'todo') continue;
        counts.total += 1;
        if (test.status === 'passed') counts.passed += 1;
      }
      tally.set(match[1], counts);
    }
    for (const [simulator, { passed, total }] of tally) {
      const percent = total === 0 ? 0 : Math.round((passed / total) * 1000) / 10;
      process.stdout.write(`Conformance (${simulator}): ${passed} of ${total} requests pass (${percent} %)\n`);
    }
  }
}

module.exports = ConformanceSummaryReporter;
