import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import vueA11y from 'eslint-plugin-vuejs-accessibility'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', '.tmp/**', 'data/**', 'test-results/**', 'playwright-report/**', 'drizzle/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  ...vueA11y.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    files: ['src/app/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser, __APP_VERSION__: 'readonly', __APP_BUILD_ID__: 'readonly', __SERVER_RENDER__: 'readonly' } },
  },
  {
    files: ['src/server/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'tests/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // A focused test silently skips every other one, and the house rule is "no skipped tests":
    // test.only / describe.only / it.only (and .skip, .fixme, .todo) never reach main.
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name=/^(test|describe|it|suite|bench)$/][property.name=/^(only|skip|fixme|todo)$/]",
          message: 'Focused or skipped tests are not allowed: remove .only/.skip/.fixme/.todo.',
        },
        {
          selector: "MemberExpression[object.object.name='test'][object.property.name='describe'][property.name=/^(only|skip|fixme)$/]",
          message: 'Focused or skipped tests are not allowed: remove .only/.skip/.fixme.',
        },
      ],
    },
  },
  {
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Labels here are tied to inputs with for/id, which the rule does not follow through v-for.
      'vuejs-accessibility/label-has-for': ['error', { required: { some: ['nesting', 'id'] } }],
    },
  },
)
