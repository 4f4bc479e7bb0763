// Code checks of verify-package.js: what n8n's scanner (@n8n/scan-community-package) rejects in node code,
// found with the TypeScript parser (not text search, so words in strings and comments never count).
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

/** Globals n8n Cloud forbids in community node code (same list as @n8n/community-nodes/no-restricted-globals). */
const RESTRICTED_GLOBALS = new Set([
	'clearInterval',
	'clearTimeout',
	'global',
	'globalThis',
	'process',
	'setInterval',
	'setTimeout',
	'setImmediate',
	'clearImmediate',
	'__dirname',
	'__filename',
]);
/** The only packages node code may load (besides its own relative files). */
const ALLOWED_MODULES = new Set([
	'n8n-workflow',
	'lodash',
	'moment',
	'p-limit',
	'luxon',
	'zod',
	'crypto',
	'node:crypto',
]);
const DANGEROUS_CALLS = new Set(['eval', 'Function']);

function moduleName(spec) {
	const parts = spec.split('/');
	return spec.startsWith('@') ? parts.slice(0, 2).join('/') : spec;
}

/** True when the identifier is a name in its own right (not `x.process`, `{ process: 1 }`, a declaration). */
function isFreeReference(node) {
	const parent = node.parent;
	if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
	if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node)
		return false;
	if (ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent))
		return false;
	if (ts.isQualifiedName(parent) || ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent))
		return false;
	if (ts.isTypeReferenceNode(parent) || ts.isBindingElement(parent)) return false;
	const declares =
		ts.isParameter(parent) || ts.isVariableDeclaration(parent) || ts.isFunctionDeclaration(parent);
	if (declares && parent.name === node) return false;
	return true;
}

function importProblem(spec, file, line) {
	if (spec.startsWith('./') || spec.startsWith('../')) return [];
	if (ALLOWED_MODULES.has(moduleName(spec))) return [];
	return [`${file}:${line}: imports "${spec}" (allowed: relative files, ${[...ALLOWED_MODULES].join(', ')})`];
}

/** Problems in one source or built file (TypeScript or JavaScript). */
function checkSource(file, text) {
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const problems = [];
	const line = (node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
	const visit = (node) => {
		if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
			if (!(ts.isImportDeclaration(node) && node.importClause && node.importClause.isTypeOnly))
				problems.push(...importProblem(node.moduleSpecifier.text, file, line(node)));
		} else if (ts.isCallExpression(node) && node.arguments.length > 0) {
			const callee = node.expression;
			const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
			const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
			const arg = node.arguments[0];
			if ((isRequire || isImport) && ts.isStringLiteralLike(arg))
				problems.push(...importProblem(arg.text, file, line(node)));
			else if (isRequire || isImport)
				problems.push(`${file}:${line(node)}: loads a module by a computed name`);
		}
		if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression)) {
			if (DANGEROUS_CALLS.has(node.expression.text))
				problems.push(`${file}:${line(node)}: calls ${node.expression.text}() (code from strings)`);
		}
		if (ts.isIdentifier(node) && RESTRICTED_GLOBALS.has(node.text) && isFreeReference(node))
			problems.push(`${file}:${line(node)}: uses the global "${node.text}" (not allowed in n8n node code)`);
		ts.forEachChild(node, visit);
	};
	visit(source);
	return problems;
}

function listCode(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return listCode(full);
		return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
	});
}

/** Every node/credential source file, plus the built dist/ when present (what the scanner reads). */
function checkCode(pkgDir) {
	const files = ['nodes', 'credentials', 'dist'].flatMap((d) => listCode(path.join(pkgDir, d)));
	const problems = files.flatMap((f) => checkSource(path.relative(pkgDir, f), fs.readFileSync(f, 'utf8')));
	return { files: files.length, problems };
}

module.exports = { checkCode, checkSource, RESTRICTED_GLOBALS, ALLOWED_MODULES };
