/** The listeners of one node's open status streams, by case. */
export class Watchers {
  private readonly byCase = new Map<string, Set<(seq?: number) => void>>();

  get size(): number {
    return this.byCase.size;
  }

  add(caseId: string, listener: (seq?: number) => void): () => void {
    let set = this.byCase.get(caseId);
    if (!set) this.byCase.set(caseId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.byCase.get(caseId) === set) this.byCase.delete(caseId);
    };
  }

  tell(caseId: string, seq?: number): void {
    for (const listener of [...(this.byCase.get(caseId) ?? [])]) listener(seq);
  }

  tellAll(): void {
    for (const caseId of [...this.byCase.keys()]) this.tell(caseId);
  }
}
