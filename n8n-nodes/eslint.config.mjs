// n8n's official linter for community packages, recommended config, unmodified: the same rules n8n's
// verified-node review runs. package.json is linted too (n8n-object-validation, peer deps, runtime deps...).
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'scripts/**', 'test-fixtures/**'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
	},
	{
		// as n8n's own node-cli does: package.json parsed as an expression, so the package.json rules run on it
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	n8nCommunityNodesPlugin.configs.recommended,
];
