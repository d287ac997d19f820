// `pg` ships no types and @types/pg is not installed; the tests only use Client.
declare module 'pg' {
  export class Client {
    constructor(opts: { connectionString: string });
    connect(): Promise<void>;
    query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
    end(): Promise<void>;
  }
  const pg: { Client: typeof Client };
  export default pg;
}
