// `npm run verify`: what n8n's verification scanner (@n8n/scan-community-package) checks that can be checked
// offline, before publishing. `node scripts/verify-package.js [packageDir]`; exit 1 and one line per problem.
// Not checkable here: npm provenance (a property of the published tarball; publish from CI with --provenance).
'use strict';
const fs = require('fs');
const path = require('path');
const { checkCode } = require('./verify-code');

const FORBIDDEN_SCRIPTS = [
	'prepare',
	'preinstall',
	'install',
	'postinstall',
	'prepublish',
	'preprepare',
	'postprepare',
];
const own = (obj, key) =>
	obj !== null && typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, key);
const isText = (value) => typeof value === 'string' && value.trim() !== '';

/** Problems with package.json itself. */
function checkManifest(pkg, pkgDir) {
	const problems = [];
	const name = String(pkg.name ?? '');
	if (!/^n8n-nodes-./.test(name) && !/^@[^/]+\/n8n-nodes-./.test(name))
		problems.push(`package.json: name "${name}" must be n8n-nodes-<name> or @<scope>/n8n-nodes-<name>`);
	if (!Array.isArray(pkg.keywords) || !pkg.keywords.includes('n8n-community-node-package'))
		problems.push('package.json: keywords must include "n8n-community-node-package"');
	if (pkg.license !== 'MIT')
		problems.push(`package.json: license must be "MIT", got ${JSON.stringify(pkg.license)}`);
	const deps = own(pkg, 'dependencies') ? pkg.dependencies : {};
	if (deps === null || typeof deps !== 'object' || Object.keys(deps).length > 0)
		problems.push('package.json: no runtime "dependencies" allowed (n8n installs none)');
	const peers = pkg.peerDependencies;
	if (
		peers === null ||
		typeof peers !== 'object' ||
		Object.keys(peers).length !== 1 ||
		peers['n8n-workflow'] !== '*'
	)
		problems.push('package.json: peerDependencies must be exactly { "n8n-workflow": "*" }');
	const repoUrl = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
	if (!isText(repoUrl)) problems.push('package.json: "repository" (with a url) is required');
	if (!isText(pkg.homepage)) problems.push('package.json: "homepage" is required');
	if (!isText(pkg.author?.email ?? (typeof pkg.author === 'string' ? pkg.author : '')))
		problems.push('package.json: "author" needs a name and email');
	for (const script of FORBIDDEN_SCRIPTS)
		if (own(pkg.scripts, script)) problems.push(`package.json: lifecycle script "${script}" is not allowed`);
	if (own(pkg, 'overrides')) problems.push('package.json: "overrides" is not allowed');
	if (!Array.isArray(pkg.files) || !pkg.files.includes('dist'))
		problems.push('package.json: "files" must list "dist"');
	const n8n = pkg.n8n ?? {};
	const entries = [
		...(Array.isArray(n8n.nodes) ? n8n.nodes : []),
		...(Array.isArray(n8n.credentials) ? n8n.credentials : []),
	];
	if (n8n.n8nNodesApiVersion !== 1 || !Array.isArray(n8n.nodes) || n8n.nodes.length === 0)
		problems.push('package.json: "n8n" needs n8nNodesApiVersion 1 and a non-empty "nodes" list');
	for (const entry of entries) {
		const source = String(entry)
			.replace(/^dist\//, '')
			.replace(/\.js$/, '.ts');
		if (!String(entry).startsWith('dist/') || !fs.existsSync(path.join(pkgDir, source)))
			problems.push(
				`package.json: n8n entry "${entry}" must be dist/<file>.js built from an existing ${source}`,
			);
	}
	return problems;
}

/** All problems of the package in pkgDir. */
function verifyPackage(pkgDir) {
	const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	const code = checkCode(pkgDir);
	return { files: code.files, problems: [...checkManifest(pkg, pkgDir), ...code.problems] };
}

if (require.main === module) {
	const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
	const { files, problems } = verifyPackage(dir);
	for (const problem of problems) console.error(`verify: ${problem}`);
	if (problems.length > 0) process.exit(1);
	console.log(`verify: package.json and ${files} code file(s) pass the offline scanner checks`);
}

module.exports = { verifyPackage, checkManifest };
