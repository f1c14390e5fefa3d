/**
 * The sandbox of the campaign tests: no tier, no pair rate, throughput as given (default: off), and the approved
 * template `spring_sale` every campaign sends. Started before the file's tests and stopped after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';

/** The template every campaign test sends. */
export const CAMPAIGN_TEMPLATE = { name: 'spring_sale', language: 'en' } as const;

/** Starts the sandbox for the file; read it through the returned getter. */
export function useCampaignSandbox(
  options: Omit<SandboxOptions, 'limits'> & { throughputPerSecond?: number } = {},
) {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    const { throughputPerSecond, ...rest } = options;
    sandbox = await startSandbox({
      ...rest,
      limits: { tier: 'unlimited', throughputPerSecond: throughputPerSecond ?? false, pairRate: false },
    });
    sandbox.templates.add({
      ...CAMPAIGN_TEMPLATE,
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'Spring sale: 20% off everything this week.' }],
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  return () => sandbox as Sandbox;
}
