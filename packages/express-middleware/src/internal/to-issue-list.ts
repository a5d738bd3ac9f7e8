import type { StandardSchemaV1 } from '@standard-schema/spec';

/** An issue as the 422 body shows it: JSON-safe, whatever library produced it. */
export interface BodyIssue {
  message: string;
  path: Array<string | number>;
  code?: string;
}

/** Most issues returned in one 422 body: enough to fix a request, bounded for a hostile one. */
export const maxIssuesReturned = 100;

/** Standard Schema issues as plain JSON: path segments become keys, symbols become strings. */
export function toIssueList(issues: ReadonlyArray<StandardSchemaV1.Issue>): BodyIssue[] {
  return issues.slice(0, maxIssuesReturned).map((issue) => {
    const path = (issue.path ?? []).map((segment) => {
      const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
      return typeof key === 'number' ? key : String(key);
    });
    const code = (issue as { code?: unknown }).code;
    return typeof code === 'string' ? { message: String(issue.message), path, code } : { message: String(issue.message), path };
  });
}
