import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * npm run build:workflows: prebuilds the workflow bundle (dist/workflow-bundle.js). A worker started with
 * WORKFLOW_BUNDLE_PATH pointing at it skips bundling at start-up (faster start, far lower peak memory).
 */
async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'workflow-bundle.js'));
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows') });
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, code);
  console.log(`workflow bundle: ${out} (${(code.length / 1024 / 1024).toFixed(1)} MiB)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
