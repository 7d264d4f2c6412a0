import type { ChatRetentionPolicy } from '@azure/communication-chat';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { RetentionPolicy } from '../../src-preload/contract.ts';

const SDK_RETENTION_KINDS = new Set(['none', 'threadCreationDate']);

interface ThreadBody {
  id?: unknown;
  retentionPolicy?: { kind?: unknown };
}

function threadInBody(body: unknown): ThreadBody | null {
  if (typeof body !== 'object' || body === null) return null;
  const created = (body as { chatThread?: unknown }).chatThread;
  const thread = typeof created === 'object' && created !== null ? created : body;
  return 'retentionPolicy' in thread ? (thread as ThreadBody) : null;
}

/**
 * The SDK throws on a retention policy of a kind it does not know (a newer service may send one), and
 * with it the whole thread read. This pipeline policy takes such a policy out of the answer before the
 * SDK sees it and reports its kind, so that the thread still opens and the kind can be shown.
 */
export function unknownRetentionTolerance(onUnknownKind: (threadId: string, kind: string) => void): PipelinePolicy {
  return {
    name: 'parleyUnknownRetentionTolerance',
    async sendRequest(request, next) {
      const response = await next(request);
      const text = response.bodyAsText;
      if (!text?.includes('"retentionPolicy"')) return response;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return response;
      }
      const thread = threadInBody(body);
      const kind = thread?.retentionPolicy?.kind;
      if (!thread || SDK_RETENTION_KINDS.has(kind as string)) return response;
      if (typeof thread.id === 'string') onUnknownKind(thread.id, typeof kind === 'string' ? kind : 'unnamed');
      delete thread.retentionPolicy;
      response.bodyAsText = JSON.stringify(body);
      return response;
    },
  };
}

/** The contract's policy from the SDK's, or from the kind the tolerance above took out. */
export function retentionPolicyOf(policy: ChatRetentionPolicy | undefined, unknownKind: string | undefined): RetentionPolicy | null {
  if (unknownKind !== undefined) return { kind: 'unknown', serviceKind: unknownKind };
  if (policy?.kind === 'threadCreationDate') return { kind: 'threadCreationDate', deleteThreadAfterDays: policy.deleteThreadAfterDays };
  if (policy?.kind === 'none') return { kind: 'none' };
  return null;
}
