// Counts the SQL statements Prisma sends, so tests can pin the cost of a query (no N+1).
// Statements are kept only while a measurement runs, so a long-lived server never accumulates them.
export class StatementCounter {
  private log: string[] = [];
  private activeMeasurements = 0;

  record(sql: string): void {
    if (this.activeMeasurements > 0) this.log.push(sql);
  }

  /** Runs `work` and returns its result with the statements it executed. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const start = this.log.length;
    this.activeMeasurements++;
    try {
      const result = await work();
      return { result, statements: this.log.slice(start) };
    } finally {
      if (--this.activeMeasurements === 0) this.log = [];
    }
  }
}
