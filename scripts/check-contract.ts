// `npm run check:contract -- --spec <path to Instantly's OpenAPI 3.1 document>`: holds our Instantly client
// and our simulator to the document (see docs/instantly-contract.md). Exit 0 = no violation outside the
// allow-list; 1 = violations; 2 = bad invocation.
import { startSimulator } from '../simulator';
import { applyAllowList, loadAllowList } from './contract/allow';
import { driveClient } from './contract/drive';
import { checkExchange, type Finding } from './contract/exchange';
import { runProbes } from './contract/probes';
import { loadSpec } from './contract/spec';

function specArg(argv: string[]): string | undefined {
  const i = argv.indexOf('--spec');
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith('--spec='))?.slice('--spec='.length);
}

async function main(): Promise<number> {
  const file = specArg(process.argv.slice(2));
  if (!file) {
    console.error('usage: npm run check:contract -- --spec <openapi.json>');
    return 2;
  }
  const spec = loadSpec(file);
  console.log(
    `contract check against ${spec.title} ${spec.version} (${file}, ${spec.operations.length} operations)`,
  );
  const key = 'contract-check-key';
  const sim = await startSimulator({ apiKeys: [key], webhookRetries: 0, webhookTimeoutMs: 2000 });
  let findings: Finding[] = [];
  let calls = 0;
  let probes = 0;
  const problems: string[] = [];
  try {
    const driven = await driveClient(sim, { good: key });
    calls = driven.exchanges.length;
    problems.push(...driven.problems);
    findings = driven.exchanges.flatMap((ex) => checkExchange(spec, ex));
    sim.reset();
    const probed = await runProbes(spec, sim, key);
    probes = probed.count;
    findings.push(...probed.findings);
  } finally {
    await sim.close();
  }
  const unique = dedupe(findings);
  const { allowed, violations, stale } = applyAllowList(unique, loadAllowList());
  for (const v of violations) console.log(`VIOLATION [${v.where}] ${v.operation}: ${v.message}`);
  for (const a of allowed) console.log(`allowed   [${a.where}] ${a.operation}: ${a.message}`);
  for (const s of stale)
    console.log(`stale allow-list entry (matched nothing): ${s.operation} ${JSON.stringify(s.contains)}`);
  for (const p of problems) console.log(`SCENARIO ${p}`);
  const requestFindings = unique.filter((f) => f.where === 'request').length;
  console.log(
    `summary: ${calls} calls checked (${requestFindings} request findings), ${probes} probes, ` +
      `${unique.length} distinct findings, ${allowed.length} allowed, ${violations.length} violations, ` +
      `${problems.length} scenario problems`,
  );
  return violations.length === 0 && problems.length === 0 ? 0 : 1;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const raw of findings) {
    // One finding per field, not per list element.
    const f = { ...raw, message: raw.message.replace(/\/\d+(?=\/|\s|$)/g, '/*') };
    seen.set(`${f.where}|${f.operation}|${f.message}`, f);
  }
  return [...seen.values()];
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
