// Counts the SQL statements Prisma sends, so tests can pin the cost of a query (no N+1).
export class StatementCounter {
  private log: string[] = [];

  record(sql: string): void {
    this.log.push(sql);
  }

  /** Runs `work` and returns its result with the statements it executed. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const start = this.log.length;
    const result = await work();
    const statements = this.log.slice(start);
    return { result, statements };
  }

  reset(): void {
    this.log = [];
  }
}
