import type { Logger } from "pino";
import type { Database } from "./db/database";
import { prepareProject } from "./startup";

/**
 * Runs prepareProject once per project per process, before the first request that acts on it: a project is
 * named by its credentials, so this instance learns its projects as requests arrive. Concurrent first
 * requests share one preparation; a failed one is forgotten, so the next request tries again.
 */
export class ProjectPreparation {
  private readonly prepared = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  ready(projectId: string): Promise<void> {
    let preparation = this.prepared.get(projectId);
    if (preparation === undefined) {
      preparation = prepareProject(this.db, projectId, this.logger.child({ projectId }));
      this.prepared.set(projectId, preparation);
      preparation.catch(() => this.prepared.delete(projectId));
    }
    return preparation;
  }
}
