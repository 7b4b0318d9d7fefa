/**
 * The environment that points every partner of config/partners.json at one simulators server
 * (tests, `cp-bridge start`, chaos and bench runs). One place, so a new partner is one line.
 */
export function simulatorUrlEnv(base: string): Record<string, string> {
  const b = base.replace(/\/$/, '');
  return {
    CJSE_URL: `${b}/cjse/spi`,
    EM_URL: `${b}/em`,
    PRISON_URL: `${b}/prison`,
    PROBATION_URL: `${b}/probation`,
    LEGAL_AID_URL: `${b}/legal-aid`,
    PLATFORM_URL: `${b}/platform`,
    CASE_FILE_URL: `${b}/prosecutioncasefile-service/query/api/rest/prosecutioncasefile/cases`,
  };
}
