import { CONTROL_TOKEN } from "./test-sandbox";

export interface ControlState {
  tokenEndpoint: Record<
    string,
    {
      refreshRequests: number;
      refreshesServed: number;
      authorizationCodesServed: number;
      injectedFaults: number;
      failedRequests: number;
    }
  >;
  signingKeys: { kid: string; active: boolean }[];
  grants: {
    grantId: string;
    merchantId: string;
    clientId: string;
    revokedAt: number | null;
    revokedBy: string | null;
  }[];
  faults: Record<string, unknown>;
  callbacks: {
    counts: Record<string, number>;
    recent: { url: string; body: unknown; state: string; attempts: number; queue: string }[];
  };
}

export class ControlClient {
  constructor(private readonly baseUrl: string) {}

  async call(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(new URL(path, this.baseUrl), {
      method,
      headers: { authorization: `Bearer ${CONTROL_TOKEN}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async json<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.call(method, path, body);
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  state(): Promise<ControlState> {
    return this.json<ControlState>("GET", "/control/state");
  }
}
