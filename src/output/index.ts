/**
 * The output folder, as builds and captures share it: one writer at a time (lock.ts), and each case's bundle
 * switched into place in one atomic step (slot.ts).
 */
export { acquireLock, type HeldLock, type LockHolder, type LockOptions } from "./lock.js";
export { openSlot, pendingNoteOf, type OutputSlot } from "./slot.js";
