/** Keeps the arrows pointing inward (ARCHITECTURE.md): domain imports nothing; libs never import apps. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports no framework, no node built-ins with I/O, and no other lib',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { pathNot: ['^libs/domain/'] },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'contracts-are-pure',
      comment: 'a contract version maps and validates; it never reaches apps, the ledger or delivery',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: ['^apps/', '^libs/ledger/', '^libs/delivery/'] },
    },
    {
      name: 'contract-versions-are-self-contained',
      comment: 'one version folder never imports another version or another contract',
      severity: 'error',
      from: { path: '^contracts/([^/]+)/([^/]+)/' },
      to: { path: '^contracts/', pathNot: ['^contracts/$1/$2/'] },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['dist', 'node_modules', '\\.spec\\.ts$'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
