import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';

/**
 * Determinism guard: histories recorded from real runs (test/fixtures/histories/*.history.pb, binary protobuf, refreshed with
 * RECORD_HISTORY=1) must replay against the current workflow code without a nondeterminism error.
 */
describe('replay of recorded workflow histories', () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'histories');
  const files = readdirSync(dir).filter((f) => f.endsWith('.history.pb'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays deterministically', async (file) => {
    const history = temporal.api.history.v1.History.decode(readFileSync(path.join(dir, file)));
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! } },
      history,
      file,
    );
  });
});
