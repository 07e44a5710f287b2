/** The last `keep` files loaded, by path (a small LRU): prints used by consecutive exhibits stay parsed. */
export class RecentlyLoaded<T> {
  private readonly loaded = new Map<string, Promise<T>>();
  constructor(
    private readonly keep: number,
    private readonly loadFile: (file: string) => Promise<T>,
  ) {}

  load(file: string): Promise<T> {
    let hit = this.loaded.get(file);
    if (hit) this.loaded.delete(file);
    else hit = this.loadFile(file);
    this.loaded.set(file, hit); // most recent last
    if (this.loaded.size > this.keep) this.loaded.delete(this.loaded.keys().next().value!);
    return hit;
  }
}
