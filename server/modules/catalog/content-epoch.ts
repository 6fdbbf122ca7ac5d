// Counts the content imports this process has made, so a value remembered from before an import is known stale at
// once here; another process's import is seen when the remembered value expires (RecentReads, recent-reads.ts).
let epoch = 0;

export const contentEpoch = () => epoch;
export const contentImported = () => void epoch++;
