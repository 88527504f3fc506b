// ESLint (flat config): typescript-eslint's recommended rules, plus the type-aware rules that catch real bugs in
// async transfer code (promises nobody awaits or handles, awaiting non-promises). Prettier owns formatting.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'bench/runs/**',
      'test-results/**',
      '.oss-cse/**',
      'packages/test-vectors/**',
      '**/*.d.ts',
      '**/*.d.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
      globals: {},
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
      'no-undef': 'off',
      // Prettier wraps code at 120; long strings, URLs and patterns cannot be wrapped, comments can and must.
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  // Tests read loosely typed JSON answers (KMS, STS) and ali-oss results: `any` is allowed there, never in sources.
  {
    files: ['**/*.test.ts', '**/test/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Plain JavaScript (scripts, bench, the demo server) is linted without type information.
  { files: ['**/*.mjs', '**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  // The consumer tier's CommonJS program: require() of the ESM-only packages is what it checks.
  { files: ['consumer/fixtures/**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
