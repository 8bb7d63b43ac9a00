/**
 * Every route's static paths, computed once here so page files stay thin.
 */
import { getPolicies, type Policy, type Version } from './policies.ts';

export interface PolicyRoute {
  params: { policy: string };
  props: { policy: Policy };
}
export interface VersionRoute {
  params: { policy: string; version: string };
  props: { policy: Policy; version: Version };
}

export function policyRoutes(): PolicyRoute[] {
  return getPolicies().map((policy) => ({ params: { policy: policy.id }, props: { policy } }));
}

export function versionRoutes(): VersionRoute[] {
  return getPolicies().flatMap((policy) =>
    policy.versions.map((version) => ({
      params: { policy: policy.id, version: version.version },
      props: { policy, version },
    })),
  );
}
