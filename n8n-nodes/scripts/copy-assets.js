// Copies the files tsc does not emit (icons, node codex .node.json) into dist/, keeping their relative paths.
// `node scripts/copy-assets.js [outDir]`: outDir defaults to dist/ (the e2e tests build into a private folder).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const wanted = (name) => name.endsWith('.svg') || name.endsWith('.png') || name.endsWith('.node.json');

function copyTree(rel) {
	const src = path.join(root, rel);
	if (!fs.existsSync(src)) return 0;
	let copied = 0;
	for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
		const child = path.join(rel, entry.name);
		if (entry.isDirectory()) copied += copyTree(child);
		else if (wanted(entry.name)) {
			fs.mkdirSync(path.join(outDir, rel), { recursive: true });
			fs.copyFileSync(path.join(root, child), path.join(outDir, child));
			copied += 1;
		}
	}
	return copied;
}

const count = ['icons', 'nodes', 'credentials'].reduce((sum, dir) => sum + copyTree(dir), 0);
if (count === 0) throw new Error('copy-assets: no icon copied; dist/ would have nodes without icons');
console.log(`copy-assets: ${count} file(s) copied into ${path.relative(process.cwd(), outDir) || '.'}/`);
