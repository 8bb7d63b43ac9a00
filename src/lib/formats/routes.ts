/**
 * Static paths of the alternative-format files: one per policy, version and format, at
 * `/<policy>/<version>/<policy>-<version><suffix>`.
 */
import { getPolicies, type Policy, type Version } from '../policies.ts';
import { formatFileName, formats, type FormatRenderer } from './index.ts';

export interface FormatFileRoute {
  params: { policy: string; version: string; file: string };
  props: { policy: Policy; version: Version; format: FormatRenderer };
}

/** Every version that has format files: each published version of each policy. */
export function versionsWithFiles(): Version[] {
  return getPolicies().flatMap((policy) => policy.versions);
}

export function formatFileRoutes(): FormatFileRoute[] {
  return getPolicies().flatMap((policy) =>
    policy.versions.flatMap((version) =>
      formats.map((format) => ({
        params: {
          policy: policy.id,
          version: version.version,
          file: formatFileName(policy.id, version.version, format),
        },
        props: { policy, version, format },
      })),
    ),
  );
}
