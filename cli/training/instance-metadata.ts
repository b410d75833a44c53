/**
 * Instance metadata (IMDSv2) for `mlops train`: which instance it runs on (type, market, id: for cost) and the Spot
 * interruption notice (`spot/instance-action`, present about two minutes before EC2 reclaims the instance).
 * The endpoint is the SDK's own variable, AWS_EC2_METADATA_SERVICE_ENDPOINT (the sandbox sets it per instance).
 */

export interface InstanceFacts {
  instanceId: string;
  instanceType: string;
  market: 'spot' | 'on-demand';
}

export interface MetadataClient {
  facts(): Promise<InstanceFacts | undefined>;
  /** The notice's action time (ISO), or undefined while there is none. */
  spotNotice(): Promise<string | undefined>;
}

/** A client for the metadata service at `endpoint`; every call fails soft (undefined) so a laptop run is not broken. */
export function metadataClient(endpoint: string, timeoutMs = 1000): MetadataClient {
  const base = endpoint.replace(/\/$/, '');
  let token: { value: string; until: number } | undefined;
  const getToken = async () => {
    if (token && token.until > Date.now()) return token.value;
    const res = await fetch(`${base}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }, signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`token: ${res.status}`);
    token = { value: await res.text(), until: Date.now() + 6 * 3_600_000 - 60_000 };
    return token.value;
  };
  const get = async (path: string): Promise<string | undefined> => {
    try {
      const res = await fetch(`${base}/latest/meta-data/${path}`, { headers: { 'x-aws-ec2-metadata-token': await getToken() }, signal: AbortSignal.timeout(timeoutMs) });
      if (res.status === 401) token = undefined;
      return res.ok ? await res.text() : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    async facts() {
      const [instanceId, instanceType, lifecycle] = await Promise.all([get('instance-id'), get('instance-type'), get('instance-life-cycle')]);
      if (!instanceId || !instanceType) return undefined;
      return { instanceId, instanceType, market: lifecycle === 'spot' ? 'spot' : 'on-demand' };
    },
    async spotNotice() {
      const text = await get('spot/instance-action');
      if (!text) return undefined;
      try {
        const notice = JSON.parse(text) as { action?: string; time?: string };
        return notice.action === 'terminate' || notice.action === 'stop' || notice.action === 'hibernate' ? notice.time ?? 'now' : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
