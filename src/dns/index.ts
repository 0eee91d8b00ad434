/**
 * Cluster DNS (CoreDNS's `kubernetes` plugin as a pod sees it). Entry point:
 * `resolve`, `allRecords`, `formatDigShort`; see `resolve.ts` and `dnsRecords.ts`.
 */
export * from './resolve';
